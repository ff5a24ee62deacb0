import { z } from "zod";
import { route } from "@/lib/http/route";
import { incidentChanges, zIncidentParams } from "@/lib/server/incidents";

// Polled every few seconds by everyone on the incident: answers only what changed after `since` (an incident seq).
export const GET = route(
  { role: "viewer", params: zIncidentParams, query: z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }) },
  async ({ params, query }) => incidentChanges(params.id, query.since),
);
