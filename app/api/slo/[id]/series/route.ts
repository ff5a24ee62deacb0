import { z } from "zod";
import { route } from "@/lib/http/route";
import { coalesced } from "@/lib/server/platform";
import { buildSloSeries, SLO_WINDOW_NAMES } from "@/lib/server/slo-report";

const params = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "an SLO id: lower-case letters, digits and dashes") });
const query = z.object({ window: z.enum(SLO_WINDOW_NAMES).default("6h") });

/** Chart points for one SLO, at most 800, downsampled here rather than in the browser. */
export const GET = route({ role: "viewer", params, query }, async ({ params, query }) => {
  const { value, fetchedAt } = await coalesced(`slo-series ${params.id} ${query.window}`, () => buildSloSeries(params.id, query.window));
  return { ...value, fetchedAt };
});
