import "server-only";
import { z } from "zod";
import { authorize, parseInput } from "@/lib/server/access";
import { coalesced } from "@/lib/server/platform";
import { buildSloReport, buildSloSeries, sloReportForRole, SLO_WINDOW_NAMES } from "@/lib/server/slo-report";

const windowInput = z.object({ window: z.enum(SLO_WINDOW_NAMES).default("6h") });
const sloId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "an SLO id: lower-case letters, digits and dashes");

/** Every SLO's card for a window; every open /slo page, overview and runbook share one evaluation per window. */
export async function getSloReport(input: { window?: string }) {
  const user = await authorize("viewer");
  const { window } = parseInput(windowInput, { window: input.window || undefined }, "query");
  const { value, fetchedAt } = await coalesced(`slo-report ${window}`, () => buildSloReport(window));
  // Server paths and replica host:pid are for admins; the shared evaluation is filtered per caller.
  return { ...sloReportForRole(value, user.role), fetchedAt };
}
export type SloReportResponse = Awaited<ReturnType<typeof getSloReport>>;

/** Chart points for one SLO, at most 800, downsampled here rather than in the browser. */
export async function getSloSeries(input: { id: string; window?: string }) {
  await authorize("viewer");
  const id = parseInput(sloId, input.id, "path parameter", "invalid_input");
  const { window } = parseInput(windowInput, { window: input.window || undefined }, "query");
  const { value, fetchedAt } = await coalesced(`slo-series ${id} ${window}`, () => buildSloSeries(id, window));
  return { ...value, fetchedAt };
}
