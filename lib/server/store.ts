import "server-only";
import { getEnv } from "@/lib/env";
import { openStore, type Store } from "@/lib/store";

let pending: Promise<Store> | undefined;

/** One store per server process, opened (and migrated) on first use; a failed open is retried next time. */
export function getStore(): Promise<Store> {
  if (!pending) {
    const env = getEnv().console;
    pending = openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir }).catch((err) => {
      pending = undefined;
      throw err;
    });
  }
  return pending;
}
