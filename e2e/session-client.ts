/**
 * A bare HTTP client for the console's sign-in and session endpoints: cookies are passed by hand, so a test can
 * copy a session cookie the way an attacker would and see exactly what the server sets.
 */
export const SESSION_COOKIE = "console.session";

export interface SignInResult {
  /** The session cookie's value, or null when sign-in did not give one. */
  cookie: string | null;
  /** next-auth's error text (e.g. "CredentialsSignin", "Too many failed attempts; …"), or null. */
  error: string | null;
}

function cookiesFrom(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
  }
  return jar;
}

/** A session cookie the answer sets with a non-empty value (a fresh or re-issued session). */
export function issuedSessionCookie(res: Response): string | null {
  const value = cookiesFrom(res).get(SESSION_COOKIE);
  return value ? value : null;
}

export async function signInOverHttp(baseURL: string, username: string, password: string, headers: Record<string, string> = {}): Promise<SignInResult> {
  const csrfRes = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesFrom(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const cookie = issuedSessionCookie(res);
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = cookie ? null : (new URL(location, baseURL).searchParams.get("error") ?? `no session (HTTP ${res.status})`);
  return { cookie, error };
}

export const withSession = (cookie: string, extra: Record<string, string> = {}) => ({ Cookie: `${SESSION_COOKIE}=${cookie}`, ...extra });

/** A JSON write from the console's own origin, as its pages make them. */
export function postAs(baseURL: string, cookie: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseURL}${path}`, {
    method: "POST",
    headers: withSession(cookie, { "Content-Type": "application/json", Origin: baseURL }),
    body: JSON.stringify(body),
  });
}

/** next-auth's own sign-out (the "Sign out" button), CSRF token included. */
export async function signOutOverHttp(baseURL: string, cookie: string): Promise<Response> {
  const csrfRes = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...cookiesFrom(csrfRes)].map(([k, v]) => `${k}=${v}`).join("; ");
  return fetch(`${baseURL}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${csrfCookie}; ${SESSION_COOKIE}=${cookie}`, Origin: baseURL },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}
