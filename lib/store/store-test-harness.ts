import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { openStore, type OpenStoreOptions, type Store } from "./index";

export type EngineKind = Store["kind"];
/** Every store suite runs its cases against both engines with describe.each(ENGINES). */
export const ENGINES: EngineKind[] = ["sqlite", "postgres"];

export interface StoreLocation {
  /** SQLite data dir or PostgreSQL URL. */
  options: Pick<OpenStoreOptions, "dataDir" | "databaseUrl">;
  /** Opens a store here; call it again to simulate a restart or a second replica. */
  open(extra?: Pick<OpenStoreOptions, "onQuery">): Promise<Store>;
}

export interface EngineHarness {
  location(): Promise<StoreLocation>;
  /** A store at a fresh location. */
  store(): Promise<Store>;
}

export function useEngine(kind: EngineKind): EngineHarness {
  let server: TestPostgres | null = null;
  const stores: Store[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    if (kind === "postgres") server = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => {})));
    await server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function location(): Promise<StoreLocation> {
    let options: StoreLocation["options"];
    if (kind === "postgres") {
      if (!server) throw new Error("PostgreSQL did not start (see beforeAll)");
      options = { databaseUrl: await server.createDatabase() };
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), "console-store-"));
      dirs.push(dir);
      options = { dataDir: path.join(dir, "data") };
    }
    return {
      options,
      async open(extra) {
        const store = await openStore({ ...options, ...extra });
        stores.push(store);
        return store;
      },
    };
  }

  return { location, store: async () => (await location()).open() };
}
