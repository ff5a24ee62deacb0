import { ConsoleApiError } from "@/lib/query/fetch-json";
import { isErrorEnvelope } from "@/lib/http/errors";
import type { CheckResult } from "@/lib/smoke/types";

export type SmokeStreamEvent =
  | { type: "result"; result: CheckResult }
  | { type: "done"; run: { id: string; summary: Record<string, number>; green: boolean }; comparison: { headline: string | null; lastGreenAt: string | null; baseline: "last green" | "previous run" | null } }
  | { type: "error"; error: { code: string; message: string } };

/** POSTs a smoke run and yields each NDJSON line as it arrives. */
export async function streamSmoke(includeIsolation: boolean, onEvent: (e: SmokeStreamEvent) => void): Promise<void> {
  const res = await fetch("/api/smoke/runs", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ includeIsolation }),
  });
  if (!res.ok || !res.body) {
    const body: unknown = await res.json().catch(() => null);
    if (isErrorEnvelope(body)) throw new ConsoleApiError(res.status, body.error.code, body.error.message);
    throw new ConsoleApiError(res.status, "internal", `The console answered ${res.status}.`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) onEvent(JSON.parse(line) as SmokeStreamEvent);
    }
  }
}
