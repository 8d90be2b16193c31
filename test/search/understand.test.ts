import { describe, expect, it } from "vitest";
import { foldTokens } from "../../src/search/fold.js";
import {
  answerTypeOf,
  IntentMatcher,
  isSure,
  questionPart,
  routeOf,
  searchReading,
  splitQuestions,
  type Understanding,
} from "../../src/search/understand.js";

const matcher = new IntentMatcher(
  [
    { id: "usage.checkin", examples: ["điểm danh thế nào", "nhập mã điểm danh"] },
    { id: "course.deadline", examples: ["hạn nộp bài", "bao giờ hết hạn nộp bài"] },
    { id: "chat.thanks", examples: ["cảm ơn", "cảm ơn bạn"] },
  ],
  { abbreviations: { ko: "không", bh: "bao giờ" }, fillers: [] },
);

describe("the question part of a message", () => {
  it("starts after the last «cho em hỏi»-like opener and drops trailing politeness", () => {
    expect(
      questionPart(
        "Chào anh chị, tôi công tác ở xã, tháng sau được cử đi học lớp này, xin hỏi học xong thì có được cấp giấy không ạ",
      ),
    ).toMatchObject({ question: "học xong thì có được cấp giấy không", trimmed: true });
  });

  it("in a long message without an opener, starts at the first clause that asks", () => {
    const { question } = questionPart(
      "Tôi là bí thư chi bộ thôn, năm nay mới được bầu lần đầu. Chi bộ sinh hoạt mấy lần một tháng?",
    );
    expect(question).toBe("Chi bộ sinh hoạt mấy lần một tháng?");
  });

  it("does not take a self-introduction for the question: «Chùa» is not «chưa», «chưa có» mid-clause asks nothing", () => {
    expect(
      questionPart(
        "Dạ em chào anh chị, em là bí thư chi bộ thôn Làng Chùa, em chưa có kinh nghiệm, quy định 29 còn hiệu lực không ạ",
      ).question,
    ).toBe("quy định 29 còn hiệu lực không");
  });

  it("cuts a self-introduction that follows the opener", () => {
    expect(
      questionPart(
        "cho em hỏi, em là bí thư chi bộ thôn Đông mới được bầu năm nay, đảng viên dự bị bao lâu thì được chuyển chính thức ạ",
      ).question,
    ).toBe("đảng viên dự bị bao lâu thì được chuyển chính thức");
  });

  it("drops the person addressed after the question and reads a cue typed with a wrong mark", () => {
    expect(
      questionPart(
        "Chào anh chị, tôi là chi uỷ viên thôn Đồi, năm nay chi bộ tôi đại hội, đại hội chi bộ mây năm tổ chức một lần không anh",
      ).question,
    ).toBe("đại hội chi bộ mây năm tổ chức một lần không");
  });

  it("keeps a condition with the question it belongs to", () => {
    expect(
      questionPart("cho em hỏi là nếu đảng viên bỏ sinh hoạt ba tháng trong năm, thì có bị xoá tên không ạ").question,
    ).toBe("nếu đảng viên bỏ sinh hoạt ba tháng trong năm, thì có bị xoá tên không");
  });

  it("keeps a «có … không» question whole when its last clause only closes it", () => {
    expect(questionPart("Đi học lớp này có bắt mặc đồng phục hay áo sơ mi trắng, đeo huy hiệu không ạ?").question).toBe(
      "Đi học lớp này có bắt mặc đồng phục hay áo sơ mi trắng, đeo huy hiệu không?",
    );
    // A last clause with its own «có» is a question of its own.
    expect(
      questionPart("Chi bộ em có mười lăm đảng viên, sinh hoạt ở nhà văn hoá thôn, có phải lập tổ đảng không ạ?")
        .question,
    ).toBe("có phải lập tổ đảng không?");
  });

  it("takes a sentence ended by a full stop for what the asker tells, when the message has a question mark", () => {
    const text =
      "Chi bộ tổ dân phố 5 chúng tôi quý này chưa sinh hoạt chuyên đề lần nào, tháng sau tôi định làm. Nhưng anh em bảo gộp luôn vào buổi sinh hoạt thường kỳ cho đỡ mất công. Gộp như thế có được không?";
    expect(questionPart(text)).toMatchObject({
      question: "Gộp như thế có được không?",
      wider: "Nhưng anh em bảo gộp luôn vào buổi sinh hoạt thường kỳ cho đỡ mất công. Gộp như thế có được không?",
    });
  });

  it("does not read an unmarked word as the cue it folds like, in a message typed with its marks", () => {
    expect(
      questionPart(
        "Mình là bí thư chi bộ một công ty may tư nhân, chi bộ có 11 đảng viên. Vậy ở doanh nghiệp thì nhiệm vụ chính trị của chi bộ là gì?",
      ).question,
    ).toBe("Vậy ở doanh nghiệp thì nhiệm vụ chính trị của chi bộ là gì?");
  });

  it("runs the question to the end of its sentence and leaves what follows it", () => {
    expect(
      questionPart(
        "Lớp chúng tôi chiều thứ năm đi tham quan. Đi tham quan về thì học viên có phải viết gì không, hay chỉ đi cho biết? Tôi hỏi vì mấy anh cùng lớp mỗi người nói một kiểu, chưa ai chắc.",
      ).question,
    ).toBe("Đi tham quan về thì học viên có phải viết gì không, hay chỉ đi cho biết?");
  });

  it("drops the thanks after the question, and why the asker asks («để tôi khỏi đọc nhầm»)", () => {
    expect(
      questionPart(
        "Chào trợ giảng, tôi là bí thư chi bộ thôn Hạ. Xin hỏi trong danh mục có văn bản nào nay hết hiệu lực không, để tôi khỏi đọc nhầm? Cảm ơn nhiều.",
      ).question,
    ).toBe("trong danh mục có văn bản nào nay hết hiệu lực không");
  });

  it("leaves a short question alone", () => {
    expect(questionPart("Điều lệ Đảng có bao nhiêu chương, bao nhiêu điều?").trimmed).toBe(false);
  });

  it("ends a question asked first at its mark, when what follows introduces the asker", () => {
    expect(
      questionPart(
        "Cho tôi hỏi đại hội chi bộ trực thuộc thì bao lâu tổ chức một lần? Tôi là chi uỷ viên thôn 6, năm nay chi bộ sắp đại hội.",
      ).question,
    ).toBe("đại hội chi bộ trực thuộc thì bao lâu tổ chức một lần?");
  });

  it("keeps, as a wider reading, the clauses before the question that name its topic, not those about the asker", () => {
    const topic = questionPart("Em chưa phân biệt được tự diễn biến với tự chuyển hoá, cái nào nặng hơn?");
    expect(topic).toMatchObject({
      question: "cái nào nặng hơn?",
      wider: "Em chưa phân biệt được tự diễn biến với tự chuyển hoá, cái nào nặng hơn?",
    });
    const intro = questionPart(
      "Em chào thầy ạ, em là bí thư chi bộ thôn Đông, chi bộ em có đồng chí bỏ sinh hoạt ba tháng liền, như vậy có bị xoá tên không ạ",
    );
    expect(intro).toMatchObject({
      question: "như vậy có bị xoá tên không",
      wider: "chi bộ em có đồng chí bỏ sinh hoạt ba tháng liền, như vậy có bị xoá tên không",
    });
    // Nothing but the asker before the question: no wider reading.
    expect(
      questionPart("Tôi là bí thư chi bộ thôn, năm nay mới được bầu lần đầu. Chi bộ sinh hoạt mấy lần một tháng?")
        .wider,
    ).toBeUndefined();
  });
});

