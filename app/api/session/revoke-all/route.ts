import { route } from "@/lib/http/route";
import { revokeAllSessions } from "@/lib/auth/revocation";

/** "Sign out everywhere": every session of the caller, on every device, stops working. */
export const POST = route({ role: "viewer" }, async ({ user, audit }) => {
  await revokeAllSessions(user.id);
  await audit("auth.sign_out_everywhere", user.id);
  return { ok: true };
});
