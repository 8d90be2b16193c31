/**
 * Admin CLI over the same store as the bot (`npm run cli -- …`). Needs REDIS_URL. Prints JSON (or CSV) on stdout;
 * bad arguments get a clear message on stderr and exit code 2; a missing REDIS_URL or configuration problem exits 1.
 *
 *   class create --name <text> --start <YYYY-MM-DD> [--days 4|5] [--venue <text>] [--centre <text>]
 *   class list
 *   class schedule <classId>
 *   class export <classId> [--format json|csv] [--evaluation <dir>]
 *   learners import <classId> <file.csv|.xlsx> [--by <telegramId>] [--lang vi|en]
 *   material add <file> (--centre <name> | --class <classId>) [--replace <materialId>]
 *   material list [--centre <name>]
 *   material remove <materialId>
 */
import { existsSync, readFileSync } from "node:fs";
import { Api } from "grammy";
import { readLearnerFile } from "./classes/learner-file.js";
import {
  createClass,
  exportClass,
  exportCsv,
  loadProgramTemplate,
  parseDateInput,
  planClassReminders,
} from "./classes/service.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { MAX_MATERIAL_BYTES, prepareMaterial } from "./documents/material.js";
import { ScheduleOptionsError } from "./domain/schedule.js";
import { localDateOf, localTimeOf } from "./domain/time.js";
import { writeEvaluation } from "./evaluation/files.js";
import { createI18n } from "./i18n.js";
import { BullJobs } from "./jobs/index.js";
import { createLogger } from "./logger.js";
import { type ClassRecord, centreScope, classScope, createRedis, type MaterialScope, Store } from "./store/index.js";

const USAGE = `Usage: npm run cli -- <command>
  class create --name <text> --start <YYYY-MM-DD> [--days 4|5] [--venue <text>] [--centre <text>]
  class list
  class schedule <classId>
  class export <classId> [--format json|csv] [--evaluation <dir>] [--delimiter ";"]   (dir: writes the evaluation XLSX and CSV)
  learners import <classId> <file.csv|.xlsx> [--by <telegramId>] [--lang vi|en]   (columns: full name, unit, optional phone / Telegram
                                           username; --by: who passes reminders on to those not joined yet)
  material add <file> (--centre <name> | --class <classId>) [--replace <materialId>]   (DOCX, PDF, ODT, Markdown)
  material list [--centre <name>]
  material remove <materialId>
Needs REDIS_URL (the bot's Redis).`;

class UsageError extends Error {}

/** The CLI works on the bot's Redis, so it runs only with a configuration that has one. */
type RedisConfig = Extract<Config, { storage: "redis" }>;

/** `--name x --days 5 pos1 pos2` → flags and positionals; a flag without a value is an error. */
function parseArgs(argv: string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(a);
  }
  return { flags, positional };
}

function only(flags: Map<string, string>, allowed: string[]): void {
  for (const f of flags.keys()) {
    if (!allowed.includes(f)) throw new UsageError(`unknown option --${f}`);
  }
}

async function botUsername(config: Config): Promise<string | undefined> {
  if (config.botUsername) return config.botUsername;
  if (!config.botToken) return undefined;
  try {
    const me = await new Api(config.botToken, { apiRoot: config.apiRoot }).getMe();
    return me.username;
  } catch {
    return undefined;
  }
}

function links(username: string | undefined, record: ClassRecord) {
  if (!username) return {};
  return {
    learnerLink: `https://t.me/${username}?start=${record.learnerCode}`,
    instructorLink: `https://t.me/${username}?start=${record.instructorCode}`,
  };
}

function scheduleJson(record: ClassRecord) {
  return record.sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    ...(s.lesson !== undefined ? { lesson: s.lesson } : {}),
    title: s.title,
    day: s.day,
    date: localDateOf(s.start, record.timeZone),
    half: s.half,
    start: localTimeOf(s.start, record.timeZone),
    end: localTimeOf(s.end, record.timeZone),
    ...(s.venue ? { venue: s.venue } : {}),
    ...(s.instructor ? { instructor: s.instructor } : {}),
  }));
}

