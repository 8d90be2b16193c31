/**
 * `npm run cli -- material add|list|remove`: a centre's file added from the server, searched by that centre's
 * learners only, replaced and removed; a scan refused with what to do. The CLI has no key prefix, so this test uses
 * its own Redis database (12) of the test server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadKnowledge } from "../../src/content/knowledge.js";
import { createRedis, materialExtraDocs, Store } from "../../src/store/index.js";
import { buildDocx, buildPdf, hasPdfFont, LOCAL_TOPIC } from "../helpers/documents.js";

const run = promisify(execFile);
const url = `${inject("redisUrl").replace(/\/\d+$/, "")}/12`;
const store = new Store(createRedis({ url }));
afterAll(async () => {
  await store.close();
});
const env = { ...process.env, REDIS_URL: url, BOT_TOKEN: "", LOG_LEVEL: "silent" };
const cli = (...args: string[]) => run("npx", ["tsx", "src/cli.ts", "material", ...args], { env });

describe.skipIf(!hasPdfFont)("the admin CLI adds a centre's material", () => {
  it("adds a PDF for a centre, replaces it with a DOCX, removes it; refuses a scan", async () => {
    await store.redis.flushdb();
    const dir = mkdtempSync(join(tmpdir(), "trogiang-material-"));
    writeFileSync(join(dir, "chuyen-de.pdf"), await buildPdf(LOCAL_TOPIC.title, LOCAL_TOPIC.sections));
    writeFileSync(join(dir, "moi.docx"), await buildDocx("Chuyên đề mới", LOCAL_TOPIC.sections.slice(0, 1)));
    writeFileSync(join(dir, "scan.pdf"), await buildPdf("x", [], { text: false }));

    const added = JSON.parse((await cli("add", join(dir, "chuyen-de.pdf"), "--centre", "TTCT Đông Anh")).stdout);
    expect(added).toMatchObject({
      id: expect.stringMatching(/^m[0-9a-z]{14}$/),
      scope: "centre:TTCT Đông Anh",
      pages: 2,
      problems: [],
    });
    expect(added.headings).toContain("Phần II. Nhiệm vụ của chi bộ thôn");

    const knowledge = await loadKnowledge({ dir: "content", extraDocs: () => materialExtraDocs(store) });
    const q = "Chi bộ thôn đối thoại với nhân dân mấy lần?";
    const mine = knowledge.search(q, { scopes: ["centre:TTCT Đông Anh"] }).results[0]?.passage;
    expect(mine).toMatchObject({ file: "chuyen-de.pdf", page: 2 });
    expect(knowledge.search(q, { scopes: ["centre:TTCT Sóc Sơn"] }).results.some((r) => r.passage.scope)).toBe(false);

    await cli("add", join(dir, "moi.docx"), "--centre", "TTCT Đông Anh", "--replace", added.id);
    const list = JSON.parse((await cli("list", "--centre", "TTCT Đông Anh")).stdout);
    expect(list).toEqual([expect.objectContaining({ id: added.id, file: "moi.docx", title: "Chuyên đề mới" })]);
    await knowledge.refreshExtra();
    expect(knowledge.search(q, { scopes: ["centre:TTCT Đông Anh"] }).results[0]?.passage.file).not.toBe(
      "chuyen-de.pdf",
    );

    await expect(cli("add", join(dir, "scan.pdf"), "--centre", "TTCT Đông Anh")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("bản quét (ảnh), không có lớp chữ để đọc"),
    });
    await cli("remove", added.id);
    expect(await store.materials.list()).toEqual([]);
  }, 60_000);
});
