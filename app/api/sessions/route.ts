import { z } from "zod";
import { listSessionViews } from "@/lib/auth/session-views";
import { hasRole } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

const query = z.object({ scope: z.enum(["mine", "all"]).default("mine") });

/** The caller's active sessions (where, when); `?scope=all` lists everyone's, for an admin. */
export const GET = route({ role: "viewer", query }, async ({ user, query }) => {
  if (query.scope === "all" && !hasRole(user.role, "admin")) {
    throw new ApiError("forbidden", "Listing everyone's sessions needs the admin role.");
  }
  return { sessions: await listSessionViews(user, query.scope) };
});
