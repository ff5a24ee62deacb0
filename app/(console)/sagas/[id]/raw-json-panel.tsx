"use client";

import { useQuery } from "@tanstack/react-query";
import type { SagaDetailResponse } from "@/components/bgops/api-types";
import { ErrorPanel } from "@/components/ui/error-panel";
import { JsonView } from "@/components/ui/json-view";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";

/** The saga and its history as they came from the platform (`raw=1`). */
export function RawJsonPanel({ id, via }: { id: string; via?: "api" | "redis" }) {
  const raw = useQuery({
    queryKey: ["saga-raw", id, via ?? "auto"],
    queryFn: () => fetchJson<SagaDetailResponse>(`/api/bgops/sagas/${encodeURIComponent(id)}?raw=1${via ? `&via=${via}` : ""}`),
    staleTime: 60_000,
  });
  if (raw.isPending) return <Spinner label="Loading raw JSON…" />;
  if (raw.isError) return <ErrorPanel title="Raw JSON could not be loaded" message={raw.error.message} />;
  return (
    <div className="flex flex-col gap-2">
      <JsonView value={raw.data.raw?.saga ?? null} filename={`saga-${id}.json`} label="Raw JSON: saga" />
      <JsonView value={raw.data.raw?.history ?? null} filename={`saga-${id}-history.json`} label="Raw JSON: history" />
    </div>
  );
}
