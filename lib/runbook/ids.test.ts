import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse";
import { normaliseStepText, slugify, splitHeadingNumber } from "./ids";
import type { Runbook } from "./types";

const SHIPPED = readFileSync(new URL("./dotmac-runbook.md", import.meta.url), "utf8");
const original = parseRunbook(SHIPPED);

/** "section slug | step text" → id, for comparing two parses of edited copies. */
function idsByText(r: Runbook): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of r.sections) for (const st of s.steps) m.set(`${s.slug} | ${st.text}`, st.id);
  return m;
}

function edit(from: string, to: string, text = SHIPPED): string {
  if (!text.includes(from)) throw new Error(`edit target not found: ${from}`);
  return text.replace(from, to);
}

/** Every step present in both parses keeps its id; returns the keys whose id changed. */
function changedIds(before: Runbook, after: Runbook): string[] {
  const a = idsByText(before);
  const b = idsByText(after);
  return [...a].filter(([k, id]) => b.has(k) && b.get(k) !== id).map(([k]) => k);
}

describe("step ids survive edits around them", () => {
  it("inserting steps (first, middle, nested) changes no other id", () => {
    let md = edit("## 2) Health & Readiness\n", "## 2) Health & Readiness\n- Page the database team first.\n");
    md = edit("  - Readiness: `/health/ready`\n", "  - Readiness: `/health/ready`\n  - Metrics: `/metrics`\n", md);
    md = edit("- Alembic:", "- Announce the rollback in #ops-oncall.\n- Alembic:", md);
    const after = parseRunbook(md);
    expect(changedIds(original, after)).toEqual([]);
    expect(idsByText(after).size).toBe(idsByText(original).size + 3);
  });

  it("rewording one step changes only that step's id", () => {
    const after = parseRunbook(edit("  - Readiness: `/health/ready`", "  - Readiness probe: `/health/ready`"));
    const before = idsByText(original);
    const now = idsByText(after);
    const oldId = before.get("health-readiness | Readiness: /health/ready");
    const newId = now.get("health-readiness | Readiness probe: /health/ready");
    expect(newId).toBeDefined();
    expect(newId).not.toBe(oldId);
    expect(changedIds(original, after)).toEqual([]);
    expect([...now.values()].filter((id) => !new Set(before.values()).has(id))).toEqual([newId]);
  });

  it("rewording a child keeps its parent's id, and children follow their parent by id", () => {
    const after = parseRunbook(edit("Inspect logs for DB/Redis/connectivity.", "Inspect logs for DB, Redis and network errors."));
    const parent = after.sections.flatMap((s) => s.steps).find((s) => s.text === "If readiness fails:");
    const child = after.sections.flatMap((s) => s.steps).find((s) => s.text.startsWith("Inspect logs for DB, Redis"));
    expect(parent?.id).toBe(idsByText(original).get("health-readiness | If readiness fails:"));
    expect(child?.parentId).toBe(parent?.id);
  });

  it("renumbering section headers keeps every section and step id", () => {
    const md = SHIPPED.replace(/^## (\d+)\) /gm, (_, n: string) => `## ${Number(n) + 1}) `);
    const after = parseRunbook(md);
    expect(after.sections.map((s) => s.id)).toEqual(original.sections.map((s) => s.id));
    expect(after.sections.find((s) => s.slug === "contact-escalation")?.number).toBe("11");
    expect([...idsByText(after)]).toEqual([...idsByText(original)]);
  });

  it("changing or adding a section intro keeps every id", () => {
    const md = edit("## 5) Background Operations (Idempotency/Sagas)\n", "## 5) Background Operations (Idempotency/Sagas)\nStart here when a provisioning request vanished.\n\n");
    const after = parseRunbook(md);
    expect(after.sections.find((s) => s.number === "5")?.intro).toEqual([{ type: "text", value: "Start here when a provisioning request vanished." }]);
    expect([...idsByText(after)]).toEqual([...idsByText(original)]);
  });

  it("reordering and removing steps keeps the others' ids", () => {
    let md = edit(
      "- Alembic: `alembic downgrade -1` (validate state before rollback).\n- Containers: swap to last known good image and re-run `make smoke`.\n",
      "- Containers: swap to last known good image and re-run `make smoke`.\n- Alembic: `alembic downgrade -1` (validate state before rollback).\n",
    );
    md = edit("- Secondary: App Team Lead\n", "", md);
    const after = parseRunbook(md);
    expect(changedIds(original, after)).toEqual([]);
    expect(idsByText(after).size).toBe(idsByText(original).size - 1);
  });

  it("cosmetic edits (case, spacing, trailing full stop, quotes, backticks) keep the id", () => {
    const after = parseRunbook(
      edit("- Confirm secrets resolved via OpenBao/Vault.", "- confirm  secrets resolved via `OpenBao/Vault`", SHIPPED),
    );
    const id = after.sections.flatMap((s) => s.steps).find((s) => s.text.startsWith("confirm"))?.id;
    expect(id).toBe(idsByText(original).get("health-readiness | Confirm secrets resolved via OpenBao/Vault."));
  });

  it("disambiguates exact duplicates within a section only", () => {
    const r = parseRunbook("## A\n- Check logs\n- Check logs.\n- Other\n## B\n- Check logs\n");
    const [a1, a2] = r.sections[0]?.steps ?? [];
    const b1 = r.sections[1]?.steps[0];
    expect(a2?.id).toBe(`${a1?.id}-2`);
    expect(b1?.id.startsWith("b.")).toBe(true);
    expect(b1?.id.slice(2)).toBe(a1?.id.slice(2));
  });
});

describe("id helpers", () => {
  it("splits section numbers in the usual spellings and leaves other digits alone", () => {
    expect(splitHeadingNumber("1) Smoke Test (5–10 min)")).toEqual({ number: "1", title: "Smoke Test (5–10 min)" });
    expect(splitHeadingNumber("10. Contact")).toEqual({ number: "10", title: "Contact" });
    expect(splitHeadingNumber("2.1) Sub step")).toEqual({ number: "2.1", title: "Sub step" });
    expect(splitHeadingNumber("§4 Tenants")).toEqual({ number: "4", title: "Tenants" });
    expect(splitHeadingNumber("3 - Auth")).toEqual({ number: "3", title: "Auth" });
    expect(splitHeadingNumber("2FA rollout")).toEqual({ title: "2FA rollout" });
    expect(splitHeadingNumber("Appendix: Env")).toEqual({ title: "Appendix: Env" });
  });

  it("slugs and normalises", () => {
    expect(slugify("Background Operations (Idempotency/Sagas)")).toBe("background-operations-idempotency-sagas");
    expect(slugify("Café & Tenants")).toBe("cafe-tenants");
    expect(slugify("!!!")).toBe("section");
    const long = slugify("Word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long.endsWith("word")).toBe(true);
    expect(normaliseStepText("  Check time skew  (<5 minutes). ")).toBe("check time skew <5 minutes");
    expect(normaliseStepText("Check “Tenant resolved” — now")).toBe("check tenant resolved - now");
  });
});
