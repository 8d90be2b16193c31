/**
 * The program template: what a course of this program consists of, as data (content/program-template.yaml).
 *
 * The template knows lessons, optional local chuyên đề, the field visit, discussion, report writing and the
 * two ceremonies, plus the default session times and the 4- and 5-day variants from the 2016 guidance.
 * It says nothing about dates: `buildSchedule` (schedule.ts) turns it into a class's sessions.
 */
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { isLocalTime, LocalTimeSchema, minutesOf } from "./time.js";

/**
 * `a` is not after `b` (both `HH:MM`); true when either is malformed, because zod still runs refinements after a
 * field's own check failed and that problem is already reported.
 */
function notAfter(a: string, b: string, strict: boolean): boolean {
  if (!isLocalTime(a) || !isLocalTime(b)) return true;
  return strict ? minutesOf(a) < minutesOf(b) : minutesOf(a) <= minutesOf(b);
}

const TitleSchema = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.normalize("NFC"));
const KeySchema = z.string().regex(/^[a-z0-9_]+$/, { message: "expected a key of a-z, 0-9 and _" });

/** A half-day's start and end, `HH:MM` local. */
export const TimeRangeSchema = z
  .object({ start: LocalTimeSchema, end: LocalTimeSchema })
  .refine((r) => notAfter(r.start, r.end, true), { message: "start must be before end", path: ["end"] });

const SessionTimesSchema = z
  .object({ morning: TimeRangeSchema, afternoon: TimeRangeSchema })
  .refine((t) => notAfter(t.morning.end, t.afternoon.start, false), {
    message: "the morning must end before the afternoon starts",
    path: ["afternoon", "start"],
  });
export type SessionTimes = z.infer<typeof SessionTimesSchema>;

const TemplateLessonSchema = z.object({
  number: z.number().int().positive(),
  title: TitleSchema,
  /** Sessions (half-days) the lesson takes; 1 in the national program. */
  sessions: z.number().int().min(1).max(4).default(1),
  /** Teaching periods (tiết) per session, for information. */
  periods: z.number().int().positive().default(5),
});

const TemplateTopicSchema = z.object({
  key: KeySchema,
  title: TitleSchema,
});

const ActivitySchema = z.object({ title: TitleSchema, sessions: z.number().int().min(1).max(4).default(1) });
const CeremonySchema = z.object({ title: TitleSchema, minutes: z.number().int().min(0).max(120) });
const VariantSchema = z.object({
  /** Course length in days; the schedule aims at twice as many half-day sessions. */
  days: z.number().int().min(1).max(14),
  /** Whether a field visit is planned unless the class says otherwise. */
  fieldVisit: z.boolean(),
});

const ProgramTemplateSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9_-]+$/, { message: "expected an id of a-z, 0-9, _ and -" }),
    name: TitleSchema,
    source: z.string().optional(),
    sessionTimes: SessionTimesSchema,
    lessons: z.array(TemplateLessonSchema).min(1),
    topics: z.array(TemplateTopicSchema).default([]),
    fieldVisit: z
      .object({
        title: TitleSchema,
        minSessions: z.number().int().min(1).max(4),
        maxSessions: z.number().int().min(1).max(4),
      })
      .refine((f) => f.minSessions <= f.maxSessions, {
        message: "minSessions must not exceed maxSessions",
        path: ["maxSessions"],
      }),
    discussion: ActivitySchema,
    reportWriting: ActivitySchema,
    opening: CeremonySchema,
    closing: CeremonySchema,
    variants: z.object({ "4": VariantSchema, "5": VariantSchema }),
  })
  .superRefine((t, ctx) => {
    const numbers = new Set<number>();
    t.lessons.forEach((lesson, i) => {
      if (numbers.has(lesson.number)) {
        ctx.addIssue({ code: "custom", message: `duplicate lesson number ${lesson.number}`, path: ["lessons", i] });
      }
      numbers.add(lesson.number);
    });
    const keys = new Set<string>();
    t.topics.forEach((topic, i) => {
      if (keys.has(topic.key)) {
        ctx.addIssue({ code: "custom", message: `duplicate topic key ${topic.key}`, path: ["topics", i, "key"] });
      }
      keys.add(topic.key);
    });
  });

export type ProgramTemplate = z.infer<typeof ProgramTemplateSchema>;

/** One problem in a template file: a dotted path (`lessons[2].title`) or a YAML position, and what is wrong. */
export interface TemplateProblem {
  path: string;
  message: string;
  /** 1-based line in the YAML text, when the problem comes from parsing text. */
  line?: number;
}

/** Thrown by `parseProgramTemplate`; the message lists every problem, one per line. */
export class ProgramTemplateError extends Error {
  readonly problems: readonly TemplateProblem[];

  constructor(problems: readonly TemplateProblem[]) {
    super(`invalid program template:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n")}`);
    this.name = "ProgramTemplateError";
    this.problems = problems;
  }
}

/** `["lessons", 2, "title"]` → `lessons[2].title`; the root is `(root)`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/** Zod issues as problems, one per issue, in the order zod found them. */
export function problemsFromZod(error: z.ZodError): TemplateProblem[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/**
 * Parse and validate a template from YAML text. Pure: the caller reads the file.
 * Throws `ProgramTemplateError` listing every YAML error (with line and column) or, if the YAML is well formed,
 * every schema problem with its path.
 */
export function parseProgramTemplate(text: string): ProgramTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ProgramTemplateError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: `line ${pos.line}, column ${pos.col}`, message: e.message, line: pos.line };
      }),
    );
  }
  const result = ProgramTemplateSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new ProgramTemplateError(
      result.error.issues.map((issue) => ({
        path: formatIssuePath(issue.path),
        message: issue.message,
        line: lineOfPath(doc, lineCounter, issue.path),
      })),
    );
  }
  return result.data;
}

/** Line of the deepest node that exists along `path` (a missing field points at its parent mapping). */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Resolve a chuyên đề entry: a template key, or otherwise a custom title. */
type ResolvedTopic = { key: string; title: string } | { key?: undefined; title: string };

/**
 * A class names its extra chuyên đề by template key (`dan_van`) or by a title of its own.
 * A bare key-like word that the template does not know is a typo, not a title: it yields `null`.
 */
export function resolveTopic(template: ProgramTemplate, entry: string): ResolvedTopic | null {
  const text = entry.trim();
  if (text === "") return null;
  const known = template.topics.find((t) => t.key === text);
  if (known) return { key: known.key, title: known.title };
  if (/^[a-z0-9_]+$/.test(text)) return null;
  return { title: text.normalize("NFC") };
}
