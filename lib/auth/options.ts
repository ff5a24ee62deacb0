import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { isRole, type Role } from "@/lib/auth/roles";
import { createLoginThrottle, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import { verifyCredentials } from "@/lib/auth/users";
import { recordAudit } from "@/lib/server/audit";

const throttle = createLoginThrottle({ maxFailures: 5, windowMs: 5 * 60_000 });
// X-Forwarded-For is whatever the client sent when no proxy sets it, so the per-address limit alone can be
// dodged by varying the header; this looser per-username limit bounds guessing whatever the address.
const usernameThrottle = createLoginThrottle({ maxFailures: 20, windowMs: 5 * 60_000 });
const ANY_ADDRESS = "*";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded) return forwarded.split(",")[0]!.trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real : "local";
}

function oidcRole(profile: Record<string, unknown>, claim: string, map: Record<string, string>): Role {
  const groups = profile[claim];
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === "string" ? [groups] : [];
  const roles = list.map((g) => map[g]).filter(isRole);
  if (roles.includes("admin")) return "admin";
  if (roles.includes("responder")) return "responder";
  return "viewer";
}

let cached: NextAuthOptions | undefined;

/** The session cookie's name: `__Secure-` prefixed (and Secure) when the console is served over https. */
export function sessionCookieName(): string {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://") ? "__Secure-console.session" : "console.session";
}

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv().console;
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const maxAge = env.sessionHours * 3600;
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").slice(0, 64);
        const password = String(credentials?.password ?? "").slice(0, 256);
        const ip = clientAddress(req?.headers as Record<string, unknown> | undefined);
        const wait = Math.max(throttle.retryAfterS(username, ip), usernameThrottle.retryAfterS(username, ANY_ADDRESS));
        if (wait > 0) {
          await recordAudit({ actor: username || "(blank)", role: "viewer", action: "auth.sign_in", outcome: "denied", details: { reason: "rate_limited" }, ip });
          throw new Error(tooManyAttemptsMessage(wait));
        }
        let user: Awaited<ReturnType<typeof verifyCredentials>>;
        try {
          user = await verifyCredentials(username, password, { demo: env.demo, usersFile: env.usersFile });
        } catch (err) {
          // A broken users file is the operator's problem: log it, but do not show its path on the sign-in page.
          console.error(`[auth] ${(err as Error).message}`);
          throw new Error("Sign-in is misconfigured on the server; the error is in the console's log.");
        }
        if (!user) {
          throttle.fail(username, ip);
          usernameThrottle.fail(username, ANY_ADDRESS);
          await recordAudit({ actor: username || "(blank)", role: "viewer", action: "auth.sign_in", outcome: "denied", details: { reason: "bad_credentials" }, ip });
          return null;
        }
        throttle.succeed(username, ip);
        usernameThrottle.succeed(username, ANY_ADDRESS);
        await recordAudit({ actor: user.id, role: user.role, action: "auth.sign_in", outcome: "ok", ip });
        return { id: user.id, name: user.name, role: user.role } as never;
      },
    }),
  ];
  if (env.oidc) {
    const oidc = env.oidc;
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid profile email" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: Record<string, unknown>) {
        return {
          id: String(profile.sub),
          name: String(profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub),
          role: oidcRole(profile, oidc.groupsClaim, oidc.roleMap),
        } as never;
      },
    });
  }
  cached = {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login" },
    providers,
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) token.role = (user as unknown as { role: Role }).role;
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          (session.user as Record<string, unknown>).id = token.sub;
          (session.user as Record<string, unknown>).role = isRole(token.role) ? token.role : "viewer";
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        await recordAudit({ actor: String(token?.sub ?? "unknown"), role: isRole(token?.role) ? token.role : "viewer", action: "auth.sign_out", outcome: "ok" });
      },
    },
  };
  return cached;
}
