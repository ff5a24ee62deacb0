import "server-only";
import { getEnv } from "@/lib/env";
import { openStore, type Store } from "@/lib/store";
import { processState } from "@/lib/server/process-state";

/** One store per server process, opened (and migrated) on first use; a failed open is retried next time. */
export function getStore(): Promise<Store> {
  if (!processState.store) {
    const env = getEnv().console;
    processState.store = openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir }).catch((err) => {
      processState.store = undefined;
      throw err;
    });
  }
  return processState.store;
}
