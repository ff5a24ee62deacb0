import { timingSafeEqual } from "node:crypto";
import { currentUser } from "@/lib/auth/access";
import { getEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/route";
import { consoleMetrics } from "@/lib/observability/metrics";

function tokenMatches(header: string | null, expected: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

// Scraped by the team's Prometheus with a bearer token (CONSOLE_METRICS_TOKEN); a signed-in user may read it too.
export async function GET(req: Request) {
  const token = getEnv().console.metricsToken;
  const byToken = token !== undefined && tokenMatches(req.headers.get("authorization"), token);
  if (!byToken && !(await currentUser())) {
    return errorResponse("unauthenticated", "Send Authorization: Bearer <CONSOLE_METRICS_TOKEN>, or sign in, to read the console's metrics.");
  }
  return new Response(consoleMetrics.render(), {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}
