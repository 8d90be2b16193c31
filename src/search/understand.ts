/**
 * What a message means, before anything is searched: a question about using the bot, about the learner's own class,
 * small talk, something near the course that the material does not cover — or a question about the program, which
 * goes to the search. Pure: the intents are data (examples per intent, `locales/<lang>/intents.yaml`), matched with
 * the search's folding and shorthand, and one edit of typo tolerance against the intents' own vocabulary.
 *
 * Also here, because they read the message's form rather than its topic: the preamble of a long message is cut off
 * ("em là …, cho em hỏi là …"), an "A và B?" message is split into its questions, and the kind of answer asked for
 * (how long, how many, when, who, where, whether) is named for the ranking.
 */
import type { Lexicon } from "../content/types.js";
import { isNumeral } from "./answer-form.js";
import {
  editDistance,
  foldTokens,
  hasToneOrVowelMarks,
  startsWithAt,
  tokenizeSpans,
  typedWithMarks,
  untelex,
} from "./fold.js";
import { analyzeQuery, type CompiledLexicon, compileLexicon } from "./query.js";
import { STOPWORDS } from "./stopwords.js";

export const INTENT_KINDS = ["usage", "course", "chat", "decline"] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

/** One intent's examples in one language. The id's prefix (`usage.`, `course.`, `chat.`, `decline.`) is its kind. */
export interface IntentExamples {
  id: string;
  examples: readonly string[];
}

/**
 * Phrases that mean the same to the intents, by class name ("day": "mai", "thứ năm", "tuần sau" …): in examples and
 * messages alike each phrase counts as its class, so a message meets an example it shares a meaning with rather than
 * the very words ("chiều mai học ở hội trường nào" meets "mai học ở đâu").
 */
export type WordClasses = Readonly<Record<string, readonly string[]>>;

export interface IntentMatch {
  id: string;
  kind: IntentKind;
  /** 0–1: how well the best example and the message cover each other. */
  score: number;
}

export type AnswerType = "duration" | "count" | "when" | "who" | "where" | "whether" | "what";

export interface Understanding {
  /** The question part of the message (preamble cut), what the search gets. */
  question: string;
  /** The question with the clauses before it that say what it is about, when they were cut: searched too. */
  wider?: string;
  /** A second question of an "A và B?" message, left for the learner to ask on its own. */
  rest?: string;
  /** A preamble was cut off. */
  trimmed: boolean;
  intent?: IntentMatch;
  /**
   * A request about the bot or the learner's own class the message came close to (under the least score), when it
   * was taken as none: offered beside a refusal, never acted on unasked.
   */
  near?: IntentMatch;
  answerType: AnswerType;
  /** The message speaks of the asker or of the calendar ("mình", "em", "mai", "tuần này"): about their own class. */
  personal: boolean;
  /** The question itself, not only its opener («cho em hỏi»), names the asker or a day. */
  self?: boolean;
  /** The question is about learners in general ("học viên nghỉ một buổi được không"), not the asker. */
  general?: boolean;
  /** The question is about classes in general ("mỗi lớp bao nhiêu học viên", "các lớp học ở đâu"), not the asker's. */
  anyClass?: boolean;
  /** The message asks something (a question word or "?"), rather than greets, thanks or complains. */
  asks: boolean;
  /** The intent was read from one clause of the message, not from the whole (see `clauseIntent`). */
  fromClause?: boolean;
}

export interface UnderstandOptions {
  /** Least score for an intent to be reported at all (default 0.5). */
  minScore?: number;
  /** The material searched after the intents (the search index). */
  material?: Material;
  /** Phrases that count as one class (`words:` in intents.yaml). */
  words?: WordClasses;
  /**
   * The course's own words (`setting:` in intents.yaml): a decline example need not explain them, so «học phí khoá
   * bồi dưỡng bí thư chi bộ bao nhiêu» is «học phí bao nhiêu» asked about this course.
   */
  setting?: readonly string[];
}

/** What the intents need to know of the material. */
export interface Material {
  /** Is this folded syllable a word of the material? Such words are never "corrected" towards an intent. */
  knows(term: string): boolean;
  /** Share of its passages holding a folded syllable or pair: what a decline example says beyond the course. */
  share(term: string): number;
}

export function intentKind(id: string): IntentKind | undefined {
  const prefix = id.slice(0, id.indexOf("."));
  return (INTENT_KINDS as readonly string[]).includes(prefix) ? (prefix as IntentKind) : undefined;
}

interface Example {
  intent: string;
  /** Its place in `examples`. */
  no: number;
  /** Its intent's place in the matcher's list of intents. */
  intentNo: number;
  /** Its distinct syllables by id, and their weights. */
  terms: Int32Array;
  weights: Float64Array;
  /** Its adjacent syllable pairs by id. */
  pairs: Int32Array;
  weight: number;
  /**
   * Of a decline example, its topic syllables and pairs (by id) the material rarely uses («lương bí thư», «phụ cấp»):
   * a message must share one, or it shares only the course's own words and is the material's question.
   */
  beyond?: { terms: Int32Array; pairs: Int32Array };
  /** Positions in `terms` of the course's everyday words (see `setting`), for a decline example. */
  setting: Int32Array;
}

/** Words that open the real question inside a long message ("… xin hỏi học xong có được cấp giấy không"). */
const QUESTION_OPENERS = [
  "cho em hoi",
  "cho toi hoi",
  "cho minh hoi",
  "cho chau hoi",
  "cho con hoi",
  "cho anh hoi",
  "cho chi hoi",
  "cho hoi",
  "xin hoi",
  "xin phep hoi",
  "em muon hoi",
  "toi muon hoi",
  "minh muon hoi",
  "em xin hoi",
  "toi xin hoi",
  "cau hoi cua em",
  "cau hoi cua toi",
  "em hoi",
  "hoi la",
  "hoi chut",
  "em muon biet",
  "toi muon biet",
  "minh muon biet",
  "cho em biet",
  "cho toi biet",
  "cho minh biet",
  "xin cho biet",
].map((s) => s.split(" "));

/** A number that may stand in a list («11, 12», «XI, XII»); a lone «v» or «i» is more often shorthand. */
const listed = (t: string) => t.length > 1 && isNumeral(t);

/** Trailing politeness that is not part of the question. */
const TRAILERS = new Set(["a", "nhe", "nha", "voi", "nhi", "the", "vay", "z", "v"]);

/**
 * Folded cues that a clause asks something. Not "dau" or "khi": "đâu" folds like "đầu" and "khi" opens statements
 * ("khi đi học …"); "ở đâu" and "khi nào" are caught by "o dau" below and "nao".
 */
const QUESTION_CUES = new Set(["khong", "ko", "chua", "gi", "nao", "sao", "bao", "may", "ai", "lieu", "phai"]);

