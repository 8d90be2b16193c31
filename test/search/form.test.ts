import { describe, expect, it } from "vitest";
import type { ContentDoc } from "../../src/content/types.js";
import { askedForm, CARRIES, carriedForm, namedNumbers, states } from "../../src/search/answer-form.js";
import { foldTokens } from "../../src/search/fold.js";
import { createSearchIndex, splitPassages } from "../../src/search/index.js";
import { analyzeQuery, compileLexicon } from "../../src/search/query.js";

const asked = (q: string, known: string[] = []) => askedForm(foldTokens(q), (p) => known.includes(p));

describe("the kind of answer a question asks for", () => {
  it.each([
    ["Khoá học kéo dài bao lâu?", { kind: "duration" }],
    ["khiếu nại trong thời gian bao nhiêu lâu", { kind: "duration" }],
    ["khoa hoc mat may ngay", { kind: "duration", unit: "ngay" }],
    ["mỗi buổi học khoảng bao nhiêu phút", { kind: "duration", unit: "phut" }],
    ["Điều lệ có bao nhiêu chương?", { kind: "count", unit: "chuong" }],
    ["lương cơ sở bao nhiêu", { kind: "count" }],
    ["sinh hoạt chuyên đề mấy tháng một lần", { kind: "frequency" }],
    ["Quy định 29 ban hành ngày nào?", { kind: "when" }],
    ["bao giờ hết hạn", { kind: "when" }],
    ["mấy giờ vào lớp", { kind: "when" }],
    ["lớp học ở đâu", { kind: "where" }],
    ["ai chỉ đạo việc mở lớp", { kind: "who" }],
    ["có phải tự mua sách không", { kind: "whether" }],
    ["tổ đảng là gì", { kind: "what" }],
    ["kết quả học tập đánh giá bằng gì", { kind: "means" }],
    ["lớp này dành cho những ai", { kind: "audience" }],
    ["một bài giảng mất bao nhiêu thời gian", { kind: "duration" }],
    ["đảng viên đi làm ăn xa mấy tháng thì có phải báo cáo chi bộ không", { kind: "whether" }],
    ["chi bộ có bao nhiêu đảng viên thì bầu chi uỷ", { kind: "count", unit: "dang" }],
    ["gui xe may o dau", { kind: "where" }],
    ["Quy định 29 do Trung ương khoá mấy ban hành", { kind: "count" }],
    ["bo may chi bo gom may nguoi", { kind: "count", unit: "nguoi" }],
    ["ai được cử đi học lớp này", { kind: "audience" }],
    ["chi bộ phải quản lý mấy người đó ra sao", { kind: "what" }],
  ])("%s → %o", (q, form) => {
    expect(asked(q)).toEqual(form);
  });

  it("takes no word twice over as the pair counted: «viết mấy phần, phần nào trước»", () => {
    expect(asked("viết mấy phần, phần nào trước", ["phan phan"])).toEqual({ kind: "count", unit: "phan" });
  });

  it("counts no function word: «bài số mấy trong khoá», «mấy ngày trong khoá»", () => {
    expect(asked("quy định 30 gắn với bài số mấy trong khoá học này", ["trong khoa"])).toEqual({ kind: "count" });
    expect(asked("tham quan chiếm mấy ngày trong khoá", ["ngay trong"])).toEqual({ kind: "duration", unit: "ngay" });
  });

  it("names the two-syllable thing counted when the material has it as a pair", () => {
    expect(asked("chi bộ có bao nhiêu đảng viên", ["dang vien"])).toEqual({
      kind: "count",
      unit: "dang",
      unitPair: "dang vien",
    });
  });

  it("takes «máy» typed with its mark, and «may» unmarked among marked words, for what they say, not «mấy»", () => {
    const typed = (q: string) => {
      const units = analyzeQuery(q, compileLexicon({ abbreviations: {}, fillers: [] }));
      const content = new Set<number>();
      const tokens: string[] = [];
      for (const u of units)
        for (const t of u.readings[0]!.tokens) {
          if (u.contentWord) content.add(tokens.length);
          tokens.push(t);
        }
      return askedForm(tokens, () => false, content);
    };
    expect(typed("gọi thì không nghe máy. Trường hợp này chi bộ xử lý thế nào?")).toEqual({ kind: "what" });
    expect(typed("cầu may thì chi bộ xử lý thế nào")).toEqual({ kind: "what" });
    expect(typed("chi bộ có mấy trường hợp phải xử lý")).toEqual({ kind: "count", unit: "truong" });
    // Without marks nothing tells «máy» from «mấy».
    expect(typed("khong nghe may truong hop nay xu ly the nao")).toEqual({ kind: "count", unit: "truong" });
  });

  it("reads the same without diacritics, with old tone marks and in NFD", () => {
    const form = asked("Đại hội chi bộ mấy năm một lần?");
    expect(asked("dai hoi chi bo may nam mot lan")).toEqual(form);
    expect(asked("Đại hội chi bộ mấy năm một lần?".normalize("NFD"))).toEqual(form);
    expect(asked("Khoá học mấy ngày")).toEqual(asked("Khóa học mấy ngày"));
  });
});

