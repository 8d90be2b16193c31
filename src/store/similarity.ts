/**
 * Fingerprints of submitted report versions, for the similarity check (src/documents/similarity.ts): per class, one
 * hash field per learner and version with its MinHash fingerprint, and apart from it the text that was checked (typed
 * text and the text of its files), read only for the reports a check shows side by side. Computed once per version,
 * soon after it is submitted (a queued job), or when a check first needs it. Keys are in keys.ts.
 */
import type { Fingerprint } from "../documents/similarity.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

export interface StoredPrint {
  learnerId: number;
  version: number;
  print: Fingerprint;
}

interface Raw {
  size: number;
  quoted: number;
  own: number;
  sig: string;
}

const field = (learnerId: number, version: number) => `${learnerId}:${version}`;

function decode(f: string, raw: string): StoredPrint {
  const [learnerId, version] = f.split(":").map(Number) as [number, number];
  const r = JSON.parse(raw) as Raw;
  const bytes = Buffer.from(r.sig, "base64");
  const signature = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { learnerId, version, print: { size: r.size, quoted: r.quoted, own: r.own, signature } };
}

export class SimilarityRepo {
  constructor(private readonly redis: RedisClient) {}

  async put(classId: string, p: StoredPrint, text: string): Promise<void> {
    const raw: Raw = {
      size: p.print.size,
      quoted: p.print.quoted,
      own: p.print.own,
      sig: Buffer.from(p.print.signature.buffer, p.print.signature.byteOffset, p.print.signature.byteLength).toString(
        "base64",
      ),
    };
    await this.redis
      .multi()
      .hset(keys.reportPrints(classId), field(p.learnerId, p.version), JSON.stringify(raw))
      .hset(keys.reportTexts(classId), field(p.learnerId, p.version), text)
      .exec();
  }

  /** True when this version was fingerprinted already. */
  async has(classId: string, learnerId: number, version: number): Promise<boolean> {
    return (await this.redis.hexists(keys.reportPrints(classId), field(learnerId, version))) === 1;
  }

  /** The text checked for one version ("" when none was stored). */
  async text(classId: string, learnerId: number, version: number): Promise<string> {
    return (await this.redis.hget(keys.reportTexts(classId), field(learnerId, version))) ?? "";
  }

  /** Every stored fingerprint of a class. */
  async ofClass(classId: string): Promise<StoredPrint[]> {
    const all = await this.redis.hgetall(keys.reportPrints(classId));
    return Object.entries(all).map(([f, raw]) => decode(f, raw));
  }
}
