"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SagaDetailResponse } from "@/components/bgops/api-types";
import { ErrorPanel } from "@/components/ui/error-panel";
import { JsonView } from "@/components/ui/json-view";
import { Spinner } from "@/components/ui/spinner";
import { fetchJson } from "@/lib/query/fetch-json";

// Raw payloads are fetched on demand: for a 10,000-entry saga they are megabytes the page does not need to be usable.
export function SagaRawJson({ id, via }: { id: string; via?: "api" | "redis" }) {
  const [wanted, setWanted] = useState(false);
  const raw = useQuery({
    queryKey: ["saga-raw", id, via ?? "auto"],
    queryFn: () => fetchJson<SagaDetailResponse>(`/api/bgops/sagas/${encodeURIComponent(id)}?raw=1${via ? `&via=${via}` : ""}`),
    enabled: wanted,
    staleTime: 60_000,
  });
  if (!wanted) {
    return (
      <button type="button" className="self-start rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]" onClick={() => setWanted(true)}>
        Load raw JSON of saga and history
      </button>
    );
  }
  if (raw.isPending) return <Spinner label="Loading raw JSON…" />;
  if (raw.isError) return <ErrorPanel title="Raw JSON could not be loaded" message={raw.error.message} />;
  return (
    <div className="flex flex-col gap-2">
      <JsonView value={raw.data.raw?.saga ?? null} filename={`saga-${id}.json`} label="Raw JSON: saga" />
      <JsonView value={raw.data.raw?.history ?? null} filename={`saga-${id}-history.json`} label="Raw JSON: history" />
    </div>
  );
}
