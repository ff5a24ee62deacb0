import { describe, expect, it } from "vitest";
import { RUNBOOK_CHECKS } from "./checks";
import { loadRunbook } from "./load";
import { widgetsForRunbook, type Widget } from "./widgets";

/**
 * Every item of the shipped runbook (each step and code block, by id) → the widgets it shows, as "kind" or
 * "check:name". Reviewed by hand against the runbook's text: each step shows the check its words name, steps that
 * only a human can do (read logs, Signoz, rotation policy, restore) show nothing. A runbook edit that changes an id
 * or a mapping fails here and gets reviewed again.
 */
const EXPECTED: Record<string, string[]> = {
  // Quick Links
  "quick-links.fb7f499c": ["surface-link"], // Management Admin: ${ADMIN_BASE_URL}
  "quick-links.048e2390": ["surface-link"], // Reseller Portal: ${RESELLER_BASE_URL}
  "quick-links.ca73f58f": ["surface-link"], // Tenant Portal: ${TENANT_BASE_URL}
  "quick-links.95030545": ["surface-link"], // Management API: ${MGMT_API_URL}
  // 1) Smoke Test
  "smoke-test-5-10-min.e93a95aa": ["env-template"], // Env vars: ADMIN_BASE_URL, …, API_VERSION
  "smoke-test-5-10-min.c005ae2d": ["smoke"], // Run: make smoke
  "smoke-test-5-10-min.cac9d751": [], // Checks performed:
  "smoke-test-5-10-min.bc75afe7": ["health"], // /health endpoints
  "smoke-test-5-10-min.084c1414": ["check:client-check"], // /api/health/client-check with tenant and API version headers
  "smoke-test-5-10-min.4076acee": ["check:metrics"], // /metrics exposure (Mgmt API)
  "smoke-test-5-10-min.73884372": ["check:bgops"], // bgops inspection endpoint
  // 2) Health & Readiness
  "health-readiness.a46c629d": [], // Endpoints:
  "health-readiness.d205193b": ["health"], // Liveness: /health/live
  "health-readiness.6566be0c": ["health"], // Readiness: /health/ready
  "health-readiness.a6b2f24a": ["health"], // Startup: /health/startup
  "health-readiness.8375c103": [], // If readiness fails:
  "health-readiness.514e538e": [], // Inspect logs for DB/Redis/connectivity. (logs: a human's job)
  "health-readiness.bb679085": ["check:vault"], // Confirm secrets resolved via OpenBao/Vault.
  "health-readiness.57f8b974": ["check:client-check"], // Verify Nginx upstreams are reachable and tenant header mapping is active.
  // 3) Authentication & Tokens
  "authentication-tokens.3d4bc48b": [], // Symptoms: 401/403, frequent session drops.
  "authentication-tokens.2b0dcdd4": [], // Actions:
  "authentication-tokens.be2d751a": ["auth-check"], // Validate refresh via admin/reseller refresh routes.
  "authentication-tokens.98878d9b": ["check:vault"], // Ensure JWT_SECRET and service signing secrets are present in Vault.
  "authentication-tokens.093bb996": ["auth-check"], // Check time skew between services (<5 minutes).
  // 4) Tenant Isolation & RLS
  "tenant-isolation-rls.04fe4000": [], // Symptoms: cross-tenant data, 403 gateway tenant mismatch.
  "tenant-isolation-rls.2b0dcdd4": [], // Actions:
  "tenant-isolation-rls.4f6fc179": ["copy-command"], // Run RLS setup if necessary: make setup-rls with DATABASE_URL set.
  "tenant-isolation-rls.41a3e418": ["check:client-check", "check:isolation"], // Confirm tenant header mapping in Nginx and app logs …
  "tenant-isolation-rls.643071ae": [], // Check bgops and saga logs for operations targeting wrong tenant. (logs)
  // 5) Background Operations
  "background-operations-idempotency-sagas.4e442d8e": ["bgops-request"], // List recent idempotency keys: GET …/idempotency?limit=10
  "background-operations-idempotency-sagas.cf379f93": ["bgops-request"], // Inspect a specific key: GET …/idempotency/{key}
  "background-operations-idempotency-sagas.054166e1": [], // Saga state/history:
  "background-operations-idempotency-sagas.d2b5e137": ["bgops-request"], // GET …/sagas/{saga_id}
  "background-operations-idempotency-sagas.0383c646": ["bgops-request"], // GET …/sagas/{saga_id}/history
  "background-operations-idempotency-sagas.cc90ecf8": ["redis-keys"], // Redis keys (if needed): bgops:idempo:*, bgops:saga:*
  // 6) Observability & Dashboards
  "observability-dashboards.1d3d54fe": [], // Confirm OTEL exporter is up and Signoz is receiving traces/metrics. (outside the console)
  "observability-dashboards.f9230a2e": ["slo-summary", "alert-rules"], // /metrics includes business SLOs; ensure alerts are configured …
  // 7) API Gateway & Edge
  "api-gateway-edge.e7a666fd": [], // Rate limiting and DDoS: … (the console must not load-test the edge)
  "api-gateway-edge.1fd466b2": ["check:edge"], // JWT at edge: enable when module is available; …
  "api-gateway-edge.6685163d": ["check:edge"], // mTLS to upstream: optional but recommended for internal traffic.
  // 8) Secrets Management
  "secrets-management.d3721b2c": ["check:vault"], // Prod: All secrets must come from OpenBao/Vault; no env fallbacks.
  "secrets-management.90eb20ce": [], // Rotation: Verify rotation policies for JWT and service tokens. (needs a Vault token)
  // 9) Rollback & Recovery
  "rollback-recovery.bfef89ab": ["copy-command"], // Alembic: alembic downgrade -1
  "rollback-recovery.8f9ef7e9": ["smoke"], // Containers: swap to last known good image and re-run make smoke.
  "rollback-recovery.66aa38e4": [], // Data: for RLS or schema issues, … restore from last backup
  // 10) Contact & Escalation
  "contact-escalation.2091cfeb": ["contacts"], // Primary on-call
  "contact-escalation.2a6be91f": ["contacts"], // Secondary
  "contact-escalation.e01a4fa4": ["contacts"], // External dependencies
  // Appendix: Env Template for Smoke Test (code block)
  "appendix-env-template-for-smoke-test.code-f1f11710": ["env-template", "smoke"],
};

