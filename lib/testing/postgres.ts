import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./daemon";

const run = promisify(execFile);

export interface TestPostgres {
  /** A fresh, empty database of its own. */
  url: string;
  /** Another fresh database on the same server (for tests that want isolation per case). */
  createDatabase(): Promise<string>;
  /** Drops what was created; for a throwaway cluster, stops it and deletes its directory. */
  stop(): Promise<void>;
}

const INSTALL_HINT = "PostgreSQL server binaries not found: install them with `apt-get install -y postgresql` " +
  "(or set TEST_DATABASE_URL to a server where this user may CREATE DATABASE)";

function findBinDir(): string {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = pgConfig.status === 0 ? pgConfig.stdout.trim() : "";
  if (dir && existsSync(path.join(dir, "initdb"))) return dir;
  throw new Error(INSTALL_HINT);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates uniquely named databases on a server and drops them all on cleanup. */
function databaseFactory(adminUrl: string) {
  const created: string[] = [];
  return {
    async create(): Promise<string> {
      const name = `console_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
      await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
      created.push(name);
      return withDatabase(adminUrl, name);
    },
    async dropAll(): Promise<void> {
      for (const name of created.splice(0)) {
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      }
    },
  };
}

const running = new Set<() => void>();
let exitHookInstalled = false;
function stopOnExit(stop: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A crashed test run must not leave clusters behind.
    process.on("exit", () => running.forEach((s) => s()));
  }
  running.add(stop);
  return () => running.delete(stop);
}

async function startCluster(): Promise<TestPostgres> {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  // PostgreSQL refuses to run as root: run its tools as the `postgres` OS user, which must own the directory.
  const as = (cmd: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args));
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (ids.status !== 0) throw new Error(`running as root but there is no \`postgres\` user. ${INSTALL_HINT}`);
    chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const pgCtl = path.join(bin, "pg_ctl");
  const port = await freePort();
  try {
    await as(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"]);
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await as(pgCtl, ["-D", dataDir, "-l", logFile, "-w", "-t", "30", "-o", serverOptions, "start"]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL with ${bin}: ${String(error)}\n${log}`, { cause: error });
  }
  const stopSync = () => {
    const args = ["-D", dataDir, "-m", "immediate", "-w", "stop"];
    spawnSync(asRoot ? "runuser" : pgCtl, asRoot ? ["-u", "postgres", "--", pgCtl, ...args] : args, { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = stopOnExit(stopSync);
  const databases = databaseFactory(`postgres://postgres@127.0.0.1:${port}/postgres`);
  let url: string;
  try {
    url = await databases.create();
  } catch (error) {
    stopSync();
    forget();
    throw error;
  }
  return {
    url,
    createDatabase: databases.create,
    async stop() {
      forget();
      await as(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real PostgreSQL for tests. With TEST_DATABASE_URL set, creates a fresh database on that server;
 * otherwise starts a throwaway cluster on a free 127.0.0.1 port (initdb + pg_ctl, trust auth, fsync off).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (!external) return startCluster();
  const databases = databaseFactory(external);
  const url = await databases.create();
  return { url, createDatabase: databases.create, stop: databases.dropAll };
}
