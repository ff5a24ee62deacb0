import { SignaturePanel } from "@/components/bgops/source-note";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { BgopsSignature } from "@/lib/domain/bgops-signature";
import { ConsoleApiError } from "@/lib/query/fetch-json";

interface Details {
  /** The source that failed ("api" also when its Redis fallback failed too: see fallbackError). */
  via?: "api" | "redis";
  otherSource?: "api" | "redis" | null;
  signature?: BgopsSignature | null;
  fallbackError?: string | null;
  hasRedis?: boolean;
  /** Every source's word on a not-found (lib/server/bgops.ts notFoundReport). */
  sources?: { source: "api" | "redis"; answer: "not_found" | "found" | "unreachable"; detail: string | null }[];
}

const OTHER_LABEL = { api: "the bgops API", redis: "Redis" } as const;

/** Redis is read by the console itself, not through the platform's API: say which one failed. */
function failedWhere(d: Details): string {
  if (d.via === "redis") return "from Redis";
  return d.fallbackError ? "from the platform or from Redis" : "from the platform";
}

/** Any failure of a bgops look-up as the page should say it: refused input, not found (and where else to look), or a §2.5 signature. */
export function BgopsError({ error, what, otherSourceHref }: { error: unknown; what: string; otherSourceHref?: (via: "api" | "redis") => string }) {
  if (!(error instanceof ConsoleApiError)) {
    return <ErrorPanel title={`${what} could not be loaded`} message={error instanceof Error ? error.message : String(error)} />;
  }
  const details = (error.details ?? {}) as Details;
  if (error.code === "invalid_input") {
    return <ErrorPanel title={`Refused: this is not a valid ${what.toLowerCase()}`} message={error.message} hint="Nothing was sent to the platform. Check the value you pasted." />;
  }
  if (error.code === "not_found" && (details as { reason?: unknown }).reason === "expired") {
    return (
      <div role="alert" className="panel p-4" data-testid="bgops-expired">
        <p className="font-medium">{error.message}</p>
        <p className="muted mt-2 text-sm">An expired key is gone from the API and from Redis alike: there is nothing left to read.</p>
      </div>
    );
  }
  if (error.code === "not_found") {
    const other = details.otherSource ?? null;
    const unasked = (details.sources ?? []).filter((s) => s.answer === "unreachable").map((s) => OTHER_LABEL[s.source]);
    return (
      <div role="alert" className="panel p-4" data-testid="bgops-not-found">
        <p className="font-medium">{error.message}</p>
        {unasked.length > 0 && (
          <p className="mt-2 text-sm text-[var(--warn)]" data-testid="not-found-not-final">
            Not final: {unasked.join(" and ")} could not be asked, so the record may still exist. The console keeps asking.
          </p>
        )}
        {other && otherSourceHref ? (
          <p className="mt-2 text-sm">
            <a className="underline" href={otherSourceHref(other)}>
              Look in {OTHER_LABEL[other]} instead
            </a>
          </p>
        ) : unasked.length > 0 ? null : (
          <p className="muted mt-2 text-sm">No other source is configured (set REDIS_URL to also read bgops keys directly from Redis).</p>
        )}
      </div>
    );
  }
  if (error.code === "not_configured") {
    return <ErrorPanel title="Not available with this configuration" message={error.message} />;
  }
  if (details.signature !== undefined || error.code.startsWith("upstream")) {
    return (
      <SignaturePanel
        title={`${what} could not be read ${failedWhere(details)}`}
        signature={details.signature ?? null}
        message={error.message}
        hasRedis={details.hasRedis ?? false}
        fallbackError={details.fallbackError}
      />
    );
  }
  return <ErrorPanel title={`${what} could not be loaded`} message={error.message} />;
}
