"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";

interface Props {
  callbackUrl: string;
  demoUsers: { username: string; password: string; role: string }[];
  /** The built-in simulator is the platform; only then may the page call it simulated (CONSOLE_DEMO alone is not). */
  simulated: boolean;
  oidc: boolean;
}

export function LoginForm({ callbackUrl, demoUsers, simulated, oidc }: Props) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", { redirect: false, username, password, callbackUrl });
      if (!result || result.error) {
        setError(
          !result
            ? "The console did not answer; try again."
            : result.error === "CredentialsSignin"
              ? "Wrong username or password."
              : result.error,
        );
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setError("The console did not answer; check that it is running and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="panel flex flex-col gap-3 p-5" aria-label="Sign in">
        <label className="flex flex-col gap-1 text-sm">
          Username
          <input
            className="rounded border border-[var(--border)] bg-[var(--panel-2)] px-3 py-2"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Password
          <input
            className="rounded border border-[var(--border)] bg-[var(--panel-2)] px-3 py-2"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="text-sm text-[var(--bad)]">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-[var(--accent)] px-3 py-2 font-medium text-white disabled:opacity-60"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc && (
        <button type="button" className="panel px-3 py-2" onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with single sign-on
        </button>
      )}
      {demoUsers.length > 0 && (
        <section className="panel p-4 text-sm" aria-label="Demo users">
          <p className="font-medium">{simulated ? "Demo — simulated platform" : "Demo users enabled (CONSOLE_DEMO) — the platform is real"}</p>
          <p className="muted mt-1">Sign in as one of the demo users (password “demo”):</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {demoUsers.map((u) => (
              <li key={u.username}>
                <button
                  type="button"
                  className="rounded border border-[var(--border)] px-2 py-1 hover:bg-[var(--panel-2)]"
                  onClick={() => {
                    setUsername(u.username);
                    setPassword(u.password);
                  }}
                >
                  {u.username} <span className="muted">({u.role})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
