/**
 * Coursework (issue 5): the bản thu hoạch and its grading, feedback and the queued prompts, questions to
 * instructors with the FAQ, the class evaluation with exports and certificates. Installed before `core` and `qa`
 * (it takes over Q&A's «Hỏi giảng viên» button).
 */
import { FastComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { evaluation } from "./evaluation.js";
import { feedback } from "./feedback.js";
import { questions } from "./questions.js";
import { reports } from "./reports.js";

export const coursework = new FastComposer<BotContext>();
coursework.use(questions, reports, feedback, evaluation);

export { runFeedbackJob, startFeedbackJobs } from "./feedback.js";
