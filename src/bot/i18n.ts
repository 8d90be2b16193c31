import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { AppFlavor } from "./context.js";

export const DEFAULT_LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/** The user's language: the one stored in their profile, else Vietnamese (what `ctx.t` speaks in, everywhere). */
export const localeOf = (ctx: Partial<AppFlavor>): string => ctx.profile?.locale ?? "vi";

/**
 * Text and keyboards that depend only on the user's language and a few facts given as `variant` (a role, "is
 * registered"), rendered once per process and translation set, then reused: the help and the main menu go out with
 * most replies, and each is a dozen or two Fluent lookups. Translations are fixed for the life of an I18n instance.
 * What `build` returns is shared between updates and must not be changed by the caller.
 */
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

/**
 * Fluent translations, `vi` first. The locale comes from the user's stored profile (not the grammY session),
 * because scenes do not see the session and must speak the language the user chose.
 */
export function createI18n<C extends Context & AppFlavor>(dir = DEFAULT_LOCALES_DIR): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: "vi",
    directory: dir,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: localeOf,
  });
  memoizeBundleMatching(i18n.fluent as unknown as FluentInternals);
  return i18n;
}

interface FluentInternals {
  matchBundles(locales: string[]): Set<unknown>;
  addBundle(...args: unknown[]): void;
}

/**
 * @grammyjs/i18n negotiates the language (building locale objects and arrays) on EVERY `ctx.t` call — a /help
 * reply makes dozens — although the answer only changes when translations are added. Caching it per requested
 * locale list (cleared whenever a bundle is added) takes that work out of the hot path of every update.
 */
function memoizeBundleMatching(fluent: FluentInternals): void {
  if (typeof fluent?.matchBundles !== "function" || typeof fluent.addBundle !== "function") return;
  const match = fluent.matchBundles.bind(fluent);
  const add = fluent.addBundle.bind(fluent);
  const cache = new Map<string, Set<unknown>>();
  fluent.matchBundles = (locales) => {
    const key = locales.join("\u0000");
    let bundles = cache.get(key);
    if (!bundles) {
      bundles = match(locales);
      if (cache.size < 100) cache.set(key, bundles);
    }
    return bundles;
  };
  fluent.addBundle = (...args) => {
    cache.clear();
    add(...args);
  };
}
