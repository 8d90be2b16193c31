/**
 * The similarity check of reports as the bot runs it: every submitted version's text (typed text, and the text of
 * its DOCX/PDF/ODT files) is fingerprinted once and kept; a check compares one version with the latest version of
 * every other learner of the class and of the centre's other classes, with the material (content/ and the centre's
 * own files) set apart as quotes. Photos of handwritten pages are not read. Nothing is decided: the numbers and the
 * shared passages go to the instructor.
 */
import type { ContentDoc } from "../content/types.js";
import { fingerprint, type SharedPassage, SimilarityIndex, sharedPassages, shingles } from "../documents/similarity.js";
import type { Jobs } from "../jobs/index.js";
import type { ClassRecord, ReportPart, Store, StoredPrint } from "../store/index.js";

/** Reads the text of a file a learner sent (the bot downloads and extracts it); "" when it cannot be read. */
export type ReadDocument = (fileId: string, fileName: string) => Promise<string>;

export interface SimilarMatch {
  learnerId: number;
  classId: string;
  className: string;
  /** Share of the checked version's own text found in this report (0–1). */
  share: number;
  shared: SharedPassage[];
}

/**
 * Time a check may spend reading reports not fingerprinted yet (their files are downloaded and read): a webhook
 * answer must not wait for a whole centre's files. What is left is read by the next check.
 */
const READ_BUDGET_MS = 4_000;

export interface SimilarityReport {
  /** Share of the checked version's text that quotes the material (0–1). */
  quoted: number;
  /** Reports sharing at least the threshold, most similar first (at most three). */
  matches: SimilarMatch[];
  /** False when the version has too little text of its own to compare (photos only, a few lines). */
  comparable: boolean;
  /** Reports not compared this time because reading them would have taken too long. */
  pending: number;
}

/**
 * The threshold (percent) a class's reports are marked above: the one its centre's coordinator set, else the
 * deployment's default (a class with no centre has no one to set it).
 */
export async function similarityPercentOf(store: Store, record: ClassRecord, fallback: number): Promise<number> {
  if (!record.centre) return fallback;
  return (await store.materials.similarityPercent(record.centre)) ?? fallback;
}

/**
 * Queued after a learner's receipt: the new version is fingerprinted then, so the instructor's first check does not
 * wait for its files to be downloaded and read. The lazy path of a check stays for versions this job missed.
 */
export const REPORT_PRINT_QUEUE = "report-prints";

export interface ReportPrintJob {
  classId: string;
  learnerId: number;
  version: number;
}

export async function queueReportPrint(jobs: Jobs | undefined, job: ReportPrintJob): Promise<void> {
  if (!jobs) return;
  await jobs.schedule(REPORT_PRINT_QUEUE, {
    name: "fingerprint a report",
    jobId: `${job.classId}.${job.learnerId}.${job.version}`,
    data: job,
  });
}

/** Fingerprints one submitted version unless it was already (a job run twice, or a check got there first). */
export async function fingerprintVersion(
  store: Store,
  job: ReportPrintJob,
  options: { docs: readonly ContentDoc[]; read: ReadDocument },
): Promise<boolean> {
  if (await store.prints.has(job.classId, job.learnerId, job.version)) return false;
  const [record, v] = await Promise.all([
    store.classes.get(job.classId),
    store.reports.version(job.classId, job.learnerId, job.version),
  ]);
  // A version beyond the quota has no parts left to read: nothing to fingerprint.
  if (!record || !v || v.dropped) return false;
  await storePrint(store, job.classId, job.learnerId, v, materialShingles(options.docs, record), options.read);
  return true;
}

/** The classes a report is compared within: the centre's (or the class alone when it names no centre). */
async function centreClasses(store: Store, record: ClassRecord): Promise<ClassRecord[]> {
  if (!record.centre) return [record];
  return (await store.classes.list()).filter((c) => c.id === record.id || c.centre === record.centre);
}

const materialCache = new WeakMap<readonly ContentDoc[], Map<string, Set<number>>>();

/** Shingles of the material a class's learners read: content/ and their centre's and class's own files. */
export function materialShingles(docs: readonly ContentDoc[], record: ClassRecord): Set<number> {
  const scopes = new Set([`class:${record.id}`, ...(record.centre ? [`centre:${record.centre}`] : [])]);
  const key = [...scopes].join("\u0000");
  let byScope = materialCache.get(docs);
  if (!byScope) {
    byScope = new Map();
    materialCache.set(docs, byScope);
  }
  const hit = byScope.get(key);
  if (hit) return hit;
  const text = docs
    .filter((d) => d.scope === undefined || scopes.has(d.scope))
    .map((d) => d.body)
    .join("\n\n");
  const set = shingles(text);
  byScope.set(key, set);
  return set;
}

async function textOf(parts: readonly ReportPart[], read: ReadDocument): Promise<string> {
  const texts: string[] = [];
  for (const p of parts) {
    if (p.kind === "text") texts.push(p.text);
    else if (p.kind === "document") texts.push(await read(p.fileId, p.fileName).catch(() => ""));
  }
  return texts.join("\n\n");
}

