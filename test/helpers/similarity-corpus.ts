/**
 * A test set of bản thu hoạch with known overlap, built from templates and word lists with a seeded generator, so
 * the similarity check is measured on pairs whose truth we know: copied, lightly edited (words swapped, a sentence
 * dropped, two moved, sometimes typed without diacritics), paraphrased (same facts, other words), unrelated (same
 * course, same stock phrases, other content) and quoting the material (both reports quote the same lesson passages).
 */
import { readFileSync } from "node:fs";

export type PairKind = "copied" | "lightly-edited" | "paraphrased" | "unrelated" | "quoting-material";

export interface Pair {
  kind: PairKind;
  a: string;
  b: string;
}

/** mulberry32: small, seeded, good enough to vary test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  "thôn Đông",
  "thôn Bắc Hà",
  "khu phố 3",
  "tổ dân phố Ngọc Thụy",
  "xã Vân Nội",
  "xã Tiên Dương",
  "bản Nà Hang",
  "ấp Tân Phú",
  "phường Quang Trung",
  "thị trấn Phố Mới",
  "xóm Chùa",
  "khu dân cư số 7",
  "thôn Lộc Hà",
  "xã Nam Hồng",
];
const TASKS = [
  "sinh hoạt chi bộ định kỳ",
  "công tác kiểm tra, giám sát",
  "phát triển đảng viên mới",
  "công tác dân vận",
  "xây dựng nông thôn mới",
  "giải phóng mặt bằng",
  "quản lý đảng viên đi làm ăn xa",
  "thu nộp đảng phí",
  "giữ gìn an ninh trật tự",
  "chuyển đổi số trong sinh hoạt",
  "vận động hiến đất làm đường",
  "tự phê bình và phê bình",
  "nắm bắt dư luận xã hội",
  "hòa giải ở cơ sở",
  "bảo vệ môi trường",
  "chăm lo gia đình chính sách",
];
const PROBLEMS = [
  "nội dung sinh hoạt còn đơn điệu",
  "một số đảng viên ngại phát biểu",
  "tỷ lệ đảng viên trẻ còn thấp",
  "việc ghi biên bản chưa đầy đủ",
  "đảng viên đi làm xa không sinh hoạt được",
  "kinh phí hoạt động hạn hẹp",
  "người dân còn băn khoăn về đền bù",
  "thanh niên ít tham gia sinh hoạt đoàn thể",
  "rác thải ven kênh chưa được xử lý",
  "tranh chấp đất đai giữa các hộ kéo dài",
  "thông tin trên mạng xã hội gây hoang mang",
  "nghị quyết chậm được cụ thể hoá",
];
const ACTIONS = [
  "phân công từng đồng chí phụ trách nhóm hộ",
  "tổ chức đối thoại trực tiếp với nhân dân",
  "lập nhóm Zalo của chi bộ",
  "mời báo cáo viên về nói chuyện thời sự",
  "xây dựng chương trình kiểm tra hằng năm",
  "gặp gỡ từng hộ gia đình",
  "đưa nội dung chuyên đề vào sinh hoạt hằng tháng",
  "biểu dương kịp thời những cách làm hay",
  "ký cam kết với các hộ dân",
  "tổ chức ra quân làm vệ sinh",
  "lựa chọn quần chúng ưu tú để bồi dưỡng",
  "công khai kết quả thu chi trước nhân dân",
  "phối hợp với mặt trận và các đoàn thể",
];
const RESULTS = [
  "số đảng viên tham gia đầy đủ tăng rõ rệt",
  "nhân dân đồng tình ủng hộ",
  "không còn đơn thư vượt cấp",
  "chi bộ được công nhận trong sạch vững mạnh",
  "kết nạp thêm ba đảng viên mới",
  "đường làng được bê tông hoá",
  "các ý kiến được giải quyết dứt điểm",
  "sinh hoạt chi bộ có chất lượng hơn",
  "nhiều hộ tự nguyện hiến đất",
];
const NUMBERS = ["hai", "ba", "bốn", "năm", "sáu", "bảy", "mười", "mười hai", "hai mươi", "ba mươi lăm"];
const LESSONS = ["bài 1", "bài 2", "bài 3", "bài 4", "bài 5", "bài 6"];

interface Facts {
  place: string;
  task: string;
  problem: string;
  action: string;
  result: string;
  n: string;
  lesson: string;
}

/** Two ways of saying each kind of sentence: the second is the paraphrase of the first. */
const TEMPLATES: [(f: Facts) => string, (f: Facts) => string][] = [
  [
    (f) => `Qua học tập ${f.lesson}, tôi nhận thức rõ hơn tầm quan trọng của ${f.task} ở chi bộ ${f.place}.`,
    (f) =>
      `Sau khi nghiên cứu ${f.lesson}, bản thân tôi hiểu sâu sắc vì sao ${f.task} lại quan trọng đối với ${f.place}.`,
  ],
  [
    (f) => `Thực tế ở ${f.place} cho thấy ${f.problem}, nhất là trong ${f.task}.`,
    (f) => `Tại địa phương tôi là ${f.place}, ${f.task} vẫn gặp khó khăn vì ${f.problem}.`,
  ],
  [
    (f) => `Để khắc phục, chi uỷ đã ${f.action} trong ${f.n} tháng liền.`,
    (f) => `Chi uỷ chúng tôi chọn cách ${f.action}, kiên trì suốt ${f.n} tháng.`,
  ],
  [
    (f) => `Nhờ vậy ${f.result}, đây là bài học kinh nghiệm quý đối với ${f.place}.`,
    (f) => `Kết quả là ${f.result}; từ đó ${f.place} rút ra được kinh nghiệm cho mình.`,
  ],
  [
    (f) => `Tôi đề xuất cấp uỷ cấp trên tăng cường hướng dẫn về ${f.task} cho các chi bộ như ${f.place}.`,
    (f) => `Theo tôi, cấp trên nên hướng dẫn cụ thể hơn về ${f.task} để những nơi như ${f.place} làm tốt hơn.`,
  ],
  [
    (f) => `Trong thời gian tới, bản thân tôi sẽ ${f.action} và báo cáo kết quả với đảng uỷ sau ${f.n} tuần.`,
    (f) => `Sắp tới tôi dự định ${f.action}, rồi sau ${f.n} tuần báo cáo lại với đảng uỷ.`,
  ],
  [
    (f) => `Có ${f.n} đảng viên ở ${f.place} từng cho rằng ${f.problem} là chuyện khó tránh.`,
    (f) => `Không ít đồng chí, khoảng ${f.n} người tại ${f.place}, nghĩ rằng ${f.problem} thì khó mà tránh được.`,
  ],
  [
    (f) => `Bài học rút ra là phải kiên trì ${f.action}, không nóng vội, không làm thay nhân dân.`,
    (f) => `Từ đó thấy rằng cần ${f.action} một cách bền bỉ, tránh chủ quan, để dân cùng làm.`,
  ],
];

