"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Spinner } from "@/components/ui/spinner";

// The viewer's code and the payloads both load on demand: for a 10,000-entry saga the payloads are megabytes
// the page does not need to be usable, and the code is not needed for the first paint.
const RawJsonPanel = dynamic(() => import("@/app/(console)/sagas/[id]/raw-json-panel").then((m) => m.RawJsonPanel), {
  ssr: false,
  loading: () => <Spinner label="Loading raw JSON…" />,
});

export function SagaRawJson({ id, via }: { id: string; via?: "api" | "redis" }) {
  const [wanted, setWanted] = useState(false);
  if (wanted) return <RawJsonPanel id={id} via={via} />;
  return (
    <button type="button" className="self-start rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]" onClick={() => setWanted(true)}>
      Load raw JSON of saga and history
    </button>
  );
}