const kinds = (ws: Widget[] | undefined) => (ws ?? []).map((w) => (w.kind === "check" ? `check:${w.check}` : w.kind));

describe("the shipped runbook: step id → widgets", async () => {
  const { runbook } = await loadRunbook();
  const map = widgetsForRunbook(runbook);
  const items = runbook.sections.flatMap((s) => [...s.steps.map((st) => st.id), ...s.steps.flatMap((st) => st.codeBlocks.map((b) => b.id)), ...s.codeBlocks.map((b) => b.id)]);

  it("has a row for every step and code block, and no row for anything else", () => {
    expect(new Set(items)).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(items)("%s", (id) => {
    expect(kinds(map[id])).toEqual(EXPECTED[id]);
  });

  it("§4 runs the isolation checks and §8 the Vault health check", () => {
    const section = (slug: string) => runbook.sections.find((s) => s.id === slug)!;
    expect(section("tenant-isolation-rls").steps.flatMap((st) => kinds(map[st.id]))).toContain("check:isolation");
    expect(section("secrets-management").steps.flatMap((st) => kinds(map[st.id]))).toContain("check:vault");
  });

  it("every check a step names exists", () => {
    for (const ws of Object.values(map)) for (const w of ws) if (w.kind === "check") expect(RUNBOOK_CHECKS).toHaveProperty(w.check);
  });
});
