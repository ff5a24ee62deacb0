import { exposedSeries } from "@/lib/alert-rules/exposed";
import { ableSummary, coverageOf, judgeRuleSet, loadRules, type RuleSource } from "@/lib/alert-rules/report";
import type { SloDefinition } from "@/lib/slo/definitions";
import type { CheckDef, Judgement } from "@/lib/smoke/context";

export interface AlertRulesCheckOptions {
  source: RuleSource;
  defs: readonly SloDefinition[];
  /** Used when Prometheus does not say (rule files): the console's SCRAPE_INTERVAL_S. */
  scrapeIntervalSeconds: number;
  fetch?: typeof fetch;
}

/**
 * Runbook §6 "ensure alerts are configured": not only present but able to fire. Fails when an SLO's rules
 * can none of them fire; only added to a run when a rules source (PROMETHEUS_URL or ALERT_RULE_FILES) is set.
 */
export function alertRulesCheck(opts: AlertRulesCheckOptions): CheckDef {
  return {
    id: "alerts.able-to-fire",
    surface: "mgmt",
    title: "Alert rules able to fire",
    runbookSection: "§6",
    async run(ctx): Promise<Judgement> {
      let loaded;
      try {
        loaded = await loadRules(opts.source, opts.fetch ?? globalThis.fetch, Math.max(500, ctx.remainingMs() - 500));
      } catch (err) {
        return { verdict: "error", summary: `alert rules could not be read: ${(err as Error).message}` };
      }
      const obs = await ctx.probe("mgmt", "/metrics").catch(() => null);
      const exposed = obs?.status === 200 ? exposedSeries(obs.bodyText) : null;
      const interval = loaded.kind === "prometheus" && loaded.scrapeIntervalSeconds ? loaded.scrapeIntervalSeconds : opts.scrapeIntervalSeconds;
      const { rules, bySlo } = judgeRuleSet(loaded.set, opts.defs, { exposed, scrapeIntervalSeconds: interval });
      const s = ableSummary(rules, coverageOf(opts.defs, rules, bySlo));
      const parts = [`alerts able to fire: ${s.able} of ${s.total}`];
      if (s.cannot.length) parts.push(`cannot fire for ${s.cannot.map((c) => `${c.sloId} (${c.rules.join(", ")})`).join(", ")}`);
      if (s.noise.length) parts.push(`fires on noise for ${s.noise.map((c) => `${c.sloId} (${c.rules.join(", ")})`).join(", ")}`);
      if (s.missing.length) parts.push(`no rule for ${s.missing.map((c) => c.sloId).join(", ")}`);
      if (!exposed) parts.push("/metrics unreadable, series not checked");
      const summary = `${parts.join("; ")} — ${loaded.label}`;
      if (s.cannot.length) return { verdict: "fail", summary };
      return { verdict: s.noise.length || s.missing.length || s.able < s.total || !exposed ? "warn" : "pass", summary };
    },
  };
}