async function run(argv: string[], config: RedisConfig, store: Store): Promise<string> {
  const [group, command, ...rest] = argv;
  const { flags, positional } = parseArgs(rest);
  const logger = createLogger("silent");
  const needClass = async () => {
    const id = positional[0];
    if (!id) throw new UsageError(`${group} ${command} needs a class id`);
    const record = await store.classes.get(id);
    if (!record) throw new UsageError(`no class with id "${id}" (see: class list)`);
    return record;
  };

  if (group === "class" && command === "create") {
    only(flags, ["name", "start", "days", "venue", "centre", "followup-days"]);
    const name = flags.get("name")?.trim();
    if (!name || name.length < 3) throw new UsageError("--name is required (at least 3 characters)");
    const startRaw = flags.get("start");
    if (!startRaw) throw new UsageError("--start is required (YYYY-MM-DD)");
    const start = parseDateInput(startRaw);
    if (!start) throw new UsageError(`--start "${startRaw}" is not a date (YYYY-MM-DD, e.g. 2026-12-01)`);
    const days = flags.get("days") ?? "4";
    if (days !== "4" && days !== "5") throw new UsageError(`--days must be 4 or 5 (got "${days}")`);
    const followupRaw = flags.get("followup-days");
    const followupDays = followupRaw === undefined ? config.followupDays : Number(followupRaw);
    if (!Number.isInteger(followupDays) || followupDays < 1 || followupDays > 730) {
      throw new UsageError(`--followup-days must be a whole number of days from 1 to 730 (got "${followupRaw}")`);
    }
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const now = new Date();
    const record = await createClass(
      store,
      loadProgramTemplate(config.contentDir),
      {
        name,
        startDate: start,
        variant: Number(days) as 4 | 5,
        venue: flags.get("venue"),
        centre: flags.get("centre"),
        timeZone: config.timeZone,
        followupDays,
      },
      now,
    );
    const jobs = new BullJobs({ url: config.redisUrl, logger });
    try {
      await planClassReminders(store, jobs, record, now);
    } finally {
      await jobs.close();
    }
    return JSON.stringify(
      {
        id: record.id,
        name: record.name,
        startDate: record.startDate,
        days: record.variant,
        learnerCode: record.learnerCode,
        instructorCode: record.instructorCode,
        ...links(await botUsername(config), record),
        sessions: record.sessions.length,
      },
      null,
      2,
    );
  }
  if (group === "class" && command === "list") {
    only(flags, []);
    const list = await store.classes.list();
    const out = [];
    for (const c of list) {
      out.push({
        id: c.id,
        name: c.name,
        centre: c.centre,
        venue: c.venue,
        startDate: c.startDate,
        days: c.variant,
        learners: (await store.classes.learners(c.id)).length,
        instructors: (await store.classes.instructors(c.id)).length,
      });
    }
    return JSON.stringify(out, null, 2);
  }
  if (group === "class" && command === "schedule") {
    only(flags, []);
    const record = await needClass();
    return JSON.stringify(
      { id: record.id, name: record.name, timeZone: record.timeZone, sessions: scheduleJson(record) },
      null,
      2,
    );
  }
  if (group === "class" && command === "export") {
    only(flags, ["format", "evaluation", "delimiter"]);
    const format = flags.get("format") ?? "json";
    if (format !== "json" && format !== "csv") throw new UsageError(`--format must be json or csv (got "${format}")`);
    // `;` for Excel set to Vietnamese, whose list separator is not the comma.
    const delimiter = flags.get("delimiter") ?? ",";
    if (delimiter !== "," && delimiter !== ";") throw new UsageError(`--delimiter must be , or ; (got "${delimiter}")`);
    const record = await needClass();
    const data = await exportClass(store, record.id);
    if (!data) throw new UsageError(`no class with id "${record.id}"`);
    // The class evaluation too, and with --evaluation <dir> its XLSX and CSV (UTF-8 BOM) files.
    const evaluation = await writeEvaluation(
      store,
      record.id,
      new Date(),
      config.localesDir,
      flags.get("evaluation"),
      "vi",
      config.certificate,
      delimiter,
    );
    return format === "csv"
      ? exportCsv(data)
      : JSON.stringify({ ...data, schedule: scheduleJson(record), evaluation }, null, 2);
  }
  if (group === "learners" && command === "import") {
    only(flags, ["by", "lang"]);
    // Centre staff read this: Vietnamese unless asked otherwise.
    const lang = flags.get("lang") ?? "vi";
    if (lang !== "vi" && lang !== "en") throw new UsageError(`--lang must be vi or en (got "${lang}")`);
    const i18n = createI18n(config.localesDir);
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);
    // Who passes the bot's reminders on to those on the list who have not joined (a Telegram user id).
    const by = flags.get("by");
    if (by !== undefined && !/^\d{1,15}$/.test(by)) throw new UsageError("--by needs a Telegram user id");
    const record = await needClass();
    const file = positional[1];
    if (!file) throw new UsageError(t("import-cli-needs-file"));
    if (!existsSync(file)) throw new UsageError(t("import-cli-no-file", { file }));
    const read = await readLearnerFile(readFileSync(file), file);
    if (!read.ok) throw new UsageError(`${file}: ${t(`import-refused-${read.refusal}`)}`);
    const { learners } = read;
    const problems = read.problems.map((p) => t(`import-problem-${p.code}`, { row: p.row, value: p.value ?? "" }));
    if (learners.length === 0)
      throw new UsageError(`${t("import-none", { file })}${problems.length ? `:\n  ${problems.join("\n  ")}` : ""}`);
    const total = await store.classes.importLearners(
      record.id,
      by === undefined ? learners : learners.map((l) => ({ ...l, importedBy: Number(by) })),
    );
    return JSON.stringify({ classId: record.id, imported: learners.length, total, problems }, null, 2);
  }
  if (group === "material") return material(command, flags, positional, store);
  throw new UsageError(group ? `unknown command "${[group, command].filter(Boolean).join(" ")}"` : "no command given");
}

