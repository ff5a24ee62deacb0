// Next's own limit (parse-and-validate-flight-router-state): past it, or unparsable, Next throws and answers 500.
const MAX_LENGTH = 40_000;
const MAX_DEPTH = 64;
const PARAM_TYPES = new Set(["c", "ci(..)(..)", "ci(.)", "ci(..)", "ci(...)", "oc", "d", "di(..)(..)", "di(.)", "di(..)", "di(...)"]);
const REFRESH = new Set(["refetch", "inside-shared-layout", "metadata-only"]);

const isString = (v: unknown): v is string => typeof v === "string";

function isSegment(v: unknown): boolean {
  if (isString(v)) return true;
  return (
    Array.isArray(v) &&
    v.length === 4 &&
    isString(v[0]) &&
    isString(v[1]) &&
    PARAM_TYPES.has(v[2] as string) &&
    (v[3] === null || (Array.isArray(v[3]) && v[3].every(isString)))
  );
}

function isState(v: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || !Array.isArray(v) || v.length < 2 || v.length > 6) return false;
  const [segment, children, url, refresh, flags, extra] = v as unknown[];
  if (!isSegment(segment) || typeof children !== "object" || children === null || Array.isArray(children)) return false;
  if (!Object.values(children).every((c) => isState(c, depth + 1))) return false;
  if (url !== undefined && url !== null && !(Array.isArray(url) && url.length === 2 && url.every(isString))) return false;
  if (refresh !== undefined && refresh !== null && !REFRESH.has(refresh as string)) return false;
  if (flags !== undefined && flags !== null && typeof flags !== "number") return false;
  return extra === undefined || isString(extra);
}

/**
 * True when a Next-Router-State-Tree header is one Next can read (the shape of its flightRouterStateSchema).
 * A malformed one makes Next throw and log a stack: the proxy answers 400 for it instead.
 */
export function isValidRouterStateHeader(value: string): boolean {
  if (value.length > MAX_LENGTH) return false;
  try {
    return isState(JSON.parse(decodeURIComponent(value)), 0);
  } catch {
    return false;
  }
}
