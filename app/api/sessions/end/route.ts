import { z } from "zod";
import { endSessionAs } from "@/lib/auth/session-views";
import { route } from "@/lib/http/route";

const body = z.object({ id: z.string().min(1).max(100) }).strict();

/** Ends one session: one of the caller's own, or anyone's for an admin. */
export const POST = route({ role: "viewer", body }, async ({ user, body, audit }) => {
  const session = await endSessionAs(user, body.id);
  await audit("auth.session_end", session.userId, { ended: session.ended, own: session.userId === user.id });
  return { ok: true, ended: session.ended };
});
