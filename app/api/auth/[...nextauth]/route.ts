import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { SIGN_IN_MAX_BYTES, withBodyCapped } from "@/lib/http/body-limit";
import { errorResponse } from "@/lib/http/route";

// next-auth's own handler: the one API route outside the console's route wrapper (it *is* the sign-in).
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // Anonymous and reachable by anyone: a sign-in body is bounded before next-auth reads it.
  const capped = await withBodyCapped(req, SIGN_IN_MAX_BYTES);
  if (!(capped instanceof Request)) return errorResponse(capped.code, capped.message, undefined, { Connection: "close" });
  return NextAuth(capped as never, { params: await ctx.params } as never, getAuthOptions());
}

export { handler as GET, handler as POST };