/** What to do about a file that cannot be used, as the bot says it (locales: material-problem-*). */
const PROBLEMS: Record<string, string> = {
  scanned:
    "a scan (images) with no text layer, nothing to read; use the DOCX, a PDF exported from Word/LibreOffice, or run OCR on it first",
  empty: "no text to read",
  unreadable: "could not be opened (damaged or password-protected); save it again",
  unsupported: "not a DOCX, PDF, ODT or Markdown file",
};

/** `material add|list|remove`: a centre's own files, as the bot's coordinators manage them. */
async function material(
  command: string | undefined,
  flags: Map<string, string>,
  positional: string[],
  store: Store,
): Promise<string> {
  if (command === "add") {
    only(flags, ["centre", "class", "replace"]);
    const file = positional[0];
    if (!file) throw new UsageError("material add needs a file");
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const centre = flags.get("centre")?.trim().normalize("NFC");
    const classId = flags.get("class");
    if (!centre === !classId) throw new UsageError("material add needs --centre <name> or --class <classId>");
    if (classId && !(await store.classes.get(classId))) throw new UsageError(`no class with id "${classId}"`);
    const scope: MaterialScope = centre ? centreScope(centre) : classScope(classId!);
    const replaces = flags.get("replace");
    if (replaces && !(await store.materials.get(replaces))) throw new UsageError(`no material with id "${replaces}"`);
    const bytes = readFileSync(file);
    if (bytes.byteLength > MAX_MATERIAL_BYTES) throw new UsageError(`${file} is over 20 MB, the bot download limit`);
    const name = file.split(/[\\/]/).pop()!;
    const preview = await prepareMaterial(new Uint8Array(bytes), name);
    if (!preview.usable) throw new UsageError(`${file}: ${PROBLEMS[preview.problems[0] ?? "unreadable"]}`);
    const record = await store.materials.put(
      {
        scope,
        fileName: name,
        title: preview.title,
        format: preview.format,
        pages: preview.pages,
        body: preview.body,
        pageAt: preview.pageAt,
        addedBy: 0,
        addedAt: new Date().toISOString(),
      },
      replaces,
    );
    const { body: _body, pageAt: _pageAt, ...shown } = preview;
    return JSON.stringify({ id: record.id, scope, ...shown }, null, 2);
  }
  if (command === "list") {
    only(flags, ["centre"]);
    const centre = flags.get("centre")?.trim().normalize("NFC");
    const all = await store.materials.list();
    const classIds = centre ? (await store.classes.list()).filter((c) => c.centre === centre).map((c) => c.id) : [];
    const list = centre ? await store.materials.ofCentre(centre, classIds) : all;
    return JSON.stringify(
      list.map((m) => ({
        id: m.id,
        scope: m.scope,
        file: m.fileName,
        title: m.title,
        pages: m.pages,
        addedAt: m.addedAt,
      })),
      null,
      2,
    );
  }
  if (command === "remove") {
    only(flags, []);
    const id = positional[0];
    if (!id) throw new UsageError("material remove needs a material id (see: material list)");
    if (!(await store.materials.remove(id))) throw new UsageError(`no material with id "${id}"`);
    return JSON.stringify({ removed: id });
  }
  throw new UsageError(`unknown command "material ${command ?? ""}"`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    process.stderr.write(`${USAGE}\n`);
    process.exit(argv.length === 0 ? 2 : 0);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (!config.redisUrl) {
    process.stderr.write(
      "trogiang cli: REDIS_URL is required — the CLI works on the bot's Redis, e.g.\n  REDIS_URL=redis://127.0.0.1:6379/0 npm run cli -- class list\n",
    );
    process.exit(1);
  }
  const store = new Store(createRedis({ url: config.redisUrl }));
  let code = 0;
  try {
    process.stdout.write(`${await run(argv, config, store)}\n`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`trogiang cli: ${err.message}\n\n${USAGE}\n`);
      code = 2;
    } else if (err instanceof ScheduleOptionsError) {
      process.stderr.write(`trogiang cli: ${err.message}\n`);
      code = 2;
    } else {
      process.stderr.write(`trogiang cli: ${err instanceof Error ? err.message : String(err)}\n`);
      code = 1;
    }
  } finally {
    await store.close();
  }
  process.exit(code);
}

void main();
