import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse";
import type { Runbook, Step } from "./types";

const SHIPPED = readFileSync(new URL("./dotmac-runbook.md", import.meta.url), "utf8");
const rb = parseRunbook(SHIPPED);

const section = (r: Runbook, slug: string) => {
  const s = r.sections.find((x) => x.slug === slug);
  if (!s) throw new Error(`no section ${slug} in ${r.sections.map((x) => x.slug).join(", ")}`);
  return s;
};
const step = (r: Runbook, text: string): Step => {
  const s = r.sections.flatMap((x) => x.steps).find((x) => x.text === text);
  if (!s) throw new Error(`no step "${text}"`);
  return s;
};
const allSteps = (r: Runbook) => r.sections.flatMap((s) => s.steps);

describe("parseRunbook on the shipped DotMac runbook", () => {
  it("finds the title, the ten numbered sections, quick links and the appendix", () => {
    expect(rb.title).toBe("On-Call Runbook – DotMac Platform");
    expect(rb.version).toMatch(/^[0-9a-f]{12}$/);
    expect(rb.sections.map((s) => s.number ?? "-")).toEqual(["-", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "-"]);
    expect(rb.sections.map((s) => s.title)).toEqual([
      "Quick Links",
      "Smoke Test (5–10 min)",
      "Health & Readiness",
      "Authentication & Tokens",
      "Tenant Isolation & RLS",
      "Background Operations (Idempotency/Sagas)",
      "Observability & Dashboards",
      "API Gateway & Edge",
      "Secrets Management",
      "Rollback & Recovery",
      "Contact & Escalation",
      "Appendix: Env Template for Smoke Test",
    ]);
    expect(section(rb, "smoke-test-5-10-min").id).toBe("smoke-test-5-10-min");
    expect(inlineTextOf(rb.intro)).toContain("quick checks and actions to triage");
  });

  it("keeps nested list items as child steps in §2 and §5", () => {
    const endpoints = step(rb, "Endpoints:");
    const children = section(rb, "health-readiness").steps.filter((s) => s.parentId === endpoints.id);
    expect(children.map((s) => s.text)).toEqual(["Liveness: /health/live", "Readiness: /health/ready", "Startup: /health/startup"]);
    expect(children.every((s) => s.depth === 1)).toBe(true);
    expect(endpoints.depth).toBe(0);
    expect(endpoints.parentId).toBeUndefined();

    const sagas = step(rb, "Saga state/history:");
    const sagaChildren = section(rb, "background-operations-idempotency-sagas").steps.filter((s) => s.parentId === sagas.id);
    expect(sagaChildren.map((s) => s.text)).toEqual([
      "GET ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}",
      "GET ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}/history",
    ]);
    expect(section(rb, "background-operations-idempotency-sagas").steps).toHaveLength(6);
    expect(allSteps(rb)).toHaveLength(48);
  });

  it("preserves code spans as code inlines", () => {
    expect(step(rb, "Run: make smoke").inline).toEqual([
      { type: "text", value: "Run: " },
      { type: "code", value: "make smoke" },
    ]);
    expect(step(rb, "Redis keys (if needed): bgops:idempo:*, bgops:saga:*").inline).toEqual([
      { type: "text", value: "Redis keys (if needed): " },
      { type: "code", value: "bgops:idempo:*" },
      { type: "text", value: ", " },
      { type: "code", value: "bgops:saga:*" },
    ]);
  });

  it("keeps the appendix env template as a fenced code block", () => {
    const appendix = section(rb, "appendix-env-template-for-smoke-test");
    expect(appendix.number).toBeUndefined();
    expect(appendix.depth).toBe(3);
    expect(appendix.steps).toEqual([]);
    expect(appendix.codeBlocks).toHaveLength(1);
    expect(appendix.codeBlocks[0]?.value.split("\n")).toEqual([
      "export ADMIN_BASE_URL=https://admin.example.com",
      "export RESELLER_BASE_URL=https://reseller.example.com",
      "export TENANT_BASE_URL=https://acme.isp.example.com",
      "export MGMT_API_URL=https://api.example.com",
      "export TENANT_SLUG=acme",
      "export API_VERSION=v1",
      "make smoke",
    ]);
    // §10 ends at the thematic break; the appendix block is not one of its steps.
    expect(section(rb, "contact-escalation").codeBlocks).toEqual([]);
  });

  it("gives every step and code block a unique id and a version that follows the text", () => {
    const ids = [...allSteps(rb).map((s) => s.id), ...rb.sections.flatMap((s) => s.codeBlocks.map((c) => c.id))];
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseRunbook(SHIPPED).version).toBe(rb.version);
    expect(parseRunbook(SHIPPED + "\n- extra\n").version).not.toBe(rb.version);
  });
});

describe("inline AST", () => {
  it("keeps links, emphasis and strong, and drops script URLs", () => {
    const r = parseRunbook(
      "# T\n## S\n- See [the **docs**](https://ex.com/d \"Docs\") and *now*\n- [bad](javascript:alert(1)) and [ref][r]\n- Line one  \n  two\n\n[r]: https://ex.com/r\n",
    );
    const [a, b, c] = r.sections[0]?.steps ?? [];
    expect(a?.inline).toEqual([
      { type: "text", value: "See " },
      { type: "link", url: "https://ex.com/d", title: "Docs", children: [{ type: "text", value: "the " }, { type: "strong", children: [{ type: "text", value: "docs" }] }] },
      { type: "text", value: " and " },
      { type: "emphasis", children: [{ type: "text", value: "now" }] },
    ]);
    expect(b?.inline).toEqual([
      { type: "text", value: "bad and " },
      { type: "link", url: "https://ex.com/r", children: [{ type: "text", value: "ref" }] },
    ]);
    expect(c?.inline).toEqual([{ type: "text", value: "Line one" }, { type: "break" }, { type: "text", value: "two" }]);
  });

  it("reads task-list state and section intros", () => {
    const r = parseRunbook("## 3. Checks\nRead this first.\n\n- [x] done already\n- [ ] not yet\n");
    const s = r.sections[0];
    expect(s?.number).toBe("3");
    expect(s?.title).toBe("Checks");
    expect(s?.intro).toEqual([{ type: "text", value: "Read this first." }]);
    expect(s?.steps.map((x) => x.checked)).toEqual([true, false]);
    expect(r.title).toBe("Runbook");
  });
});

function inlineTextOf(items: Runbook["intro"]): string {
  return items.map((i) => ("value" in i ? i.value : "")).join("");
}