describe("why the asker asks, after the question", () => {
  it("is cut from the question: «…, tôi sợ đến nhầm chỗ?»", () => {
    expect(
      questionPart(
        "Giấy triệu tập ghi là Trung tâm Chính trị huyện, trước giờ tôi quen gọi khác. Đó có phải hai nơi khác nhau không, tôi sợ đến nhầm chỗ?",
      ).question,
    ).toBe("Đó có phải hai nơi khác nhau không");
  });

  it.each([
    [
      "the reason («…, vì chiều tôi còn phải về lo đàn bò»)",
      "Kính chào trợ giảng. Tôi năm nay 58 tuổi, lần đầu đi học lớp này. Xin hỏi mỗi bài học trên lớp kéo dài bao lâu, có phải ngồi học cả ngày không, vì chiều tôi còn phải về lo đàn bò.",
      "mỗi bài học trên lớp kéo dài bao lâu, có phải ngồi học cả ngày không",
    ],
    [
      "a plea to answer («…, nhờ trợ giảng chỉ giùm»), and «mười mấy» asks nothing",
      "Xin chào, tôi là phó bí thư chi bộ ấp, xã tôi có mười mấy chi bộ ấp. Bà con cứ hỏi tôi hoài mà tôi không nhớ chắc. Đại hội chi bộ ấp mấy năm thì tổ chức một lần, nhờ trợ giảng chỉ giùm.",
      "Đại hội chi bộ ấp mấy năm thì tổ chức một lần",
    ],
    [
      "what leads up to it with a colon («…để thu xếp việc nhà: …»)",
      "Chào trợ giảng, tôi ở bản xa, đi học phải đi xe hơn 40 cây số. Tôi muốn biết trước để thu xếp việc nương rẫy ở nhà: cả khoá học này kéo dài bao nhiêu ngày vậy?",
      "cả khoá học này kéo dài bao nhiêu ngày?",
    ],
  ])("leaves out %s", (_, message, question) => {
    expect(questionPart(message).question).toBe(question);
  });

  it("does not cut at the comma of a list of numbers («khoá 11, 12»)", () => {
    expect(
      questionPart("Em là bí thư chi bộ thôn, văn kiện các hội nghị trung ương khoá 11, 12 có phải đọc hết không")
        .question,
    ).toBe("văn kiện các hội nghị trung ương khoá 11, 12 có phải đọc hết không");
  });
});