describe("the kinds of answer a passage states", () => {
  it("counts what follows a number or a range, and reads a duration", () => {
    const f = carriedForm(foldTokens("Khoá học kéo dài từ 4 đến 5 ngày; Điều lệ có 12 chương với 48 điều."));
    expect([...f.counted]).toEqual(expect.arrayContaining(["ngay", "chuong", "dieu"]));
    expect(f.bits & CARRIES.duration).toBeTruthy();
  });

  it("knows what a date is the date of", () => {
    const f = carriedForm(foldTokens("Quy định 29-QĐ/TW ngày 25/7/2016 về thi hành Điều lệ."));
    expect(f.bits & CARRIES.when).toBeTruthy();
    expect(f.dated.has("29")).toBe(true);
    // The sentence before a date is not what the date is of.
    const text = "Quy định 29 không còn hiệu lực. Ngày 30/7/2021 ban hành Quy định 24.";
    const starts = new Set([foldTokens(text).indexOf("ngay")]);
    expect(carriedForm(foldTokens(text), [], starts).dated.has("29")).toBe(false);
  });

  it("takes «Có.» or «Không.» at the start as a yes/no answer", () => {
    expect(carriedForm(foldTokens("Không. Hướng dẫn không bắt buộc.")).bits & CARRIES.whether).toBeTruthy();
    expect(carriedForm(foldTokens("Hướng dẫn dành nửa ngày.")).bits & CARRIES.whether).toBe(0);
  });

  it("takes a time after which something happens as an answer to «lúc nào»: «hết 12 tháng dự bị»", () => {
    const bits = carriedForm(foldTokens("Hết 12 tháng, chi bộ xét công nhận đảng viên chính thức.")).bits;
    expect(states(asked("đến lúc nào thì được xét lên chính thức"), bits, () => false)).toBe(1);
    expect(states(asked("dự bị bao lâu, tính từ lúc nào"), bits, () => false)).toBe(1);
    // «bao giờ có điểm» asks a date or a day, which a span of months is not.
    expect(states(asked("bao giờ có điểm"), bits, () => false)).toBe(0);
    expect(states({ kind: "when" }, carriedForm(foldTokens("Chi bộ xét công nhận đảng viên.")).bits, () => false)).toBe(
      0,
    );
  });

  it("gives half credit for the word counted without the word after it", () => {
    const counts = (u: string) => u === "dieu";
    expect(states({ kind: "count", unit: "dieu", unitPair: "dieu cam" }, 0, counts)).toBe(0.5);
    expect(states({ kind: "count", unit: "dieu" }, 0, counts)).toBe(1);
    expect(states({ kind: "count", unit: "uy", unitPair: "uy vien" }, CARRIES.count, counts)).toBe(0);
    expect(states({ kind: "what" }, CARRIES.count, counts)).toBeUndefined();
  });

  it("takes a counting word of the same kind as the one asked: «bao nhiêu loại» is answered by «bốn mức»", () => {
    const f = carriedForm(
      foldTokens("Chi bộ xếp loại chất lượng theo bốn mức: xuất sắc, tốt, hoàn thành, không hoàn thành."),
    );
    const counts = (u: string) => f.counted.has(u);
    expect(states(asked("chia ra bao nhiêu loại"), f.bits, counts)).toBe(1);
    expect(states(asked("kết nạp gồm mấy khâu"), f.bits, counts)).toBe(0);
    // People are counted by what they are: «cần mấy người giới thiệu» by «hai đảng viên chính thức».
    const g = carriedForm(foldTokens("Cần có hai đảng viên chính thức giới thiệu."));
    const people = (u: string) => g.counted.has(u);
    expect(states(asked("cần mấy người giới thiệu"), g.bits, people)).toBe(1);
    expect(states(asked("cần mấy buổi"), g.bits, people)).toBe(0);
  });
});

