import { z } from "zod";
import { route } from "@/lib/http/route";
import { endSessionById } from "@/lib/server/sessions";

const body = z.object({ id: z.string().min(1).max(100) }).strict();

/** Ends one session: one of the caller's own, or anyone's for an admin. */
export const POST = route({ role: "viewer", body }, async ({ body }) => ({ ok: true, ...(await endSessionById(body.id)) }));
