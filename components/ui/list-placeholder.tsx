import { Spinner } from "@/components/ui/spinner";

/** Holds a virtualised list's place while its code loads after hydration (it renders no rows on the server). */
export function ListPlaceholder({ label, height }: { label: string; height: number }) {
  return (
    <div className="flex items-center justify-center rounded border border-[var(--border)]" style={{ minHeight: height }}>
      <Spinner label={label} />
    </div>
  );
}
