"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

// The viewer's code and the payloads both load on demand: for a 10,000-entry saga the payloads are megabytes
// the page does not need to be usable, and the code is not needed for the first paint.
const RawJsonPanel = dynamic(() => import("@/app/(console)/sagas/[id]/raw-json-panel").then((m) => m.RawJsonPanel), {
  ssr: false,
  loading: () => <Spinner label="Loading raw JSON…" />,
});

export function SagaRawJson({ id, via }: { id: string; via?: "api" | "redis" }) {
  const [wanted, setWanted] = useState(false);
  // The button is replaced by what it loads: focus follows it there rather than falling to <body>.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (wanted) shown.current?.focus();
  }, [wanted]);
  if (wanted)
    return (
      <div ref={shown} tabIndex={-1} role="region" aria-label="Raw JSON of saga and history" className="outline-none">
        <RawJsonPanel id={id} via={via} />
      </div>
    );
  return (
    <button type="button" className="self-start rounded border border-[var(--border)] px-3 py-1 text-sm hover:bg-[var(--panel-2)]" onClick={() => setWanted(true)}>
      Load raw JSON of saga and history
    </button>
  );
}
