/**
 * The form of a question and of a passage: what kind of answer is asked for, and which kinds a passage can give.
 *
 * Two questions on the same topic can ask for different facts ("khoá học mấy ngày" / "mỗi buổi bao nhiêu phút"),
 * and the material often has both next to each other. A question's form names the kind of answer (a duration, a
 * count, a date, an agent, a place, a yes or no, a frequency) and, for "bao nhiêu X" / "mấy X", the thing counted;
 * a passage's form says which of those it states, and what its numbers count ("12 chương", "từ 9 đảng viên"). The
 * ranking prefers passages that state the asked kind, and the confidence drops when no passage states the number
 * asked for: "Bộ Chính trị có bao nhiêu uỷ viên" is near the material, but nothing in it counts uỷ viên.
 *
 * Pure, on folded tokens (fold.ts), so diacritics, tone placement and NFD do not matter.
 */

import { hasSeq, startsWithAt } from "./fold.js";
import { STOPWORDS } from "./stopwords.js";

export type AnswerKind =
  | "duration"
  | "frequency"
  | "count"
  | "when"
  | "who"
  | "audience"
  | "means"
  | "where"
  | "whether"
  | "what";

export interface AskedForm {
  kind: AnswerKind;
  /** For a count or a duration: the folded word counted ("ngay", "uy"), and its two-syllable form when asked so. */
  unit?: string;
  unitPair?: string;
  /** A when asked of what follows a time («đến lúc nào thì …»): a duration answers it too. */
  afterTime?: true;
}

/** Passage bits: which kinds of answer a text states. */
export const CARRIES = {
  duration: 1,
  when: 2,
  count: 4,
  who: 8,
  where: 16,
  whether: 32,
  frequency: 64,
  /** An enumeration ("Mở đầu … Tiếp theo … Cuối cùng", "Một là … Hai là", a list): it answers "gồm mấy bước". */
  list: 128,
  /** Whom something is for ("đối tượng", "dành cho"), which "dành cho ai" asks, not who does it. */
  audience: 256,
  /** The means ("qua bản thu hoạch", "bằng hình thức"), which "bằng gì" asks. */
  means: 512,
} as const satisfies Partial<Record<AnswerKind | "list", number>>;

/** Number words, folded ("năm" and "sáu" fold like "nam" and "sau": harmless, a count is only read with its unit). */
const NUMBER_WORDS = new Set([
  "mot",
  "hai",
  "ba",
  "bon",
  "nam",
  "sau",
  "bay",
  "tam",
  "chin",
  "muoi",
  "tram",
  "nghin",
  "ngan",
  "nua",
  "vai",
]);
const DIGITS = /^\d+$/;
const isNumber = (t: string) => DIGITS.test(t) || NUMBER_WORDS.has(t);

/** Units of time: "mấy ngày" asks a duration, "mấy đảng viên" a count. */
const TIME_UNITS = new Set(["ngay", "buoi", "tiet", "phut", "gio", "thang", "nam", "tuan", "quy", "hoc ky"]);
/**
 * Counting words that name the same thing, kinds or grades, or people: «chia ra bao nhiêu loại» is answered by «bốn
 * mức».
 * Each word maps to the others of its group.
 */
const ALIKE_UNITS: ReadonlyMap<string, readonly string[]> = (() => {
  const groups = [
    ["loai", "muc", "kieu"],
    ["buoc", "khau"],
    // «cần mấy người giới thiệu» is answered by «hai đảng viên chính thức».
    ["nguoi", "dang", "dong"],
  ];
  const m = new Map<string, string[]>();
  for (const g of groups)
    for (const u of g)
      m.set(
        u,
        g.filter((x) => x !== u),
      );
  return m;
})();
/** Words that never name the thing counted ("bao nhiêu là đủ", "mấy cái gì"). */
const NOT_UNITS = new Set(["la", "thi", "duoc", "co", "cua", "cai", "con", "tat", "ca", "a", "vay", "the", "o"]);
/** Things numbered in order («khoá XII», «bài 5», «Chương VII», «lần thứ hai»), folded: «X mấy» asks which. */
const NUMBERED = new Set(["khoa", "bai", "chuong", "dieu", "so", "thu", "lop", "muc", "khoan"]);
/** «lúc nào thì», «khi nào thì», «tính từ»: a when that a time span answers, folded. */
const AFTER_TIME = [
  ["luc", "nao", "thi"],
  ["khi", "nao", "thi"],
  ["tinh", "tu"],
];
/** Demonstratives, folded: «mấy người đó», «mấy hộ này», «mấy bác ấy» name people already spoken of. */
const DEMONSTRATIVES = new Set(["do", "ay", "kia", "no"]);
/** Words after which an unmarked «may» is «máy» («xe máy», «bộ máy», «nhà máy»), not the question word «mấy». */
const MAY_AFTER = new Set(["xe", "bo", "nha", "muoi"]);

