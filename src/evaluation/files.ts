/**
 * The evaluation outside the bot (the admin CLI): computed from the store, rendered with the Vietnamese strings,
 * optionally written as XLSX and CSV files into a directory.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CertificateRuleInput } from "../domain/certificate.js";
import type { Evaluation } from "../domain/evaluation.js";
import { createI18n } from "../i18n.js";
import type { Store } from "../store/index.js";
import { collectEvaluation } from "./collect.js";
import { type CsvOptions, evaluationCsv, evaluationXlsx, exportFileNames } from "./export.js";

export async function writeEvaluation(
  store: Store,
  classId: string,
  now: Date,
  localesDir?: string,
  dir?: string,
  locale = "vi",
  rule?: CertificateRuleInput,
  csvDelimiter?: CsvOptions["delimiter"],
): Promise<(Evaluation & { files?: string[] }) | undefined> {
  const ev = await collectEvaluation(store, classId, now, rule);
  if (!ev || !dir) return ev;
  const i18n = createI18n(localesDir);
  const t = (k: string, v?: Record<string, string | number>) => i18n.t(locale, k, v);
  const names = exportFileNames(ev);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, names.xlsx), join(dir, names.csv)];
  const centre = (await store.classes.get(classId))?.centre;
  writeFileSync(files[0] as string, await evaluationXlsx(ev, t, { centre }));
  writeFileSync(files[1] as string, evaluationCsv(ev, t, { delimiter: csvDelimiter }));
  return { ...ev, files };
}
