/**
 * Admin CLI over the same store as the bot (`npm run cli -- …`). Needs REDIS_URL. Prints JSON (or CSV) on stdout;
 * bad arguments get a clear message on stderr and exit code 2; a missing REDIS_URL or configuration problem exits 1.
 * Centre staff read the usage text and the messages: Vietnamese, English with `--lang en` (any position; the
 * texts are `cli-*` in `locales/<lang>/cli.ftl`). JSON on stdout is the same in both.
 *
 *   class create --name <text> --start <YYYY-MM-DD> [--days 4|5] [--venue <text>] [--centre <text>] [--weekend-start keep|monday] [--past-start yes]
 *   class list
 *   class schedule <classId>
 *   class export <classId> [--format json|csv] [--evaluation <dir>]
 *   learners import <classId> <file.csv|.xlsx> [--by <telegramId>]
 *   material add <file> (--centre <name> | --class <classId>) [--replace <materialId>]
 *   material list [--centre <name>]
 *   material remove <materialId>
 *   store status | store ack      (the deployment marker and the data-loss alarm, src/store/marker.ts)
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
import { contentTranslator, isToolLocale, type ToolLocale, toolLocale } from "./content/messages.js";
import { MAX_MATERIAL_BYTES, prepareMaterial } from "./documents/material.js";
import { ScheduleOptionsError } from "./domain/schedule.js";
import { formatDate, isWeekend, localDateOf, localTimeOf } from "./domain/time.js";
import { writeEvaluation } from "./evaluation/files.js";
import type { Translate } from "./i18n.js";
import { BullJobs } from "./jobs/index.js";
import { createLogger } from "./logger.js";
import { type ClassRecord, centreScope, classScope, createRedis, type MaterialScope, Store } from "./store/index.js";

/** A mistake in the arguments, in the reader's language: printed with the usage text, exit code 2. */
class UsageError extends Error {}

/** The CLI works on the bot's Redis, so it runs only with a configuration that has one. */
type RedisConfig = Extract<Config, { storage: "redis" }>;

/** `--name x --days 5 pos1 pos2` → flags and positionals; a flag without a value is an error. */
function parseArgs(argv: string[], t: Translate): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--")))
        throw new UsageError(t("cli-flag-needs-value", { name }));
      flags.set(name, value);
    } else positional.push(a);
  }
  return { flags, positional };
}

