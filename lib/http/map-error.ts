import { ApiError, type ErrorCode } from "@/lib/http/errors";
import { isUpstreamError } from "@/lib/upstream/errors";
import { StoreInvalidInputError, StoreNotFoundError, StoreStateError, StoreUnavailableError } from "@/lib/store";

/**
 * The one map from what went wrong upstream (an UpstreamError kind, a bgops signature code, a Prometheus
 * source failure) to the console's error code: a timeout is 504 everywhere, no answer 502 unreachable.
 */
export function upstreamErrorCode(kind: string | undefined): ErrorCode {
  if (kind === "timeout") return "upstream_timeout";
  if (kind === "unreachable") return "upstream_unreachable";
  if (kind === "invalid_input") return "invalid_input";
  return "upstream_error";
}

/** Maps anything thrown below a route into the closed error envelope; never leaks stacks or secrets. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreUnavailableError) {
    return new ApiError("store_unavailable", `The console's store is unavailable, so nothing was saved: ${err.message}`);
  }
  if (err instanceof StoreInvalidInputError) return new ApiError("validation_failed", err.message, err.issues);
  if (err instanceof StoreNotFoundError) return new ApiError("not_found", err.message);
  if (err instanceof StoreStateError) return new ApiError("conflict", `${err.message}; nothing was changed.`);
  if (isUpstreamError(err)) {
    const details = { kind: err.kind, surface: err.surface, status: err.status, contentType: err.contentType, excerpt: err.excerpt, location: err.location };
    const code = upstreamErrorCode(err.kind);
    return new ApiError(code, err.message, code === "invalid_input" ? undefined : details);
  }
  return new ApiError("internal", "Something went wrong inside the console; the error was logged on the server.");
}
