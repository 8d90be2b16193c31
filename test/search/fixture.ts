/**
 * A small corpus written for the search tests, independent of `content/` (which a centre may replace).
 */
import type { ContentBundle, ContentDoc } from "../../src/content/types.js";

const lorem = (n: number, word = "nội dung") => Array.from({ length: n }, () => word).join(" ");

export const programDoc: ContentDoc = {
  id: "chuong-trinh",
  title: "Chương trình bồi dưỡng",
  kind: "program",
  keywords: ["chương trình", "khoá học"],
  confidence: "high",
  file: "chuong-trinh.md",
  bodyLine: 8,
  body: [
    "# Chương trình bồi dưỡng",
    "",
    "Giới thiệu ngắn.",
    "",
    "## Thời gian học tập",
    "",
    "Lớp học kéo dài từ 4 đến 5 ngày tuỳ theo đặc điểm đối tượng. Giảng sáu bài, mỗi bài một buổi, mất 3 ngày.",
    "Báo cáo bổ sung và tham quan từ nửa ngày đến một ngày; thảo luận, giải đáp nửa ngày; viết bản thu hoạch",
    "nửa ngày. Giảng viên có thể chọn một số nội dung để đi sâu.",
    "",
    "## Đánh giá kết quả",
    "",
    "Kết quả học tập được đánh giá qua **bản thu hoạch** của học viên. Học viên đạt yêu cầu được trung tâm cấp",
    "giấy chứng nhận theo quy định hiện hành. Bản thu hoạch nêu những điều tâm đắc, liên hệ với chi bộ nơi mình",
    "sinh hoạt và đề xuất giải pháp cụ thể.",
    "",
    "## Đối tượng",
    "",
    "Đối tượng là bí thư chi bộ, cấp uỷ viên cơ sở (chi uỷ viên, uỷ viên ban chấp hành đảng bộ cơ sở). Ngoài ra có",
    "thể bồi dưỡng cho các uỷ viên không chuyên trách các ban của đảng uỷ cơ sở và những người có liên quan.",
  ].join("\n"),
};

export const lessonDoc: ContentDoc = {
  id: "bai-2",
  title: "Bài 2: Nhiệm vụ của chi uỷ và công tác của bí thư chi bộ",
  kind: "lesson",
  lesson: 2,
  keywords: ["chi uỷ", "bí thư"],
  confidence: "medium",
  file: "bai-2.md",
  bodyLine: 10,
  body: [
    "## Sinh hoạt chi bộ",
    "",
    "Phần này nói về sinh hoạt.",
    "",
    "### Sinh hoạt thường kỳ",
    "",
    "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần. Chi uỷ chuẩn bị nội dung, bí thư chủ trì. Trình tự gồm:",
    "khai mạc, điểm danh, thu đảng phí; thông tin thời sự; kiểm điểm tháng trước và bàn kế hoạch tháng sau;",
    "thảo luận; kết luận và thông qua biên bản.",
    "",
    "### Sinh hoạt chuyên đề",
    "",
    "Mỗi quý ít nhất một lần chi bộ sinh hoạt chuyên đề về một vấn đề cụ thể, không thay cho sinh hoạt thường kỳ.",
    "Chủ đề được chọn theo tình hình thực tế của đơn vị, có chuẩn bị trước và mời đảng viên phát biểu.",
    "",
    "## Bầu bí thư",
    "",
    "Chi bộ có dưới chín đảng viên chính thức thì bầu bí thư, khi cần bầu thêm phó bí thư. Chi bộ có từ chín đảng",
    "viên chính thức trở lên thì bầu chi uỷ, rồi bầu bí thư và phó bí thư trong số chi uỷ viên. Đại hội chi bộ",
    "họp hai lần trong nhiệm kỳ năm năm.",
    "",
    "## Một phần rất dài",
    "",
    `${lorem(40)}.`,
    "",
    `${lorem(40, "kiến thức")}.`,
    "",
    `${lorem(40, "kỹ năng")}.`,
  ].join("\n"),
};

export const faqDoc: ContentDoc = {
  id: "hoi-dap",
  title: "Hỏi đáp",
  kind: "faq",
  keywords: [],
  confidence: "high",
  file: "hoi-dap.md",
  bodyLine: 6,
  body: [
    "## Học xong có được cấp giấy chứng nhận không?",
    "",
    "Có. Học viên hoàn thành khoá học và bản thu hoạch đạt yêu cầu được cấp giấy chứng nhận.",
    "",
    "## Tự diễn biến, tự chuyển hoá là gì?",
    "",
    "Là sự suy thoái từ bên trong về tư tưởng chính trị, đạo đức, lối sống. Tự diễn biến dần dần có thể dẫn tới",
    "tự chuyển hoá, tức là thay đổi về chất. Nghị quyết 04-NQ/TW nêu 27 biểu hiện.",
  ].join("\n"),
};

export const fixtureBundle: ContentBundle = {
  docs: [programDoc, lessonDoc, faqDoc],
  lexicon: {
    abbreviations: { bt: "bí thư", ko: "không", k: "không", dc: "được", đc: "được", cb: "chi bộ", "b.t": "bí thư" },
    fillers: ["cho em hỏi", "cho mình hỏi", "là gì", "ạ", "vậy", "thế nào", "ạ ạ"],
  },
};