const WHEN = [
  ["khi", "nao"],
  ["bao", "gio"],
  ["luc", "nao"],
  ["ngay", "nao"],
  ["nam", "nao"],
  ["thang", "nao"],
  ["hom", "nao"],
  ["dip", "nao"],
  ["thoi", "diem", "nao"],
  ["ngay", "bao", "nhieu"],
  ["tu", "bao", "gio"],
];
const WHERE = [
  ["o", "dau"],
  ["tai", "dau"],
  ["noi", "nao"],
  ["cho", "nao"],
  ["dia", "diem"],
  ["dau", "co"],
];
const WHO = [
  ["ai"],
  ["nguoi", "nao"],
  ["co", "quan", "nao"],
  ["ban", "nao"],
  ["cap", "nao"],
  ["doi", "tuong"],
  ["thanh", "phan"],
];
/** "dành cho ai", "đối tượng nào", "những ai được học": whom it is for. */
const AUDIENCE = [
  ["danh", "cho"],
  ["doi", "tuong"],
  ["ai", "duoc", "hoc"],
  ["ai", "duoc", "cu"],
  ["ai", "hoc"],
  ["ai", "di", "hoc"],
];
/** "bằng gì", "bằng cách nào", "qua gì", "dựa vào đâu": by what means. */
const MEANS = [
  ["bang", "gi"],
  ["bang", "cach", "nao"],
  ["bang", "hinh", "thuc", "nao"],
  ["qua", "gi"],
  ["dua", "vao", "gi"],
  ["dua", "vao", "dau"],
  ["can", "cu", "vao", "dau"],
];
const WHETHER_END = [["khong"], ["ko"], ["k"], ["chua"], ["hay", "khong"], ["phai", "khong"], ["duoc", "khong"]];

const endsWhether = (tokens: readonly string[]) =>
  WHETHER_END.some((seq) => tokens.length >= seq.length && startsWithAt(tokens, tokens.length - seq.length, seq));

/**
 * The kind of answer a question asks for, from its folded tokens. A counted unit comes from the word after "bao
 * nhiêu" / "mấy" ("mấy ngày" → a duration in days); "bao lâu" is a duration, "mấy tháng một lần" a frequency.
 * `knownPair` says whether a two-syllable unit ("chi hoi", "uy vien") is a term of the material.
 */
