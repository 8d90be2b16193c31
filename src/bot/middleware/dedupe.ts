/**
 * Each `update_id` is handled once, even when Telegram delivers it again — a webhook answered too late, a process
 * that died mid-update, a redelivery landing on another instance behind the load balancer, a polling process that
 * restarted before confirming its offset.
 *
 * Claim-then-process: the first process to `SET NX` the update's key handles it; every other delivery is dropped
 * silently (the user already got, or is getting, the answer). When handling fails because storage is down or refuses,
 * the claim is given back so that a redelivery is handled rather than lost: for an update from a user by the app
 * middleware's boundary (which took the claim), for the others here.
 */
import type { Context, MiddlewareFn } from "grammy";
import { isStorageDown } from "../../store/errors.js";
import { newClaimToken } from "../../store/updates.js";
import type { AppFlavor, RoleFlavor } from "../context.js";

type DedupeContext = Context & AppFlavor & RoleFlavor;

export function dedupe(): MiddlewareFn<DedupeContext> {
  return async (ctx, next) => {
    // Updates from a user were claimed in the app middleware's first round trip (UpdateRepo.begin); others here.
    if (ctx.updateStart) {
      if (ctx.updateStart.claimed) return next();
      return dropped(ctx);
    }
    const token = newClaimToken();
    if (!(await ctx.deps.store.updates.claim(ctx.update.update_id, token))) return dropped(ctx);
    try {
      await next();
    } catch (err) {
      if (isStorageDown(err)) await releaseClaim(ctx, token);
      throw err;
    }
  };
}

function dropped(ctx: DedupeContext): void {
  ctx.log.info("duplicate update dropped (already handled by this or another process)");
}

/**
 * Gives the update's claim back (handling failed because storage is down or refused), so a redelivery is handled;
 * only a claim still holding `token` (this attempt's) is removed. False when Redis could not be asked.
 */
export async function releaseClaim(ctx: DedupeContext, token: string): Promise<boolean> {
  return ctx.deps.store.updates.release(ctx.update.update_id, token).then(
    () => true,
    (releaseErr: unknown) => {
      ctx.log.warn({ err: String(releaseErr) }, "could not release the update claim; a redelivery may be dropped");
      return false;
    },
  );
}
