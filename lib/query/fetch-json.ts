import { isErrorEnvelope, type ErrorCode } from "@/lib/http/errors";

/** An error answer of the console's own API, as the browser sees it. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** fetch + JSON + the console's error envelope; a 401 sends the user to the sign-in page. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ConsoleApiError(0, "network", "The console server did not answer. Check your connection; retrying.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  if (res.status === 401 && typeof window !== "undefined") {
    // A full navigation on purpose: the session is gone, so nothing of the client state should survive.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (isErrorEnvelope(body)) throw new ConsoleApiError(res.status, body.error.code, body.error.message, body.error.details);
  throw new ConsoleApiError(res.status, "internal", `The console answered ${res.status} without an explanation.`);
}

export function postJson<T>(url: string, body: unknown): Promise<T> {
  return fetchJson<T>(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
