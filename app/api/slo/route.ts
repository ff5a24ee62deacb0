import { route } from "@/lib/http/route";
import { getSloReport } from "@/lib/server/slo-view";

export const GET = route<Record<string, never>, Record<string, string>>({ role: "viewer" }, ({ query }) => getSloReport(query));