const SYNONYMS: [string, string][] = [
  ["tôi", "bản thân em"],
  ["nhận thức", "hiểu"],
  ["quan trọng", "cần thiết"],
  ["thực tế", "thực tiễn"],
  ["khắc phục", "giải quyết"],
  ["nhờ vậy", "do đó"],
  ["đề xuất", "kiến nghị"],
  ["tăng cường", "đẩy mạnh"],
  ["thời gian tới", "thời gian sắp tới"],
  ["bài học", "kinh nghiệm"],
  ["kiên trì", "bền bỉ"],
  ["chi uỷ", "chi ủy"],
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function facts(r: () => number): Facts {
  return {
    place: pick(r, PLACES),
    task: pick(r, TASKS),
    problem: pick(r, PROBLEMS),
    action: pick(r, ACTIONS),
    result: pick(r, RESULTS),
    n: pick(r, NUMBERS),
    lesson: pick(r, LESSONS),
  };
}

interface Plan {
  rows: { t: number; f: Facts }[];
}

/** A report of `sentences` sentences (about 25 syllables each), in paragraphs of four. */
function plan(r: () => number, sentences: number): Plan {
  const rows: Plan["rows"] = [];
  for (let i = 0; i < sentences; i++) rows.push({ t: Math.floor(r() * TEMPLATES.length), f: facts(r) });
  return { rows };
}

function render(p: Plan, variant: 0 | 1 = 0): string[] {
  return p.rows.map(({ t, f }) => TEMPLATES[t]![variant](f));
}

const paragraphs = (ss: string[]) => {
  const out: string[] = [];
  for (let i = 0; i < ss.length; i += 4) out.push(ss.slice(i, i + 4).join(" "));
  return out.join("\n\n");
};

/** Typed without diacritics, as some learners do. */
const stripMarks = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");

/** Light editing: a synonym here and there, one sentence dropped, two swapped, a few words added. */
function lightlyEdit(r: () => number, ss: string[]): string[] {
  let out = ss.map((s) => {
    let t = s;
    for (const [a, b] of SYNONYMS) if (r() < 0.35 && t.includes(a)) t = t.replace(a, b);
    if (r() < 0.2) t = t.replace(/, /, ", thật sự ");
    return t;
  });
  if (out.length > 6) out.splice(Math.floor(r() * out.length), 1);
  const i = Math.floor(r() * (out.length - 1));
  [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  if (r() < 0.2) out = out.map(stripMarks);
  return out;
}

/** Paragraphs of the lesson texts in content/, the material the reports quote. */
export function materialParagraphs(contentDir: string): string[] {
  const out: string[] = [];
  for (let n = 1; n <= 6; n++) {
    const text = readFileSync(`${contentDir}/bai-hoc/bai-${n}.md`, "utf8").replace(/^---[\s\S]*?---/, "");
    for (const p of text.split(/\n\s*\n/)) {
      const t = p
        .replace(/^#+ .*$/gm, "")
        .replace(/\s+/g, " ")
        .trim();
      if (t.split(" ").length >= 25) out.push(t);
    }
  }
  return out;
}

/** `perKind` pairs of each kind; reports of 10–24 sentences. */
export function buildPairs(seed: number, perKind: number, material: string[]): Pair[] {
  const r = rng(seed);
  const pairs: Pair[] = [];
  const len = () => 10 + Math.floor(r() * 15);
  for (let i = 0; i < perKind; i++) {
    const p = plan(r, len());
    const a = render(p);
    pairs.push({ kind: "copied", a: paragraphs(a), b: paragraphs(a) });
    const p2 = plan(r, len());
    pairs.push({ kind: "lightly-edited", a: paragraphs(lightlyEdit(r, render(p2))), b: paragraphs(render(p2)) });
    const p3 = plan(r, len());
    pairs.push({ kind: "paraphrased", a: paragraphs(render(p3, 1)), b: paragraphs(render(p3)) });
    pairs.push({ kind: "unrelated", a: paragraphs(render(plan(r, len()))), b: paragraphs(render(plan(r, len()))) });
    // Both quote the same two or three passages of the lesson, around their own text.
    const quotes = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, material));
    const qa = render(plan(r, len()));
    const qb = render(plan(r, len()));
    pairs.push({
      kind: "quoting-material",
      a: [paragraphs(qa.slice(0, 4)), ...quotes, paragraphs(qa.slice(4))].join("\n\n"),
      b: [...quotes, paragraphs(qb)].join("\n\n"),
    });
  }
  return pairs;
}

/** A report of about `pages` pages (some 400 syllables a page). */
export function longReport(seed: number, pages: number): string {
  return paragraphs(render(plan(rng(seed), pages * 16)));
}

/**
 * A report of about `pages` pages whose own text varies as real reports do: sentences of syllables drawn from the
 * material's vocabulary, mixed with a few stock sentences of the templates (for the cost of a check against many).
 */
export function variedReport(seed: number, pages: number, vocabulary: readonly string[]): string {
  const r = rng(seed);
  const stock = render(plan(r, 4));
  const sentences: string[] = [];
  for (let i = 0; i < pages * 16; i++) {
    const n = 12 + Math.floor(r() * 18);
    const words = Array.from({ length: n }, () => pick(r, vocabulary));
    sentences.push(`${words.join(" ")}.`);
    if (i % 4 === 3 && stock.length > 0) sentences.push(stock.pop()!);
  }
  return paragraphs(sentences);
}
