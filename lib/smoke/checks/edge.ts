import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { recognizeSignature, unexpected } from "@/lib/smoke/observe";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Runbook §7 as far as a client can see it: the console's own request passes the gateway (no HTTPS_REQUIRED, no
 * token refusal, not rate limited) and travels over TLS. Nginx limits and upstream mTLS are not visible from here,
 * and the summary says so rather than guessing.
 */
async function edge(ctx: Parameters<CheckDef["run"]>[0]): Promise<Judgement> {
  const base = new URL(ctx.client.config.baseUrls.mgmt);
  const obs = await ctx.probe("mgmt", "/api/v1/bgops/idempotency?limit=1");
  const sig = recognizeSignature(obs);
  // Edge findings: plain http refused (§7), token refused (§3), Nginx without its app (§2). A tenant or version
  // refusal (§4, §1) came from the app, so the request did pass the gateway.
  if (sig && sig.runbookSection !== "§4" && sig.runbookSection !== "§1") return sig;
  if (obs.status === 429) return { verdict: "warn", summary: "429 from the edge: rate limiting is active and the console's own request hit it" };
  const tls = base.protocol === "https:";
  const local = LOOPBACK.has(base.hostname);
  const passed = `the gateway passed the console's request (${obs.status})`;
  if (!tls && !local) {
    return { verdict: "warn", summary: `${passed}, but over plain http to ${base.host}: no TLS between console and platform` };
  }
  if (obs.status >= 300 && obs.status < 400) return { verdict: "warn", summary: `${passed} as a redirect: ${unexpected(obs, 60)}` };
  return { verdict: "pass", summary: `${passed} over ${tls ? "https" : "plain http on loopback"}; Nginx limits and upstream mTLS are not visible from the console` };
}

export const edgeChecks: CheckDef[] = [{ id: "mgmt.edge", surface: "mgmt", title: "API gateway and edge", runbookSection: "§7", run: edge }];
