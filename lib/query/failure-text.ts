import { explainSignature, type BgopsSignature } from "@/lib/domain/bgops-signature";
import { ConsoleApiError } from "@/lib/query/fetch-json";

function signatureOf(details: unknown): BgopsSignature | null {
  const sig = (details as { signature?: unknown } | null | undefined)?.signature;
  return sig && typeof sig === "object" && "meaning" in sig && "runbookSection" in sig && "headline" in sig ? (sig as BgopsSignature) : null;
}

/**
 * A failed request in one line. A platform failure is named by its §2.5 signature (what was seen, what it
 * means, the runbook section), the words the error panel, overview, smoke test and runbook widgets use.
 */
export function failureText(error: unknown): string {
  if (error instanceof ConsoleApiError) {
    const sig = signatureOf(error.details);
    if (sig) {
      const fallback = (error.details as { fallbackError?: unknown }).fallbackError;
      return `${explainSignature(sig)}${typeof fallback === "string" && fallback ? `; the Redis fallback failed too: ${fallback}` : ""}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
