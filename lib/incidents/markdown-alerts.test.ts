import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root, RootContent, Table } from "mdast";
import { buildTimeline } from "./timeline";
import { incidentToMarkdown } from "./markdown-export";
import { untrustedText } from "./markdown-alerts";
import type { Incident, IncidentAlert, IncidentEvent, IncidentNotification } from "./types";

type Node = Root | RootContent;
const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
const children = (n: Node): Node[] => ("children" in n ? (n.children as Node[]) : []);
const all = (n: Node): Node[] => [n, ...children(n).flatMap(all)];
const text = (n: Node): string => ("value" in n && typeof n.value === "string" ? n.value : children(n).map(text).join(""));
const headingAfter = (tree: Root, title: string): Table => {
  const i = tree.children.findIndex((n) => n.type === "heading" && text(n).startsWith(title));
  const table = tree.children.slice(i + 1).find((n) => n.type === "table" || n.type === "heading");
  if (i < 0 || table?.type !== "table") throw new Error(`no table under ${title}`);
  return table;
};
const rowsOf = (t: Table) => t.children.slice(1).map((r) => r.children.map(text));

const incident: Incident = {
  id: "0b7c3e4e-3a51-4d5f-9a57-0d6f2b1e9c11", title: "LoginLatencyHigh: login p99 above 2 s", severity: "sev1", tenant: "acme",
  status: "resolved", startedAt: "2026-12-06T01:00:00Z", resolvedAt: "2026-12-06T01:40:00Z", openedBy: "alertmanager",
};
const alert = (over: Partial<IncidentAlert>): IncidentAlert => ({
  alertname: "LoginLatencyHigh", severity: "critical", status: "firing", startsAt: "2026-12-06T01:00:00Z",
  annotations: { summary: "login p99 above 2 s" }, value: null, runbookSections: ["3", "2"], ...over,
});
const alerts: IncidentAlert[] = [
  alert({ id: 1, status: "resolved", endsAt: "2026-12-06T01:30:00Z", value: "2.7" }),
  alert({ id: 2, alertname: "BgopsErrors", startsAt: "2026-12-06T01:10:00Z", annotations: { summary: "bgops 5xx" }, runbookSections: ["general"] }),
  // Resolved with no endsAt from Alertmanager: the console's own resolve time stands in.
  alert({ id: 3, alertname: "RedisDown", startsAt: "2026-12-06T00:59:00Z", status: "resolved", endsAt: null, resolvedAt: "2026-12-06T01:20:00Z", runbookSections: ["7"] }),
];
const notifications: IncidentNotification[] = [
  { event: "incident_opened", target: "slack", status: "sent", attempts: 1, lastError: null, createdAt: "2026-12-06T01:00:02Z", updatedAt: "2026-12-06T01:00:02Z" },
  { event: "incident_opened", target: "json", status: "failed", attempts: 4, lastError: "HTTP 500 from the webhook", createdAt: "2026-12-06T01:00:02Z", updatedAt: "2026-12-06T01:00:09Z" },
  { event: "alert_joined", target: "slack", status: "pending", attempts: 2, lastError: "timed out after 5000 ms", createdAt: "2026-12-06T01:10:01Z", updatedAt: "2026-12-06T01:10:07Z" },
];
const events: IncidentEvent[] = [
  { seq: 1, at: "2026-12-06T01:00:01Z", actor: "alertmanager", kind: "opened" },
  { seq: 2, at: "2026-12-06T01:00:01Z", actor: "alertmanager", kind: "note", payload: { text: "Opened by Alert LoginLatencyHigh (critical) firing — login p99 above 2 s." } },
];
const now = "2026-12-06T02:00:00Z";

