import { z } from "zod";
import { route } from "@/lib/http/route";
import { listSessions } from "@/lib/server/sessions";

const query = z.object({ scope: z.enum(["mine", "all"]).default("mine") });

/** The caller's active sessions (where, when); `?scope=all` lists everyone's, for an admin. */
export const GET = route({ role: "viewer", query }, async ({ query }) => ({ sessions: await listSessions(query.scope) }));
