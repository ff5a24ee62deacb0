import type { Observation } from "@/lib/upstream/types";
import type { CheckContext, CheckDef, Judgement } from "@/lib/smoke/context";
import { checksNothing, isRedirect, jsonObject, recognizeSignature, str, unexpected } from "@/lib/smoke/observe";
import { followablePath, redirectLine } from "@/lib/smoke/redirect";

const OK_CHECK = new Set(["ok", "healthy", "pass", "passed", "up", "ready", "connected", "available"]);

/** Body of a 200 /health (either generation): `degraded` is not green, a static answer is said to be one. */
function judgeHealthBody(obs: Observation): Judgement {
  if (obs.status !== 200) return { verdict: "fail", summary: unexpected(obs) };
  const body = jsonObject(obs);
  const status = str(body?.status);
  if (!body) return { verdict: "fail", summary: unexpected(obs) };
  if (!status) return { verdict: "fail", summary: `${unexpected(obs)} (no status field)` };
  const notes: string[] = [];
  const database = str(body.database);
  if (database && database !== "healthy") notes.push(`database ${database}`);
  for (const k of ["cpu_percent", "memory_percent", "disk_percent"] as const) {
    const v = Number(body[k]);
    if (Number.isFinite(v) && v >= 90) notes.push(`${k.replace("_percent", "")} ${v}%`);
  }
  const detail = notes.length ? ` (${notes.join(", ")})` : "";
  if (status === "healthy") {
    if (notes.length) return { verdict: "warn", summary: `200 healthy, but ${notes.join(", ")}` };
    if (str(body.timestamp) === "unknown") return checksNothing("200 healthy", 'static answer, timestamp "unknown"');
    return { verdict: "pass", summary: "200 healthy" };
  }
  if (status === "degraded") return { verdict: "warn", summary: `200 degraded${detail}` };
  if (status === "unhealthy") return { verdict: "fail", summary: `200 unhealthy${detail}` };
  return { verdict: "warn", summary: `200 unknown status (${status})` };
}

async function mgmtHealth(ctx: CheckContext): Promise<Judgement> {
  const first = await ctx.probe("mgmt", "/health");
  const sig = recognizeSignature(first);
  if (sig) return sig;
  if (!isRedirect(first)) return judgeHealthBody(first);
  // The legacy generation redirects /health → /health/; we follow once, explicitly, and say so.
  const next = followablePath(ctx.client, "mgmt", first);
  if (!next) return { verdict: "fail", summary: `${redirectLine(first)} — leaves the Management API, not followed` };
  const second = await ctx.probe("mgmt", next);
  if (isRedirect(second)) return { verdict: "fail", summary: `${redirectLine(first, next)} — then ${redirectLine(second)} (redirect loop?)` };
  const j = judgeHealthBody(second);
  return { ...j, summary: `${redirectLine(first, next)} — followed: ${j.summary}` };
}

async function mgmtLive(ctx: CheckContext): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", "/health/live");
  const body = jsonObject(obs);
  if (obs.status === 200 && str(body?.status) === "alive") return { verdict: "pass", summary: "200 alive" };
  if (obs.status === 200) return { verdict: "fail", summary: body ? `${unexpected(obs)} (expected status "alive")` : unexpected(obs) };
  return recognizeSignature(obs) ?? { verdict: "fail", summary: unexpected(obs) };
}

function checkList(raw: unknown): { name: string; status: string }[] | undefined {
  if (Array.isArray(raw)) {
    return raw.map((c: unknown, i) => {
      const o = (c ?? {}) as Record<string, unknown>;
      return { name: str(o.name) ?? `check ${i + 1}`, status: str(o.status) ?? "unknown" };
    });
  }
  if (raw && typeof raw === "object") return Object.entries(raw).map(([name, v]) => ({ name, status: str(v) ?? str((v as Record<string, unknown> | null)?.status) ?? "unknown" }));
  return undefined;
}

async function mgmtReady(ctx: CheckContext): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", "/health/ready");
  const body = jsonObject(obs);
  const status = str(body?.status);
  if (obs.status === 200 && status === "ready") {
    const checks = checkList(body?.checks);
    if (!checks || checks.length === 0) return checksNothing("200 ready", "no dependency checks reported");
    if (checks.every((c) => c.status === "unknown")) return checksNothing("200 ready", `no dependency checks reported: ${checks.map((c) => `${c.name} unknown`).join(", ")}`);
    const bad = checks.filter((c) => !OK_CHECK.has(c.status.toLowerCase()));
    if (bad.length) return { verdict: "warn", summary: `200 ready, but ${bad.map((c) => `${c.name} ${c.status}`).join(", ")}` };
    return { verdict: "pass", summary: `200 ready (${checks.map((c) => `${c.name} ${c.status}`).join(", ")})` };
  }
  if (obs.status === 200 && !body) return { verdict: "fail", summary: unexpected(obs) };
  if (obs.status === 200 && status) return { verdict: "fail", summary: `200 but body says ${status}: the status code says OK, the service does not` };
  if (obs.status === 503 || obs.status === 500) {
    const detail = body?.detail as Record<string, unknown> | string | undefined;
    const reason = typeof detail === "string" ? detail : str(detail?.reason) ?? str(detail?.status);
    const note = obs.status === 500 ? " (the legacy handler's 503 can surface as 500)" : "";
    return { verdict: "fail", summary: `${obs.status} not ready${reason ? `: ${reason}` : ""}${note}` };
  }
  return recognizeSignature(obs) ?? { verdict: "fail", summary: unexpected(obs) };
}

async function mgmtStartup(ctx: CheckContext): Promise<Judgement> {
  const obs = await ctx.probe("mgmt", "/health/startup");
  const body = jsonObject(obs);
  const status = str(body?.status);
  if (obs.status === 200 && (status === "started" || status === "completed")) return { verdict: "pass", summary: `200 ${status}` };
  if (obs.status === 200 && !body) return { verdict: "fail", summary: unexpected(obs) };
  if (obs.status === 200) return { verdict: "fail", summary: `200 but body says ${status ?? "nothing"} (expected "started")` };
  if (obs.status !== 404) return recognizeSignature(obs) ?? { verdict: "fail", summary: unexpected(obs) };
  // The legacy generation has no /health/startup; it reports start-up at /startup/status instead.
  const legacy = await ctx.probe("mgmt", "/startup/status");
  const legacyStatus = str(jsonObject(legacy)?.status);
  const prefix = "404 (legacy generation) — /startup/status";
  if (legacy.status === 200 && legacyStatus === "completed") return { verdict: "pass", summary: `${prefix}: completed` };
  if (legacy.status === 200) return { verdict: "fail", summary: `${prefix}: ${legacyStatus ?? "no status"}` };
  return { verdict: "fail", summary: `no startup probe: /health/startup 404, /startup/status ${unexpected(legacy)}` };
}

export const mgmtHealthChecks: CheckDef[] = [
  { id: "mgmt.health", surface: "mgmt", title: "Management API /health", runbookSection: "§2", health: "health", run: mgmtHealth },
  { id: "mgmt.health.live", surface: "mgmt", title: "Management API liveness", runbookSection: "§2", health: "live", run: mgmtLive },
  { id: "mgmt.health.ready", surface: "mgmt", title: "Management API readiness", runbookSection: "§2", health: "ready", run: mgmtReady },
  { id: "mgmt.health.startup", surface: "mgmt", title: "Management API startup", runbookSection: "§2", health: "startup", run: mgmtStartup },
];
