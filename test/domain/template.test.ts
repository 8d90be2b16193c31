import { describe, expect, it } from "vitest";
import { ProgramTemplateError, parseProgramTemplate, resolveTopic } from "../../src/domain/template.js";
import { shippedTemplate, templateText } from "./fixtures.js";

describe("the shipped program template", () => {
  const template = shippedTemplate();

  it("has the six lessons in order, one session of five periods each", () => {
    expect(template.lessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(template.lessons.every((l) => l.sessions === 1 && l.periods === 5)).toBe(true);
    expect(template.lessons[0]?.title).toBe("Chi bộ, đảng bộ cơ sở lãnh đạo thực hiện nhiệm vụ chính trị ở cơ sở");
    expect(template.lessons[5]?.title).toBe("Công tác dân vận");
  });

  it("offers the three local chuyên đề named in the 2016 guidance", () => {
    expect(template.topics.map((t) => t.key)).toEqual(["tu_tuong_dia_phuong", "kiem_tra_giam_sat", "dan_van"]);
    expect(template.topics[0]?.title).toMatch(/^Tình hình tư tưởng/);
  });

  it("has the default session times and both variants", () => {
    expect(template.sessionTimes).toEqual({
      morning: { start: "07:30", end: "11:00" },
      afternoon: { start: "13:30", end: "17:00" },
    });
    expect(template.fieldVisit).toMatchObject({ minSessions: 1, maxSessions: 2 });
    expect(template.variants["4"]).toEqual({ days: 4, fieldVisit: false });
    expect(template.variants["5"]).toEqual({ days: 5, fieldVisit: true });
  });

  it("keeps Vietnamese text in NFC", () => {
    for (const lesson of template.lessons) expect(lesson.title).toBe(lesson.title.normalize("NFC"));
  });
});

describe("a broken template is reported in full", () => {
  it("lists every schema problem with its path", () => {
    const broken = templateText
      .replace('morning: { start: "07:30"', 'morning: { start: "7h30"')
      .replace("    title: Công tác tư tưởng\n", "");
    let error: unknown;
    try {
      parseProgramTemplate(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProgramTemplateError);
    const problems = (error as ProgramTemplateError).problems.map((p) => p.path);
    expect(problems).toContain("sessionTimes.morning.start");
    expect(problems).toContain("lessons[2].title");
    expect((error as Error).message).toContain("sessionTimes.morning.start");
    expect((error as Error).message).toContain("lessons[2].title");
    // Each problem points at its line, so content:check can print file:line.
    const lines = templateText.split("\n");
    const morning = (error as ProgramTemplateError).problems.find((p) => p.path === "sessionTimes.morning.start");
    expect(lines[morning!.line! - 1]).toContain("morning:");
    const lesson = (error as ProgramTemplateError).problems.find((p) => p.path === "lessons[2].title");
    expect(broken.split("\n")[lesson!.line! - 1]).toContain("number: 3");
  });

  it("reports duplicate lesson numbers (once the rest is valid)", () => {
    const dup = templateText.replace("  - number: 6", "  - number: 5");
    expect(() => parseProgramTemplate(dup)).toThrow(/lessons\[5\]: duplicate lesson number 5/);
  });

  it("reports YAML syntax errors with line and column", () => {
    expect(() => parseProgramTemplate("version: 1\nlessons: [\n")).toThrow(/line \d+, column \d+/);
  });

  it("rejects a document that is not a mapping", () => {
    expect(() => parseProgramTemplate("- 1\n- 2\n")).toThrow(ProgramTemplateError);
  });
});

describe("choosing a chuyên đề", () => {
  const template = shippedTemplate();

  it("resolves a template key to its title", () => {
    expect(resolveTopic(template, "dan_van")).toEqual({
      key: "dan_van",
      title: "Công tác dân vận của cấp uỷ, chính quyền, Mặt trận và các đoàn thể địa phương",
    });
  });

  it("takes any other text as a custom title, and refuses an unknown key", () => {
    expect(resolveTopic(template, " Học tập và làm theo tư tưởng Hồ Chí Minh ")).toEqual({
      title: "Học tập và làm theo tư tưởng Hồ Chí Minh",
    });
    expect(resolveTopic(template, "dan_vann")).toBeNull();
    expect(resolveTopic(template, "  ")).toBeNull();
  });
});
