import { z } from "zod";
import { route } from "@/lib/http/route";
import { toApiError } from "@/lib/http/map-error";
import { listSmokeRuns, runAndSaveSmoke } from "@/lib/server/smoke";

export const GET = route<Record<string, never>, Record<string, string>>({ role: "viewer" }, ({ query }) => listSmokeRuns(query));

/** Streams NDJSON: one {type:"result"} line per check as it finishes, then {type:"done"} or {type:"error"}. */
export const POST = route({ role: "responder", body: z.object({ includeIsolation: z.boolean().default(false) }) }, async ({ body, user, audit }) => {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const outcome = await runAndSaveSmoke(user.id, { includeIsolation: body.includeIsolation, onResult: (result) => send({ type: "result", result }) });
        send({ type: "done", run: outcome.run, comparison: outcome.comparison });
        await audit("smoke.run", outcome.run.id, { summary: outcome.run.summary });
      } catch (err) {
        const apiError = toApiError(err);
        send({ type: "error", error: { code: apiError.code, message: apiError.message } });
        await audit("smoke.run", undefined, { error: apiError.code }, "error");
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
