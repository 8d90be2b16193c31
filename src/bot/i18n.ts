import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { AppFlavor } from "./context.js";

export const DEFAULT_LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/**
 * Fluent translations, `vi` first. The locale comes from the user's stored profile (not the grammY session),
 * because scenes do not see the session and must speak the language the user chose.
 */
export function createI18n<C extends Context & AppFlavor>(dir = DEFAULT_LOCALES_DIR): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: "vi",
    directory: dir,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.profile?.locale ?? "vi",
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
