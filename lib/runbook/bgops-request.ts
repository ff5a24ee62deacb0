import { parseIdempotencyKey, parseLimit, parseSagaId, type Parsed } from "@/lib/upstream/paths";
import type { Widget } from "./widgets";

type BgopsWidget = Extract<Widget, { kind: "bgops-request" }>;

/** The four bgops reads a runbook step may run (CONTRACT §2); nothing else is reachable from a form. */
export type BgopsOperation =
  | { op: "idempotency-list"; limit: number }
  | { op: "idempotency-key"; key: string }
  | { op: "saga"; sagaId: string }
  | { op: "saga-history"; sagaId: string };

const ROUTES: { pattern: RegExp; build: (values: Record<string, string>, w: BgopsWidget) => Parsed<BgopsOperation> }[] = [
  {
    pattern: /^\/api\/v\d+\/bgops\/idempotency\/?$/,
    build: (values, w) => map(parseLimit(values.limit ?? w.query?.limit ?? "10"), (limit) => ({ op: "idempotency-list", limit })),
  },
  {
    pattern: /^\/api\/v\d+\/bgops\/idempotency\/\{[A-Za-z_]\w*\}$/,
    build: (values, w) => map(parseIdempotencyKey(values[w.placeholders[0] ?? ""]), (key) => ({ op: "idempotency-key", key })),
  },
  {
    pattern: /^\/api\/v\d+\/bgops\/sagas\/\{[A-Za-z_]\w*\}$/,
    build: (values, w) => map(parseSagaId(values[w.placeholders[0] ?? ""]), (sagaId) => ({ op: "saga", sagaId })),
  },
  {
    pattern: /^\/api\/v\d+\/bgops\/sagas\/\{[A-Za-z_]\w*\}\/history$/,
    build: (values, w) => map(parseSagaId(values[w.placeholders[0] ?? ""]), (sagaId) => ({ op: "saga-history", sagaId })),
  },
];

/**
 * The form's values (placeholder name → text, plus `limit`) checked with the platform client's own
 * validators and turned into one of the known operations; a template that is none of them is refused.
 */
export function bgopsOperationFor(widget: BgopsWidget, values: Record<string, string>): Parsed<BgopsOperation> {
  if (widget.surface !== "mgmt") return { ok: false, reason: "bgops routes live on the Management API only" };
  const route = ROUTES.find((r) => r.pattern.test(widget.pathTemplate));
  if (!route) return { ok: false, reason: "This request is not one of the bgops reads the console can run" };
  // An empty field is the usual first click: say what to type, not which check it failed.
  const empty = widget.placeholders.find((p) => !values[p]?.trim());
  if (empty !== undefined) return { ok: false, reason: `Enter ${widget.pathTemplate.includes("/sagas/") ? "a saga id (a UUID)" : "an idempotency key"} to look it up` };
  return route.build(values, widget);
}

function map<T, U>(parsed: Parsed<T>, f: (v: T) => U): Parsed<U> {
  return parsed.ok ? { ok: true, value: f(parsed.value) } : parsed;
}
