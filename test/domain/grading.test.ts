import { describe, expect, it } from "vitest";
import {
  compareGrades,
  GRADES,
  type Grade,
  gradeFromScore,
  gradeRank,
  isAtLeast,
  isGrade,
  isPass,
  summarizeGrades,
} from "../../src/domain/grading.js";

describe("the grading scale of the bản thu hoạch", () => {
  it("orders giỏi > khá > trung bình > không đạt", () => {
    expect(GRADES).toEqual(["gioi", "kha", "trung_binh", "khong_dat"]);
    expect(GRADES.map(gradeRank)).toEqual([3, 2, 1, 0]);
    const shuffled: Grade[] = ["trung_binh", "khong_dat", "gioi", "kha"];
    expect(shuffled.sort(compareGrades)).toEqual(["gioi", "kha", "trung_binh", "khong_dat"]);
  });

  it("passes trung bình and better", () => {
    expect(GRADES.filter(isPass)).toEqual(["gioi", "kha", "trung_binh"]);
    expect(isAtLeast("kha", "kha")).toBe(true);
    expect(isAtLeast("trung_binh", "kha")).toBe(false);
  });

  it("recognises codes only", () => {
    expect(isGrade("kha")).toBe(true);
    expect(isGrade("Khá")).toBe(false);
    expect(isGrade(3)).toBe(false);
  });

  it("maps a 10-point score with configurable thresholds", () => {
    expect(gradeFromScore(9)).toBe("gioi");
    expect(gradeFromScore(8)).toBe("gioi");
    expect(gradeFromScore(7.9)).toBe("kha");
    expect(gradeFromScore(6.5)).toBe("kha");
    expect(gradeFromScore(5)).toBe("trung_binh");
    expect(gradeFromScore(4.9)).toBe("khong_dat");
    expect(gradeFromScore(11)).toBeNull();
    expect(gradeFromScore(Number.NaN)).toBeNull();
    expect(gradeFromScore(7, { kha: 7 })).toBe("kha");
    expect(() => gradeFromScore(7, { kha: 9 })).toThrow();
  });

  it("summarises a class", () => {
    expect(summarizeGrades(["gioi", "kha", "kha", "khong_dat"])).toEqual({
      counts: { gioi: 1, kha: 2, trung_binh: 0, khong_dat: 1 },
      graded: 4,
      passed: 3,
    });
  });
});
