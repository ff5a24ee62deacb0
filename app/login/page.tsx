import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/access";
import { DEMO_USERS } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { LoginForm } from "@/app/login/client";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Only same-site paths: "//host" and "/\host" are read by browsers as another origin.
  return value && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f]/.test(value) ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const env = getEnv().console;
  const demoUsers = env.demo ? DEMO_USERS.map(({ username, password, role }) => ({ username, password, role })) : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">DotMac On-Call Console</h1>
        <p className="muted mt-1 text-sm">Sign in to triage the platform.</p>
      </div>
      <LoginForm callbackUrl={callbackUrl} demoUsers={demoUsers} simulated={env.simulated} oidc={Boolean(env.oidc)} />
    </main>
  );
}
