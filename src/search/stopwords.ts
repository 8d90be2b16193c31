/**
 * Vietnamese function words and question words, folded. They still take part in ranking (BM25 gives them little
 * weight anyway), but they do not count as "content" when deciding whether the material answers a question —
 * "bao nhiêu", "thế nào" say what kind of answer is wanted, not what it is about.
 *
 * Folded forms collide ("cơ"/"có" → "co", "đảng"/"đang" → "dang", "đề"/"để" → "de", "báo"/"bao", "Hà"/"hả",
 * "Đà"/"đã"), so a syllable is listed only when all of its common readings are function words. This is a fact about the language, not about any lesson text.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a",
  "ai",
  "bao",
  "cac",
  "cho",
  "chua",
  "cua",
  "cung",
  "da",
  "duoc",
  "em",
  "gi",
  "ha",
  "hay",
  "hoac",
  "khi",
  "khong",
  "la",
  "lam",
  "ma",
  "may",
  "mot",
  "nao",
  "nay",
  "nhe",
  "nhi",
  "nhieu",
  "nhung",
  "o",
  "oi",
  "ra",
  "roi",
  "sao",
  "se",
  "thi",
  "trong",
  "va",
  "vao",
  "vay",
  "voi",
]);

/**
 * Syllables that are function words when typed with their marks, though their folded form is also a content word:
 * «tôi» (not «tối»), «đang» (not «Đảng»), «chị» (not «chi bộ»), «còn» (not «con»). Unmarked, they stay ambiguous
 * and count as content. NFC, lower case.
 */
export const MARKED_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "tôi",
  "mình",
  "muốn",
  "phải",
  "thế",
  "nên",
  "để",
  "cứ",
  "nữa",
  "luôn",
  "cái",
  "bị",
  "vì",
  "có",
  "đang",
  "chị",
  "anh",
  "thầy",
  "đấy",
  "đó",
  "từ",
  "về",
  "nếu",
  "như",
  "mọi",
  "rất",
  "lắm",
  "quá",
  "còn",
  "lên",
  "đến",
]);