/** Reads one version's text, fingerprints it against `material` and stores both. */
async function storePrint(
  store: Store,
  classId: string,
  learnerId: number,
  v: { version: number; parts: readonly ReportPart[] },
  material: ReadonlySet<number>,
  read: ReadDocument,
): Promise<StoredPrint> {
  const text = await textOf(v.parts, read);
  const p: StoredPrint = { learnerId, version: v.version, print: fingerprint(text, material) };
  await store.prints.put(classId, p, text);
  return p;
}

/**
 * The stored fingerprints of a class, computing (and storing) those of versions not fingerprinted yet: the latest
 * version of every learner, and `also` (a version being opened).
 */
async function printsOf(
  store: Store,
  classId: string,
  material: ReadonlySet<number>,
  read: ReadDocument,
  budget: { until: number; pending: number },
  also?: { learnerId: number; version: number },
): Promise<StoredPrint[]> {
  const have = await store.prints.ofClass(classId);
  const known = new Set(have.map((p) => `${p.learnerId}:${p.version}`));
  // One round trip for every learner's latest version number; versions themselves only when not fingerprinted yet.
  const wanted: { learnerId: number; version: number }[] = [];
  for (const [learnerId, st] of await store.reports.statuses(classId)) wanted.push({ learnerId, version: st.versions });
  if (also) wanted.push(also);
  for (const w of wanted) {
    const id = `${w.learnerId}:${w.version}`;
    if (known.has(id)) continue;
    known.add(id);
    if (w !== also && performance.now() > budget.until) {
      budget.pending++;
      continue;
    }
    const v = await store.reports.version(classId, w.learnerId, w.version);
    if (!v || v.dropped) continue;
    have.push(await storePrint(store, classId, w.learnerId, v, material, read));
  }
  return have;
}

interface Corpus {
  /** Latest version of every learner of the centre's classes, by `classId:learnerId`. */
  latest: Map<string, { classId: string; print: StoredPrint }>;
  index: SimilarityIndex<string>;
  classNames: Map<string, string>;
  own: StoredPrint[];
  pending: number;
}

async function corpus(
  store: Store,
  record: ClassRecord,
  material: ReadonlySet<number>,
  read: ReadDocument,
  also?: { learnerId: number; version: number },
): Promise<Corpus> {
  const latest = new Map<string, { classId: string; print: StoredPrint }>();
  const index = new SimilarityIndex<string>();
  const classNames = new Map<string, string>();
  let own: StoredPrint[] = [];
  const budget = { until: performance.now() + READ_BUDGET_MS, pending: 0 };
  // The class's own reports first, then the other classes of the centre.
  const classes = (await centreClasses(store, record)).sort(
    (a, b) => Number(b.id === record.id) - Number(a.id === record.id),
  );
  for (const c of classes) {
    classNames.set(c.id, c.name);
    const prints = await printsOf(store, c.id, material, read, budget, c.id === record.id ? also : undefined);
    if (c.id === record.id) own = prints;
    const newest = new Map<number, StoredPrint>();
    for (const p of prints) if ((newest.get(p.learnerId)?.version ?? 0) < p.version) newest.set(p.learnerId, p);
    for (const p of newest.values()) {
      const key = `${c.id}:${p.learnerId}`;
      latest.set(key, { classId: c.id, print: p });
      index.add(key, p.print);
    }
  }
  return { latest, index, classNames, own, pending: budget.pending };
}

/** One version against the other learners' latest versions in the centre. */
export async function checkReport(
  store: Store,
  record: ClassRecord,
  learnerId: number,
  version: number,
  options: { docs: readonly ContentDoc[]; read: ReadDocument; threshold: number },
): Promise<SimilarityReport> {
  const material = materialShingles(options.docs, record);
  const c = await corpus(store, record, material, options.read, { learnerId, version });
  const mine = c.own.find((p) => p.learnerId === learnerId && p.version === version);
  if (!mine) return { quoted: 0, matches: [], comparable: false, pending: c.pending };
  const quoted = mine.print.size === 0 ? 0 : mine.print.quoted / mine.print.size;
  const found = c.index.query(mine.print, {
    minShare: options.threshold,
    exclude: (key) => key === `${record.id}:${learnerId}`,
  });
  const mineText = found.length > 0 ? await store.prints.text(record.id, learnerId, version) : "";
  const matches: SimilarMatch[] = [];
  for (const m of found.slice(0, 3)) {
    const other = c.latest.get(m.key)!;
    const theirs = await store.prints.text(other.classId, other.print.learnerId, other.print.version);
    matches.push({
      learnerId: other.print.learnerId,
      classId: other.classId,
      className: c.classNames.get(other.classId) ?? other.classId,
      share: m.share,
      shared: sharedPassages(mineText, theirs, { material, limit: 3 }),
    });
  }
  return { quoted, matches, comparable: mine.print.own > 0, pending: c.pending };
}

/** For /reports: the highest share of each learner's latest version found in another report of the centre. */
export async function classSimilarity(
  store: Store,
  record: ClassRecord,
  options: { docs: readonly ContentDoc[]; read: ReadDocument; threshold: number },
): Promise<Map<number, number>> {
  const material = materialShingles(options.docs, record);
  const c = await corpus(store, record, material, options.read);
  const out = new Map<number, number>();
  for (const [key, { classId, print }] of c.latest) {
    if (classId !== record.id) continue;
    const best = c.index.query(print.print, { minShare: options.threshold, exclude: (k) => k === key })[0];
    if (best) out.set(print.learnerId, best.share);
  }
  return out;
}
