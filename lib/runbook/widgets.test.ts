import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse";
import { widgetFor, widgetsForRunbook, type Widget } from "./widgets";
import { isSecretVariable, maskEnvValue } from "./env-mask";

const rb = parseRunbook(readFileSync(new URL("./dotmac-runbook.md", import.meta.url), "utf8"));
const NONE: Widget[] = [{ kind: "none" }];
const VARS = ["ADMIN_BASE_URL", "RESELLER_BASE_URL", "TENANT_BASE_URL", "MGMT_API_URL", "TENANT_SLUG", "API_VERSION"];
const bgops = (pathTemplate: string, placeholders: string[], query?: Record<string, string>): Widget[] => [
  { kind: "bgops-request", method: "GET", surface: "mgmt", pathTemplate, placeholders, ...(query ? { query } : {}) },
];

/** Every step of the shipped runbook, by its text. A new step without a row here fails the completeness test. */
const EXPECTED: Record<string, Widget[]> = {
  "Management Admin: ${ADMIN_BASE_URL}": [{ kind: "surface-link", surface: "admin", variable: "ADMIN_BASE_URL" }],
  "Reseller Portal: ${RESELLER_BASE_URL}": [{ kind: "surface-link", surface: "reseller", variable: "RESELLER_BASE_URL" }],
  "Tenant Portal: ${TENANT_BASE_URL}": [{ kind: "surface-link", surface: "tenant", variable: "TENANT_BASE_URL" }],
  "Management API: ${MGMT_API_URL}": [{ kind: "surface-link", surface: "mgmt", variable: "MGMT_API_URL" }],
  "Env vars: ADMIN_BASE_URL, RESELLER_BASE_URL, TENANT_BASE_URL, MGMT_API_URL, TENANT_SLUG, API_VERSION.": [
    { kind: "env-template", variables: VARS },
  ],
  "Run: make smoke": [{ kind: "smoke" }],
  "Checks performed:": NONE,
  "/health endpoints": [{ kind: "health", paths: ["/health"] }],
  "/api/health/client-check with tenant and API version headers": [{ kind: "check", check: "client-check" }],
  "/metrics exposure (Mgmt API)": [{ kind: "check", check: "metrics" }],
  "bgops inspection endpoint": [{ kind: "check", check: "bgops" }],
  "Endpoints:": NONE,
  "Liveness: /health/live": [{ kind: "health", paths: ["/health/live"] }],
  "Readiness: /health/ready": [{ kind: "health", paths: ["/health/ready"] }],
  "Startup: /health/startup": [{ kind: "health", paths: ["/health/startup"] }],
  "If readiness fails:": NONE,
  "Inspect logs for DB/Redis/connectivity.": NONE,
  "Confirm secrets resolved via OpenBao/Vault.": [{ kind: "check", check: "vault" }],
  "Verify Nginx upstreams are reachable and tenant header mapping is active.": [{ kind: "check", check: "client-check" }],
  "Symptoms: 401/403, frequent session drops.": NONE,
  "Actions:": NONE,
  "Validate refresh via admin/reseller refresh routes.": [{ kind: "auth-check" }],
  "Ensure JWT_SECRET and service signing secrets are present in Vault.": [{ kind: "check", check: "vault" }],
  "Check time skew between services (<5 minutes).": [{ kind: "auth-check" }],
  "Symptoms: cross-tenant data, 403 gateway tenant mismatch.": NONE,
  "Run RLS setup if necessary: make setup-rls with DATABASE_URL set.": [{ kind: "copy-command", command: "make setup-rls" }],
  "Confirm tenant header mapping in Nginx and app logs for “Tenant resolved”.": [
    { kind: "check", check: "client-check" },
    { kind: "check", check: "isolation" },
  ],
  "Check bgops and saga logs for operations targeting wrong tenant.": NONE,
  "List recent idempotency keys: GET ${MGMT_API_URL}/api/v1/bgops/idempotency?limit=10": bgops("/api/v1/bgops/idempotency", [], { limit: "10" }),
  "Inspect a specific key: GET ${MGMT_API_URL}/api/v1/bgops/idempotency/{key}": bgops("/api/v1/bgops/idempotency/{key}", ["key"]),
  "Saga state/history:": NONE,
  "GET ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}": bgops("/api/v1/bgops/sagas/{saga_id}", ["saga_id"]),
  "GET ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}/history": bgops("/api/v1/bgops/sagas/{saga_id}/history", ["saga_id"]),
  "Redis keys (if needed): bgops:idempo:*, bgops:saga:*": [{ kind: "redis-keys", patterns: ["bgops:idempo:*", "bgops:saga:*"] }],
  "Confirm OTEL exporter is up and Signoz is receiving traces/metrics.": NONE,
  "/metrics includes business SLOs; ensure alerts are configured for provisioning latency, login success, and error rates.": [
    { kind: "slo-summary" },
    { kind: "alert-rules" },
  ],
  "Rate limiting and DDoS: ensure Nginx limits and WS caps are in place.": NONE,
  "JWT at edge: enable when module is available; otherwise rely on app-level EdgeAuth.": [{ kind: "check", check: "edge" }],
  "mTLS to upstream: optional but recommended for internal traffic.": [{ kind: "check", check: "edge" }],
  "Prod: All secrets must come from OpenBao/Vault; no env fallbacks.": [{ kind: "check", check: "vault" }],
  "Rotation: Verify rotation policies for JWT and service tokens.": NONE,
  "Alembic: alembic downgrade -1 (validate state before rollback).": [{ kind: "copy-command", command: "alembic downgrade -1" }],
  "Containers: swap to last known good image and re-run make smoke.": [{ kind: "smoke" }],
  "Data: for RLS or schema issues, disable new traffic, restore from last backup, reapply RLS policies.": NONE,
  "Primary on-call: Platform SRE (Slack: #ops-oncall)": [{ kind: "contacts", role: "Primary on-call" }],
  "Secondary: App Team Lead": [{ kind: "contacts", role: "Secondary" }],
  "External dependencies: DNS/SSL provider, Cloud, Signoz maintainer": [{ kind: "contacts", role: "External dependencies" }],
};

