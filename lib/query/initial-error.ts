import type { ErrorCode } from "@/lib/http/errors";
import { ConsoleApiError } from "@/lib/query/fetch-json";
import type { Failure } from "@/lib/query/use-failure";

/** An error the server met while rendering a page's first data, handed to the client as plain JSON. */
export interface SerializedApiError {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** When the server met it (ms since the epoch). */
  at: number;
}

export function reviveApiError(e: SerializedApiError | null | undefined): ConsoleApiError | null {
  return e ? new ConsoleApiError(e.status, e.code, e.message, e.details) : null;
}

/** The server's error as the failure a polling page shows (with its age) until the browser's own answer. */
export function initialFailure(e: SerializedApiError | null | undefined): Failure | null {
  const error = reviveApiError(e);
  return error && e ? { error, since: e.at, at: e.at } : null;
}
