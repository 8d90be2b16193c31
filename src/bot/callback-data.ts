/**
 * Typed callback data: a prefix and the fields after it, `prefix:field1:field2`, checked by a zod shape on the way
 * in. Anyone can forge any data, so a handler gets either fields that passed the schema or nothing; the rights to act
 * on them are still checked where they are used (access.ts). Field order is the shape's key order; optional fields
 * go last and may be left off. Telegram allows 64 bytes, so `pack` refuses longer data where it is built.
 */
import { z } from "zod";
import { type IdLetter, idPattern, type RecordKind } from "../store/ids.js";
import { FEEDBACK_TOPICS } from "../store/index.js";

/** Telegram's limit on `callback_data`, in bytes. */
const CALLBACK_DATA_LIMIT = 64;

export interface CallbackData<T> {
  readonly prefix: string;
  /** The fields' schemas, in order (the 64-byte test packs the longest value of each). */
  readonly shape: z.ZodRawShape;
  /** The stored records the data names (fields of a record-id schema), which must still exist when it is pressed. */
  records(value: T): { kind: RecordKind; id: string }[];
  /** Whether `data` is of this kind (its prefix), valid or not. */
  owns(data: string): boolean;
  pack(value: T): string;
  /** The fields, or undefined when `data` is not of this kind or does not pass the schema. */
  unpack(data: string): T | undefined;
}

export function callbackData<S extends z.ZodRawShape>(
  prefix: string,
  shape: S,
): CallbackData<z.output<z.ZodObject<S>>> {
  if (prefix.endsWith(":")) throw new Error(`callback prefix "${prefix}" must not end with ":"`);
  const schema = z.object(shape).strict();
  const fields = Object.keys(shape);
  type T = z.output<z.ZodObject<S>>;
  const recordFields = fields.flatMap((field) => {
    const kind = recordKinds.get(unwrapOptional(shape[field]));
    return kind ? [{ field, kind }] : [];
  });
  const kind: CallbackData<T> = {
    prefix,
    shape,
    records: (value) =>
      recordFields.flatMap(({ field, kind }) => {
        const id = (value as Record<string, unknown>)[field];
        return typeof id === "string" ? [{ kind, id }] : [];
      }),
    owns: (data) => data === prefix || data.startsWith(`${prefix}:`),
    pack(value: T): string {
      const parts = [prefix];
      for (const field of fields) {
        const v = (value as Record<string, unknown>)[field];
        if (v === undefined) break;
        const text = String(v);
        if (text.includes(":")) throw new Error(`callback field ${field} must not contain ":" (${text})`);
        parts.push(text);
      }
      const data = parts.join(":");
      if (Buffer.byteLength(data) > CALLBACK_DATA_LIMIT) throw new Error(`callback data over 64 bytes: ${data}`);
      return data;
    },
    unpack(data: string): T | undefined {
      if (data !== prefix && !data.startsWith(`${prefix}:`)) return undefined;
      const rest = data === prefix ? [] : data.slice(prefix.length + 1).split(":");
      if (rest.length > fields.length) return undefined;
      const raw: Record<string, string> = {};
      rest.forEach((v, i) => {
        raw[fields[i] as string] = v;
      });
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
  };
  defined.push(kind as CallbackData<unknown>);
  return kind;
}

const defined: CallbackData<unknown>[] = [];

/** Every kind defined so far (each module defines its kinds when it is loaded). */
export const callbackKinds = (): readonly CallbackData<unknown>[] => defined;

/** Schemas of record ids, by the kind of record they name (so a press can be checked against a record gone). */
const recordKinds = new WeakMap<z.ZodType, RecordKind>();

function unwrapOptional(schema: unknown): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType);
}

function recordId(kind: RecordKind, letter: IdLetter): z.ZodString {
  const schema = z.string().regex(idPattern(letter));
  recordKinds.set(schema, kind);
  return schema;
}

/** Field schemas the callback data of several capabilities share. */
export const ClassId = recordId("class", "c");
export const FaqId = recordId("faq", "f");
export const MaterialId = recordId("material", "m");
export const AnnouncementId = recordId("announcement", "a");
export const SessionId = z.string().regex(/^s\d{2,4}$/);
export const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The fields of a kind of callback data. */
export type DataOf<K> = K extends CallbackData<infer T> ? T : never;
export const QuestionId = recordId("question", "q");

// Buttons that a scene or a queued job puts under its message and a capability answers: defined here, below both.

/** A report version's number (1-based). */
export const ReportVersionNo = z.coerce.number().int().min(1).max(999);
/** «Mở bài»: an instructor opens a learner's report, the latest version unless one is named (reports). */
export const ReportOpen = callbackData("rps:o", {
  classId: ClassId,
  learnerId: UserId,
  version: ReportVersionNo.optional(),
});
/** «Trả lời»: an instructor answers a learner's question (questions). */
export const QuestionAnswer = callbackData("qst:a", { questionId: QuestionId });
/** «Thêm vào Hỏi đáp»: the answer becomes an FAQ entry (questions). */
export const QuestionToFaq = callbackData("qst:f", { questionId: QuestionId });
/** 1–5 stars under a session's rating prompt, which the queued work sends (feedback). */
export const SessionRate = callbackData("fbr", {
  classId: ClassId,
  sessionId: SessionId,
  stars: z.coerce.number().int().min(1).max(5),
});
/** «Viết thu hoạch» under the reflection prompt after a field visit, which the queued work sends (feedback). */
export const SessionReflection = callbackData("fbx", { classId: ClassId, sessionId: SessionId });
/** «Tiếp tục» / «Dừng» under the hint a scene gives when a reply-keyboard button is tapped mid-scene (scenes). */
export const ScenePause = callbackData("scn", { op: z.enum(["go", "stop"]) });
/** «🙋 Hỏi giảng viên» under a Q&A answer (qa puts it there, questions answers it), with the answer's question id. */
export const AskInstructor = callbackData("qa:ask", { q: z.coerce.number().int().min(0).max(999_999).optional() });
/** «Kèm tên tôi» / «Ẩn danh» under the feedback scene's last question; the note's text comes after it (feedback). */
export const FeedbackWho = callbackData("fbw", {
  classId: ClassId,
  topic: z.enum(FEEDBACK_TOPICS),
  who: z.enum(["named", "anon"]),
});
