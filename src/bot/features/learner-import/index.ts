/**
 * /import: a coordinator sends a class's learner list (CSV or .xlsx) and confirms it after a preview — the scene in
 * scenes/learners/import.ts, over the same strict reading as the CLI's `learners import` (src/classes/learner-file.ts).
 */
import { LEARNER_IMPORT_SCENE, learnerImportScene } from "../../../../scenes/learners/import.js";
import { CapabilityBuilder } from "../../capability.js";

export const learnerImport = new CapabilityBuilder("learner-import")
  .scene(LEARNER_IMPORT_SCENE, learnerImportScene, { role: "coordinator", entries: () => [{ command: "import" }] })
  .command("import", (ctx) => ctx.conversation.enter(LEARNER_IMPORT_SCENE))
  .build();
