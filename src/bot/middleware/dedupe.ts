/**
 * Each `update_id` is handled once, even when Telegram delivers it again — a webhook answered too late, a process
 * that died mid-update, a redelivery landing on another instance behind the load balancer, a polling process that
 * restarted before confirming its offset.
 *
 * Claim-then-process: the first process to `SET NX` the update's key handles it; every other delivery is dropped
 * silently (the user already got, or is getting, the answer). When handling fails because storage is down, the claim
 * is given back so that a redelivery is handled rather than lost.
 */
import type { Context, MiddlewareFn } from "grammy";
import { isStorageDown } from "../../store/errors.js";
import type { AppFlavor, RoleFlavor } from "../context.js";

type DedupeContext = Context & AppFlavor & RoleFlavor;

export function dedupe(): MiddlewareFn<DedupeContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    // Updates from a user were claimed in the app middleware's first round trip (UpdateRepo.begin); others here.
    const claimed = ctx.updateStart?.claimed ?? (await ctx.deps.store.updates.claim(id));
    if (!claimed) {
      ctx.log.info("duplicate update dropped (already handled by this or another process)");
      return;
    }
    try {
      await next();
    } catch (err) {
      if (isStorageDown(err)) await releaseClaim(ctx);
      throw err;
    }
  };
}

/** Gives the update's claim back (handling failed because storage is down), so a redelivery is handled. */
export async function releaseClaim(ctx: DedupeContext): Promise<void> {
  await ctx.deps.store.updates.release(ctx.update.update_id).catch((releaseErr: unknown) => {
    ctx.log.warn({ err: String(releaseErr) }, "could not release the update claim; a redelivery will be dropped");
  });
}
