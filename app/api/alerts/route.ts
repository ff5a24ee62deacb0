import { z } from "zod";
import { route } from "@/lib/http/route";
import { listAlerts } from "@/lib/server/alerts";

const query = z.object({
  status: z.enum(["firing", "resolved"]).optional(),
  severity: z.string().trim().min(1).max(100).optional(),
  service: z.string().trim().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

// The Alerts page and the header badge: alerts as the receiver recorded them, newest first.
export const GET = route({ role: "viewer", query }, async ({ query }) => listAlerts(query));