export function askedForm(
  tokens: readonly string[],
  knownPair: (pair: string) => boolean = () => false,
  /** Positions typed as a content word («nghe máy»): not the question word their folded form is. */
  content: ReadonlySet<number> = new Set(),
): AskedForm {
  const mayAt = (i: number) => tokens[i] === "may" && !content.has(i);
  // A frequency: "… một lần", "bao lâu một lần", "mấy lần".
  const lan = tokens.indexOf("lan");
  if (lan > 0 && (isNumber(tokens[lan - 1]!) || mayAt(lan - 1) || startsWithAt(tokens, lan - 2, ["bao", "nhieu"]))) {
    return { kind: "frequency" };
  }
  if (WHEN.some((seq) => hasSeq(tokens, seq))) {
    // «đến lúc nào thì được xét chính thức», «dự bị bao lâu, tính từ lúc nào»: when something comes after a time.
    const after = hasSeq(tokens, ["bao", "lau"]) || AFTER_TIME.some((seq) => hasSeq(tokens, seq));
    return after ? { kind: "when", afterTime: true } : { kind: "when" };
  }
  // «bao lâu», «bao nhiêu lâu», «kéo dài».
  if (hasSeq(tokens, ["bao", "lau"]) || hasSeq(tokens, ["nhieu", "lau"]) || hasSeq(tokens, ["keo", "dai"])) {
    return { kind: "duration" };
  }
  // «quản lý mấy người đó ra sao»: «mấy» before a noun and a demonstrative is «those», not «how many».
  const those = (i: number) => [1, 2, 3].some((k) => DEMONSTRATIVES.has(tokens[i + k] ?? ""));
  const cue = tokens.findIndex(
    (t, i) =>
      (mayAt(i) && !MAY_AFTER.has(tokens[i - 1] ?? "") && !those(i)) || (t === "bao" && tokens[i + 1] === "nhieu"),
  );
  // «đi làm ăn xa mấy tháng thì có phải báo cáo không»: the number is the condition, the question is yes or no.
  if (cue >= 0 && tokens.indexOf("thi", cue) > cue && endsWhether(tokens)) return { kind: "whether" };
  // «khoá mấy», «bài số mấy», «chương mấy»: «mấy» after what it numbers asks which one, a number, not how many.
  if (cue >= 0 && tokens[cue] === "may" && NUMBERED.has(tokens[cue - 1] ?? "")) return { kind: "count" };
  if (cue >= 0) {
    const next = cue + (tokens[cue] === "may" ? 1 : 2);
    const unit = tokens[next];
    // "mấy giờ" asks a time of day.
    if (unit === "gio" && tokens[cue] === "may") return { kind: "when" };
    // "mất bao nhiêu thời gian" asks how long, in whatever unit.
    if (unit === "thoi" && tokens[next + 1] === "gian") return { kind: "duration" };
    // «bài số mấy trong khoá», «mấy ngày trong khoá»: a function word after «mấy» or after its unit counts nothing.
    if (unit !== undefined && !NOT_UNITS.has(unit) && !STOPWORDS.has(unit) && !isNumber(unit)) {
      const after = tokens[next + 1];
      // «mấy phần, phần nào trước»: a word twice over («phần phần») is two words, not one.
      const pair = after !== undefined && after !== unit && !STOPWORDS.has(after) ? `${unit} ${after}` : undefined;
      const unitPair = pair !== undefined && knownPair(pair) ? pair : undefined;
      return { kind: TIME_UNITS.has(unit) ? "duration" : "count", unit, ...(unitPair ? { unitPair } : {}) };
    }
    return { kind: "count" };
  }
  for (const seq of MEANS) if (hasSeq(tokens, seq)) return { kind: "means" };
  for (const seq of WHERE) if (hasSeq(tokens, seq)) return { kind: "where" };
  if (tokens.includes("ai") || hasSeq(tokens, ["doi", "tuong"])) {
    for (const seq of AUDIENCE) if (hasSeq(tokens, seq)) return { kind: "audience" };
  }
  for (const seq of WHO) if (hasSeq(tokens, seq)) return { kind: "who" };
  if (endsWhether(tokens)) return { kind: "whether" };
  if (hasSeq(tokens, ["co", "phai"]) || hasSeq(tokens, ["co", "duoc"])) return { kind: "whether" };
  return { kind: "what" };
}

/**
 * Words that tie a question to the present ("giá vàng hôm nay", "lương cơ sở năm nay", "tối nay đá với ai"): the
 * material is a fixed text, so unless a passage says the same words, it does not answer such a question. Not «bây
 * giờ»: learners say it of the material as it stands («Điều lệ Đảng bây giờ có bao nhiêu chương»).
 */
export const PRESENT: readonly string[] = [
  "hom nay",
  "nam nay",
  "toi nay",
  "sang nay",
  "chieu nay",
  "tuan nay",
  "thang nay",
  "hom qua",
  "toi qua",
  "ngay mai",
  "hien tai",
];

/** Words after which a number or a Roman numeral names one thing: «Quy định 22», «Đại hội XIV», «Điều 9», «khoá 13». */
const NAMING_WORDS: readonly string[][] = [
  ["quy", "dinh"],
  ["nghi", "quyet"],
  ["nghi", "dinh"],
  ["chi", "thi"],
  ["ket", "luan"],
  ["huong", "dan"],
  ["thong", "tu"],
  ["dieu"],
  ["chuong"],
  ["khoa"],
  ["dai", "hoi"],
  ["lan", "thu"],
  ["hoi", "nghi", "trung", "uong"],
];
const ROMAN = /^(?=[ivxl]+$)l?x{0,3}(ix|iv|v?i{0,3})$/;
const ROMAN_VALUE: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

/** A number in digits or a Roman numeral, folded («12», «xii»). */
export function isNumeral(t: string): boolean {
  return DIGITS.test(t) || (t.length > 0 && ROMAN.test(t));
}