describe("a question about the asker as a case, or about the story told before it", () => {
  it.each([
    [
      "with the asker's introduction, not with the greeting («người như tôi»)",
      "Kính gửi trợ giảng. Tôi là cán bộ Mặt trận xã, là đảng viên nhưng không nằm trong chi uỷ. Cho tôi hỏi người như tôi có được học không?",
      "người như tôi có được học không?",
      "Tôi là cán bộ Mặt trận xã, là đảng viên nhưng không nằm trong chi uỷ. Cho tôi hỏi người như tôi có được học không?",
    ],
    [
      "after an opener, with the story told before it, not with the introduction («trường hợp này»)",
      "Chào trợ giảng, tôi là bí thư chi bộ thôn Đông. Chi bộ tôi có một đảng viên đi làm ăn xa, cả năm không về sinh hoạt, cũng không đóng đảng phí. Xin hỏi trường hợp này chi bộ phải xử lý thế nào ạ?",
      "trường hợp này chi bộ phải xử lý thế nào?",
      "Chi bộ tôi có một đảng viên đi làm ăn xa, cả năm không về sinh hoạt, cũng không đóng đảng phí. Xin hỏi trường hợp này chi bộ phải xử lý thế nào?",
    ],
  ])("reads it %s", (_, message, question, wider) => {
    const r = questionPart(message);
    expect(r.question).toBe(question);
    expect(r.wider).toBe(wider);
  });

  it("has no wider reading when the asker is not the case", () => {
    expect(
      questionPart(
        "Kính gửi trợ giảng. Tôi là cán bộ Mặt trận xã, là đảng viên. Cho tôi hỏi chi bộ sinh hoạt mấy lần một tháng?",
      ).wider,
    ).toBeUndefined();
  });
});

