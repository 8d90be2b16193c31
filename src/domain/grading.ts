/**
 * The grading scale of the bản thu hoạch: Giỏi / Khá / Trung bình / Không đạt, as codes.
 * Learners graded trung_binh or better pass ("đạt yêu cầu"); the bot renders the names from Fluent.
 */
import { z } from "zod";

/** Best first. */
export const GRADES = ["gioi", "kha", "trung_binh", "khong_dat"] as const;
export type Grade = (typeof GRADES)[number];
export const GradeSchema = z.enum(GRADES);

const RANK: Record<Grade, number> = { gioi: 3, kha: 2, trung_binh: 1, khong_dat: 0 };

export function isGrade(value: unknown): value is Grade {
  return typeof value === "string" && (GRADES as readonly string[]).includes(value);
}

/** Higher is better: gioi 3, kha 2, trung_binh 1, khong_dat 0. */
export function gradeRank(grade: Grade): number {
  return RANK[grade];
}

/** Comparator, best first: `grades.sort(compareGrades)`. */
export function compareGrades(a: Grade, b: Grade): number {
  return RANK[b] - RANK[a];
}

/** Whether `grade` is `minimum` or better. */
export function isAtLeast(grade: Grade, minimum: Grade): boolean {
  return RANK[grade] >= RANK[minimum];
}

/** Passed ("đạt yêu cầu"): trung_binh or better. */
export function isPass(grade: Grade): boolean {
  return isAtLeast(grade, "trung_binh");
}

/**
 * Lower bounds on a 10-point score, for instructors who mark with a score. Defaults follow the usual
 * scale of political training: giỏi ≥ 8, khá ≥ 6.5, trung bình ≥ 5, below that không đạt.
 */
const ScoreThresholdsSchema = z
  .object({
    gioi: z.number().min(0).max(10).default(8),
    kha: z.number().min(0).max(10).default(6.5),
    trung_binh: z.number().min(0).max(10).default(5),
  })
  .refine((t) => t.gioi >= t.kha && t.kha >= t.trung_binh, { message: "thresholds must not increase downwards" });

/** The grade of a score from 0 to 10; `null` for a score outside that range. */
export function gradeFromScore(score: number, thresholds: z.input<typeof ScoreThresholdsSchema> = {}): Grade | null {
  if (!Number.isFinite(score) || score < 0 || score > 10) return null;
  const t = ScoreThresholdsSchema.parse(thresholds);
  if (score >= t.gioi) return "gioi";
  if (score >= t.kha) return "kha";
  if (score >= t.trung_binh) return "trung_binh";
  return "khong_dat";
}

export interface GradeSummary {
  counts: Record<Grade, number>;
  graded: number;
  passed: number;
}

/** Counts per grade for a class evaluation. */
export function summarizeGrades(grades: Iterable<Grade>): GradeSummary {
  const counts: Record<Grade, number> = { gioi: 0, kha: 0, trung_binh: 0, khong_dat: 0 };
  let graded = 0;
  let passed = 0;
  for (const g of grades) {
    counts[g] += 1;
    graded += 1;
    if (isPass(g)) passed += 1;
  }
  return { counts, graded, passed };
}