describe("widgetFor on every step of the shipped runbook", () => {
  const steps = rb.sections.flatMap((s) => s.steps.map((step) => ({ step, section: s })));

  it("has an expectation for every step", () => {
    expect(steps.map(({ step }) => step.text).filter((t) => !(t in EXPECTED))).toEqual([]);
  });

  it.each(steps.map(({ step, section }) => [step.text, step, section.title] as const))("%s", (text, step, sectionTitle) => {
    expect(widgetFor(step, { sectionTitle })).toEqual(EXPECTED[text]);
    // The section slug alone is enough to recognise the escalation section.
    expect(widgetFor(step)).toEqual(EXPECTED[text]);
  });

  it("turns the appendix env template into the current-values widget plus the smoke test", () => {
    const block = rb.sections.at(-1)?.codeBlocks[0];
    expect(block).toBeDefined();
    expect(widgetFor(block!)).toEqual([{ kind: "env-template", variables: VARS }, { kind: "smoke" }]);
  });

  it("lists live items by id for the page", () => {
    const map = widgetsForRunbook(rb);
    const live = Object.keys(map);
    expect(live).toHaveLength(Object.values(EXPECTED).filter((w) => w[0]?.kind !== "none").length + 1);
    expect(Object.values(map).every((ws) => ws.every((w) => w.kind !== "none"))).toBe(true);
  });
});

describe("widgetFor on other runbooks", () => {
  const one = (md: string, ctx = {}) => {
    const r = parseRunbook(md);
    const item = r.sections[0]?.steps[0] ?? r.sections[0]?.codeBlocks[0];
    if (!item) throw new Error("nothing parsed");
    return widgetFor(item, ctx);
  };

  it("runs only GETs on configured surfaces and safe paths", () => {
    expect(one("## S\n- `POST ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}`")).toEqual([
      { kind: "copy-command", command: "POST ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}" },
    ]);
    expect(one("## S\n- `GET ${OTHER_URL}/api/v1/bgops/sagas/{id}`")).toEqual(NONE);
    expect(one("## S\n- `GET ${MGMT_API_URL}/api/v1/bgops/sagas/{saga_id}`", { surfaces: ["admin"] })).toEqual(NONE);
    expect(one("## S\n- `GET ${MGMT_API_URL}/api/v1/bgops/../admin/{x}`")).toEqual(NONE);
    expect(one("## S\n- `GET ${MGMT_API_URL}/api/v1/tenants/{id}`")).toEqual(NONE);
    expect(one("## S\n- `GET $ADMIN_BASE_URL/api/v2/bgops/sagas/{saga_id}/history`")).toEqual([
      { kind: "bgops-request", method: "GET", surface: "admin", pathTemplate: "/api/v2/bgops/sagas/{saga_id}/history", placeholders: ["saga_id"] },
    ]);
    expect(one("## S\n- `GET ${TENANT_BASE_URL}/api/health`")).toEqual([{ kind: "health", paths: ["/api/health"] }]);
  });

  it("recognises commands without executing anything, and leaves prose alone", () => {
    expect(one("## S\n- `$ kubectl rollout undo deploy/api`")).toEqual([{ kind: "copy-command", command: "kubectl rollout undo deploy/api" }]);
    expect(one("## S\n- `frobnicate --all`")).toEqual([{ kind: "copy-command", command: "frobnicate --all" }]);
    expect(one("## S\n- Restart `nginx` if needed")).toEqual(NONE);
    expect(one("## S\n- Call /health/ready and /health/live then /metrics")).toEqual([
      { kind: "health", paths: ["/health/ready", "/health/live"] },
      { kind: "slo-summary" },
    ]);
    expect(one("## S\n- Look at api/v1/health-report and x/metrics-old")).toEqual(NONE);
  });

  it("reads code blocks by language", () => {
    expect(one("## S\n```bash\nexport REDIS_URL=redis://x\nredis-cli --scan\n```")).toEqual([
      { kind: "env-template", variables: ["REDIS_URL"] },
      { kind: "copy-command", command: "redis-cli --scan" },
    ]);
    expect(one('## S\n```json\n{"a": 1}\n```')).toEqual(NONE);
  });

  it("shows contacts only in an escalation section", () => {
    expect(one("## Escalation\n- Call Bob")).toEqual([{ kind: "contacts" }]);
    expect(one("## Other\n- Primary: Bob")).toEqual(NONE);
  });
});

describe("env masking", () => {
  it("masks secrets and URL passwords, leaves the rest", () => {
    expect(isSecretVariable("MGMT_API_TOKEN")).toBe(true);
    expect(isSecretVariable("MGMT_API_URL")).toBe(false);
    expect(maskEnvValue("MGMT_API_TOKEN", "abc123")).toBe("••••••");
    expect(maskEnvValue("REDIS_URL", "redis://:hunter2@127.0.0.1:6379/0")).toBe("redis://:••••••@127.0.0.1:6379/0");
    expect(maskEnvValue("DATABASE_URL", "postgres://app:pw@db/x")).toBe("postgres://app:••••••@db/x");
    expect(maskEnvValue("MGMT_API_URL", "https://api.example.com")).toBe("https://api.example.com");
    expect(maskEnvValue("X", undefined)).toBeUndefined();
  });
});