describe("searching the question part or its wider reading", () => {
  const u = (wider?: string): Understanding => ({
    question: "cái nào nặng hơn?",
    ...(wider ? { wider } : {}),
    trimmed: true,
    answerType: "what",
    personal: false,
    asks: true,
  });
  const searched: string[] = [];
  const search = (sure: Record<string, boolean>) => (q: string) => {
    searched.push(q);
    return { confident: sure[q] ?? false, q, signals: { contentUnits: q.split(" ").length - 1 } };
  };
  const wide = "tự diễn biến với tự chuyển hoá, cái nào nặng hơn?";

  it("takes the wider reading when the search is sure of it, or of neither", () => {
    expect(searchReading(u(wide), search({ [wide]: true, "cái nào nặng hơn?": true })).question).toBe(wide);
    expect(searchReading(u(wide), search({})).question).toBe(wide);
  });

  it("takes the wider reading when the narrow part has hardly a word of its own («có đúng vậy không»)", () => {
    const bare: Understanding = { ...u("chi bộ phải bầu uỷ ban kiểm tra, có đúng vậy không"), question: "đúng vậy" };
    expect(searchReading(bare, search({ "đúng vậy": true })).question).toBe(
      "chi bộ phải bầu uỷ ban kiểm tra, có đúng vậy không",
    );
  });

  it("takes the wider reading when the question points back («gộp như thế», «trường hợp này»)", () => {
    const back: Understanding = {
      ...u("anh em bảo gộp vào buổi thường kỳ. Gộp như thế có được không?"),
      question: "Gộp như thế có được không?",
    };
    const sure = { "Gộp như thế có được không?": true, "buổi thường kỳ": true };
    expect(searchReading(back, search(sure)).question).toBe(
      "anh em bảo gộp vào buổi thường kỳ. Gộp như thế có được không?",
    );
  });

  it("takes «hai cái đó», «hai nơi này» for two things named before", () => {
    const back: Understanding = {
      ...u("có người bảo khai trừ, có người bảo xoá tên. Hai cái đó khác nhau thế nào?"),
      question: "Hai cái đó khác nhau thế nào?",
    };
    expect(searchReading(back, search({ "Hai cái đó khác nhau thế nào?": true })).question).toBe(back.wider);
  });

  it("keeps a sure narrow answer to a question that points back when the wider reading finds the same passage first", () => {
    const back: Understanding = {
      ...u("chi bộ tôi có 7 đảng viên. Chi bộ như tôi thì bầu thế nào?"),
      question: "Chi bộ như tôi thì bầu thế nào?",
    };
    const top = (id: string) => [{ passage: { id } }];
    const reading = (sameTop: boolean) =>
      searchReading(back, (q) => ({
        confident: q === back.question,
        signals: { contentUnits: 5 },
        nearest: top(q === back.question || sameTop ? "bau-chi-uy" : "dai-hoi"),
      })).question;
    expect(reading(true)).toBe(back.question);
    expect(reading(false)).toBe(back.wider);
  });

  it("keeps the narrow part when only it is answered, and searches once when there is no wider reading", () => {
    expect(searchReading(u(wide), search({ "cái nào nặng hơn?": true })).question).toBe("cái nào nặng hơn?");
    searched.length = 0;
    expect(searchReading(u(), search({})).res).toMatchObject({ confident: false, q: "cái nào nặng hơn?" });
    expect(searched).toEqual(["cái nào nặng hơn?"]);
  });
});

describe("«A và B?»", () => {
  it("splits two questions joined by «và»", () => {
    expect(splitQuestions("khoá học kéo dài mấy ngày và có phải thi không")).toEqual([
      "khoá học kéo dài mấy ngày",
      "có phải thi không",
    ]);
  });
  it("keeps «A và B» that is one thing", () => {
    expect(splitQuestions("kiểm tra và giám sát khác nhau thế nào")).toBeUndefined();
  });
  it("keeps a «có phải … và … không» opened before «và» and closed after it as one question", () => {
    expect(splitQuestions("việc góp tiền có phải đưa ra cho dân bàn và biểu quyết không")).toBeUndefined();
    expect(splitQuestions("chi bộ có phải họp mấy lần và ai chủ trì")).toEqual([
      "chi bộ có phải họp mấy lần",
      "ai chủ trì",
    ]);
  });
});

