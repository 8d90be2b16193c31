/**
 * Text and keyboards that depend only on the user's language and a few facts given as `variant` (a role, "is
 * registered"), rendered once per process and translation set, then reused: the help and the main menu go out with
 * most replies, and each is a dozen or two Fluent lookups. Translations are fixed for the life of an I18n instance.
 * What `build` returns is shared between updates and must not be changed by the caller.
 */
import { localeOf } from "../i18n.js";
import type { AppFlavor } from "./context.js";

const renderedOnce = new WeakMap<object, Map<string, unknown>>();

export function rendered<T>(ctx: AppFlavor, variant: string, build: () => T): T {
  let cache = renderedOnce.get(ctx.deps.i18n);
  if (!cache) {
    cache = new Map();
    renderedOnce.set(ctx.deps.i18n, cache);
  }
  const key = `${localeOf(ctx)}\u0000${variant}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = build();
    if (cache.size < 1_000) cache.set(key, value);
  }
  return value;
}
