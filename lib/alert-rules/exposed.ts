/** The series a /metrics exposition carries, by name, for the judge's "no such series" check. Pure. */
import { parsePromText } from "@/lib/slo/prom-text";

export function exposedSeries(text: string): Map<string, Record<string, string>[]> {
  const out = new Map<string, Record<string, string>[]>();
  for (const s of parsePromText(text).samples) {
    const list = out.get(s.name) ?? [];
    list.push(s.labels);
    out.set(s.name, list);
  }
  return out;
}