describe("the kind of answer asked for", () => {
  it.each([
    ["khoá học kéo dài bao lâu", "duration"],
    ["học mấy ngày", "duration"],
    ["quy định 29 ban hành khi nào", "when"],
    ["chi bộ có ít nhất bao nhiêu đảng viên", "count"],
    ["lớp này dành cho ai", "who"],
    ["lớp học ở đâu", "where"],
    ["có phải tự mua sách không", "whether"],
    ["tổ đảng là gì", "what"],
  ])("%s → %s", (q, type) => {
    expect(answerTypeOf(foldTokens(q))).toBe(type);
  });
});

describe("matching intents", () => {
  it("with or without diacritics, with shorthand and a typo", () => {
    expect(matcher.match("điểm danh thế nào")?.id).toBe("usage.checkin");
    expect(matcher.match("diem danh the nao")?.id).toBe("usage.checkin");
    expect(matcher.match("diem danhh the nao")?.id).toBe("usage.checkin");
    expect(matcher.match("bh hết hạn nộp bài")?.id).toBe("course.deadline");
    expect(matcher.match("ok cảm ơn bạn nhiều nhé")?.id).toBe("chat.thanks");
  });

  it("takes no intent for a question about the program", () => {
    expect(matcher.match("chi bộ sinh hoạt mấy lần một tháng")).toBeUndefined();
  });

  it("meets an example through its word classes, and not through the day and the question alone", () => {
    const words = {
      day: ["mai", "ngày mai", "thứ năm", "tuần sau"],
      today: ["hôm nay", "chiều nay"],
      where: ["ở đâu", "phòng nào", "hội trường nào"],
    };
    const m = new IntentMatcher(
      [
        { id: "course.next", examples: ["mai học ở đâu", "ngày mai có học không"] },
        { id: "course.today", examples: ["hôm nay học gì"] },
        { id: "decline.offtopic", examples: ["thời tiết ngày mai"] },
      ],
      undefined,
      { words },
    );
    expect(m.match("chiều thứ năm học ở hội trường nào")?.id).toBe("course.next");
    expect(m.match("tuan sau co hoc khong")?.id).toBe("course.next");
    // The day decides between today's and the next sessions.
    expect(m.match("chiều nay học phòng nào")?.id).toBe("course.today");
    // Shares the day and the question word with an example, but not what it is about.
    expect(m.match("ngày mai có mưa không")).toBeUndefined();
    // A part of the day says nothing of the topic either: asking leave for an afternoon is no greeting.
    const leave = new IntentMatcher(
      [
        { id: "chat.hello", examples: ["chào buổi chiều"] },
        { id: "course.absence", examples: ["xin nghỉ"] },
      ],
      undefined,
      { words: { daypart: ["buổi chiều"], absent: ["xin nghỉ", "xin phép nghỉ"] } },
    );
    expect(leave.match("xin phép nghỉ buổi chiều")?.id).toBe("course.absence");
  });

  it("reads «qua đây», «ở đây» as here, not as «dạy» folded", () => {
    const m = new IntentMatcher([{ id: "course.instructor", examples: ["ai dạy"] }], undefined, {
      words: { teach: ["dạy"], here: ["qua đây", "ở đây"] },
    });
    expect(m.tokens("gửi bài qua đây được không")).toContain("@here");
    expect(m.tokens("gửi bài qua đây được không")).not.toContain("@teach");
    expect(m.tokens("ai dạy buổi này")).toContain("@teach");
  });

  it("takes a request or small talk said in one clause of a longer message", () => {
    const m = new IntentMatcher([
      { id: "usage.help", examples: ["bot làm được những việc gì"] },
      { id: "chat.praise", examples: ["bot giỏi thật"] },
      { id: "chat.hello", examples: ["em chào thầy"] },
      { id: "decline.fees", examples: ["học phí bao nhiêu tiền"] },
    ]);
    expect(m.understand("Con bot này làm được những việc gì, có danh sách các lệnh không?").intent?.id).toBe(
      "usage.help",
    );
    expect(m.understand("Con bot này giỏi thật, trả lời còn nhanh hơn cả cán bộ lớp").intent?.id).toBe("chat.praise");
    // A greeting before a question is not what the message is.
    expect(m.understand("Em chào thầy, chi bộ có bao nhiêu đảng viên thì phải lập tổ đảng?").intent).toBeUndefined();
  });

  it("leaves to the material a request read from one clause when the material answers the message", () => {
    const m = new IntentMatcher([{ id: "usage.help", examples: ["làm được những việc gì"] }]);
    const u = m.understand("uỷ ban kiểm tra đảng bộ phường do ai bầu ra, làm những việc gì");
    expect(u).toMatchObject({ intent: { id: "usage.help" }, fromClause: true });
    expect(isSure(u)).toBe(false);
    expect(routeOf(u, { confident: true, confidence: 0.6 }).kind).toBe("answer");
    expect(routeOf(u, { confident: false, confidence: 0.2 }).kind).toBe("intent");
    expect(m.understand("bot này làm được những việc gì").fromClause).toBeUndefined();
  });

  it("a question about learners in general is not the asker's, even after «em hỏi»", () => {
    const m = new IntentMatcher([{ id: "course.absence", examples: ["nghỉ một buổi có sao không"] }]);
    const mine = m.understand("em nghỉ một buổi có sao không");
    const theirs = m.understand("em hỏi là học viên nghỉ một buổi có sao không");
    expect(mine).toMatchObject({ personal: true, general: false });
    expect(theirs).toMatchObject({ personal: false, general: true });
    expect(routeOf(theirs, { confident: true, confidence: 0.6 }).kind).toBe("answer");
    expect(routeOf(mine, { confident: true, confidence: 0.9 }).kind).toBe("intent");
  });

  it("a topic class only another intent uses counts against an example", () => {
    const m = new IntentMatcher(
      [
        { id: "usage.feedback", examples: ["đánh giá buổi học thế nào"] },
        { id: "usage.report", examples: ["nộp bản thu hoạch thế nào"] },
      ],
      undefined,
      { minScore: 0.6, words: { report: ["bản thu hoạch", "bài thu hoạch"], how: ["thế nào"], session: ["buổi học"] } },
    );
    expect(m.match("đánh giá buổi học ở đâu thế nào")?.id).toBe("usage.feedback");
    expect(m.match("bài thu hoạch được đánh giá thế nào")?.id).not.toBe("usage.feedback");
  });

  it("the asker's own class wins over the material only when the question itself names them", () => {
    const m = new IntentMatcher([{ id: "course.report", examples: ["bài thu hoạch của mình xếp loại gì"] }]);
    const opener = m.understand("cho mình hỏi đảng viên xếp loại gì");
    const own = m.understand("bài của mình xếp loại gì");
    expect(opener).toMatchObject({ personal: true, self: false });
    expect(own).toMatchObject({ personal: true, self: true });
    const weak = { ...own.intent!, score: 0.55 };
    expect(routeOf({ ...opener, intent: weak }, { confident: true, confidence: 1 }).kind).toBe("answer");
    expect(routeOf({ ...own, intent: weak }, { confident: true, confidence: 1 }).kind).toBe("intent");
  });

  it("refuses an intent id of an unknown kind", () => {
    expect(() => new IntentMatcher([{ id: "misc.x", examples: ["a"] }])).toThrow(/must start with/);
  });
});

