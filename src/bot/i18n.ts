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
  return new I18n<C>({
    defaultLocale: "vi",
    directory: dir,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.profile?.locale ?? "vi",
  });
}
