import { z } from "zod";
import { route } from "@/lib/http/route";
import { coalesced } from "@/lib/server/platform";
import { buildSloReport, SLO_WINDOW_NAMES } from "@/lib/server/slo-report";

const query = z.object({ window: z.enum(SLO_WINDOW_NAMES).default("6h") });

// Every open /slo page, overview and runbook polls this: one evaluation per window per coalescing window.
export const GET = route({ role: "viewer", query }, async ({ query }) => {
  const { value, fetchedAt } = await coalesced(`slo-report ${query.window}`, () => buildSloReport(query.window));
  return { ...value, fetchedAt };
});
