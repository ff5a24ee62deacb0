import type { Tone } from "@/lib/domain/saga-view";

/** Domain tones → VerdictBadge tones. */
export function badgeTone(tone: Tone | string): string {
  switch (tone) {
    case "ok":
      return "pass";
    case "bad":
      return "fail";
    case "warn":
      return "warn";
    case "info":
      return "info";
    default:
      return "neutral";
  }
}

export const TONE_TEXT: Record<string, string> = {
  ok: "text-[var(--ok)]",
  bad: "text-[var(--bad)]",
  warn: "text-[var(--warn)]",
  info: "text-[var(--info)]",
  unknown: "muted",
};
