/** The centres the classes name, for the commands a centre's coordinator sets its own values with. */
import { foldText } from "../search/fold.js";
import type { Store } from "../store/index.js";

/** Every centre a class names, once each, in Vietnamese order (the same order for a list and its buttons). */
export async function centreNames(store: Store): Promise<string[]> {
  const all = (await store.classes.list()).map((c) => c.centre).filter((c): c is string => !!c);
  return [...new Set(all)].sort((a, b) => a.localeCompare(b, "vi"));
}

/** The centre among `names` that the typed words name, accents and case aside. */
export function centreNamed(names: readonly string[], words: readonly string[]): string | undefined {
  const wanted = foldText(words.join(" "));
  return names.find((n) => foldText(n) === wanted);
}
