import type { SloCard } from "@/components/slo/types";

/** States that mean "the platform's /metrics does not carry this SLO's series". */
const ABSENT = new Set<SloCard["state"]>(["no_data", "series_missing"]);

export interface SloGroup {
  /** The indicator's name as the definitions give it ("Login success"); one group per name. */
  name: string;
  cards: SloCard[];
}

export interface SloLayout {
  groups: SloGroup[];
  /** Schemes whose series the platform does not expose while another scheme's are: collapsed, with why. */
  hidden: { scheme: string; cards: SloCard[]; metricNames: string[] }[];
  shownSchemes: string[];
}

/**
 * Cards grouped by indicator, showing only the schemes the platform exposes. When no scheme has data
 * (static /metrics, nothing scraped yet) every card stays: its "series missing" state is the news.
 */
export function layoutSloCards(slos: readonly SloCard[]): SloLayout {
  const schemes = [...new Set(slos.map((s) => s.scheme))];
  const exposed = schemes.filter((sc) => slos.some((s) => s.scheme === sc && !ABSENT.has(s.state)));
  const shownSchemes = exposed.length > 0 ? exposed : schemes;
  const hidden = schemes
    .filter((sc) => !shownSchemes.includes(sc))
    .map((scheme) => {
      const cards = slos.filter((s) => s.scheme === scheme);
      return { scheme, cards, metricNames: [...new Set(cards.flatMap((c) => c.evaluation.metricNames))] };
    });
  const groups = new Map<string, SloCard[]>();
  for (const s of slos) {
    if (!shownSchemes.includes(s.scheme)) continue;
    const list = groups.get(s.name) ?? [];
    list.push(s);
    groups.set(s.name, list);
  }
  return { groups: [...groups].map(([name, cards]) => ({ name, cards })), hidden, shownSchemes };
}