describe("the alerts an incident was opened and joined by, in its Markdown export", () => {
  const md = incidentToMarkdown(incident, null, buildTimeline(events), { alerts, notifications, now, machineActors: ["alertmanager"] });
  const tree = parse(md);

  it("lists every firing and resolved alert in time order with severity, summary and runbook section", () => {
    expect(md).toContain("3 alerts from Alertmanager opened or joined this incident; 1 still firing.");
    expect(rowsOf(headingAfter(tree, "Alerts (UTC)"))).toEqual([
      ["2026-12-06 00:59:00", "Fired", "RedisDown", "critical", "login p99 above 2 s", "§7"],
      ["2026-12-06 01:00:00", "Fired", "LoginLatencyHigh", "critical", "login p99 above 2 s; value 2.7", "§3, then §2"],
      ["2026-12-06 01:10:00", "Fired", "BgopsErrors", "critical", "bgops 5xx", "no section matched: general"],
      ["2026-12-06 01:20:00", "Resolved", "RedisDown", "critical", "login p99 above 2 s", "§7"],
      ["2026-12-06 01:30:00", "Resolved", "LoginLatencyHigh", "critical", "login p99 above 2 s; value 2.7", "§3, then §2"],
    ]);
  });

  it("says when the alerts were read up to a limit that was reached", () => {
    expect(incidentToMarkdown(incident, null, buildTimeline(events), { alerts, alertsLimit: 3, now })).toContain(
      "Only the 3 most recent alerts were read: older ones are not listed.",
    );
    expect(incidentToMarkdown(incident, null, buildTimeline(events), { alerts, alertsLimit: 4, now })).not.toContain("most recent alerts were read");
  });

  it("says which messages to the team failed, after how many attempts and why", () => {
    expect(md).toContain("3 messages to the team; 1 failed.");
    expect(rowsOf(headingAfter(tree, "Team notifications"))).toEqual([
      ["2026-12-06 01:00:02", "slack", "incident opened", "sent (1 attempt)"],
      ["2026-12-06 01:00:02", "json", "incident opened", "FAILED after 4 attempts, last at 2026-12-06 01:00:09: HTTP 500 from the webhook"],
      ["2026-12-06 01:10:01", "slack", "alert joined", "still trying (2 attempts so far): timed out after 5000 ms"],
    ]);
  });

  it("puts the alerts before the timeline, and says so when none is linked", () => {
    expect(md.indexOf("## Alerts (UTC)")).toBeLessThan(md.indexOf("## Team notifications"));
    expect(md.indexOf("## Team notifications")).toBeLessThan(md.indexOf("## Timeline (UTC)"));
    const none = incidentToMarkdown({ ...incident, openedBy: "alice" }, null, [], { alerts: [], notifications: [], now });
    expect(none).toContain("No Alertmanager alert opened or joined this incident.");
    expect(none).not.toContain("## Team notifications");
    expect(incidentToMarkdown(incident, null, [], { now })).not.toContain("## Alerts");
  });
});

