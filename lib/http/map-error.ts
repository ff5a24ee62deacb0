import { ApiError } from "@/lib/http/errors";
import { isUpstreamError } from "@/lib/upstream/errors";
import { StoreInvalidInputError, StoreNotFoundError, StoreStateError, StoreUnavailableError } from "@/lib/store";

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
    switch (err.kind) {
      case "invalid_input":
        return new ApiError("invalid_input", err.message);
      case "timeout":
        return new ApiError("upstream_timeout", err.message, details);
      case "unreachable":
        return new ApiError("upstream_unreachable", err.message, details);
      default:
        return new ApiError("upstream_error", err.message, details);
    }
  }
  return new ApiError("internal", "Something went wrong inside the console; the error was logged on the server.");
}
