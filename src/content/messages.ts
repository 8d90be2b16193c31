/**
 * The language of the messages centre staff read from the content tools (`content:check`, the start-up refusal, the
 * admin CLI): Vietnamese, or English when asked. Outside any update, so the locale is passed in, not negotiated.
 */
import { createI18n, type Translate } from "../i18n.js";

export type ToolLocale = "vi" | "en";

const bundles = new Map<string, ReturnType<typeof createI18n>>();

/** A `Translate` for `locale`, over `locales/` (or `localesDir`); the Fluent files are read once per directory. */
export function contentTranslator(locale: ToolLocale, localesDir?: string): Translate {
  const key = localesDir ?? "";
  let i18n = bundles.get(key);
  if (!i18n) {
    i18n = createI18n(localesDir);
    bundles.set(key, i18n);
  }
  const loaded = i18n;
  return (k, vars) => loaded.t(locale, k, vars);
}

/**
 * The locale asked for on the command line: `--lang en` / `--lang=en`, else `CONTENT_LANG`, else Vietnamese.
 * Returns the value as given when it is neither vi nor en, for the caller to refuse.
 */
export function toolLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--lang") return argv[i + 1] ?? "";
    if (a.startsWith("--lang=")) return a.slice("--lang=".length);
  }
  return env.CONTENT_LANG?.trim() || "vi";
}

export const isToolLocale = (l: string): l is ToolLocale => l === "vi" || l === "en";