function romanValue(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const a = ROMAN_VALUE[t[i]!]!;
    const b = ROMAN_VALUE[t[i + 1]!] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

function toRoman(n: number): string {
  const parts: [number, string][] = [
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  for (const [v, r] of parts) {
    while (n >= v) {
      out += r;
      n -= v;
    }
  }
  return out;
}

/**
 * The numbered things a question names («Đại hội XIV», «Nghị quyết 35», «Điều 9»), each as the folded spellings a
 * passage may use for it (the number and its Roman numeral): a passage that names none of them is about another.
 */
export function namedNumbers(tokens: readonly string[]): string[][] {
  const out: string[][] = [];
  tokens.forEach((t, i) => {
    const n = /^\d{1,3}$/.test(t) ? Number(t) : t.length > 0 && ROMAN.test(t) ? romanValue(t) : 0;
    if (n <= 0 || !NAMING_WORDS.some((w) => startsWithAt(tokens, i - w.length, w))) return;
    out.push(n <= 50 ? [String(n), toRoman(n)] : [String(n)]);
  });
  return out;
}

/** Words that shape the asked form without naming its topic ("mất mấy ngày tất cả", "tổng cộng bao nhiêu"). */
export const FORM_WORDS: readonly string[][] = [
  ["tat", "ca"],
  ["tong", "cong"],
  ["ca", "thay"],
  ["tat", "thay"],
];

/** What a passage states: kinds of answer (bits of {@link CARRIES}) and what its numbers count. */
export interface CarriedForm {
  bits: number;
  /** The word after each number and the two words after it ("12 chuong", "9 dang vien" → "dang", "dang vien"). */
  counted: Set<string>;
  /** Words just before a date ("Quy định 29-QĐ/TW ngày 25/7/2016" → "29", "qd", "tw"…): what the date is of. */
  dated: Set<string>;
  /** Words just before a means in its sentence ("đánh giá kết quả học tập qua …"): what is done by that means. */
  meant: Set<string>;
}

/** How many words before a date say what it is the date of. */
const DATED_WINDOW = 5;

const AGENT = [
  ["do"],
  ["chu", "tri"],
  ["chi", "dao"],
  ["phu", "trach"],
  ["chiu", "trach", "nhiem"],
  ["doi", "tuong"],
  ["danh", "cho"],
  ["nguoi", "hoc"],
  ["tham", "quyen"],
  ["bien", "soan"],
];
const FOR_WHOM = [
  ["doi", "tuong"],
  ["danh", "cho"],
  ["nguoi", "hoc"],
  ["hoc", "vien", "la"],
  ["duoc", "cu", "di"],
];
const BY_MEANS = [
  ["qua"],
  ["thong", "qua"],
  ["bang", "cach"],
  ["bang", "hinh", "thuc"],
  ["dua", "vao"],
  ["can", "cu", "vao"],
];
/** "kết quả", "hiệu quả", "thành quả" fold to the same "qua" as the means word "qua". */
const RESULT = new Set(["ket", "hieu", "thanh"]);
const PLACE = [
  ["tai", "trung", "tam"],
  ["tai", "hoi", "truong"],
  ["dia", "diem"],
  ["noi", "cu", "tru"],
  ["tai", "dia", "phuong"],
  ["tai", "lop"],
  ["o", "trung", "tam"],
];
/**
 * Words that mark the items of an enumeration; two different ones in a passage make it a list of what it names.
 * "Mở đầu … Tiếp theo … Sau đó … cuối buổi" counts the steps of a meeting as well as "thứ nhất, thứ hai" does.
 */
const ORDINALS = [
  ["thu", "nhat"],
  ["thu", "hai"],
  ["thu", "ba"],
  ["mot", "la"],
  ["hai", "la"],
  ["ba", "la"],
  ["mo", "dau"],
  ["truoc", "tien"],
  ["dau", "tien"],
  ["tiep", "theo"],
  ["tiep", "do"],
  ["sau", "do"],
  ["cuoi", "cung"],
  ["cuoi", "buoi"],
  ["buoc", "1"],
  ["buoc", "2"],
];
const YES_NO = new Set(["co", "khong", "duoc", "phai", "bat", "buoc", "nen"]);
const PERIODS = new Set(["thang", "quy", "nam", "tuan", "ky"]);

/**
 * The forms of a passage, from the folded tokens of its body and of its headings. `sentenceStarts` are the body
 * tokens that open a sentence: the words before a date say what it is the date of only within its sentence
 * ("… không còn hiệu lực. Ngày 30/7/2021, …" is not the date of what came before the full stop).
 */
export function carriedForm(
  body: readonly string[],
  headings: readonly string[] = [],
  sentenceStarts: ReadonlySet<number> = new Set(),
): CarriedForm {
  const counted = new Set<string>();
  const dated = new Set<string>();
  const meant = new Set<string>();
  // "Có. …", "Không. …", "Được, …": the passage opens with a yes or a no.
  let bits = YES_NO.has(body[0] ?? "") ? CARRIES.whether : 0;
  const tokens = headings.length > 0 ? [...headings, ...body] : body;
  const h = headings.length;
  // Does token k open a sentence (the body's first token closes the heading)?
  const opens = (k: number) => k === h || sentenceStarts.has(k - h);
  const ordinals = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    for (let o = 0; o < ORDINALS.length; o++) if (startsWithAt(tokens, i, ORDINALS[o]!)) ordinals.add(o);
    if (isNumber(t)) {
      // A range ("từ 4 đến 5 ngày", "4-5 ngày") counts what follows its second number.
      let j = i + 1;
      if ((tokens[j] === "den" || tokens[j] === "toi") && tokens[j + 1] !== undefined && isNumber(tokens[j + 1]!))
        j += 2;
      else if (tokens[j] !== undefined && isNumber(tokens[j]!)) j += 1;
      const unit = tokens[j];
      if (unit !== undefined && !isNumber(unit)) {
        counted.add(unit);
        if (tokens[j + 1] !== undefined) counted.add(`${unit} ${tokens[j + 1]}`);
        if (TIME_UNITS.has(unit)) bits |= CARRIES.duration;
        if (unit === "lan") bits |= CARRIES.frequency;
      }
      if (DIGITS.test(t)) {
        bits |= CARRIES.count;
        // "ngày 25/7/2016", "năm 2021", "tháng 7".
        const before = tokens[i - 1];
        const year = t.length === 4 && (t.startsWith("19") || t.startsWith("20"));
        if (before === "ngay" || before === "thang" || year) {
          bits |= CARRIES.when;
          const from = before === "ngay" || before === "thang" || before === "nam" ? i - 1 : i;
          let k = from;
          while (k > 0 && from - k < DATED_WINDOW && !opens(k)) dated.add(tokens[--k]!);
        }
      } else if (unit !== undefined && !isNumber(unit) && t !== "mot") bits |= CARRIES.count;
    }
    if ((t === "moi" || t === "hang" || t === "dinh") && PERIODS.has(tokens[i + 1] ?? "")) bits |= CARRIES.frequency;
    if (t === "dinh" && tokens[i + 1] === "ky") bits |= CARRIES.frequency;
    for (const seq of AGENT) if (startsWithAt(tokens, i, seq)) bits |= CARRIES.who;
    for (const seq of PLACE) if (startsWithAt(tokens, i, seq)) bits |= CARRIES.where;
    for (const seq of FOR_WHOM) if (startsWithAt(tokens, i, seq)) bits |= CARRIES.audience;
    for (const seq of BY_MEANS) {
      if (!startsWithAt(tokens, i, seq) || (t === "qua" && RESULT.has(tokens[i - 1] ?? ""))) continue;
      bits |= CARRIES.means;
      let k = i;
      while (k > 0 && i - k < DATED_WINDOW && !opens(k)) meant.add(tokens[--k]!);
    }
  }
  if (ordinals.size >= 2) bits |= CARRIES.list;
  return { bits, counted, dated, meant };
}

/**
 * Does a passage state the asked kind of answer? 1 = yes; 0.5 = it counts the word asked about but not with the
 * word after it ("19 điều" for "bao nhiêu điều cấm"); 0 = no; `undefined` when the question's form says nothing
 * ("… là gì"). `bits` are the passage's {@link CARRIES}, `counts` says whether one of its numbers counts a word,
 * `mentions` whether it has the word at all: an enumeration that names what is counted ("trình tự các bước" and
 * its steps one by one) answers "gồm mấy bước" by its items.
 */
export function states(
  asked: AskedForm,
  bits: number,
  counts: (unit: string) => boolean,
  mentions: (unit: string) => boolean = () => false,
): number | undefined {
  switch (asked.kind) {
    case "duration":
    case "count":
      if (asked.unitPair !== undefined && counts(asked.unitPair)) return 1;
      if (asked.kind === "count" && (bits & CARRIES.list) !== 0) {
        if (asked.unitPair !== undefined ? mentions(asked.unitPair) : asked.unit !== undefined && mentions(asked.unit))
          return 1;
      }
      if (asked.unit !== undefined) {
        if (counts(asked.unit)) return asked.unitPair !== undefined ? 0.5 : 1;
        return asked.unitPair === undefined && (ALIKE_UNITS.get(asked.unit) ?? []).some(counts) ? 1 : 0;
      }
      return (bits & CARRIES[asked.kind]) !== 0 ? 1 : 0;
    case "what":
      return undefined;
    case "when": {
      // «Đến lúc nào thì được xét chính thức?» — «hết 12 tháng dự bị»: a time after which something happens is a when.
      const kinds = asked.afterTime ? CARRIES.when | CARRIES.duration : CARRIES.when;
      return (bits & kinds) !== 0 ? 1 : 0;
    }
    default:
      return (bits & CARRIES[asked.kind]) !== 0 ? 1 : 0;
  }
}