describe("routing", () => {
  const u = (intent: Understanding["intent"], extra: Partial<Understanding> = {}): Understanding => ({
    question: "q",
    trimmed: false,
    answerType: "what",
    personal: false,
    asks: true,
    ...(intent ? { intent } : {}),
    ...extra,
  });
  const sure = { id: "usage.checkin", kind: "usage", score: 0.9 } as const;
  const weak = { id: "usage.report", kind: "usage", score: 0.55 } as const;

  it("a sure intent wins, a weak one loses to a confident answer but beats a refusal", () => {
    expect(routeOf(u(sure), { confident: true, confidence: 1 }).kind).toBe("intent");
    expect(routeOf(u(weak), { confident: true, confidence: 1 }).kind).toBe("answer");
    expect(routeOf(u(weak), { confident: false, confidence: 0.2 }).kind).toBe("intent");
    expect(routeOf(u(undefined), { confident: false, confidence: 0.2 }).kind).toBe("refuse");
  });

  it("an unsure request read from the question part alone loses to an answer found with the clauses before it", () => {
    const help = { id: "usage.help", kind: "usage", score: 0.61 } as const;
    expect(routeOf(u(help), { confident: true, confidence: 0.68 }).kind).toBe("intent");
    expect(routeOf(u(help), { confident: true, confidence: 0.68, wide: true }).kind).toBe("answer");
    expect(routeOf(u(sure), { confident: true, confidence: 0.68, wide: true }).kind).toBe("intent");
  });

  it("small talk that asks nothing is never answered with a passage", () => {
    const hello = { id: "chat.hello", kind: "chat", score: 0.55 } as const;
    expect(routeOf(u(hello, { asks: false }), { confident: true, confidence: 1 }).kind).toBe("intent");
  });

  it("a doubtful own-course intent without «mình / em / mai» loses to the program's general answer", () => {
    const cert = { id: "course.certificate", kind: "course", score: 0.65 } as const;
    expect(routeOf(u(cert), { confident: true, confidence: 0.7 }).kind).toBe("answer");
    expect(routeOf(u(cert, { personal: true }), { confident: true, confidence: 0.7 }).kind).toBe("intent");
  });

  it("who teaches, how many are in the class and where it is held are the class's facts, whatever the material says", () => {
    const teacher = { id: "course.instructor", kind: "course", score: 0.6 } as const;
    expect(routeOf(u(teacher, { general: true }), { confident: true, confidence: 1 }).kind).toBe("intent");
    // «mỗi lớp bao nhiêu học viên» asks about classes in general: the program's answer.
    const size = { id: "course.roster", kind: "course", score: 0.8 } as const;
    expect(routeOf(u(size, { general: true, anyClass: true }), { confident: true, confidence: 0.7 }).kind).toBe(
      "answer",
    );
    const m = new IntentMatcher([{ id: "course.roster", examples: ["lớp có bao nhiêu học viên"] }]);
    expect(m.understand("mỗi lớp bao nhiêu học viên").anyClass).toBe(true);
    expect(m.understand("lớp mình có bao nhiêu học viên").anyClass).toBe(false);
  });

  it("an own-course reply that does not answer the kind of question asked loses to a confident answer", () => {
    const venue = { id: "course.venue", kind: "course", score: 0.6 } as const;
    // «lớp học này dành cho ai» shares «lớp học» with «lớp học ở đâu»; the venue is no answer to «for whom».
    expect(routeOf(u(venue, { answerType: "who" }), { confident: true, confidence: 1 }).kind).toBe("answer");
    expect(routeOf(u(venue, { answerType: "where" }), { confident: true, confidence: 1 }).kind).toBe("intent");
    // «học xong thì nơi nào cấp giấy chứng nhận cho mình»: where, not whether the asker gets one.
    const cert = { id: "course.certificate", kind: "course", score: 0.8 } as const;
    const mine = { personal: true, self: true };
    expect(routeOf(u(cert, { ...mine, answerType: "where" }), { confident: true, confidence: 0.7 }).kind).toBe(
      "answer",
    );
    expect(routeOf(u(cert, { ...mine, answerType: "whether" }), { confident: true, confidence: 0.7 }).kind).toBe(
      "intent",
    );
    // Nothing else to say: the intent stands.
    expect(routeOf(u(cert, { ...mine, answerType: "where" }), { confident: false, confidence: 0.2 }).kind).toBe(
      "intent",
    );
  });

  it("a question whether something has happened yet is about the asker", () => {
    const m = new IntentMatcher([{ id: "course.report", examples: ["kết quả bài thu hoạch"] }]);
    expect(m.understand("có kết quả bài thu hoạch chưa ạ").personal).toBe(true);
    expect(m.understand("kết quả bài thu hoạch tính thế nào").personal).toBe(false);
  });
});

