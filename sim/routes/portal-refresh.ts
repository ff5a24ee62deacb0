import type { SimContext } from "../context";
import { json, type SimRequest, type SimResponse } from "../http";
import { fakeJwt } from "./tokens";

const REJECTED = /invalid|expired|revoked/;
const WEEK_MS = 7 * 86_400_000;

/** Admin POST /api/auth/refresh: cookie mgmt_refresh_token (CONTRACT §6). */
export function adminRefresh(r: SimRequest, ctx: SimContext): SimResponse {
  const token = r.cookies().mgmt_refresh_token;
  if (!token) return json(401, { error: "No refresh token found" });
  if (token.includes("error")) return json(500, { error: "Internal server error" });
  if (REJECTED.test(token)) {
    return json(401, { error: "Invalid refresh token" }, { "set-cookie": ["mgmt_refresh_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"] });
  }
  const now = ctx.now();
  const accessToken = fakeJwt({ sub: "usr_42", type: "access", tenant_id: "management" }, now, 900);
  const expiresAt = now + 900_000;
  const cookie = (name: string, value: string, maxAge: number, httpOnly = true) =>
    `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Strict${httpOnly ? "; HttpOnly" : ""}`;
  return json(
    200,
    { accessToken, expiresAt },
    {
      "set-cookie": [
        cookie("mgmt_access_token", accessToken, 900),
        cookie("mgmt_refresh_token", fakeJwt({ sub: "usr_42", type: "refresh" }, now, WEEK_MS / 1000), WEEK_MS / 1000),
        cookie("mgmt_token_meta", encodeURIComponent(JSON.stringify({ expiresAt })), 900, false),
      ],
    },
  );
}

function sessionStartMs(meta: string | undefined): number | null {
  if (!meta) return null;
  try {
    const parsed = JSON.parse(meta) as Record<string, unknown>;
    const raw = parsed.created_at ?? parsed.createdAt ?? parsed.issued_at ?? parsed.issuedAt;
    if (typeof raw === "number") return raw < 1e12 ? raw * 1000 : raw;
    if (typeof raw === "string") return Date.parse(raw);
  } catch {
    return null;
  }
  return null;
}

/** Reseller POST /api/auth/refresh: CSRF header, cookie refresh_token, 7-day session (CONTRACT §6). */
export function resellerRefresh(r: SimRequest, ctx: SimContext): SimResponse {
  if (r.method !== "POST") return json(405, { error: "Method not allowed" }, { allow: "POST" });
  if (r.header("x-requested-with") !== "XMLHttpRequest") return json(403, { error: "Invalid request" });
  const cookies = r.cookies();
  const token = cookies.refresh_token;
  if (!token) return json(401, { error: "No refresh token found", requires_login: true });
  const started = sessionStartMs(cookies.session_meta);
  const now = ctx.now();
  if (started !== null && now - started > WEEK_MS) return json(401, { error: "Session expired", requires_login: true });
  if (REJECTED.test(token)) return json(401, { error: "Token refresh failed", requires_login: true, status: 401 });
  return json(200, {
    access_token: fakeJwt({ sub: "usr_42", type: "access", tenant_id: "management" }, now, 900),
    expires_in: 900,
    refreshed_at: new Date(now).toISOString(),
  });
}
