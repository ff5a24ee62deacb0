import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRunbook } from "./parse";
import type { Runbook } from "./types";

export interface LoadedRunbook {
  runbook: Runbook;
  /** The file it came from, or "shipped" for the DotMac runbook that ships with the console. */
  source: string;
  markdown: string;
}

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedRunbook }>();

/** The shipped runbook's location; next's server bundle may move this module, so the repo copy is the fallback. */
function shippedCandidates(): string[] {
  const out: string[] = [];
  try {
    out.push(fileURLToPath(new URL("./dotmac-runbook.md", import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL inside some bundles.
  }
  out.push(join(process.cwd(), "lib", "runbook", "dotmac-runbook.md"));
  return out;
}

/**
 * Reads and parses `runbookPath` (RUNBOOK_PATH) or the shipped runbook; re-parses only when the file
 * changed, so editing the runbook on disk shows up without a restart. Throws with the path when unreadable.
 */
export async function loadRunbook(runbookPath?: string): Promise<LoadedRunbook> {
  const candidates = runbookPath ? [runbookPath] : shippedCandidates();
  let lastError: unknown;
  for (const file of candidates) {
    try {
      const info = await stat(file);
      const hit = cache.get(file);
      if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.loaded;
      const markdown = await readFile(file, "utf8");
      const loaded = { runbook: parseRunbook(markdown), source: runbookPath ? file : "shipped", markdown };
      cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, loaded });
      return loaded;
    } catch (err) {
      lastError = err;
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Cannot read the runbook${runbookPath ? ` at RUNBOOK_PATH=${runbookPath}` : ""}: ${reason}`);
}
