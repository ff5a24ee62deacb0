import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/route";
import { consoleMetrics } from "@/lib/observability/metrics";

function tokenMatches(header: string | null, expected: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

// Scraped by the team's Prometheus, not by people: a bearer token (CONSOLE_METRICS_TOKEN), not a session.
export function GET(req: Request) {
  const token = getEnv().console.metricsToken;
  if (token && !tokenMatches(req.headers.get("authorization"), token)) {
    return errorResponse("unauthenticated", "Send Authorization: Bearer <CONSOLE_METRICS_TOKEN> to read the console's metrics.");
  }
  return new Response(consoleMetrics.render(), {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}
