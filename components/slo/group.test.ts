import { describe, expect, it } from "vitest";
import { layoutSloCards } from "@/components/slo/group";
import type { SloCard } from "@/components/slo/types";

const card = (id: string, name: string, scheme: string, state: SloCard["state"]) =>
  ({ id, name, scheme, state, evaluation: { metricNames: [`${id}_total`] } }) as unknown as SloCard;

describe("layoutSloCards", () => {
  it("groups both schemes' cards by indicator when the platform exposes both", () => {
    const l = layoutSloCards([card("a-login", "Login success", "A", "healthy"), card("a-prov", "Provisioning success", "A", "healthy"), card("b-login", "Login success", "B", "burning_fast")]);
    expect(l.groups.map((g) => [g.name, g.cards.map((c) => c.id)])).toEqual([
      ["Login success", ["a-login", "b-login"]],
      ["Provisioning success", ["a-prov"]],
    ]);
    expect(l.hidden).toEqual([]);
  });

  it("collapses the scheme whose series the platform does not expose", () => {
    const l = layoutSloCards([card("a-login", "Login success", "A", "healthy"), card("b-login", "Login success", "B", "no_data"), card("b-api", "API", "B", "series_missing")]);
    expect(l.shownSchemes).toEqual(["A"]);
    expect(l.groups.flatMap((g) => g.cards.map((c) => c.id))).toEqual(["a-login"]);
    expect(l.hidden).toEqual([{ scheme: "B", cards: [expect.objectContaining({ id: "b-login" }), expect.objectContaining({ id: "b-api" })], metricNames: ["b-login_total", "b-api_total"] }]);
  });

  it("keeps every card when no scheme has data (static /metrics): the missing series are the news", () => {
    const l = layoutSloCards([card("a-login", "Login success", "A", "series_missing"), card("b-login", "Login success", "B", "series_missing")]);
    expect(l.hidden).toEqual([]);
    expect(l.groups[0]!.cards).toHaveLength(2);
  });
});