describe("alert text is outside input: it stays text and stays short", () => {
  const attacks = [
    "# Heading\n## injected heading",
    "[click me](https://evil.example/x) ![img](https://evil.example/i.png)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "bare https://evil.example/raw and www.evil.example and mail a@evil.example",
    "&lt;b&gt; &#x3C;i&#x3E; **bold** _em_ ~~gone~~ `code` | cell | break \\| escaped",
    "line\r\n| --- | --- |\n- [x] fake task\n> quote",
    "right\u202Eto-left\u200B hidden",
    "[ref]: https://evil.example/ref\n[ref]",
    "_www.evil.example/x and x_www.evil.example",
  ];
  // An incident the receiver opened is titled from the alert: its title and tenant are alert text too.
  const hostileTitle = "LoginLatencyHigh: # Pwned [click](https://evil.example) https://evil.example/a www.evil.example _www.evil.example a@evil.example";
  const hostile: IncidentAlert[] = attacks.map((s, i) =>
    alert({ id: i, alertname: s, severity: s, annotations: { summary: s }, value: s, runbookSections: [`${i}](x)`], startsAt: `2026-12-06T01:0${i}:00Z` }),
  );
  const failed: IncidentNotification[] = attacks.map((s) => ({ event: s, target: s, status: "failed", attempts: 4, lastError: s, createdAt: now, updatedAt: now }));
  const noteEvents: IncidentEvent[] = attacks.map((s, i) => ({ seq: i + 1, at: now, actor: "alertmanager", kind: "note", payload: { text: `Joined: ${s}` } }));
  const md = incidentToMarkdown({ ...incident, title: hostileTitle, tenant: "acme https://evil.example/t" }, null, buildTimeline(noteEvents), {
    alerts: hostile, notifications: failed, now, machineActors: ["alertmanager"],
  });
  const tree = parse(md);
  const nodes = all(tree);

  it("forms no link, image, autolink, HTML, heading, emphasis, code, list or quote", () => {
    for (const kind of ["link", "image", "html", "linkReference", "imageReference", "definition", "emphasis", "delete", "blockquote"]) {
      expect(nodes.filter((n) => n.type === kind).map(text), kind).toEqual([]);
    }
    // The export's own bold labels and header list are all there is.
    const tables = tree.children.filter((n) => n.type === "table").flatMap(all);
    expect(new Set(tables.filter((n) => n.type === "strong").map(text))).toEqual(new Set(["FAILED"]));
    expect(tables.filter((n) => n.type === "inlineCode")).toEqual([]);
    expect(tree.children.filter((n) => n.type === "list")).toHaveLength(1);
    expect(tree.children.filter((n) => n.type === "heading").map(text)).toEqual([
      "Incident report: LoginLatencyHigh: # Pwned [click](https[:]//evil.example) https[:]//evil.example/a www[.]evil.example _www[.]evil.example a[@]evil.example",
      "Checklist", "Alerts (UTC)", "Team notifications", "Timeline (UTC)", "Evidence",
    ]);
    const header = tree.children.find((n) => n.type === "list")!;
    expect(children(header).map(text)).toContain("Tenant: acme https[:]//evil.example/t");
  });

  it("keeps every table's shape and shows the text as written, on one line", () => {
    const alertRows = rowsOf(headingAfter(tree, "Alerts (UTC)"));
    expect(alertRows).toHaveLength(attacks.length);
    expect(alertRows.every((r) => r.length === 6)).toBe(true);
    const shown = (s: string) => s.replace(/[\u202E\u200B]/g, " ").replace(/\s+/g, " ").trim()
      .replaceAll("://", "[:]//").replaceAll("www.", "www[.]").replaceAll("@", "[@]");
    expect(alertRows.map((r) => r[2])).toEqual(attacks.map(shown));
    expect(alertRows[3]![2]).toBe("bare https[:]//evil.example/raw and www[.]evil.example and mail a[@]evil.example");
    expect(rowsOf(headingAfter(tree, "Team notifications")).every((r) => r.length === 4)).toBe(true);
    const timeline = rowsOf(headingAfter(tree, "Timeline (UTC)"));
    expect(timeline).toHaveLength(attacks.length);
    expect(timeline.every((r) => r.length === 4 && r[1] === "alertmanager")).toBe(true);
    expect(md).not.toMatch(/[\u202E\u200B]/);
  });

  it("cuts long text with an ellipsis", () => {
    const long = "A".repeat(50_000);
    const one = incidentToMarkdown(incident, null, buildTimeline([{ seq: 1, at: now, actor: "alertmanager", kind: "note", payload: { text: long } }]), {
      alerts: [alert({ alertname: long, annotations: { summary: long }, value: long })],
      notifications: [{ ...failed[0]!, lastError: long }], now, machineActors: ["alertmanager"],
    });
    expect(one.length).toBeLessThan(4_000);
    const row = rowsOf(headingAfter(parse(one), "Alerts (UTC)"))[0]!;
    expect(row[2]).toBe(`${"A".repeat(120)}…`);
    expect(row[4]).toBe(`${"A".repeat(300)}…; value ${"A".repeat(60)}…`);
    expect(untrustedText("ab\ncd", 3)).toBe("ab…");
  });
});
