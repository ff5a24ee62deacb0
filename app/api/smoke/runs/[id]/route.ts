import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/server/store";
import { compareToGreen, reportFromRun } from "@/lib/server/smoke";

export const GET = route({ role: "viewer", params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not a run id") }) }, async ({ params }) => {
  const store = await getStore();
  const run = await store.smokeRuns.get(params.id);
  if (!run) throw new ApiError("not_found", `No smoke run ${params.id}.`);
  const lastGreen = await store.smokeRuns.lastGreen({ before: run.startedAt });
  return { run, comparison: compareToGreen(reportFromRun(run), lastGreen) };
});
