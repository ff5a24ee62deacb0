import { route } from "@/lib/http/route";
import { getRunbookView } from "@/lib/server/runbook";

/** The parsed runbook with its live widgets, the console's variable values (secrets masked) and contacts. */
export const GET = route({ role: "viewer" }, async () => getRunbookView());