const doc = (id: string, title: string, sections: [string, string][]): ContentDoc => ({
  id,
  title,
  kind: "program",
  keywords: [],
  confidence: "high",
  file: `${id}.md`,
  bodyLine: 1,
  body: [`# ${title}`, "", ...sections.flatMap(([h, t]) => [`## ${h}`, "", t, ""])].join("\n"),
});

const docs = [
  doc("thoi-gian", "Thời gian", [
    ["Thời gian của khoá học", "Theo hướng dẫn, khoá học kéo dài từ 4 đến 5 ngày tuỳ đặc điểm học viên."],
    [
      "Một bài học kéo dài bao lâu",
      "Mỗi bài học được giảng trong một buổi, khoảng 225 phút; khoá học bố trí các buổi linh hoạt, bài học nào cũng kéo dài như nhau.",
    ],
  ]),
  doc("quy-dinh", "Quy định thi hành Điều lệ", [
    [
      "Quy định 29-QĐ/TW",
      "Quy định 29-QĐ/TW ngày 25/7/2016 của Ban Chấp hành Trung ương hướng dẫn thi hành Điều lệ Đảng.",
    ],
    [
      "Quy định 29 đã được thay",
      "Quy định 29 không còn hiệu lực. Ngày 30/7/2021, Ban Chấp hành Trung ương ban hành Quy định 24 thay cho quy định 29.",
    ],
  ]),
  doc("bo-chinh-tri", "Bộ Chính trị", [
    [
      "Bộ Chính trị và Ban Bí thư",
      "Ban Chấp hành Trung ương bầu Bộ Chính trị; các uỷ viên Bộ Chính trị lãnh đạo giữa hai kỳ hội nghị Trung ương khoá XII.",
    ],
  ]),
  doc("ky-luat", "Kỷ luật", [
    [
      "Các hình thức kỷ luật",
      "Với đảng viên chính thức: khiển trách, cảnh cáo, cách chức, khai trừ. Khai trừ là hình thức cao nhất.",
    ],
  ]),
  doc("dang-phi", "Đảng phí", [
    ["Đóng đảng phí", "Đảng viên đóng đảng phí hằng tháng tại chi bộ, thường trong buổi sinh hoạt thường kỳ."],
  ]),
];
const index = createSearchIndex(splitPassages(docs, { minWords: 5 }), {
  abbreviations: { đu: "đảng uỷ" },
  fillers: ["là gì"],
});
/** The heading of the passage an index answers with, or undefined when it does not answer. */
const topOf = (ix: typeof index) => (q: string) => {
  const r = ix.search(q);
  return r.confident ? r.results[0]?.passage.headingPath.at(-1) : undefined;
};
const top = topOf(index);

describe("ranking by the form of the question", () => {
  it("answers «how many days» with the passage that counts days, not the one that shares more words", () => {
    expect(top("khoá học kéo dài mấy ngày")).toBe("Thời gian của khoá học");
    expect(top("khoa hoc keo dai may ngay")).toBe("Thời gian của khoá học");
    expect(top("bài học kéo dài mấy phút")).toBe("Một bài học kéo dài bao lâu");
  });

  it("answers «when was X issued» with X's own date, not the date of what replaced it", () => {
    expect(top("Quy định 29 ban hành ngày nào?")).toBe("Quy định 29-QĐ/TW");
  });
});