const ANSWER_CUES: [AnswerType, string[][]][] = [
  [
    "duration",
    [
      "bao lau",
      "bao nhieu lau",
      "may ngay",
      "bao nhieu ngay",
      "may buoi",
      "bao nhieu buoi",
      "keo dai",
      "may tiet",
      "bao nhieu tiet",
      "may phut",
      "bao nhieu phut",
      "may thang",
      "bao nhieu thang",
      "may nam",
      "bao nhieu nam",
      "thoi han",
    ].map((s) => s.split(" ")),
  ],
  [
    "when",
    [
      "khi nao",
      "bao gio",
      "luc nao",
      "ngay nao",
      "nam nao",
      "thang nao",
      "thoi gian nao",
      "ngay bao nhieu",
      "hom nao",
      "dip nao",
    ].map((s) => s.split(" ")),
  ],
  ["count", ["bao nhieu", "may", "so luong", "so"].map((s) => s.split(" "))],
  ["where", ["o dau", "noi nao", "cho nao", "dia diem", "tai dau"].map((s) => s.split(" "))],
  ["who", ["ai", "nhung ai", "nguoi nao", "doi tuong", "danh cho ai", "thanh phan"].map((s) => s.split(" "))],
  [
    "whether",
    ["co phai", "duoc khong", "phai khong", "khong", "chua", "hay khong", "co duoc"].map((s) => s.split(" ")),
  ],
];

