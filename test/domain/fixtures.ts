import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ProgramTemplate, parseProgramTemplate } from "../../src/domain/template.js";

/** The template the project ships, read once. */
export const templateText = readFileSync(
  fileURLToPath(new URL("../../content/program-template.yaml", import.meta.url)),
  "utf8",
);

export function shippedTemplate(): ProgramTemplate {
  return parseProgramTemplate(templateText);
}
