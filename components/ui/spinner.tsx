export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <span role="status" className="muted inline-flex items-center gap-2 text-sm">
      <span aria-hidden="true" className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />
      {label}
    </span>
  );
}
