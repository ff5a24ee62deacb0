// Shapes of GET /api/slo and /api/slo/[id]/series as the browser receives them (type-only imports).
import type { SloCard, SloReport, SloSeriesReport, SloWindow } from "@/lib/server/slo-report";

export type { SloCard, SloWindow };
export type SloReportJson = SloReport & { fetchedAt: number };
export type SloSeriesJson = SloSeriesReport & { fetchedAt: number };

export const WINDOW_OPTIONS: readonly SloWindow[] = ["1h", "6h", "24h", "3d", "7d", "30d"];
export const DEFAULT_WINDOW: SloWindow = "6h";

export function parseWindow(value: string | null | undefined): SloWindow {
  return (WINDOW_OPTIONS as readonly string[]).includes(value ?? "") ? (value as SloWindow) : DEFAULT_WINDOW;
}
