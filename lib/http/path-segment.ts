/** A dynamic route segment as the user typed it; a malformed escape is kept as is and refused later by validation. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
