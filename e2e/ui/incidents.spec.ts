import { expect, test, type Page } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

/** A checklist row by the end of its text (rows are named "To do: …", "Done: …", "Skipped: …"). */
const stepRow = (page: Page, text: string) => page.locator(`li[data-step-id][aria-label$=${JSON.stringify(text)}]`).first();
const isPoll = (url: URL) => url.pathname.endsWith("/changes");

test.describe("incidents in the browser", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("an incident from open to export: tick, skip with reason, note, smoke evidence, resolve, export", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const title = `e2e incident ${Date.now()}`;
    await page.goto("/incidents?new=1");
    const form = page.getByRole("form", { name: "Open incident" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Severity").selectOption("sev2");
    await expect(form.getByLabel(/Affected tenant/)).toHaveValue("acme");
    await form.getByRole("button", { name: "Open incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}/);
    const id = page.url().split("/incidents/")[1]!.split("?")[0]!;
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Keyboard shortcuts" })).toBeVisible();

    // Tick with the keyboard: focus a step row, move with j, tick with x.
    const env = stepRow(page, "TENANT_SLUG, API_VERSION.");
    await env.focus();
    await page.keyboard.press("j");
    await expect(page).toHaveURL(/step=/);
    const smoke = stepRow(page, "Run: make smoke");
    await expect(smoke).toBeFocused();
    await page.keyboard.press("x");
    await expect(smoke.getByText(/ticked by demo:responder at/)).toBeVisible();

    // Skip with a reason (s opens the prompt).
    const vault = stepRow(page, "Confirm secrets resolved via OpenBao/Vault.");
    await vault.focus();
    await page.keyboard.press("s");
    await page.getByLabel("Reason for skipping").fill("no Vault in the demo platform");
    await page.keyboard.press("Enter");
    await expect(vault.getByText("skipped by demo:responder", { exact: false })).toBeVisible();

    await page.getByLabel("Incident note").fill("Restarted the bgops worker at 10:05");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByLabel("Incident note")).toHaveValue("");

    // Live check → saved evidence.
    await smoke.getByRole("button", { name: "Run smoke test" }).click();
    await smoke.getByRole("button", { name: "Attach as evidence" }).click({ timeout: 30_000 });
    await expect(smoke.getByText("attached to the incident")).toBeVisible();

    // Nothing lost: a reload (and the API) show the same state. A true process restart is not exercised here.
    await page.reload();
    await expect(stepRow(page, "Run: make smoke").getByText(/ticked by demo:responder/)).toBeVisible();
    await expect(stepRow(page, "Confirm secrets resolved via OpenBao/Vault.").getByText(/no Vault in the demo platform/)).toBeVisible();
    const api = await (await page.request.get(`/api/incidents/${id}`)).json();
    expect(api.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(["opened", "step", "note", "evidence"]));

    await page.getByRole("tab", { name: /Timeline/ }).click();
    await expect(page).toHaveURL(/tab=timeline/);
    const timeline = page.getByRole("list", { name: "Incident timeline" });
    await expect(timeline.getByText("Restarted the bgops worker at 10:05")).toBeVisible();
    await expect(timeline.getByText(/Evidence — Smoke run/)).toBeVisible();

    // The responder who worked it resolves and exports it; reopen and delete are not offered to them.
    await expect(page.getByRole("button", { name: "Reopen…" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete…" })).toHaveCount(0);
    await page.getByRole("button", { name: "Resolve…" }).click();
    await page.getByLabel(/What happened/).fill("bgops worker was wedged; restarted");
    await page.getByRole("button", { name: "Resolve incident" }).click();
    await expect(page.getByText("This incident is resolved; its checklist is read-only.")).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export as Markdown" }).click();
    const file = await (await download).path();
    const { readFileSync } = await import("node:fs");
    const md = readFileSync(file, "utf8");
    expect(md).toContain(`# Incident report: ${title}`);
    expect(md).toContain("**Status:** Resolved");
    expect(md).toMatch(/- \[x\] .*make smoke.* — done by demo:responder/);
    expect(md).toMatch(/skipped by demo:responder .*: no Vault in the demo platform/);
    expect(md).toContain("Restarted the bgops worker at 10:05");
    expect(md).toContain("Smoke run");
    expect(md).toContain("bgops worker was wedged; restarted");
    await expect(page.getByRole("button", { name: "Reopen…" })).toHaveCount(0);

    const adminContext = await browser.newContext({ storageState: storageStateFor("admin"), baseURL: E2E.baseURL });
    try {
      const admin = await adminContext.newPage();
      await admin.goto(`/incidents/${id}?tab=timeline`);
      await admin.getByRole("button", { name: "Reopen…" }).click();
      await admin.getByLabel(/Why reopen it/).fill("bgops failing again");
      await admin.getByRole("button", { name: "Reopen incident" }).click();
      const adminTimeline = admin.getByRole("list", { name: "Incident timeline" });
      await expect(adminTimeline.getByText("Incident reopened")).toBeVisible();
      await expect(adminTimeline.getByText("Incident resolved")).toBeVisible();
      await expect(admin.getByText("This incident is resolved; its checklist is read-only.")).toHaveCount(0);
      await admin.getByRole("button", { name: "Delete…" }).click();
      await admin.getByRole("button", { name: "Delete incident" }).click();
      await expect(admin).toHaveURL(/\/incidents$/);
      expect((await admin.request.get(`/api/incidents/${id}`)).status()).toBe(404);
    } finally {
      await adminContext.close();
    }
  });

  test("two responders: each sees the other's tick within 5 s; the same step twice gives a conflict and loses nothing", async ({ browser, request }) => {
    test.setTimeout(60_000);
    const res = await request.post("/api/incidents", { headers: { Origin: E2E.baseURL }, data: { title: `e2e two responders ${Date.now()}`, severity: "sev3" } });
    const id = (await res.json()).incident.id as string;
    const a = await browser.newContext({ storageState: storageStateFor("responder"), baseURL: E2E.baseURL });
    const b = await browser.newContext({ storageState: storageStateFor("responder"), baseURL: E2E.baseURL });
    try {
      const pa = await a.newPage();
      const pb = await b.newPage();
      await Promise.all([pa.goto(`/incidents/${id}`), pb.goto(`/incidents/${id}`)]);
      await stepRow(pa, "Liveness: /health/live").getByRole("checkbox").click();
      await expect(stepRow(pb, "Liveness: /health/live").getByText(/ticked by demo:responder/)).toBeVisible({ timeout: 5_000 });

      // B's poll is held back (as if its last poll just ran) while A ticks; B then skips the same step.
      await pb.route(isPoll, (route) => route.abort());
      await stepRow(pa, "Readiness: /health/ready").getByRole("checkbox").click();
      await expect(stepRow(pa, "Readiness: /health/ready").getByText(/ticked by/)).toBeVisible();
      const rowB = stepRow(pb, "Readiness: /health/ready");
      await rowB.getByRole("button", { name: /^Skip:/ }).click();
      await pb.getByLabel("Reason for skipping").fill("B thinks readiness is not relevant");
      await pb.getByRole("button", { name: "Skip step" }).click();
      await expect(rowB.getByRole("alert")).toContainText(/demo:responder ticked this \d+ s ago — your change was not applied/);
      await expect(rowB.getByText(/ticked by demo:responder/)).toBeVisible();
      await pb.unroute(isPoll);

      // B decides to apply its change on top: both changes are in the record.
      await rowB.getByRole("button", { name: "Apply mine on top" }).click();
      await expect(rowB.getByText(/skipped by demo:responder .*B thinks readiness is not relevant/)).toBeVisible();
      await expect(stepRow(pa, "Readiness: /health/ready").getByText(/skipped by .*B thinks readiness/)).toBeVisible({ timeout: 5_000 });
      const events = (await (await request.get(`/api/incidents/${id}`)).json()).events as { kind: string; data: { to?: string } }[];
      expect(events.filter((e) => e.kind === "step").map((e) => e.data.to)).toEqual(["done", "done", "skipped"]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("j and k move from the row that has focus, however soon they follow it; typed in a field they stay letters", async ({ page, request }) => {
    const res = await request.post("/api/incidents", { headers: { Origin: E2E.baseURL }, data: { title: `e2e keys ${Date.now()}`, severity: "sev4" } });
    const id = (await res.json()).incident.id as string;
    await page.goto(`/incidents/${id}`);
    const rows = page.locator("li[data-step-id]");
    await expect(rows.nth(8)).toBeVisible();
    // A slow machine: the page notes the focused row in the URL (?step=) a render later than the focus itself,
    // and j pressed in between used to move from that stale note (from the first row when there was none yet).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
    try {
      for (const i of [4, 0, 7]) {
        await rows.nth(i).focus();
        await page.keyboard.press("j");
        await expect(rows.nth(i + 1), `j from row ${i}`).toBeFocused();
        await page.keyboard.press("k");
        await page.keyboard.press("k");
        await expect(rows.nth(Math.max(0, i - 1)), `k k from row ${i + 1}`).toBeFocused();
      }
    } finally {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    }
    await expect(page).toHaveURL(/step=/);

    // A field inside a step (runbook §5's bgops form): j, k and the arrows are typing, not moving.
    const key = page.getByRole("form", { name: "Run GET /api/v1/bgops/idempotency/{key}" }).getByLabel("key");
    await key.focus();
    await page.keyboard.type("job-k1");
    await expect(key).toHaveValue("job-k1");
    await expect(key).toBeFocused();
  });

  test("a viewer reads an incident but cannot work it", async ({ browser, request }) => {
    const res = await request.post("/api/incidents", { headers: { Origin: E2E.baseURL }, data: { title: `e2e viewer ${Date.now()}`, severity: "sev4" } });
    const id = (await res.json()).incident.id as string;
    const v = await browser.newContext({ storageState: storageStateFor("viewer"), baseURL: E2E.baseURL });
    try {
      const page = await v.newPage();
      await page.goto(`/incidents/${id}`);
      await expect(page.getByText("working it needs the responder role")).toBeVisible();
      await expect(stepRow(page, "Liveness: /health/live").getByRole("checkbox")).toBeDisabled();
      await page.goto("/incidents?new=1");
      await expect(page.getByText("Opening incidents needs the responder role.")).toBeVisible();
    } finally {
      await v.close();
    }
  });
});
