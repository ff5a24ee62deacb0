import { route } from "@/lib/http/route";
import { getSmokeRun } from "@/lib/server/smoke";

export const GET = route<{ id: string }>({ role: "viewer" }, ({ params }) => getSmokeRun(params.id));
