/** The audit view's URL state: filters live in the query string, so a pasted link opens the same view. */
export interface AuditSearch {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export const EMPTY_SEARCH: AuditSearch = { actor: "", action: "", from: "", to: "" };

const KEYS = ["actor", "action", "from", "to"] as const;

export function parseAuditSearch(params: { get(name: string): string | null }): AuditSearch {
  return {
    actor: params.get("actor") ?? "",
    action: params.get("action") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
}

/** Stable query string (fixed key order, empty values dropped): it is also the react-query key. */
export function toAuditQuery(search: AuditSearch): string {
  const qs = new URLSearchParams();
  for (const key of KEYS) {
    const value = search[key].trim();
    if (value) qs.set(key, value);
  }
  return qs.toString();
}

/** ISO time → the value of a UTC `datetime-local` input ("2025-05-01T08:00"). */
export function isoToInput(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16) : "";
}

/** A UTC `datetime-local` value → ISO, or "" when empty or unreadable. */
export function inputToIso(value: string): string {
  if (!value) return "";
  const ms = Date.parse(`${value}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "";
}
