import type { BgopsSignature } from "@/lib/domain/bgops-signature";
import type { BgopsVia } from "@/lib/bgops/types";

/** "via the bgops API" or "via Redis — bgops API answered 500 text/plain": the source of every bgops panel. */
export function sourceText(via: BgopsVia, fallbackReason: string | null): string {
  if (via === "redis") return fallbackReason ? `Redis — ${fallbackReason}` : "Redis (read-only)";
  return "the bgops API";
}

export function FallbackNote({ via, fallbackReason, signature }: { via: BgopsVia; fallbackReason: string | null; signature: BgopsSignature | null }) {
  if (via !== "redis" || !fallbackReason) return null;
  return (
    <p role="status" className="panel border-[var(--warn)]/50 p-2 text-sm">
      <b className="text-[var(--warn)]">via Redis — {fallbackReason}</b>
      {signature && (
        <span className="muted">
          {" "}
          · {signature.meaning} Runbook {signature.runbookSection}.
        </span>
      )}
    </p>
  );
}

/** A bgops failure signature (CONTRACT §2.5): what was seen, what it means, where the runbook covers it. */
export function SignaturePanel({ title, signature, message, hasRedis, fallbackError }: { title: string; signature: BgopsSignature | null; message: string; hasRedis: boolean; fallbackError?: string | null }) {
  return (
    <div role="alert" className="panel border-[var(--bad)]/50 p-4" data-testid="bgops-signature">
      <p className="font-medium text-[var(--bad)]">{title}</p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="muted">Seen</dt>
        <dd className="font-mono text-xs break-all">{signature?.seen ?? message}</dd>
        {signature && (
          <>
            <dt className="muted">Meaning</dt>
            <dd>{signature.meaning}</dd>
            <dt className="muted">Runbook</dt>
            <dd>
              <a className="underline" href="/runbook">
                section {signature.runbookSection}
              </a>
            </dd>
          </>
        )}
        {fallbackError && (
          <>
            <dt className="muted">Redis fallback</dt>
            <dd>failed too: {fallbackError}</dd>
          </>
        )}
      </dl>
      {!hasRedis && signature?.fallbackWorthy && (
        <p className="muted mt-2 text-sm">
          With <code>REDIS_URL</code> set, the console would read the same records straight from Redis (read-only) instead.
        </p>
      )}
    </div>
  );
}