function findSeq(tokens: readonly string[], seq: readonly string[], from = 0): number {
  outer: for (let i = from; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

/** Does any of `seqs` occur in `tokens`? */
const hasAnySeq = (tokens: readonly string[], seqs: readonly (readonly string[])[]) =>
  seqs.some((seq) => findSeq(tokens, seq) >= 0);

/** The kind of answer a question asks for, from its question words (the first kind found in this order). */
export function answerTypeOf(folded: readonly string[]): AnswerType {
  let rank = ANSWER_CUES.length;
  for (let i = 0; i < folded.length; i++) {
    for (const cue of CUES_BY_FIRST.get(folded[i]!) ?? []) {
      if (cue.rank < rank && startsWithAt(folded, i, cue.seq)) rank = cue.rank;
    }
  }
  return ANSWER_CUES[rank]?.[0] ?? "what";
}

/** The answer cues by their first syllable, each with its kind's place in ANSWER_CUES (the first kind wins). */
const CUES_BY_FIRST = new Map<string, { rank: number; seq: string[] }[]>();
ANSWER_CUES.forEach(([, cues], rank) => {
  for (const seq of cues) {
    const list = CUES_BY_FIRST.get(seq[0]!) ?? [];
    list.push({ rank, seq });
    CUES_BY_FIRST.set(seq[0]!, list);
  }
});

const hasCue = (folded: readonly string[]) =>
  folded.some((t, i) => QUESTION_CUES.has(t) || (t === "dau" && folded[i - 1] === "o"));

/** Words by which a preamble speaks of the asker ("em là …", "chi bộ tôi …"), folded. */
const ASKER = new Set(["em", "toi", "minh", "chau", "con", "tui"]);
/** Whom a message addresses at its end ("… không chị", "… chưa thầy ơi"), folded. */
const ADDRESSED = new Set(["anh", "chi", "thay", "co", "ban", "ad", "admin", "oi", "em", "ah", "nhe", "nha"]);
/** Words that open a condition of the question that follows ("nếu …, thì …"), folded. */
const CONDITIONS = new Set(["neu", "khi", "trong", "truong", "sau", "gia"]);

/** Cues that ask only where a clause ends («… có được không», «… chưa»): mid-clause they are a negation. */
const END_CUES = new Set(["khong", "ko", "chua", "phai"]);
/** «bao» asks only as «bao nhiêu», «bao lâu», «bao giờ»; else it is «báo cáo», «bao gồm». */
const BAO = new Set(["nhieu", "lau", "gio"]);
/** The cues as they are spelt with their marks: a name folding alike («Chùa») asks nothing. */
const CUE_SPELLING = new Map(
  ["không", "chưa", "gì", "nào", "sao", "bao", "mấy", "ai", "liệu", "phải", "đâu"].map((w) => [foldTokens(w)[0]!, w]),
);

/**
 * Does a clause of a long message ask something? Stricter than {@link hasCue}, because a self-introduction says
 * «em chưa có kinh nghiệm», «thôn Làng Chùa», «báo cáo»: a negation counts only at the clause's end, «bao» only
 * before what it asks, and a capitalised name is not a cue. `raw` is the clause's words as typed.
 */
function clauseAsks(folded: readonly string[], raw: readonly string[], marked = false): boolean {
  const end = politeEnd(folded, 0, folded.length);
  // A capitalised word inside the clause is a name («thôn Làng Chùa»), unless it is the cue as spelt.
  const asTyped = (i: number) => {
    const r = raw[i]!.normalize("NFC");
    const name = i > 0 && r[0] !== r[0]!.toLowerCase();
    const spelt = CUE_SPELLING.get(folded[i]!);
    // In a message typed with its marks, «công ty may» is not «mấy».
    if (marked && !hasToneOrVowelMarks(r) && spelt !== undefined && hasToneOrVowelMarks(spelt)) return false;
    return !name || !hasToneOrVowelMarks(r) || r.toLowerCase() === spelt;
  };
  return folded.some(
    (t, i) =>
      // «mười mấy chi bộ», «hai mươi mấy người»: a rough number, not «how many».
      !(t === "may" && folded[i - 1] === "muoi") &&
      ((QUESTION_CUES.has(t) && (!END_CUES.has(t) || i === end - 1) && (t !== "bao" || BAO.has(folded[i + 1]!))) ||
        (t === "dau" && folded[i - 1] === "o")) &&
      asTyped(i),
  );
}

/**
 * Where the words of `folded[from, to)` end before the politeness and the person addressed that follow a question
 * («… không ạ», «… không chị», «… chưa thầy ơi»); at least one word is left.
 */
function politeEnd(folded: readonly string[], from: number, to: number): number {
  let end = to;
  while (end > from + 1 && (TRAILERS.has(folded[end - 1]!) || ADDRESSED.has(folded[end - 1]!))) end--;
  return end;
}

/** Subjects of a question about learners in general, folded and expanded ("hv" is "học viên"). */
const GENERAL_SUBJECTS = ["hoc vien", "nguoi hoc", "moi nguoi", "cac hoc vien", "ai"].map((s) => s.split(" "));
/** Classes in general rather than the asker's, folded. */
const ANY_CLASS = ["moi lop", "cac lop", "mot lop", "lop nao", "nhung lop"].map((s) => s.split(" "));

/** The question ends on «chưa» (politeness aside): has it happened yet. */
function asksYet(folded: readonly string[]): boolean {
  let end = folded.length;
  while (end > 1 && TRAILERS.has(folded[end - 1]!)) end--;
  return folded[end - 1] === "chua";
}

/** The class tokens of the day words: a question naming a day is about the learner's own calendar. */
const DAY_CLASS = classToken("day");
const TODAY_CLASS = classToken("today");

/** The token a word class stands for in examples and messages; "@" never occurs in a folded syllable. */
function classToken(name: string): string {
  return `@${name}`;
}

/**
 * Words by which a question points at the asker or at a day ("tôi", "mình", "em", "của tôi"; "mai", "nay", "tới"):
 * "ai được cấp giấy chứng nhận" asks about the program, "mình được cấp giấy chưa" about one's own class. Folded.
 */
const PERSONAL = new Set([
  "toi",
  "minh",
  "em",
  "chau",
  "tui",
  "mai",
  "nay",
  "sau",
  "tiep",
  "i",
  "my",
  "me",
  "tomorrow",
  "today",
  DAY_CLASS,
  TODAY_CLASS,
]);

/** The days among {@link PERSONAL}: they date the asker's own class wherever they are said. */
const DATED = new Set(["mai", "tomorrow", "today", DAY_CLASS, TODAY_CLASS]);

/**
 * The question part of a message: after the last "cho em hỏi"-like opener; else, in a long message, the last clause
 * that asks something (with the clause before it when that one is short, "học xong, có được cấp giấy không");
 * politeness at the end dropped. Short messages are left alone.
 */
export function questionPart(text: string): { question: string; trimmed: boolean; opener: string[]; wider?: string } {
  const spans = tokenizeSpans(text);
  const folded = spans.map((s) => s.term);
  let start = 0;
  let used: string[] = [];
  let wideStart: number | undefined;
  let stop = spans.length;
  for (const opener of QUESTION_OPENERS) {
    let at = findSeq(folded, opener);
    while (at >= 0) {
      // "cho em hỏi là …": the "là" belongs to the opener.
      let end = at + opener.length;
      if (folded[end] === "la") end++;
      if (end < folded.length && end > start) {
        start = end;
        used = opener;
      }
      at = findSeq(folded, opener, at + 1);
    }
  }
  if (spans.length >= 12) {
    // Clauses by punctuation: a preamble tells who is asking and asks nothing, so the question starts at the first
    // clause that asks (with a short lead-in before it: "học xong, có được cấp giấy không"). After an opener too:
    // "cho em hỏi, em là bí thư mới được bầu, chi bộ …" still introduces the asker first.
    const clauses: [number, number][] = [];
    let from = start;
    for (let i = start + 1; i < spans.length; i++) {
      const between = text.slice(spans[i - 1]!.end, spans[i]!.start);
      // «khoá 11, 12», «khoá XI, XII»: a comma in a list of numbers ends no clause.
      const list = between.trim() === "," && listed(folded[i - 1]!) && listed(folded[i]!);
      if (/[,.;:!?\n]/.test(between) && !list) {
        clauses.push([from, i]);
        from = i;
      }
    }
    clauses.push([from, spans.length]);
    const intro = (c: number) => introduces(folded.slice(clauses[c]![0], clauses[c]![1]));
    // The punctuation and spaces after clause `c`.
    const gapAfter = (c: number) =>
      text.slice(spans[clauses[c]![1] - 1]!.end, spans[clauses[c]![1]]?.start ?? text.length);
    const endsSentence = (c: number) => /[.!?\n]/.test(gapAfter(c));
    const words = spans.map((sp) => text.slice(sp.start, sp.end));
    const withMarks = typedWithMarks(words);
    // A message with a question mark marks its questions: a sentence it ends with «.» or «!» tells, it does not ask
    // («… chưa sinh hoạt chuyên đề lần nào. … Gộp như thế có được không?»).
    const hasMark = text.includes("?");
    const statement = (b: number) => {
      const rest = text.slice(spans[b - 1]!.end);
      const stop = rest.search(/[.!?\n]/);
      return stop >= 0 && rest[stop] !== "?" && /[.!]/.test(rest[stop]!);
    };
    const asks = ([a, b]: [number, number]) =>
      (!hasMark || !statement(b)) &&
      (clauseAsks(folded.slice(a, b), words.slice(a, b), withMarks) ||
        text.slice(spans[b - 1]!.end, spans[b]?.start ?? text.length).includes("?"));
    const first = clauses.findIndex(asks);
    // The question runs to the end of its sentence («…viết gì không, hay chỉ đi cho biết?»). «Cho tôi hỏi đại hội chi
    // bộ bao lâu một lần? Tôi là chi uỷ viên thôn 6 …»: what follows a question that ends with its mark and asks
    // nothing more introduces the asker, after the fact.
    let last = first;
    while (last >= 0 && last < clauses.length - 1 && !endsSentence(last)) last++;
    const [, firstEnd] = clauses[last] ?? [0, 0];
    const marked = first >= 0 && /^\s*\?/.test(text.slice(spans[firstEnd - 1]!.end));
    if (marked && firstEnd < spans.length && !clauses.slice(last + 1).some(asks)) stop = firstEnd;
    // «…, để tôi khỏi đọc nhầm? Cảm ơn nhiều.»: thanks after the question are not part of it.
    // «…, để tôi khỏi đọc nhầm?», «…, tôi sợ đến nhầm chỗ»: why the asker asks is not part of the question either.
    for (let k = clauses.length - 1; k > Math.max(first, 0); k--) {
      const [a, b] = clauses[k]!;
      const why = aside(folded.slice(a, b));
      if (b > stop) continue;
      if (!(intro(k) || why) || (asks(clauses[k]!) && !why)) break;
      stop = a;
    }
    // After an opener the words are the question unless they introduce the asker («em là …, năm nay …») or lead up
    // to it with a colon («tôi muốn biết trước để thu xếp việc nhà: cả khoá học kéo dài mấy ngày?»).
    const colonBefore = first > 0 && gapAfter(first - 1).includes(":");
    const aboutAsker = start === 0 || colonBefore || folded.slice(start, clauses[first]?.[0]).some((t) => ASKER.has(t));
    if (first > 0 && aboutAsker) {
      const [a, b] = clauses[first]!;
      const prev = clauses[first - 1]!;
      // «có» opened in the clause before, which does not introduce the asker.
      const frameOpen = folded.slice(prev[0], prev[1]).includes("co") && !intro(first - 1);
      // "nếu vắng một buổi, thì có sao không": the condition is part of the question.
      const condition = folded[a] === "thi" || CONDITIONS.has(folded[prev[0]]!);
      // «… có quy định phải mặc đồng phục, đeo huy hiệu không»: a short last clause that closes a «có … không»
      // opened before it is the end of one question, not a question of its own.
      const closes =
        politeEnd(folded, a, b) - a <= 5 && !folded.slice(a, b).some((t) => FRAME_OPENERS.has(t)) && frameOpen;
      start = (b - a < 5 && prev[1] - prev[0] <= 6) || condition || closes ? prev[0] : a;
      // The clauses just before the question that do not introduce the asker may say what it is about («em chưa
      // phân biệt tự diễn biến với tự chuyển hoá, cái nào nặng hơn»): a wider reading, tried beside the narrow one.
      // It reaches back to the start of the sentence before the question's, no further: what the asker said
      // earlier («…, xã Hợp Thành.», «tháng sau tôi định làm.») is not the topic.
      const at = clauses.findIndex(([x]) => x === start);
      let k = at;
      let crossed = 0;
      while (k > 0 && at - k < WIDER_CLAUSES && !intro(k - 1)) {
        if (endsSentence(k - 1)) {
          if (++crossed > 1) break;
          // A sentence that introduces the asker anywhere («Chào …, tôi ở chi bộ xóm Bãi, xã Hợp Thành.») is not taken.
          let c = k - 1;
          while (c > 0 && !endsSentence(c - 1)) c--;
          if (clauses.slice(c, k).some((_, x) => intro(c + x))) break;
        }
        k--;
      }
      if (k < at) wideStart = clauses[k]![0];
    }
    // The clauses of the whole message up to the question (those above are counted from the opener on).
    const clausesBefore = () => {
      const out: [number, number][] = [];
      for (let i = 1, a = 0; i <= start; i++) {
        if (i < start && !/[,.;:!?\n]/.test(text.slice(spans[i - 1]!.end, spans[i]!.start))) continue;
        out.push([a, i]);
        a = i;
      }
      return out;
    };
    const asked = folded.slice(start, stop);
    // «Người như tôi có được học không?»: the asker is the case asked about, and the introduction says who that is.
    if (start > 0 && hasAnySeq(asked, SELF_CASE)) {
      const from = clausesBefore().find(([a, b]) => !greets(folded.slice(a, b)));
      if (from) wideStart = Math.min(wideStart ?? start, from[0]);
    } else if (start > 0 && wideStart === undefined && hasAnySeq(asked, ANAPHORA)) {
      // «Xin hỏi trường hợp này chi bộ phải xử lý thế nào?» after an opener: the case is the story told before it,
      // back to the introduction, two sentences at most.
      const before = clausesBefore();
      let k = before.length;
      let sentences = 0;
      while (k > 0) {
        const [a, b] = before[k - 1]!;
        if (introduces(folded.slice(a, b))) break;
        if (/[.!?\n]/.test(text.slice(spans[b - 1]!.end, spans[b]?.start ?? text.length)) && ++sentences > 2) break;
        k--;
      }
      if (k < before.length) wideStart = before[k]![0];
    }
  }
  let end = stop;
  // Politeness and the person addressed after the question («… không ạ», «… không anh», «… chưa thầy ơi»).
  const after = (i: number) => TRAILERS.has(folded[i]!) || QUESTION_CUES.has(folded[i]!);
  while (
    end - start > 2 &&
    (TRAILERS.has(folded[end - 1]!) ||
      (ADDRESSED.has(folded[end - 1]!) && (after(end - 2) || ADDRESSED.has(folded[end - 2]!))))
  )
    end--;
  if (start === 0 && end === spans.length) return { question: text.trim(), trimmed: false, opener: used };
  // A question mark right after the question, or after the politeness dropped from it («… không ạ?»), stays with it.
  const tail = /\?/.test(text.slice(spans[end - 1]!.end, spans[stop]?.start ?? text.length)) ? "?" : "";
  const from = (i: number) => (text.slice(spans[i]!.start, spans[end - 1]!.end) + tail.trim()).trim();
  return {
    question: from(start),
    trimmed: start > 0,
    opener: used,
    ...(wideStart !== undefined ? { wider: from(wideStart) } : {}),
  };
}

/** Words that open a yes-no question closed by «không» («có … không», «phải … không»), folded. */
const FRAME_OPENERS = new Set(["co", "phai", "duoc", "da", "can"]);
/** How many clauses before the question a wider reading takes at most. */
const WIDER_CLAUSES = 3;
/** Words by which a preamble introduces the asker after «em», «tôi» … («em là», «tôi ở», «em mới được bầu»), folded. */
const INTRO_VERBS = new Set([
  "la",
  "o",
  "cong",
  "lam",
  "moi",
  "nam",
  "dang",
  "duoc",
  "vua",
  "thuoc",
  "sinh",
  "hien",
  "ten",
  "nay",
]);

/** Does a clause say why the asker asks («để tôi khỏi đọc nhầm», «tôi sợ đến nhầm chỗ», «em hỏi vì …»)? */
function aside(folded: readonly string[]): boolean {
  const [x, y, z] = folded;
  if (x === "de" && ASKER.has(y ?? "")) return true;
  // «…, vì chiều tôi còn phải về lo đàn bò»: the asker's reason, not a question («vì sao …» is one).
  const because = x === "vi" ? 1 : (x === "tai" || x === "boi") && y === "vi" ? 2 : 0;
  if (because > 0 && folded[because] !== "sao" && folded.slice(because, because + 3).some((t) => ASKER.has(t))) {
    return true;
  }
  // «…, nhờ trợ giảng chỉ giùm», «Mong thầy giải thích giúp em.», «Chỉ giúp tôi với.»: a plea to answer.
  if (x === "nho" || x === "mong") return true;
  if (folded.length <= 6 && folded.some((t) => HELP.has(t)) && folded.every((t) => PLEA.has(t))) return true;
  return ASKER.has(x ?? "") && (y === "so" || (y === "hoi" && z === "vi"));
}

/** «giúp», «giùm», «hộ» (folded), which make a clause of {@link PLEA} words a plea. */
const HELP = new Set(["giup", "gium", "ho"]);
/** Words of a short plea to answer («chỉ giúp tôi với», «giải thích giùm em nhé»), folded. */
const PLEA = new Set([
  ...HELP,
  ...ASKER,
  ...ADDRESSED,
  ...TRAILERS,
  ...["chi", "giai", "thich", "huong", "dan", "tro", "giang", "bot", "cac", "voi", "ak"],
]);

/** Does a clause greet or thank («chào thầy», «kính gửi trợ giảng», «cảm ơn»)? */
function greets(folded: readonly string[]): boolean {
  if (folded.slice(0, 4).includes("chao") || findSeq(folded, ["cam", "on"]) >= 0) return true;
  return folded.length > 0 && ["thua", "kinh", "alo"].includes(folded[0]!);
}

/** Words by which the asker offers themself as the case («người như tôi», «trường hợp của em»), folded. */
const SELF_CASE = [
  "nhu toi",
  "nhu em",
  "nhu minh",
  "nhu chau",
  "truong hop cua toi",
  "truong hop cua em",
  "truong hop cua minh",
  "truong hop toi",
  "truong hop em",
].map((x) => x.split(" "));

/** Does a clause greet, thank or introduce the asker, rather than say what the question is about? */
function introduces(folded: readonly string[]): boolean {
  if (greets(folded)) return true;
  // «…, năm nay mới được bầu», «…, mới nhận nhiệm vụ»: the introduction goes on without its «em».
  if (findSeq(folded, ["nam", "nay"]) === 0 || folded[0] === "moi" || folded[0] === "vua") return true;
  for (let i = 0; i < Math.min(3, folded.length - 1); i++) {
    if (ASKER.has(folded[i]!) && INTRO_VERBS.has(folded[i + 1]!)) return true;
  }
  return false;
}

/**
 * «có phải đưa ra cho dân bàn và biểu quyết không»: a «có phải / có được … không» opened before «và» and closed only
 * after it is one question, not two.
 */
function oneFrame(left: readonly string[], right: readonly string[]): boolean {
  const opened = left.filter((t) => QUESTION_CUES.has(t));
  const closed = right.filter((t) => QUESTION_CUES.has(t));
  return (
    opened.every((t) => FRAME_OPENERS.has(t)) &&
    !QUESTION_CUES.has(left.at(-1)!) &&
    closed.length === 1 &&
    END_CUES.has(right.at(-1)!) &&
    QUESTION_CUES.has(right.at(-1)!)
  );
}

/** "A và B?" with a question on each side: the two questions (else undefined). */
export function splitQuestions(text: string): [string, string] | undefined {
  const spans = tokenizeSpans(text);
  const folded = spans.map((s) => s.term);
  for (let i = 3; i < folded.length - 3; i++) {
    const joint = folded[i] === "va" || (folded[i] === "con" && /,\s*$/.test(text.slice(0, spans[i]!.start)));
    if (!joint) continue;
    const left = folded.slice(0, i);
    const right = folded.slice(i + 1);
    if (!hasCue(left) || !hasCue(right)) continue;
    if (oneFrame(left, right)) continue;
    return [text.slice(0, spans[i - 1]!.end).trim(), text.slice(spans[i + 1]!.start).trim()];
  }
  return undefined;
}

export class IntentMatcher {
  private readonly examples: Example[] = [];
  private readonly vocabulary = new Set<string>();
  private readonly idf = new Map<string, number>();
  private readonly lexicon: CompiledLexicon;
  private readonly minScore: number;
  private readonly isKnown: (t: string) => boolean;
  /** The course's own words («khoá bồi dưỡng», «bí thư chi bộ»): the setting of a near-course question. */
  private readonly setting: ReadonlySet<string>;
  private readonly intentIds = new Set<string>();
  /** Every word each intent's examples use. */
  private readonly wordsOf = new Map<string, Set<string>>();
  /** Typo corrections already worked out, by the syllable as typed. */
  private readonly corrections = new Map<string, string>();
  /** Word-class phrases by their first syllable, longest first. */
  private readonly classes = new Map<string, { key: string[]; value: string }[]>();
  // The examples' syllables and syllable pairs are numbered once, so a message is compared with an example by
  // array reads, not by building and hashing strings per example.
  private readonly termId = new Map<string, number>();
  private readonly pairId = new Map<string, number>();
  /** Examples by each of their syllables (by id), so a message only meets the examples it shares a word with. */
  private readonly byTerm: Example[][] = [];
  private readonly intentList: string[] = [];
  // Marks of the message being matched: an entry equal to `stamp` is set for this message.
  private termMark = new Uint32Array(0);
  private pairMark = new Uint32Array(0);
  private exampleMark = new Uint32Array(0);
  private intentMark = new Uint32Array(0);
  private readonly againstOf: Float64Array;
  private stamp = 0;

  constructor(intents: readonly IntentExamples[], lexicon?: Lexicon, options: UnderstandOptions = {}) {
    // Shorthand is expanded as in the search; fillers are not removed ("cảm ơn", "xin chào" are what small talk is).
    this.lexicon = compileLexicon(lexicon ? { abbreviations: lexicon.abbreviations, fillers: [] } : undefined);
    this.minScore = options.minScore ?? 0.5;
    const material = options.material;
    this.isKnown = material ? (t) => material.knows(t) : () => false;
    for (const [name, phrases] of Object.entries(options.words ?? {})) {
      for (const phrase of phrases) {
        const key = this.read(phrase);
        if (key.length === 0) continue;
        for (const t of key) this.vocabulary.add(t);
        const list = this.classes.get(key[0]!) ?? [];
        list.push({ key, value: classToken(name) });
        // Longest first, so "thứ năm này" is one day rather than "thứ năm" and a stray "này".
        list.sort((a, b) => b.key.length - a.key.length);
        this.classes.set(key[0]!, list);
      }
    }
    const intentsOf = new Map<string, Set<string>>();
    const parsed: { intent: string; tokens: string[] }[] = [];
    for (const intent of intents) {
      if (!intentKind(intent.id))
        throw new Error(`intent ${intent.id}: the id must start with ${INTENT_KINDS.join(", ")}`);
      this.intentIds.add(intent.id);
      for (const ex of intent.examples) {
        const words = this.read(ex);
        for (const t of words) this.vocabulary.add(t);
        const tokens = this.classify(words);
        if (tokens.length === 0) continue;
        parsed.push({ intent: intent.id, tokens });
        const own = this.wordsOf.get(intent.id) ?? new Set();
        for (const t of tokens) own.add(t);
        this.wordsOf.set(intent.id, own);
        for (const t of tokens) {
          const s = intentsOf.get(t) ?? new Set();
          s.add(intent.id);
          intentsOf.set(t, s);
        }
      }
    }
    this.setting = new Set((options.setting ?? []).flatMap((phrase) => this.read(phrase)));
    const n = new Set(parsed.map((p) => p.intent)).size || 1;
    // A word shared by many intents ("học", "thế nào") says less about which one is meant.
    for (const [t, s] of intentsOf) this.idf.set(t, Math.log(1 + n / s.size) * (STOPWORDS.has(t) ? 0.5 : 1));
    const numbered = <K>(map: Map<K, number>, key: K) => {
      const known = map.get(key);
      if (known !== undefined) return known;
      map.set(key, map.size);
      return map.size - 1;
    };
    for (const p of parsed) {
      const distinct = [...new Set(p.tokens)];
      const pairs: number[] = [];
      for (let i = 1; i < p.tokens.length; i++) pairs.push(numbered(this.pairId, `${p.tokens[i - 1]} ${p.tokens[i]}`));
      let intentNo = this.intentList.indexOf(p.intent);
      if (intentNo < 0) intentNo = this.intentList.push(p.intent) - 1;
      const ex: Example = {
        intent: p.intent,
        no: this.examples.length,
        intentNo,
        terms: Int32Array.from(distinct, (t) => numbered(this.termId, t)),
        weights: Float64Array.from(distinct, (t) => this.idf.get(t) ?? 0),
        pairs: Int32Array.from(pairs),
        weight: this.weightOf(p.tokens),
        setting: new Int32Array(0),
      };
      if (intentKind(p.intent) === "decline" && material) {
        const rare = (t: string) => isTopic(t) && !t.startsWith("@") && material.share(t) <= BEYOND_SHARE;
        const terms = distinct.filter(rare).map((t) => this.termId.get(t)!);
        // «phụ cấp»: each syllable is common in the material («phụ trách», «cấp uỷ»), the pair is not.
        const rarePairs: number[] = [];
        for (let i = 1; i < p.tokens.length; i++) {
          const a = p.tokens[i - 1]!;
          const b = p.tokens[i]!;
          if ((isTopic(a) || isTopic(b)) && material.share(`${a} ${b}`) <= BEYOND_SHARE) rarePairs.push(pairs[i - 1]!);
        }
        if (terms.length > 0 || rarePairs.length > 0)
          ex.beyond = { terms: Int32Array.from(terms), pairs: Int32Array.from(rarePairs) };
        ex.setting = Int32Array.from(distinct.flatMap((t, k) => (this.setting.has(t) ? [k] : [])));
      }
      this.examples.push(ex);
      for (const id of ex.terms) {
        const list = this.byTerm[id] ?? [];
        list.push(ex);
        this.byTerm[id] = list;
      }
    }
    this.termMark = new Uint32Array(this.termId.size);
    this.pairMark = new Uint32Array(this.pairId.size);
    this.exampleMark = new Uint32Array(this.examples.length);
    this.intentMark = new Uint32Array(this.intentList.length);
    this.againstOf = new Float64Array(this.intentList.length);
  }

  /** A new mark for the message about to be matched (all marks cleared when the counter wraps). */
  private nextStamp(): number {
    if (this.stamp >= 0xfffffffe) {
      for (const a of [this.termMark, this.pairMark, this.exampleMark, this.intentMark]) a.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** Each phrase of a word class replaced by its class token. */
  private classify(tokens: readonly string[]): string[] {
    if (this.classes.size === 0) return [...tokens];
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const rule = this.classes.get(tokens[i]!)?.find((r) => r.key.every((k, j) => tokens[i + j] === k));
      if (rule) {
        out.push(rule.value);
        i += rule.key.length;
      } else out.push(tokens[i++]!);
    }
    return out;
  }

  /**
   * Folded syllables with shorthand expanded by the search's own reading (`analyzeQuery`): a word typed with its tone
   * or vowel marks is the word itself («dự» is not «đu» = đảng uỷ). In a message (`keepWords`), a shorthand key that
   * is itself a word of the examples («du» of «đi học đủ buổi») is read as that word.
   */
  private read(text: string, maxTokens = 10_000, keepWords = false): string[] {
    const out: string[] = [];
    const options = keepWords ? { maxTokens, isKnown: this.knowsWord } : { maxTokens };
    for (const unit of analyzeQuery(text, this.lexicon, options)) {
      const typed = keepWords ? unit.readings.find((r) => r.via === "typed") : undefined;
      out.push(...(typed ?? unit.readings[0]!).tokens);
    }
    return out;
  }

  private readonly knowsWord = (t: string) => this.vocabulary.has(t);

  private weightOf(tokens: readonly string[]): number {
    let w = 0;
    for (const t of tokens) w += this.idf.get(t) ?? UNKNOWN_WEIGHT;
    for (let i = 1; i < tokens.length; i++) w += PAIR_WEIGHT;
    return w;
  }

  /** A syllable the intents do not know, typed with one slip: the intents' word it was meant to be. */
  private correct(t: string): string {
    if (this.vocabulary.has(t) || this.isKnown(t) || t.length < 3) return t;
    const u = untelex(t);
    if (this.vocabulary.has(u)) return u;
    // The same slips come back in message after message; a scan of the vocabulary costs more than the rest.
    const seen = this.corrections.get(t);
    if (seen !== undefined) return seen;
    const best = this.nearest(t);
    if (this.corrections.size >= MAX_REMEMBERED_CORRECTIONS) this.corrections.clear();
    this.corrections.set(t, best);
    return best;
  }

  private nearest(t: string): string {
    let best = t;
    let bestD = 2;
    for (const v of this.vocabulary) {
      if (Math.abs(v.length - t.length) > 1 || v.length < 3) continue;
      const d = editDistance(t, v);
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    return best;
  }

  /** The folded, expanded, corrected syllables of a message, word-class phrases as their class. */
  tokens(text: string): string[] {
    let budget = MAX_CORRECTIONS;
    const words = this.read(text.slice(0, 2_000), 64, true).map((t) => {
      if (this.vocabulary.has(t) || budget <= 0) return t;
      budget--;
      return this.correct(t);
    });
    return this.classify(words);
  }

  /** The best intent for a message, when its best example and the message cover each other well enough. */
  match(text: string): IntentMatch | undefined {
    return this.matchTokens(this.tokens(text));
  }

  private matchTokens(tokens: readonly string[]): IntentMatch | undefined {
    return this.passing(this.bestOf(tokens));
  }

  /** The best match if it scores enough (a decline is taken on less). */
  private passing(best: IntentMatch | undefined): IntentMatch | undefined {
    // Mistaking a near-course question for a decline costs an "ask the instructor", not a fact.
    if (!best || best.score < this.minScore - (best.kind === "decline" ? DECLINE_LENIENCY : 0)) return undefined;
    return best;
  }

  /** The intent whose best example and the message cover each other best, whatever the score. */
  private bestOf(tokens: readonly string[]): IntentMatch | undefined {
    if (tokens.length === 0) return undefined;
    const stamp = this.nextStamp();
    // What the message says, for precision: its words by their weight (function words the intents never use count
    // little, "thì", "vậy", "ạ"), and only the word pairs some example has — an unknown pair says nothing either way.
    let messageWeight = 0;
    // "học phí khoá bồi dưỡng bí thư chi bộ bao nhiêu": a decline example need not explain the course's own words.
    let settingWeight = 0;
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const id = this.termId.get(t) ?? -1;
      ids[i] = id;
      if (id >= 0) this.termMark[id] = stamp;
      const w = this.idf.get(t) ?? (STOPWORDS.has(t) || TRAILERS.has(t) ? FILLER_WEIGHT : UNKNOWN_WEIGHT);
      messageWeight += w;
      if (this.setting.has(t)) settingWeight += w;
      if (i === 0) continue;
      const pair = id >= 0 && ids[i - 1]! >= 0 ? this.pairId.get(`${tokens[i - 1]} ${t}`) : undefined;
      if (pair !== undefined) this.pairMark[pair] = stamp;
      messageWeight += pair !== undefined ? PAIR_WEIGHT : PAIR_WEIGHT / 2;
    }
    // "ngày mai có mưa không" shares the day and the question with "ngày mai có học không", not what it is about:
    // a message with a topic meets only the examples that share one, so only those are looked at.
    const set = new Set(tokens);
    const topics = [...set].filter(isTopic);
    const classes = topics.filter((x) => x.startsWith("@"));
    let best: { ex: Example; score: number } | undefined;
    for (const t of topics.length > 0 ? topics : set) {
      const id = this.termId.get(t);
      if (id === undefined) continue;
      for (const ex of this.byTerm[id] ?? []) {
        if (this.exampleMark[ex.no] === stamp) continue;
        this.exampleMark[ex.no] = stamp;
        // Judged once per intent: its examples share one vocabulary ("bài thu hoạch được đánh giá thế nào" is not
        // "đánh giá buổi học thế nào").
        if (this.intentMark[ex.intentNo] !== stamp) {
          this.intentMark[ex.intentNo] = stamp;
          this.againstOf[ex.intentNo] = this.against(ex.intent, topics, classes);
        }
        const elsewhere = this.againstOf[ex.intentNo]!;
        if (elsewhere < 0) continue;
        if (ex.beyond && !this.sharesBeyond(ex.beyond, stamp)) continue;
        let got = 0;
        for (let k = 0; k < ex.terms.length; k++) if (this.termMark[ex.terms[k]!] === stamp) got += ex.weights[k]!;
        for (let k = 0; k < ex.pairs.length; k++) if (this.pairMark[ex.pairs[k]!] === stamp) got += PAIR_WEIGHT;
        const recall = got / ex.weight;
        let said = messageWeight;
        if (ex.beyond) {
          said -= settingWeight;
          for (const k of ex.setting) if (this.termMark[ex.terms[k]!] === stamp) said += ex.weights[k]!;
        }
        const precision = Math.min(1, got / (said + elsewhere));
        // Recall counts more: a message may add a few words to an example ("ok cảm ơn bạn nhiều nhé").
        const score = recall === 0 ? 0 : ((1 + B2) * precision * recall) / (B2 * precision + recall);
        if (!best || score > best.score) best = { ex, score };
      }
    }
    if (!best) return undefined;
    let id = best.ex.intent;
    // Today's sessions are asked as the next ones are ("hôm nay học ở đâu", "buổi tới học ở đâu"): the day decides.
    if (id === "course.next" && set.has(TODAY_CLASS) && this.intentIds.has("course.today")) id = "course.today";
    return { id, kind: intentKind(id)!, score: best.score };
  }

  private sharesBeyond(beyond: NonNullable<Example["beyond"]>, stamp: number): boolean {
    for (const k of beyond.terms) if (this.termMark[k] === stamp) return true;
    for (const k of beyond.pairs) if (this.pairMark[k] === stamp) return true;
    return false;
  }

  /**
   * What counts against an intent beyond the message's length, or -1 when the intent cannot be meant. An intent must
   * explain most of what the message is about: topic words its examples never use («thi đấu», «lớp 12» next to
   * «tiếng Anh» of «đổi sang tiếng Anh»), known elsewhere or not at all, outweighing the ones they use rule it out.
   * A topic class of the message that only other intents use also counts twice against precision.
   */
  private against(intent: string, topics: readonly string[], classes: readonly string[]): number {
    const own = this.wordsOf.get(intent);
    let explained = 0;
    let unexplained = 0;
    // Counted, not weighed: a rare word an example shares («tiếng Anh») must not outweigh the rest of the message.
    for (const x of topics) {
      if (own?.has(x)) explained++;
      else unexplained++;
    }
    // A decline stays lenient: taking a near-course question for one costs an "ask the instructor", not a wrong fact.
    if (unexplained > explained && intentKind(intent) !== "decline") return -1;
    let elsewhere = 0;
    for (const x of classes) if (!own?.has(x)) elsewhere += this.idf.get(x) ?? 0;
    return elsewhere;
  }

  /** The whole reading of a message: its question part, the intent it carries, the kind of answer it asks for. */
  understand(text: string): Understanding {
    const { question, trimmed, opener, wider } = questionPart(text);
    const parts = splitQuestions(question);
    const first = parts?.[0] ?? question;
    // Small talk and requests are matched on the whole message, and on its question part when a preamble was cut
    // ("sáng nay em bấm điểm danh rồi, có được ghi nhận chưa" needs both halves).
    const textTokens = this.tokens(text);
    const questionTokens = trimmed ? this.tokens(question) : textTokens;
    const wholeBest = this.bestOf(textTokens);
    const partBest = trimmed ? this.bestOf(questionTokens) : undefined;
    const whole = this.passing(wholeBest);
    const part = this.passing(partBest);
    const firstFolded = foldTokens(first);
    const asks = text.includes("?") || hasCue(firstFolded);
    const read = better(whole, part) ?? (parts ? this.match(first) : undefined);
    const intent = read ?? this.clauseIntent(text, asks);
    const close = intent ? undefined : better(wholeBest, partBest);
    const near =
      close && (close.kind === "usage" || close.kind === "course") && close.score >= NEAR_SCORE ? close : undefined;
    const anyClass = hasAnySeq(questionTokens, ANY_CLASS);
    const general = anyClass || hasAnySeq(questionTokens, GENERAL_SUBJECTS);
    // «Mai nhà có đám giỗ, không lên lớp được thì phải làm sao»: a day named just before the question makes it the
    // asker's own (the asker's «tôi», «em» there do not: a preamble about their work is full of them).
    const dated = wider !== undefined && !parts && this.tokens(wider).some((t) => DATED.has(t));
    const personalIn =
      dated ||
      [first === question ? firstFolded : foldTokens(question), questionTokens].some((ts) =>
        ts.some((t) => PERSONAL.has(t)),
      );
    return {
      question: first,
      ...(wider && !parts ? { wider } : {}),
      ...(parts ? { rest: parts[1] } : {}),
      trimmed,
      ...(intent ? { intent } : {}),
      ...(near ? { near } : {}),
      answerType: answerTypeOf(firstFolded),
      // The asker named in the question, or in its opener («em xin hỏi …») unless the question is about learners in
      // general («em hỏi là học viên có được nghỉ không»); not in a preamble about their work.
      // A question whether something has happened yet («có kết quả bài thu hoạch chưa») asks about the asker's own
      // state: the program has rules, not a "yet".
      personal: personalIn || asksYet(firstFolded) || (!general && opener.some((t) => PERSONAL.has(t))),
      self: personalIn,
      general,
      anyClass,
      asks,
      ...(intent && !read ? { fromClause: true } : {}),
    };
  }

  /**
   * A request or small talk said in one clause of a longer message («Con bot này làm được những việc gì, có danh
   * sách các lệnh không?», «Thôi tôi đi họp đây, chào nhé, hôm khác hỏi tiếp»), when the whole matches nothing: the
   * clause that asks, for a request; any clause of a message that asks nothing, for small talk. Never a decline: a
   * clause about fees in a long question on the program does not make it a fee question.
   */
  private clauseIntent(text: string, asks: boolean): IntentMatch | undefined {
    // Each clause with the punctuation after it: «?» marks a clause that asks.
    const clauses = [...text.matchAll(/([^,.;:!?\n]+)([,.;:!?\n]*)/g)].filter((c) => c[1]!.trim() !== "");
    if (clauses.length < 2) return undefined;
    let best: IntentMatch | undefined;
    for (const [, clause, after] of clauses) {
      const tokens = this.tokens(clause!);
      if (tokens.length < 3) continue;
      const m = this.matchTokens(tokens);
      // Only a clause that is plainly the request: a weak match of one clause is no reading of the message.
      if (!m || m.kind === "decline" || m.score < SURE_INTENT) continue;
      if (m.kind === "chat" ? asks : !hasCue(foldTokens(clause!)) && !after!.startsWith("?")) continue;
      best = better(best, m);
    }
    return best;
  }
}

/**
 * Words that carry no topic: function words, politeness, and the classes of question words and days (`words:` in
 * intents.yaml). A message must share a topic word with an example to match it.
 */
const NO_TOPIC = new Set([
  ...STOPWORDS,
  ...TRAILERS,
  ...["co", "khong", "duoc", "phai", "muon", "can", "bi", "de", "minh", "toi", "tui", "ban", "thi"],
  ...["when", "how", "where", "what", "day", "today", "daypart", "past", "lesson", "sofar", "here"].map(classToken),
]);
const isTopic = (t: string) => !NO_TOPIC.has(t);

function better(a: IntentMatch | undefined, b: IntentMatch | undefined): IntentMatch | undefined {
  if (!a || !b) return a ?? b;
  return b.score > a.score ? b : a;
}

/** A syllable in at most this share of passages is beyond the course's own vocabulary (see `Example.beyond`). */
const BEYOND_SHARE = 0.02;
const UNKNOWN_WEIGHT = 1;
/** Weight of a function word no example uses: it dilutes a match only a little. */
const FILLER_WEIGHT = 0.25;
const PAIR_WEIGHT = 0.5;
/** β² of the F-score: recall weighs twice as much as precision. */
const B2 = 2;
const MAX_CORRECTIONS = 6;
const MAX_REMEMBERED_CORRECTIONS = 20_000;

/** What to do with a message once it is understood and (unless an intent is sure) searched. */
export type Route = { kind: "intent"; intent: IntentMatch } | { kind: "answer" } | { kind: "refuse" };

/**
 * Small talk that asks nothing is small talk, whatever the material holds ("xin chào trợ giảng"). A sure intent wins.
 * A doubtful one about one's own class loses to the material when the message names nobody and no day and the
 * program answers such questions in general ("ai được cấp giấy chứng nhận"). Otherwise the intent and a confident
 * search compete on their scores: the intent wins when it is about as good (within `INTENT_MARGIN`), so "bản thu
 * hoạch viết thế nào" stays the material's though it shares words with "nộp bản thu hoạch thế nào". A doubtful
 * intent beats a refusal.
 */
export function routeOf(u: Understanding, search: { confident: boolean; confidence: number; wide?: boolean }): Route {
  const intent = u.intent;
  if (!intent) return search.confident ? { kind: "answer" } : { kind: "refuse" };
  if (!search.confident) return { kind: "intent", intent };
  if (intent.kind === "chat" && !u.asks) return { kind: "intent", intent };
  // «Uỷ ban kiểm tra đảng bộ phường do ai bầu ra, làm những việc gì»: a request read from one clause only, whose
  // subject the material knows, is the material's.
  if (u.fromClause) return { kind: "answer" };
  // «lớp học này dành cho ai» is not where the class is, «nơi nào cấp giấy chứng nhận» not whether one gets it.
  const answers = INTENT_ANSWERS[intent.id];
  if (answers && !answers.includes(u.answerType)) return { kind: "answer" };
  if (generalToo(u, intent)) return { kind: "answer" };
  if (intent.score >= SURE_INTENT) return { kind: "intent", intent };
  // "mình vắng mấy buổi rồi": the material may say much about absences, but the asker wants their own count. Only
  // when the question itself names them: "cho mình hỏi xếp loại đảng viên có mấy mức" asks about the program.
  if (intent.kind === "course" && u.self) return { kind: "intent", intent };
  // Who teaches, how many are in the class, where it is held: only the class's record knows.
  if (OWN_ONLY.has(intent.id) && !u.anyClass) return { kind: "intent", intent };
  // The answer was found on the wider reading («Thôn em định làm mô hình dân vận khéo, có thể chọn những việc gì?»):
  // an unsure request read from the narrow part alone («có thể chọn những việc gì») did not see what it is about.
  if (search.wide && intent.kind === "usage") return { kind: "answer" };
  if (intent.score >= search.confidence - INTENT_MARGIN) return { kind: "intent", intent };
  return { kind: "answer" };
}

/**
 * Searches the question part, and its wider reading when there is one. The wider is taken when the search is sure
 * of it, or sure of neither: the narrow part alone («cái nào nặng hơn», «có thể chọn những việc gì») often matches
 * some passage on its common words, which says nothing of the topic the clause before it named.
 */
export function searchReading<
  R extends {
    confident: boolean;
    signals?: { contentUnits: number };
    nearest?: readonly { passage: { id: string } }[];
  },
>(u: Understanding, search: (question: string) => R): { question: string; res: R; wide: boolean } {
  const narrow = search(u.question);
  const narrowly = { question: u.question, res: narrow, wide: false };
  if (!u.wider) return narrowly;
  const wide = search(u.wider);
  const widely = { question: u.wider, res: wide, wide: true };
  if (wide.confident || !narrow.confident) return widely;
  // «Làm như vậy có được không», «có đúng vậy không»: a question of one or two words of its own points back.
  const bare = (narrow.signals?.contentUnits ?? 0) <= 2;
  // «Gộp như thế có được không?», «người như tôi có được học không?»: the question points back to what came before.
  const asked = foldTokens(u.question);
  const pointsBack = hasAnySeq(asked, ANAPHORA) || hasAnySeq(asked, SELF_CASE);
  if (!bare && !pointsBack) return narrowly;
  // The long reading is less sure than the short one, but when both find the same passage first, it is the answer.
  const top = narrow.nearest?.[0]?.passage.id;
  return top !== undefined && top === wide.nearest?.[0]?.passage.id ? narrowly : widely;
}

/** Words by which a question points back to the clauses before it, folded. */
const ANAPHORA = [
  "nhu the",
  "nhu vay",
  "truong hop nay",
  "truong hop do",
  "viec nay",
  "viec do",
  "dieu nay",
  "dieu do",
  // «Hai cái đó khác nhau thế nào?», «hai nơi này là một hay khác nhau?»: the two were named before.
  ...["cai", "noi", "viec", "loai"].flatMap((what) => [`hai ${what} do`, `hai ${what} nay`]),
].map((x) => x.split(" "));

/** Least score of a request offered beside a refusal (`Understanding.near`). */
const NEAR_SCORE = 0.35;
/** How much less than `minScore` a decline intent may score. */
const DECLINE_LENIENCY = 0.05;

/** Intent score above which the material is not searched at all. */
export const SURE_INTENT = 0.7;
/** How far below the search's confidence an intent may score and still be taken. */
const INTENT_MARGIN = 0.1;

/** Whether the search can be skipped: the intent is sure on its own. */
export function isSure(u: Understanding): boolean {
  return !!u.intent && u.intent.score >= SURE_INTENT && !u.fromClause && !generalToo(u, u.intent);
}

/**
 * Own-course intents whose questions the program answers in general too (who gets a certificate, may one miss a
 * session, where classes are held, how reports are graded); a deadline or one's attendance has no general answer.
 */
const GENERAL_TOO = new Set(["course.certificate", "course.next", "course.report"]);
/**
 * The kinds of question an own-course reply answers, where that is not every kind: the venue is a place (or a room
 * number), the instructor a person, the certificate reply whether one gets it and on what terms.
 */
const INTENT_ANSWERS: Readonly<Record<string, readonly AnswerType[]>> = {
  "course.venue": ["where", "count", "whether", "what"],
  "course.instructor": ["who", "whether", "what"],
  "course.certificate": ["whether", "what", "when", "count", "duration"],
};
/** Facts of the asker's own class the program has no general answer to; «ai» there is what is asked, not a subject. */
const OWN_ONLY = new Set(["course.instructor", "course.roster", "course.venue"]);
const generalToo = (u: Understanding, intent: IntentMatch) =>
  !u.personal &&
  (u.anyClass || !OWN_ONLY.has(intent.id)) &&
  (GENERAL_TOO.has(intent.id) || (intent.kind === "course" && u.general));
