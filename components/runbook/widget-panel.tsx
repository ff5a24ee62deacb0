"use client";

import { AlertRulesWidget } from "@/components/alert-rules/runbook-widget";
import { AuthCheckWidget } from "@/components/runbook/auth-check-widget";
import { BgopsWidget } from "@/components/runbook/bgops-widget";
import { CheckWidget } from "@/components/runbook/check-widget";
import { CopyCommand } from "@/components/runbook/copy-command";
import { HealthWidget } from "@/components/runbook/health-widget";
import { ContactsWidget, EnvTemplateWidget, RedisKeysWidget, SloSummaryWidget, SurfaceLinkWidget } from "@/components/runbook/simple-widgets";
import { SmokeWidget } from "@/components/runbook/smoke-widget";
import type { ItemEvidenceSink, RunbookView } from "@/components/runbook/view-types";
import { RUNBOOK_CHECKS } from "@/lib/runbook/checks";
import type { Widget } from "@/lib/runbook/widgets";

export type WidgetEnv = Pick<RunbookView, "env" | "contacts" | "contactsSource" | "redisConfigured" | "baseUrls">;

/**
 * Every live widget of one runbook item, in the order the runbook mentions them. `canRun` is the responder's
 * right to run checks; read-only widgets run for every role.
 */
export function WidgetPanel({ itemId, widgets, env, canRun, onEvidence }: { itemId: string; widgets: Widget[]; env: WidgetEnv; canRun: boolean; onEvidence?: ItemEvidenceSink }) {
  const sink = onEvidence ? (d: Parameters<ItemEvidenceSink>[0]) => onEvidence(d, itemId) : undefined;
  const live = widgets.filter((w) => w.kind !== "none");
  if (live.length === 0) return null;
  return (
    <div className="mt-1 flex flex-col gap-2 border-l-2 border-[var(--accent)]/40 pl-3">
      {live.map((w, i) => {
        const key = `${w.kind}-${i}`;
        switch (w.kind) {
          case "smoke":
            return <SmokeWidget key={key} canRun={canRun} onEvidence={sink} />;
          case "health":
            return <HealthWidget key={key} paths={w.paths} onEvidence={sink} />;
          case "bgops-request":
            // Read-only GETs: every signed-in role may run them (viewers read the same data on /idempotency).
            return <BgopsWidget key={key} itemId={itemId} widget={w} canRun onEvidence={sink} />;
          case "check":
            return <CheckWidget key={key} check={w.check} canRun={canRun || RUNBOOK_CHECKS[w.check].access === "viewer"} onEvidence={sink} />;
          case "slo-summary":
            return <SloSummaryWidget key={key} />;
          case "alert-rules":
            return <AlertRulesWidget key={key} />;
          case "redis-keys":
            return <RedisKeysWidget key={key} patterns={w.patterns} redisConfigured={env.redisConfigured} />;
          case "copy-command":
            return <CopyCommand key={key} command={w.command} />;
          case "env-template":
            return <EnvTemplateWidget key={key} variables={w.variables} env={env.env} />;
          case "contacts":
            return <ContactsWidget key={key} role={w.role} contacts={env.contacts} source={env.contactsSource} />;
          case "auth-check":
            return <AuthCheckWidget key={key} canRun={canRun} onEvidence={sink} />;
          case "surface-link":
            return <SurfaceLinkWidget key={key} variable={w.variable} url={env.baseUrls[w.surface]} />;
          default:
            return null;
        }
      })}
    </div>
  );
}