describe("declining what the material near the topic does not state", () => {
  it("a count of something no number in the material counts", () => {
    const r = index.search("Bộ Chính trị có bao nhiêu uỷ viên");
    expect(r.confident).toBe(false);
    expect(r.signals?.answerStated).toBe(false);
    expect(top("ai bầu Bộ Chính trị")).toBe("Bộ Chính trị và Ban Bí thư");
  });

  it("takes items listed after a colon for the count they make: «mấy hình thức kỷ luật»", () => {
    const r = index.search("đảng viên chính thức có mấy hình thức kỷ luật");
    expect(r.signals?.answerStated).toBe(true);
    expect(top("đảng viên chính thức có mấy hình thức kỷ luật")).toBe("Các hình thức kỷ luật");
  });

  it("a numbered thing the passage does not name: «Quy định 35» is not «Quy định 29»", () => {
    expect(index.search("Quy định 29 ban hành ngày nào?").confident).toBe(true);
    expect(index.search("Quy định 35 ban hành ngày nào?").confident).toBe(false);
    expect(index.search("quy dinh 35 ban hanh ngay nao").confident).toBe(false);
  });

  it("reads the numbered things a question names, Roman or not", () => {
    expect(namedNumbers(foldTokens("Đại hội XIV họp ở đâu"))).toEqual([["14", "xiv"]]);
    expect(namedNumbers(foldTokens("Nghị quyết 35-NQ/TW và Điều 9"))).toEqual([
      ["35", "xxxv"],
      ["9", "ix"],
    ]);
    // A number that counts, and a Roman-looking word after no naming word, name nothing.
    expect(namedNumbers(foldTokens("chi bộ có 9 đảng viên, vì sao"))).toEqual([]);
  });

  it("holds a passage to the first thing named, not to what qualifies it («Quy định 29 của Trung ương khoá XII»)", () => {
    const decree = createSearchIndex(
      splitPassages(
        [
          doc("qd-29", "Quy định 29", [
            [
              "Quy định 29 đã được thay",
              "Quy định 29-QĐ/TW về thi hành Điều lệ Đảng nay đã được thay bằng Quy định 24-QĐ/TW, nên hồ sơ kết nạp đảng viên làm theo Quy định 24-QĐ/TW.",
            ],
          ]),
        ],
        { minWords: 3 },
      ),
    );
    const conf = (q: string) => decree.search(q).signals!.confidence;
    const qualified = conf("Quy định 29 của Trung ương khoá XII còn dùng để làm hồ sơ kết nạp được không");
    // The same question about a decree the passage does not name is held back as before.
    expect(qualified).toBeGreaterThan(
      1.5 * conf("Quy định 31 của Trung ương khoá XII còn dùng để làm hồ sơ kết nạp được không"),
    );
  });

  it("today's figures, which a fixed text does not have", () => {
    expect(index.search("đảng phí hôm nay bao nhiêu tiền").confident).toBe(false);
    expect(top("đảng phí đóng ở đâu, hằng tháng không")).toBe("Đóng đảng phí");
  });
});

describe("reading what was typed", () => {
  const lexicon = compileLexicon({ abbreviations: { đu: "đảng uỷ", dv: "đảng viên" }, fillers: [] });
  const read = (q: string) =>
    analyzeQuery(q, lexicon)
      .map((u) => u.readings[0]!.tokens.join(" "))
      .join(" ");

  it("does not take a word typed with its marks for shorthand that folds like it", () => {
    expect(read("dv dự bị")).toBe("dang vien du bi");
    expect(read("đu họp mấy lần")).toBe("dang uy hop may lan");
    expect(read("du hop may lan")).toBe("dang uy hop may lan");
  });

  it("leaves a Roman numeral alone rather than correcting it to one the material has", () => {
    expect(index.search("hội nghị trung ương khoá XIV").normalizedQuery).toContain("xiv");
  });

  it("answers the same in NFD and with either tone placement", () => {
    for (const q of [
      "Khoá học kéo dài mấy ngày?",
      "Quy định 29 ban hành ngày nào?",
      "uỷ viên Bộ Chính trị do ai bầu",
    ]) {
      const ids = (x: string) => index.search(x).results.map((h) => h.passage.id);
      expect(ids(q.normalize("NFD"))).toEqual(ids(q));
      expect(ids(q.replace("oá", "óa").replace("uỷ", "ủy"))).toEqual(ids(q));
    }
  });
});

const lesson = (n: number, title: string, opening: string, sections: [string, string][]): ContentDoc => ({
  ...doc(`bai-${n}`, title, sections),
  kind: "lesson",
  lesson: n,
  body: [`# ${title}`, "", opening, "", ...sections.flatMap(([h, t]) => [`## ${h}`, "", t, ""])].join("\n"),
});

