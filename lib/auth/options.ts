import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { isRole, type Role } from "@/lib/auth/roles";
import { endSession, isSessionActive, SessionEndedError, startSession } from "@/lib/auth/sessions";
import { beforeSignIn, signInFailed, signInSucceeded, SignInLockedError } from "@/lib/auth/sign-in-throttle";
import { verifyCredentials } from "@/lib/auth/users";
import { clientAddress } from "@/lib/http/client-address";
import { recordAudit } from "@/lib/server/audit";

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

const STORE_DOWN = "Sign-in cannot be recorded: the console's store is unavailable. Try again shortly.";

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
      async authorize(credentials) {
        const username = String(credentials?.username ?? "").slice(0, 64);
        const password = String(credentials?.password ?? "").slice(0, 256);
        const address = clientAddress();
        try {
          await beforeSignIn(username, address);
        } catch (err) {
          if (err instanceof SignInLockedError) throw err;
          console.error(`[auth] sign-in throttle unavailable: ${(err as Error).message}`);
          throw new Error(STORE_DOWN);
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
          await signInFailed(username, address).catch((err) => console.error(`[auth] could not count a failed sign-in: ${(err as Error).message}`));
          return null;
        }
        await signInSucceeded(username, address).catch(() => {});
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
      // Every path through next-auth that reads or re-issues the session JWT (sign-in, GET /api/auth/session, an
      // update) comes here: a new sign-in gets a session record, anything else must name an active one. Throwing
      // makes next-auth answer an empty session and clear the cookie instead of issuing a fresh one.
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; name?: string | null; role: Role };
          const role = isRole(u.role) ? u.role : "viewer";
          let sid: string;
          try {
            sid = await startSession({ id: u.id, name: u.name ?? u.id, role }, maxAge * 1000);
          } catch (err) {
            console.error(`[auth] could not create a session record: ${(err as Error).message}`);
            throw new Error(STORE_DOWN);
          }
          await recordAudit({ actor: u.id, role, action: "auth.sign_in", outcome: "ok", ip: clientAddress() });
          return { ...token, role, sid };
        }
        if (!(await isSessionActive(token.sid, token.sub))) throw new SessionEndedError();
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
        const actor = String(token?.sub ?? "unknown");
        if (typeof token?.sid === "string") {
          await endSession(token.sid, actor).catch((err) => console.error(`[auth] sign-out could not end session record: ${(err as Error).message}`));
        }
        await recordAudit({ actor, role: isRole(token?.role) ? token.role : "viewer", action: "auth.sign_out", outcome: "ok", ip: clientAddress() });
      },
    },
    logger: {
      // An ended session presented to next-auth is routine (a copied or stale cookie), not a server error.
      error(code, metadata) {
        if (metadata instanceof Error && metadata.name === "SessionEndedError") return;
        console.error(`[next-auth][error][${code}]`, metadata instanceof Error ? metadata.message : metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
  return cached;
}
