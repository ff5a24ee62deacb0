import { z } from "zod";
import { endAllSessions } from "@/lib/auth/sessions";
import { hasRole } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

const body = z.object({ userId: z.string().min(1).max(200).optional() }).strict();

/** "Sign out everywhere": every session of the caller (or, for an admin, of `userId`) ends, on every device. */
export const POST = route({ role: "viewer", body }, async ({ user, body, audit }) => {
  const target = body.userId ?? user.id;
  if (target !== user.id && !hasRole(user.role, "admin")) {
    throw new ApiError("forbidden", "Ending another user's sessions needs the admin role.");
  }
  const ended = await endAllSessions(target, user.id);
  await audit("auth.sign_out_everywhere", target, { ended });
  return { ok: true, ended };
});