describe("an intent needs the message's topic words explained", () => {
  const words = new IntentMatcher(
    [
      { id: "usage.language", examples: ["chuyển sang tiếng anh", "cho mình xem bằng tiếng anh"] },
      { id: "course.next", examples: ["mai học ở đâu"] },
    ],
    undefined,
    { words: { where: ["ở đâu"], day: ["mai"] } },
  );

  it("a shared word is not enough when the rest of the message is about something else", () => {
    expect(words.match("cho mình xem bằng tiếng Anh")?.id).toBe("usage.language");
    expect(words.match("thi đấu tiếng Anh lớp 12 ở đâu")).toBeUndefined();
    expect(words.match("câu lạc bộ tiếng anh ở đâu")).toBeUndefined();
  });
});

describe("shorthand in the intents' matching", () => {
  const lexicon = { abbreviations: { đu: "đảng uỷ" }, fillers: [] };
  const m = new IntentMatcher(
    [
      { id: "course.attendance", examples: ["mình đi học đủ buổi chưa"] },
      { id: "usage.help", examples: ["đảng uỷ xã"] },
    ],
    lexicon,
  );

  it("a word typed with its marks is never read as shorthand that folds like it", () => {
    expect(m.tokens("dự học")).toEqual(["du", "hoc"]);
    expect(m.tokens("đủ buổi")).toEqual(["du", "buoi"]);
    const plain = new IntentMatcher([{ id: "usage.help", examples: ["đảng uỷ xã"] }], lexicon);
    expect(plain.tokens("đu xã")).toEqual(["dang", "uy", "xa"]);
    expect(plain.tokens("du xa")).toEqual(["dang", "uy", "xa"]);
  });

  it("unmarked, a key that is an example's own word stays that word", () => {
    expect(m.match("minh di hoc du buoi chua")?.id).toBe("course.attendance");
  });
});