const course = createSearchIndex(
  splitPassages(
    [
      lesson(
        2,
        "Bài 2. Công tác của bí thư chi bộ",
        "Bài 2 bàn về nhiệm vụ của chi uỷ và những việc bí thư chi bộ làm hằng tháng để chi bộ sinh hoạt đều đặn.",
        [
          [
            "Trình tự các bước trong buổi sinh hoạt chi bộ",
            "Một buổi sinh hoạt thường đi theo thứ tự sau. Mở đầu: kiểm tra số đảng viên có mặt. Tiếp theo: thông tin thời sự. Sau đó: đánh giá việc đã làm tháng trước. Cuối cùng thông qua biên bản.",
          ],
          [
            "Các bước một cuộc kiểm tra của chi bộ",
            "Một cuộc kiểm tra thường gồm các bước: chi bộ ra quyết định kiểm tra; đảng viên tự báo cáo; người được giao thẩm tra, xác minh; chi bộ họp kết luận.",
          ],
          [
            "Chuẩn bị buổi sinh hoạt chi bộ",
            "Trước buổi sinh hoạt chi bộ khoảng 3 ngày, chi uỷ họp bàn nội dung và phân công người chuẩn bị báo cáo cho buổi sinh hoạt.",
          ],
        ],
      ),
      lesson(
        3,
        "Bài 3. Công tác tư tưởng",
        "Bài 3 bàn về việc chi bộ nắm tình hình tư tưởng của đảng viên và nhân dân, định hướng dư luận ở cơ sở.",
        [["Nắm tư tưởng đảng viên", "Bí thư chi bộ gặp gỡ, trao đổi với từng đảng viên để nắm tâm tư, nguyện vọng."]],
      ),
      {
        ...doc("thuat-ngu", "Thuật ngữ", [
          [
            "Bí thư chi bộ",
            "Bí thư chi bộ là người đứng đầu chi uỷ, do chi bộ bầu, chịu trách nhiệm điều hành công việc hằng ngày của chi bộ.",
          ],
          [
            "Chi bộ",
            "Chi bộ là tổ chức của Đảng nơi mỗi đảng viên trực tiếp sinh hoạt, được giáo dục, rèn luyện và giao nhiệm vụ.",
          ],
        ]),
        kind: "glossary",
      },
      doc("trung-tam", "Trung tâm chính trị", [
        [
          "Trung tâm chính trị cấp huyện",
          "Trung tâm chính trị cấp huyện mở các lớp bồi dưỡng lý luận cho cán bộ, đảng viên ở xã; đường lối của Đảng được giảng tại trung tâm.",
        ],
      ]),
    ],
    { minWords: 5 },
  ),
);
const courseTop = topOf(course);

describe("answers that are not a figure in the text", () => {
  it("answers «gồm mấy bước» with the passage that enumerates the steps, not a refusal", () => {
    expect(courseTop("trình tự sinh hoạt chi bộ gồm mấy bước")).toBe("Trình tự các bước trong buổi sinh hoạt chi bộ");
    expect(courseTop("trinh tu sinh hoat chi bo gom may buoc")).toBe("Trình tự các bước trong buổi sinh hoạt chi bộ");
    // Items after a colon, split by semicolons, are an enumeration too.
    expect(courseTop("chi bộ kiểm tra đảng viên theo mấy bước")).toBe("Các bước một cuộc kiểm tra của chi bộ");
  });

  it("answers a lesson asked for by its number with that lesson's opening", () => {
    expect(courseTop("bài số 3 nói về cái gì")).toBe("Bài 3. Công tác tư tưởng");
    expect(courseTop("bai 2 hoc gi")).toBe("Bài 2. Công tác của bí thư chi bộ");
    // A lesson the material does not have is not answered with another one.
    expect(courseTop("bài 9 nói về cái gì")).toBeUndefined();
  });

  it("answers «X là gì» with the term that is exactly X, not a longer term containing it", () => {
    expect(courseTop("chi bộ là gì")).toBe("Chi bộ");
    expect(courseTop("bí thư chi bộ là gì")).toBe("Bí thư chi bộ");
  });
});

describe("the means asked for", () => {
  const means = createSearchIndex(
    splitPassages(
      [
        doc("danh-gia", "Đánh giá", [
          [
            "Bản thu hoạch được chấm thế nào",
            "Hướng dẫn quy định đánh giá kết quả học tập qua bản thu hoạch của mỗi học viên, không nêu thang điểm cụ thể.",
          ],
          [
            "Học viên đánh giá lớp học",
            "Cuối khoá, học viên đánh giá lớp học và kết quả học tập của lớp; ý kiến gửi về trung tâm qua phiếu góp ý.",
          ],
        ]),
      ],
      { minWords: 5 },
    ),
  );
  it("prefers the passage where the means follows what the question is about", () => {
    // Two passages are too few for any word to be specific, so this reads the ranking, not the answer.
    const first = means.search("kết quả học tập được đánh giá bằng gì").nearest[0];
    expect(first?.passage.headingPath.at(-1)).toBe("Bản thu hoạch được chấm thế nào");
  });
});

describe("declining a question the passage shares only syllables with", () => {
  it("the question's word pairs are nowhere in the passage", () => {
    expect(course.search("đường về huyện có tắc không").confident).toBe(false);
    expect(courseTop("trung tâm chính trị cấp huyện mở lớp gì")).toBe("Trung tâm chính trị cấp huyện");
  });
});
