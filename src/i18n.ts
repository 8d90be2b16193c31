/**
 * Fluent translations (`locales/`), `vi` first. The locale comes from the user's stored profile, not from a session,
 * because scenes do not see the session and must speak the language the user chose. Below the bot so that the
 * exports and jobs, which render outside any update, load the same translations.
 */
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { installPath } from "./paths.js";
import type { UserProfile } from "./store/index.js";

const DEFAULT_LOCALES_DIR = installPath("locales");

/** A translation lookup: a Fluent key and its variables → the text in one language. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The user's language: the one stored in their profile; until they choose, their Telegram app's language when it is
 * English; else Vietnamese.
 */
export const localeOf = (ctx: {
  profile?: UserProfile | undefined;
  from?: { language_code?: string | undefined } | undefined;
}): string => ctx.profile?.locale ?? (ctx.from?.language_code?.startsWith("en") ? "en" : "vi");

export function createI18n<C extends Context & { profile?: UserProfile | undefined }>(
  dir = DEFAULT_LOCALES_DIR,
): I18n<C> {
  return new I18n<C>({
    defaultLocale: "vi",
    directory: dir,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: localeOf,
  });
}