describe("a decline intent and the course's own words", () => {
  // The material: «bí thư chi bộ» everywhere, «lương» and «phụ cấp» nowhere.
  const material = new Map([
    ["bi", 0.3],
    ["thu", 0.3],
    ["chi", 0.4],
    ["bo", 0.4],
    ["bi thu", 0.3],
    ["thu chi", 0.3],
    ["chi bo", 0.4],
    ["phu", 0.1],
    ["cap", 0.3],
  ]);
  const m = new IntentMatcher(
    [
      { id: "decline.pay", examples: ["lương bí thư chi bộ bao nhiêu", "phụ cấp bí thư chi bộ"] },
      { id: "usage.checkin", examples: ["điểm danh thế nào"] },
    ],
    { abbreviations: { bt: "bí thư", cb: "chi bộ" }, fillers: [] },
    { material: { knows: (t) => material.has(t), share: (t) => material.get(t) ?? 0 } },
  );

  it("is not taken for a question that shares only the course's words with it", () => {
    expect(m.match("bt cb mới nên làm gì trước")).toBeUndefined();
    expect(m.match("bí thư chi bộ cần làm gì")).toBeUndefined();
  });

  it("is taken when the message has what the example says beyond the course: a rare word or a rare pair", () => {
    expect(m.match("lương bí thư chi bộ là bao nhiêu")?.id).toBe("decline.pay");
    expect(m.match("phụ cấp bt cb thôn")?.id).toBe("decline.pay");
  });
});

describe("a decline intent asked in the course's setting", () => {
  const material = new Map([
    ["khoa", 0.4],
    ["boi", 0.5],
    ["duong", 0.5],
    ["bi", 0.3],
    ["thu", 0.4],
    ["chi", 0.7],
    ["bo", 0.8],
    ["hoc", 0.4],
  ]);
  const make = (setting: string[]) =>
    new IntentMatcher([{ id: "decline.fees", examples: ["học phí bao nhiêu"] }], undefined, {
      material: { knows: (t) => material.has(t), share: (t) => material.get(t) ?? 0 },
      setting,
    });
  const long = "học phí khoá bồi dưỡng bí thư chi bộ là bao nhiêu tiền";

  it("need not explain the course's own words: the fee of this course is still a fee", () => {
    expect(make([]).match(long)).toBeUndefined();
    expect(make(["khoá bồi dưỡng", "bí thư chi bộ"]).match(long)?.id).toBe("decline.fees");
  });

  it("still needs what it says beyond the course", () => {
    expect(
      make(["khoá bồi dưỡng", "bí thư chi bộ"]).match("khoá bồi dưỡng bí thư chi bộ học bao nhiêu"),
    ).toBeUndefined();
  });
});
