"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { TtlCountdown } from "@/app/(console)/idempotency/[key]/ttl";
import type { IdempotencyKeyResponse } from "@/components/bgops/api-types";
import { BgopsError } from "@/components/bgops/bgops-error";
import { formatIso } from "@/components/bgops/format-time";
import { BgopsFreshness } from "@/components/bgops/bgops-freshness";
import { badgeTone } from "@/components/bgops/tone";
import { KnownFailure } from "@/components/status/retry-line";
import { VerdictBadge } from "@/components/status/verdict-badge";
import { JsonView } from "@/components/ui/json-view";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";
import { pollEvery, retryEvery } from "@/lib/query/poll";
import { usePollFailure } from "@/lib/query/use-failure";

const REFRESH_MS = 15_000;
import { initialFailure, type SerializedApiError } from "@/lib/query/initial-error";
import { queryKeys } from "@/lib/query/keys";
import { useFetchAfterServerError } from "@/lib/query/use-initial-error";

export function KeyClient({ idempotencyKey: key, initialError }: { idempotencyKey: string; initialError?: SerializedApiError | null }) {
  const params = useSearchParams();
  const viaParam = params.get("via");
  const via = viaParam === "redis" || viaParam === "api" ? viaParam : null;
  const from = params.get("saga");
  const queryKey = queryKeys.idempotencyKey(key, via, from);
  const mayFetch = useFetchAfterServerError(initialError, REFRESH_MS);
  const q = useQuery({
    queryKey,
    enabled: mayFetch,
    queryFn: () => {
      const qs = new URLSearchParams();
      if (via) qs.set("via", via);
      if (from) qs.set("saga", from);
      return fetchJson<IdempotencyKeyResponse>(`/api/bgops/idempotency/${encodeURIComponent(key)}${qs.size ? `?${qs}` : ""}`);
    },
    refetchInterval: pollEvery(REFRESH_MS),
  });
  const { failure, everyMs } = usePollFailure(q, queryKey, REFRESH_MS, initialFailure(initialError));
  const d = q.data;
  // Until the browser's own answer arrives, the error the server met is the one to show.
  const shown = failure ?? (d ? null : initialFailure(initialError));
  const v = d?.view;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold break-all">
          Idempotency key <span className="font-mono text-base">{key.length > 80 ? `${key.slice(0, 80)}…` : key}</span>
        </h1>
        <Link href="/idempotency" className="ml-auto text-sm underline">
          All keys
        </Link>
      </div>
      {q.isPending && !shown && <Spinner label="Loading the key…" />}
      {shown && !d && (
        <KnownFailure failure={shown} everyMs={failure ? everyMs : retryEvery(REFRESH_MS, shown.error)} fetching={q.isFetching}>
          <BgopsError error={shown.error} what="Idempotency key" otherSourceHref={(s) => `/idempotency/${encodeURIComponent(key)}?via=${s}`} />
        </KnownFailure>
      )}
      {d && v && (
        <>
          <BgopsFreshness data={d} fetching={q.isFetching} failure={failure} everyMs={everyMs} />
          <section className="panel p-4">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="key-fields">
              <dt className="muted">Status</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <VerdictBadge tone={badgeTone(v.status.tone)} label={v.status.label} />
                {v.replay && <span className="muted text-xs">{v.replay}</span>}
              </dd>
              <dt className="muted">Tenant</dt>
              <dd>
                {v.tenant ?? "unknown"}{" "}
                {v.crossTenant && <VerdictBadge tone="warn" label={`cross-tenant: differs from the tenant in use (${d.context.tenantInUse})`} />}
                {d.sagas?.some((s) => s.keyTenantDiffers) && <VerdictBadge tone="warn" label="cross-tenant: a saga using this key belongs to another tenant" />}
                {v.resultRefs.tenantDiffers && <VerdictBadge tone="warn" label={`cross-tenant: its stored result acted on tenant ${v.resultRefs.tenant}`} />}
              </dd>
              {v.resultRefs.sagaId && (
                <>
                  <dt className="muted">Saga</dt>
                  <dd>
                    <Link className="font-mono text-xs text-[var(--accent)] underline" href={`/sagas/${encodeURIComponent(v.resultRefs.sagaId)}`}>
                      {v.resultRefs.sagaId}
                    </Link>{" "}
                    <span className="muted text-xs">named in the stored result</span>
                  </dd>
                </>
              )}
              <dt className="muted">User</dt>
              <dd>{v.userId ?? "—"}</dd>
              <dt className="muted">Operation</dt>
              <dd className="font-mono text-xs">{v.operation.raw ?? "—"}</dd>
              <dt className="muted">Created</dt>
              <dd className="tabular">{formatIso(v.createdAt, false)}</dd>
              <dt className="muted">Expires</dt>
              <dd className="tabular">{formatIso(v.expiresAt, false)}</dd>
              <dt className="muted">TTL</dt>
              <dd>
                <TtlCountdown expiresAt={v.expiresAt} fallback={v.ttl.label} />
              </dd>
              <dt className="muted">Error</dt>
              <dd className={v.error ? "text-[var(--bad)]" : ""}>{v.error ?? "—"}</dd>
              <dt className="muted">Stored in</dt>
              <dd>{d.upstreamSource}</dd>
            </dl>
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-semibold">Result</h2>
            {v.result.kind === "none" && <p className="muted text-sm">No result stored.</p>}
            {v.result.kind === "json" && <pre className="panel max-h-96 overflow-auto p-3 font-mono text-xs" data-testid="key-result">{v.result.pretty}</pre>}
            {v.result.kind === "text" && (
              <div className="panel p-3 text-sm">
                <p className="text-[var(--warn)]">The stored result is not JSON; shown as it came:</p>
                <pre className="mt-1 font-mono text-xs break-all whitespace-pre-wrap">{v.result.raw}</pre>
              </div>
            )}
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-semibold">Sagas referencing this key</h2>
            <p className="muted text-sm" data-testid="key-sagas-note">{d.sagasNote}</p>
            {d.sagas && d.sagas.length > 0 && (
              <ul className="flex flex-col gap-1 text-sm">
                {d.sagas.map((s) => (
                  <li key={s.id} className="flex items-center gap-2">
                    <Link className="font-mono text-xs underline" href={`/sagas/${encodeURIComponent(s.id ?? "")}`}>
                      {s.id}
                    </Link>
                    <VerdictBadge tone={badgeTone(s.tone)} label={s.status} />
                    <span>{s.workflowType}</span>
                    <span>{s.tenant}</span>
                    {s.crossTenant && <VerdictBadge tone="warn" label="other tenant" />}
                    {s.keyTenantDiffers && <VerdictBadge tone="warn" label={`cross-tenant: saga tenant ${s.tenant} ≠ key tenant ${v.tenant}`} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <JsonView value={d.raw} filename={`idempotency-${key}.json`} label="Raw JSON" />
        </>
      )}
    </div>
  );
}