function onlyFlags(flags: Map<string, string>, allowed: string[], t: Translate): void {
  for (const f of flags.keys()) {
    if (!allowed.includes(f)) throw new UsageError(t("cli-unknown-option", { name: f }));
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

async function run(argv: string[], config: RedisConfig, store: Store, t: Translate): Promise<string> {
  const [group, command, ...rest] = argv;
  const { flags, positional } = parseArgs(rest, t);
  const only = (flags: Map<string, string>, allowed: string[]) => onlyFlags(flags, allowed, t);
  const logger = createLogger("silent");
  const needClass = async () => {
    const id = positional[0];
    if (!id) throw new UsageError(t("cli-needs-class-id", { command: `${group} ${command}` }));
    const record = await store.classes.get(id);
    if (!record) throw new UsageError(t("cli-no-class", { id }));
    return record;
  };

  if (group === "class" && command === "create") {
    only(flags, ["name", "start", "days", "venue", "centre", "followup-days", "weekend-start", "past-start"]);
    const name = flags.get("name")?.trim();
    if (!name || name.length < 3) throw new UsageError(t("cli-name-required"));
    const startRaw = flags.get("start");
    if (!startRaw) throw new UsageError(t("cli-start-required"));
    const start = parseDateInput(startRaw);
    if (!start) throw new UsageError(t("cli-start-not-date", { value: startRaw }));
    const days = flags.get("days") ?? "4";
    if (days !== "4" && days !== "5") throw new UsageError(t("cli-days-invalid", { value: days }));
    const followupRaw = flags.get("followup-days");
    const followupDays = followupRaw === undefined ? config.followupDays : Number(followupRaw);
    if (!Number.isInteger(followupDays) || followupDays < 1 || followupDays > 730) {
      throw new UsageError(t("cli-followup-invalid", { value: followupRaw ?? "" }));
    }
    if (positional.length > 0) throw new UsageError(t("cli-unexpected-argument", { value: positional[0]! }));
    const now = new Date();
    // As in /newclass: a start in the past or on a weekend is said, and goes ahead only when asked for.
    if (start < localDateOf(now, config.timeZone) && flags.get("past-start") !== "yes") {
      throw new UsageError(t("cli-start-past", { start: formatDate(start) }));
    }
    const weekend = flags.get("weekend-start");
    if (isWeekend(start) && weekend !== "keep" && weekend !== "monday") {
      throw new UsageError(t("cli-start-weekend", { start: formatDate(start) }));
    }
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
        keepStartDate: weekend === "keep",
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
    if (format !== "json" && format !== "csv") throw new UsageError(t("cli-format-invalid", { value: format }));
    // `;` for Excel set to Vietnamese, whose list separator is not the comma.
    const delimiter = flags.get("delimiter") ?? ",";
    if (delimiter !== "," && delimiter !== ";") throw new UsageError(t("cli-delimiter-invalid", { value: delimiter }));
    const record = await needClass();
    const data = await exportClass(store, record.id);
    if (!data) throw new UsageError(t("cli-no-class", { id: record.id }));
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
    only(flags, ["by"]);
    // Who passes the bot's reminders on to those on the list who have not joined (a Telegram user id).
    const by = flags.get("by");
    if (by !== undefined && !/^\d{1,15}$/.test(by)) throw new UsageError(t("cli-by-invalid"));
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
  if (group === "material") return material(command, flags, positional, store, t);
  if (group === "store" && command === "status") {
    only(flags, []);
    const [marker, lost, persistence] = await Promise.all([
      store.marker.read(),
      store.marker.loss(),
      store.marker.persistence(),
    ]);
    return JSON.stringify({ marker: marker ?? null, lost: lost ?? null, persistence: persistence.state }, null, 2);
  }
  if (group === "store" && command === "ack") {
    only(flags, []);
    // Every bot process clears its alarm at its next check (within a minute).
    return JSON.stringify({ cleared: (await store.marker.clearLoss()) ?? null }, null, 2);
  }
  throw new UsageError(
    group ? t("cli-unknown-command", { command: [group, command].filter(Boolean).join(" ") }) : t("cli-no-command"),
  );
}

/** `material add|list|remove`: a centre's own files, as the bot's coordinators manage them. */
async function material(
  command: string | undefined,
  flags: Map<string, string>,
  positional: string[],
  store: Store,
  t: Translate,
): Promise<string> {
  const only = (flags: Map<string, string>, allowed: string[]) => onlyFlags(flags, allowed, t);
  if (command === "add") {
    only(flags, ["centre", "class", "replace"]);
    const file = positional[0];
    if (!file) throw new UsageError(t("cli-material-needs-file"));
    if (!existsSync(file)) throw new UsageError(t("cli-no-file", { file }));
    const centre = flags.get("centre")?.trim().normalize("NFC");
    const classId = flags.get("class");
    if (!centre === !classId) throw new UsageError(t("cli-material-needs-scope"));
    if (classId && !(await store.classes.get(classId))) throw new UsageError(t("cli-no-class", { id: classId }));
    const scope: MaterialScope = centre ? centreScope(centre) : classScope(classId!);
    const replaces = flags.get("replace");
    if (replaces && !(await store.materials.get(replaces)))
      throw new UsageError(t("cli-no-material", { id: replaces }));
    const bytes = readFileSync(file);
    if (bytes.byteLength > MAX_MATERIAL_BYTES) throw new UsageError(t("cli-material-too-big", { file }));
    const name = file.split(/[\\/]/).pop()!;
    const preview = await prepareMaterial(new Uint8Array(bytes), name);
    // What to do about a file that cannot be used, as the bot says it (scanned, empty, unreadable, unsupported).
    if (!preview.usable) throw new UsageError(t(`cli-material-${preview.problems[0] ?? "unreadable"}`, { file }));
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
    if (!id) throw new UsageError(t("cli-material-needs-id"));
    if (!(await store.materials.remove(id))) throw new UsageError(t("cli-no-material", { id }));
    return JSON.stringify({ removed: id });
  }
  throw new UsageError(t("cli-unknown-command", { command: `material ${command ?? ""}`.trim() }));
}

async function main(): Promise<void> {
  const { argv, lang: asked } = withoutLang(process.argv.slice(2));
  // Before the configuration is read, so the usage text is at hand even without one.
  const lang: ToolLocale = isToolLocale(asked) ? asked : "vi";
  let t = contentTranslator(lang);
  if (!isToolLocale(asked)) {
    process.stderr.write(`${t("cli-prefix", { message: t("cli-bad-lang", { lang: asked }) })}\n\n${t("cli-usage")}\n`);
    process.exit(2);
  }
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    process.stderr.write(`${t("cli-usage")}\n`);
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
    process.stderr.write(`${t("cli-needs-redis")}\n`);
    process.exit(1);
  }
  t = contentTranslator(lang, config.localesDir);
  const store = new Store(createRedis({ url: config.redisUrl }));
  let code = 0;
  try {
    process.stdout.write(`${await run(argv, config, store, t)}\n`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${t("cli-prefix", { message: err.message })}\n\n${t("cli-usage")}\n`);
      code = 2;
    } else if (err instanceof ScheduleOptionsError) {
      process.stderr.write(`${t("cli-prefix", { message: err.message })}\n`);
      code = 2;
    } else {
      process.stderr.write(`${t("cli-prefix", { message: err instanceof Error ? err.message : String(err) })}\n`);
      code = 1;
    }
  } finally {
    await store.close();
  }
  process.exit(code);
}

/** `--lang en` / `--lang=en` wherever it stands (else `CONTENT_LANG`, else vi), taken out of the arguments every command sees. */
function withoutLang(args: string[]): { argv: string[]; lang: string } {
  const lang = toolLocale(args);
  const argv: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--lang") i++;
    else if (!args[i]!.startsWith("--lang=")) argv.push(args[i]!);
  }
  return { argv, lang };
}

void main();
