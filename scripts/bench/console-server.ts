import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../lib/testing/daemon";
import { timedGet } from "./http";

export { freePort };

export async function ensureBuild(root: string): Promise<void> {
  if (existsSync(join(root, ".next", "BUILD_ID"))) return;
  console.log("No production build: running next build first…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
  });
}

export interface ConsoleServer {
  url: string;
  cookie: string;
  /** The `next start` process, for memory figures. */
  pid: number;
  stop(): Promise<void>;
}

/** `next start` of the production build against the given platform URLs, signed in as the demo responder. */
export async function startConsole(root: string, platform: Record<string, string>, extraEnv: Record<string, string>, dataDir: string): Promise<ConsoleServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...platform, ...extraEnv, CONSOLE_DEMO: "1", NEXTAUTH_URL: url, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-000", DATA_DIR: dataDir, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await timedGet(`${url}/api/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the console did not start within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookie = await signIn(url, "responder", "demo");
  return {
    url,
    cookie,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("console.session="));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session.split(";")[0]!;
}
