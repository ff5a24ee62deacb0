import { z } from "zod";
import { route } from "@/lib/http/route";
import { endAllSessionsOf } from "@/lib/server/sessions";

const body = z.object({ userId: z.string().min(1).max(200).optional() }).strict();

/** "Sign out everywhere": every session of the caller (or, for an admin, of `userId`) ends, on every device. */
export const POST = route({ role: "viewer", body }, async ({ body }) => ({ ok: true, ...(await endAllSessionsOf(body.userId)) }));
