import { expect, test } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

/** Posts an Alertmanager (version 4) webhook to the real console, the way Alertmanager does. */
async function sendAlerts(request: import("@playwright/test").APIRequestContext, groupKey: string, alerts: { name: string; fp: string; severity: string; status?: "firing" | "resolved"; labels?: Record<string, string> }[]) {
  const res = await request.post("/api/alerts/alertmanager", {
    headers: { Authorization: `Bearer ${E2E.alertmanagerToken}`, "Content-Type": "application/json" },
    data: {
      version: "4", groupKey, status: "firing", receiver: "oncall-console", groupLabels: {}, commonLabels: {}, commonAnnotations: {},
      alerts: alerts.map((a) => ({
        status: a.status ?? "firing",
        labels: { alertname: a.name, severity: a.severity, service: "management-platform", ...a.labels },
        annotations: { summary: `${a.name} in e2e`, value: "0.42" },
        startsAt: "2026-12-06T01:00:00Z", endsAt: a.status === "resolved" ? "2026-12-06T01:30:00Z" : "0001-01-01T00:00:00Z", fingerprint: a.fp,
      })),
    },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { outcomes: { did: string; incidentId: string | null }[] };
}

test.describe("alerts in the browser", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a page alert opens an incident with its runbook section first; the badge and the Alerts page show it", async ({ page, request }) => {
    const run = Date.now().toString(16);
    const opened = await sendAlerts(request, `e2e-${run}`, [{ name: "ProvisioningSuccessRateLow", fp: `${run}01`, severity: "critical" }]);
    expect(opened.outcomes[0]!.did).toBe("opened_incident");
    await sendAlerts(request, `e2e-warn-${run}`, [{ name: "LoginLatencyHigh", fp: `${run}02`, severity: "warning", labels: { service: "isp-framework" } }]);

    await page.goto("/");
    const badge = page.getByTestId("firing-badge");
    await expect(badge).toHaveText(/\d+ alerts? firing/);
    await badge.click();
    await expect(page).toHaveURL(/\/alerts\?status=firing/);
    await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
    const rows = page.getByTestId("alert-row");
    await expect(rows.filter({ hasText: "ProvisioningSuccessRateLow" }).first()).toBeVisible();

    // Severity filter in the URL: the warning is listed only (no incident), the critical one is filtered out.
    await page.getByLabel("Severity").fill("warning");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=firing&severity=warning/);
    await expect(rows.filter({ hasText: "ProvisioningSuccessRateLow" })).toHaveCount(0);
    const warn = rows.filter({ hasText: "LoginLatencyHigh" }).first();
    await expect(warn).toContainText("listed only");
    await expect(warn).toContainText("§3, §6");

    // The incident: its alert, the section to start with (§5 for provisioning), and that section first in the checklist.
    await page.goto(`/incidents/${opened.outcomes[0]!.incidentId}`);
    const panel = page.getByTestId("incident-alerts");
    await expect(panel).toContainText("ProvisioningSuccessRateLow");
    await expect(panel).toContainText("0.42");
    await expect(panel).toContainText("2026-12-06 01:00:00 UTC");
    await expect(page.getByTestId("start-section")).toHaveText("Start with runbook §5, §6");
    await expect(page.locator("section[id^='section-']").first()).toHaveAttribute("id", "section-5");
    // The team's webhook refuses (see playwright.config.ts): 4 attempts, then the failure shows on the incident.
    await expect(panel.getByTestId("notifications")).toContainText("incident opened → json webhook", { timeout: 15_000 });
    await expect(panel.getByRole("alert")).toContainText("could not be delivered", { timeout: 15_000 });
    await expect(panel.getByTestId("notifications")).toContainText("4 attempts");

    // Resolved: marked, not deleted; the incident (opened by the receiver) clears.
    await sendAlerts(request, `e2e-${run}`, [{ name: "ProvisioningSuccessRateLow", fp: `${run}01`, severity: "critical", status: "resolved" }]);
    await expect(panel.getByTestId("alert-row").first()).toHaveAttribute("data-status", "resolved", { timeout: 15_000 });
    await expect(panel).toContainText("2026-12-06 01:30:00 UTC");
  });
});
