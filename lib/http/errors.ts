/** The closed set of error codes the console's API answers with, and their one HTTP status each. */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  cross_site: 403,
  invalid_input: 400,
  payload_too_large: 413,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_unreachable: 502,
  upstream_error: 502,
  upstream_timeout: 504,
  store_unavailable: 503,
  not_configured: 501,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * `details.everySourceAnswered: false` on an answer (a not-found) means a source could not be asked: the answer
 * is not final, and asking again may change it. Read by the browser's polling, written by the server.
 */
export function isIncompleteAnswer(details: unknown): boolean {
  return typeof details === "object" && details !== null && (details as { everySourceAnswered?: unknown }).everySourceAnswered === false;
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const err = (body as ErrorEnvelope | null)?.error;
  return typeof err === "object" && err !== null && typeof err.code === "string" && typeof err.message === "string";
}
