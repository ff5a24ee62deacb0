import type { Surface } from "@/lib/upstream/types";
import { SURFACES } from "@/lib/upstream/types";
import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { header } from "@/lib/smoke/observe";

export const SKEW_WARN_MS = 60_000;
/** Runbook §3: tokens stop validating once services disagree by 5 minutes. */
export const SKEW_FAIL_MS = 5 * 60_000;

const CHEAP_PATH: Record<Surface, string> = {
  mgmt: "/health/live",
  admin: "/api/health/client-check",
  reseller: "/api/health/client-check",
  tenant: "/api/health/client-check",
};

function formatSkew(ms: number): string {
  const abs = Math.abs(ms);
  const text = abs < 120_000 ? `${Math.round(abs / 1000)} s` : `${(abs / 60_000).toFixed(1)} min`;
  return `${text} ${ms >= 0 ? "ahead of" : "behind"} this machine`;
}

function clockSkew(surface: Surface): CheckDef {
  return {
    id: `${surface}.clock-skew`,
    surface,
    title: "Clock skew (Date header)",
    runbookSection: "§3",
    async run(ctx): Promise<Judgement> {
      const before = ctx.now();
      const obs = await ctx.probe(surface, CHEAP_PATH[surface]);
      const after = ctx.now();
      const date = header(obs, "date");
      const serverMs = date ? Date.parse(date) : NaN;
      if (!Number.isFinite(serverMs)) return { verdict: "warn", summary: date ? `unreadable Date header "${date}"` : "no Date header: skew unknown" };
      // Date has whole-second resolution: its mid-second is the best estimate of the server's clock.
      const skew = serverMs + 500 - (before + after) / 2;
      const abs = Math.abs(skew);
      if (abs >= SKEW_FAIL_MS) return { verdict: "fail", summary: `${formatSkew(skew)} (limit 5 min): tokens will be refused` };
      if (abs >= SKEW_WARN_MS) return { verdict: "warn", summary: `${formatSkew(skew)} (limit 5 min)` };
      return { verdict: "pass", summary: `within ${Math.max(1, Math.ceil(abs / 1000))} s` };
    },
  };
}

export const clockSkewChecks: CheckDef[] = SURFACES.map(clockSkew);
