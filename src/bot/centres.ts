/** The centres the classes name, for the commands a centre's coordinator sets its own values with. */
import type { Store } from "../store/index.js";

/** Every centre a class names, once each, in Vietnamese order (the same order for a list and its buttons). */
export async function centreNames(store: Store): Promise<string[]> {
  const all = (await store.classes.list()).map((c) => c.centre).filter((c): c is string => !!c);
  return [...new Set(all)].sort((a, b) => a.localeCompare(b, "vi"));
}
