import { expect, test } from "vitest";
import { mapAlertToRunbook, normaliseSection, parseRunbookMap } from "./runbook-map";

const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ labels: { alertname: "X", ...labels }, annotations });

test("a runbook_section label wins, then the annotation, then the runbook_url anchor", () => {
  expect(mapAlertToRunbook(alert({ alertname: "LoginLatencyHigh", runbook_section: "§5" }, { runbook_section: "2" }))).toEqual({ sections: ["5"], source: "label" });
  expect(mapAlertToRunbook(alert({ alertname: "LoginLatencyHigh" }, { runbook_section: "section-2", runbook_url: "https://x/runbook#section-7" }))).toEqual({ sections: ["2"], source: "annotation" });
  expect(mapAlertToRunbook(alert({ alertname: "LoginLatencyHigh" }, { runbook_url: "https://x/runbook#section-7" }))).toEqual({ sections: ["7"], source: "runbook_url" });
  expect(mapAlertToRunbook(alert({}, { runbook_url: "https://wiki/ON_CALL_RUNBOOK.md#4-tenant-isolation--rls" }))).toEqual({ sections: ["4"], source: "runbook_url" });
  // An anchor that names no section falls through to the name rules.
  expect(mapAlertToRunbook(alert({ alertname: "ServiceDown" }, { runbook_url: "https://wiki/page#overview" }))).toEqual({ sections: ["2"], source: "default" });
});

test("the shipped defaults cover the platform's own alert names (CONTRACT §4.1)", () => {
  const m = (name: string) => mapAlertToRunbook(alert({ alertname: name })).sections;
  expect(m("LoginSuccessRateLow")).toEqual(["3", "6"]);
  expect(m("LoginLatencyHigh")).toEqual(["3", "6"]);
  expect(m("CustomerLoginSuccessRateLow")).toEqual(["3", "6"]);
  expect(m("ProvisioningSuccessRateLow")).toEqual(["5", "6"]);
  expect(m("ProvisioningLatencyHigh")).toEqual(["5", "6"]);
  expect(m("ServiceProvisioningLatencyHigh")).toEqual(["5", "6"]);
  expect(m("HTTPErrorRateHigh")).toEqual(["6"]);
  expect(m("ISPHTTPErrorRateHigh")).toEqual(["6"]);
  expect(m("RedisDown")).toEqual(["2"]);
  expect(m("PostgresReplicationLag")).toEqual(["2"]);
  expect(m("ServiceDown")).toEqual(["2"]);
  expect(mapAlertToRunbook(alert({ alertname: "ActiveTenantsDropped" }))).toEqual({ sections: ["general"], source: "general" });
});

test("an ALERT_RUNBOOK_MAP rule comes before the defaults; bad files are refused with the field named", () => {
  const parsed = parseRunbookMap("rules:\n  - alertname: 'Login.*'\n    section: 9\n  - alertname: Billing.*\n    sections: ['§6', 1]\n");
  expect(parsed).toEqual({ ok: true, rules: [{ alertname: "Login.*", sections: ["9"] }, { alertname: "Billing.*", sections: ["6", "1"] }] });
  if (!parsed.ok) return;
  expect(mapAlertToRunbook(alert({ alertname: "LoginLatencyHigh" }), parsed.rules)).toEqual({ sections: ["9"], source: "map" });
  expect(mapAlertToRunbook(alert({ alertname: "BillingSuccessRateLow" }), parsed.rules)).toEqual({ sections: ["6", "1"], source: "map" });
  // Anchored: "Login.*" does not match "CustomerLogin…".
  expect(mapAlertToRunbook(alert({ alertname: "CustomerLoginSuccessRateLow" }), parsed.rules).source).toBe("default");
  expect(parseRunbookMap("rules:\n  - alertname: '('\n    section: 3\n")).toEqual({ ok: false, error: "rules.0.alertname: not a valid regular expression" });
  expect(parseRunbookMap("rules:\n  - alertname: X\n    section: eleven\n")).toMatchObject({ ok: false, error: expect.stringContaining("rules.0.section") });
  expect(parseRunbookMap("rules: [")).toMatchObject({ ok: false, error: expect.stringMatching(/^not YAML/) });
});

test("section spellings", () => {
  expect(["3", "§3", "§ 3", "section-3", "Section 3", "3) Authentication"].map(normaliseSection)).toEqual(["3", "3", "3", "3", "3", "3"]);
  expect(["", "abc", "0", "100", "3a"].map(normaliseSection)).toEqual([null, null, null, null, null]);
  expect(normaliseSection("general")).toBe("general");
});
