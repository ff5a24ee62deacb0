import Link from "next/link";
import { formatIso } from "@/components/bgops/format-time";
import { badgeTone } from "@/components/bgops/tone";
import { VerdictBadge } from "@/components/status/verdict-badge";
import type { SagaView } from "@/lib/domain/saga-view";
import { formatDuration } from "@/lib/domain/time";

/** Status with the platform's real semantics, tenant (flagged when foreign), workflow, times, timeout, key. */
export function SagaHeader({ view, tenantInUse, local }: { view: SagaView; tenantInUse: string; local: boolean }) {
  const keyHref = view.idempotencyKey ? `/idempotency/${encodeURIComponent(view.idempotencyKey)}${view.id ? `?saga=${encodeURIComponent(view.id)}` : ""}` : "";
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm md:grid-cols-[max-content_1fr_max-content_1fr]" data-testid="saga-header">
      <dt className="muted">Status</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <VerdictBadge tone={badgeTone(view.status.tone)} label={view.status.label} />
        <span className="muted text-xs">stored as “{view.status.raw ?? "missing"}”</span>
        {view.stuck && <span className="text-xs text-[var(--warn)]">no progress for {formatDuration(view.stuck.forMs)}</span>}
      </dd>
      <dt className="muted">Tenant</dt>
      <dd>
        {view.tenant ?? "unknown"}
        {view.crossTenant && (
          <span className="ml-2" role="note">
            <VerdictBadge tone="warn" label={`cross-tenant: differs from the tenant in use (${tenantInUse})`} />
          </span>
        )}
      </dd>
      <dt className="muted">Workflow</dt>
      <dd>{view.workflowType ?? "unknown"}</dd>
      <dt className="muted">Current step</dt>
      <dd>{view.currentStep ? `${view.currentStep.number} of ${view.currentStep.total} — ${view.currentStep.name}` : "—"}</dd>
      <dt className="muted">Created</dt>
      <dd className="tabular">{formatIso(view.createdAt, local)}</dd>
      <dt className="muted">Updated</dt>
      <dd className="tabular" title="The platform updates this only when the current step advances, not on compensation or failure">
        {formatIso(view.updatedAt, local)} <span className="muted text-xs">(step advance)</span>
      </dd>
      <dt className="muted">Timeout</dt>
      <dd>{view.timeout?.label ?? "not recorded"}</dd>
      <dt className="muted">Idempotency key</dt>
      <dd className="break-all">
        {view.idempotencyKey ? (
          <Link className="font-mono text-xs underline" href={keyHref}>
            {view.idempotencyKey}
          </Link>
        ) : (
          "none"
        )}
      </dd>
      {view.reduced && (
        <dd className="muted col-span-full text-xs">This is the platform&apos;s reduced in-memory record: no times, timeout or key are kept.</dd>
      )}
    </dl>
  );
}
