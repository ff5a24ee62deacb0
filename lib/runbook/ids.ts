import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** "1) Smoke Test" → { number: "1", title: "Smoke Test" }; "1.2. Sub", "§3 Auth" work too; "2FA" is not a number. */
export function splitHeadingNumber(heading: string): { number?: string; title: string } {
  const text = heading.trim();
  const m =
    /^§\s*(\d+(?:\.\d+)*)[.):]?\s+(\S.*)$/.exec(text) ??
    /^(\d+(?:\.\d+)*)(?:\)|\.|\s*[-–—:])\s*(\S.*)$/.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return { title: text };
  return { number: m[1], title: m[2].trim() };
}

/** Long enough to read, short enough that ids fit the store's 200-character limit with room to spare. */
const MAX_SLUG = 64;

export function slugify(title: string): string {
  const full = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const slug = full.length <= MAX_SLUG ? full : full.slice(0, MAX_SLUG).replace(/-[^-]*$/, "") || full.slice(0, MAX_SLUG);
  return slug || "section";
}

/**
 * What a step's id is derived from: cosmetic edits (case, spacing, quotes, trailing full stop, dash style,
 * backticks added around a word) keep the id; any change of words gives a new one.
 */
export function normaliseStepText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[–—−]/g, "-")
    .replace(/[.,;:!?"'`“”‘’()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function stepHash(text: string): string {
  return sha256Hex(normaliseStepText(text)).slice(0, 8);
}

/** Gives `base`, then `base-2`, `base-3` … to repeats, in the order they are asked for. */
export function makeDisambiguator(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}
