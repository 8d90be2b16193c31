/**
 * One effect per update at the store: the dedupe claim carries the attempt's own token (a re-sent claim is ours, a
 * release only undoes ours, a key is only built from a real update id), and the appends an update makes — a report
 * version, a grade, a feedback note — happen once for it however often the command comes. Older report versions
 * beyond the quota keep a summary; numbering stays monotonic.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { isStorageDown } from "../../src/store/errors.js";
import { createRedis, keys, Store } from "../../src/store/index.js";

const redis = createRedis({ url: inject("redisUrl"), keyPrefix: `t-${randomUUID()}:` });
const store = new Store(redis);
afterAll(() => store.close());

const text = (t: string) => ({
  parts: [{ kind: "text" as const, text: t }],
  submittedAt: "2026-11-02T03:00:00.000Z",
  late: false,
});

describe("the dedupe claim carries its attempt's token", () => {
  it("a re-sent claim with the same token is ours; another token's is a duplicate; release needs the token", async () => {
    const first = await store.updates.begin(500, 7, 10_000, undefined, "tok-a");
    expect(first).toMatchObject({ claimed: true, token: "tok-a", hits: 1 });
    // The same command again (its reply was lost, ioredis sent it again): still ours, not counted twice.
    expect(await store.updates.begin(500, 7, 10_000, undefined, "tok-a")).toMatchObject({ claimed: true, hits: 1 });
    // A redelivery handled by another attempt: a duplicate.
    expect(await store.updates.begin(500, 7, 10_000, undefined, "tok-b")).toMatchObject({ claimed: false, hits: 0 });
    await store.updates.release(500, "tok-b");
    expect(await store.updates.isClaimed(500)).toBe(true);
    await store.updates.release(500, "tok-a");
    expect(await store.updates.isClaimed(500)).toBe(false);

    expect(await store.updates.claim(501, "tok-c")).toBe(true);
    expect(await store.updates.claim(501, "tok-c")).toBe(true);
    expect(await store.updates.claim(501, "tok-d")).toBe(false);
  });

  it("refuses anything but a non-negative integer as an update id, before any key is built", async () => {
    for (const bad of [-1, 1.5, Number.NaN, "abc" as unknown as number]) {
      await expect(store.updates.claim(bad, "t")).rejects.toThrow(/not an update id/);
      await expect(store.updates.begin(bad, 7, 10_000)).rejects.toThrow(/not an update id/);
    }
    expect(await redis.keys("*upd:abc*")).toEqual([]);
  });
});

describe("appends are made once per update", () => {
  it("a report version, a grade and a note for the same update are stored once; the first result comes back", async () => {
    const v1 = await store.reports.addVersion("c1", 7, text("một"), { updateId: 600 });
    const again = await store.reports.addVersion(
      "c1",
      7,
      { ...text("một"), submittedAt: "2026-11-02T03:00:09.000Z" },
      { updateId: 600 },
    );
    expect(v1.version).toBe(1);
    expect(again).toEqual(v1);
    expect((await store.reports.versions("c1", 7)).map((v) => v.version)).toEqual([1]);
    expect((await store.reports.addVersion("c1", 7, text("hai"), { updateId: 601 })).version).toBe(2);
    expect(await redis.ttl(keys.operation(600, "report-version"))).toBeGreaterThan(24 * 3600);

    const grade = { grade: "kha" as const, by: 9, at: "2026-11-03T01:00:00.000Z", version: 2 };
    await store.reports.addGrade("c1", 7, grade, 602);
    await store.reports.addGrade("c1", 7, grade, 602);
    expect(await store.reports.grades("c1", 7)).toEqual([grade]);

    const note = { topic: "class" as const, text: "Rất hay", at: "2026-11-03", anonymous: true, userId: 7 };
    await store.feedback.addNote("c1", note, 603);
    await store.feedback.addNote("c1", note, 603);
    expect(await store.feedback.notes("c1")).toEqual([
      { topic: "class", text: "Rất hay", at: "2026-11-03", anonymous: true },
    ]);
    // The marker ties the update to "a note was made", never to the note's place or author.
    expect(await redis.get(keys.operation(603, "note"))).toBe("1");
  });
});

describe("report versions beyond the quota", () => {
  it("keep a summary (number, time, size, grade) while the latest N stay whole; numbers go on from the last", async () => {
    const bodies = ["a".repeat(10), "bb", "ccc", "dddd"];
    // The text fingerprinted for versions 1 and 4: the dropped version's goes with its parts.
    await redis.hset(keys.reportTexts("c2"), "8:1", "a".repeat(10), "8:4", "dddd");
    for (const [i, body] of bodies.entries()) {
      await store.reports.addVersion(
        "c2",
        8,
        { ...text(body), submittedAt: `2026-11-0${i + 1}T03:00:00.000Z` },
        { updateId: 700 + i, keep: 2 },
      );
      if (i === 0)
        await store.reports.addGrade("c2", 8, { grade: "gioi", by: 9, at: "2026-11-01T05:00:00.000Z", version: 1 });
    }
    const versions = await store.reports.versions("c2", 8);
    expect(versions.map((v) => [v.version, v.parts.length, v.dropped])).toEqual([
      [1, 0, { parts: 1, bytes: 10, grade: "gioi" }],
      [2, 0, { parts: 1, bytes: 2 }],
      [3, 1, undefined],
      [4, 1, undefined],
    ]);
    expect(versions[0]?.submittedAt).toBe("2026-11-01T03:00:00.000Z");
    expect(await redis.hkeys(keys.reportTexts("c2"))).toEqual(["8:4"]);
    const next = await store.reports.addVersion("c2", 8, text("eeeee"), { updateId: 710, keep: 2 });
    expect(next.version).toBe(5);
    expect((await store.reports.versions("c2", 8)).map((v) => v.parts.length)).toEqual([0, 0, 0, 1, 1]);
    expect(await store.reports.statuses("c2")).toMatchObject(new Map([[8, { versions: 5 }]]));
  });
});

describe("a rating written again after its reply was lost", () => {
  it("is still the learner's first rating; another rating after it is refused", async () => {
    const at = new Date("2026-12-03T09:00:00.123Z");
    expect(await store.feedback.rate("c3", "s01", 7, 5, at)).toBe(true);
    expect(await store.feedback.rate("c3", "s01", 7, 5, at)).toBe(true);
    expect(await store.feedback.rate("c3", "s01", 7, 2, new Date("2026-12-03T09:05:00Z"))).toBe(false);
    expect((await store.feedback.rating("c3", "s01", 7))?.stars).toBe(5);
  });
});

describe("a check-in or an instructor request written again after its reply was lost", () => {
  it("still counts as this learner's check-in and this person's request; a later one is refused", async () => {
    const at = new Date("2026-12-03T07:35:00.456Z");
    expect(await store.classes.markPresent("c4", "s01", 7, at)).toBe(true);
    expect(await store.classes.markPresent("c4", "s01", 7, at)).toBe(true);
    expect(await store.classes.markPresent("c4", "s01", 7, new Date("2026-12-03T07:40:00Z"))).toBe(false);
    expect(await store.classes.askToInstruct("c4", 9, at)).toBe(true);
    expect(await store.classes.askToInstruct("c4", 9, at)).toBe(true);
    expect(await store.classes.askToInstruct("c4", 9, new Date("2026-12-03T08:00:00Z"))).toBe(false);
  });
});

describe("Redis refusing is a store failure, not a bug", () => {
  it("recognises Redis's 'not now' replies (and still the unreachable ones), nothing else", () => {
    const refusals = [
      "OOM command not allowed when used memory > 'maxmemory'.",
      "READONLY You can't write against a read only replica.",
      "LOADING Redis is loading the dataset in memory",
      "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
      "NOREPLICAS Not enough good replicas to write.",
      "TRYAGAIN Multiple keys request during rehashing of slot",
      "ERR Error running script (call to f_1): @user_script:2: OOM command not allowed when used memory > 'maxmemory'.",
      "Reached the max retries per request limit (which is 1).",
    ];
    for (const message of refusals) {
      expect(isStorageDown(Object.assign(new Error(message), { name: "ReplyError" })), message).toBe(true);
    }
    expect(isStorageDown(new Error("wrapped", { cause: new Error("READONLY You can't write") }))).toBe(true);
    for (const message of ["WRONGTYPE Operation against a key holding the wrong kind of value", "ERR syntax error"]) {
      expect(isStorageDown(new Error(message)), message).toBe(false);
    }
    expect(isStorageDown(new Error("Bad Request: the text mentions LOADINGBAY and OOMPH"))).toBe(false);
  });
});
