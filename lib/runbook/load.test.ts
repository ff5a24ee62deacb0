import { mkdtemp, rm, writeFile, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRunbook } from "./load";

const dir = await mkdtemp(join(tmpdir(), "runbook-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadRunbook", () => {
  it("loads the shipped DotMac runbook by default, byte-identical to the seed", async () => {
    const { runbook, source } = await loadRunbook();
    expect(source).toBe("shipped");
    expect(runbook.title).toBe("On-Call Runbook – DotMac Platform");
    expect(runbook.sections).toHaveLength(12);
    // sha256 of ../shared/seeds/ON_CALL_RUNBOOK.md: the shipped copy must not drift from the platform's runbook.
    expect(runbook.version).toBe("b64230fd1163");
  });

  it("reads RUNBOOK_PATH and picks up edits to the file", async () => {
    const file = join(dir, "custom.md");
    await writeFile(file, "# Ours\n## 1) First\n- one\n");
    const a = await loadRunbook(file);
    expect(a.source).toBe(file);
    expect(a.runbook.sections[0]?.steps.map((s) => s.text)).toEqual(["one"]);
    await writeFile(file, "# Ours\n## 1) First\n- one\n- two\n");
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const b = await loadRunbook(file);
    expect(b.runbook.sections[0]?.steps.map((s) => s.text)).toEqual(["one", "two"]);
    expect(b.runbook.version).not.toBe(a.runbook.version);
  });

  it("names the path when the file cannot be read", async () => {
    await expect(loadRunbook(join(dir, "missing.md"))).rejects.toThrow(/RUNBOOK_PATH=.*missing\.md/);
  });
});
