import type { CheckDef, Judgement } from "@/lib/smoke/context";
import { redactedExcerpt } from "@/lib/smoke/context";

/** CONTRACT §8: OpenBao/Vault /v1/sys/health status codes and what they mean for the platform. */
const MEANINGS: Record<number, Judgement> = {
  200: { verdict: "pass", summary: "200: initialised, unsealed, active" },
  429: { verdict: "pass", summary: "429: unsealed standby (requests are forwarded to the active node)" },
  473: { verdict: "pass", summary: "473: performance standby" },
  472: { verdict: "fail", summary: "472: disaster-recovery secondary: it cannot serve the platform's secrets" },
  501: { verdict: "fail", summary: "501: not initialised" },
  503: { verdict: "fail", summary: "503: sealed: the platform cannot read its secrets" },
};

export const vaultCheck: CheckDef = {
  id: "vault.health",
  surface: "vault",
  title: "OpenBao/Vault health",
  runbookSection: "§8",
  async run(ctx): Promise<Judgement> {
    if (!ctx.vault) return { verdict: "warn", summary: "VAULT_ADDR not set" };
    const path = "/v1/sys/health";
    const url = `${ctx.vault.addr.replace(/\/+$/, "")}${path}`;
    const started = ctx.now();
    const res = await ctx.vault.fetch(url, { redirect: "manual", signal: AbortSignal.timeout(Math.max(1, ctx.remainingMs())) });
    const ttfb = ctx.now() - started;
    const text = (await res.text()).slice(0, 4096);
    const contentType = res.headers.get("content-type");
    ctx.record({ method: "GET", path, status: res.status, contentType, location: res.headers.get("location"), ttfbMs: Math.round(ttfb), totalMs: Math.round(ctx.now() - started), excerpt: redactedExcerpt(text) });
    return MEANINGS[res.status] ?? { verdict: "fail", summary: `${res.status}: not a Vault health answer (${redactedExcerpt(text, 60) || "empty body"})` };
  },
};
