import type { BgopsSignature } from "@/lib/domain/bgops-signature";
import { brand, hasBrand } from "@/lib/errors/brand";
import type {
  InvalidItem,
  UpstreamHistoryEntry,
  UpstreamIdempotencyRecord,
  UpstreamSaga,
} from "@/lib/upstream/schemas/bgops";

export type BgopsVia = "api" | "redis";

/** A 404 is an answer, not an exception: the page says "not found in <source>" and offers the other one. */
export type Lookup<T> =
  | { found: true; value: T; /** "redis" | "memory" as the record's store said */ upstreamSource: string; raw: unknown }
  | { found: false; reason: string; /** Known to have existed: an index entry without its record. */ expired?: ExpiredKey };

/** An idempotency key that existed and is gone: its HASH expired (the platform's TTL is 24 h by default). */
export interface ExpiredKey {
  createdAt: string | null;
  /** How the console knows: the Redis index still lists it, or this console saw it in a recent list. */
  evidence: "redis-index" | "recent-list";
}

export interface IdempotencyList {
  items: UpstreamIdempotencyRecord[];
  /** `count` as sent; null in the error variant, which has none. */
  reportedCount: number | null;
  /** The `{source, error, items: []}` variant's error. */
  error: string | null;
  invalidItems: InvalidItem[];
  upstreamSource: string;
}

export interface SagaHistory {
  items: UpstreamHistoryEntry[];
  /** Set when a stored entry is not JSON: the router then returns no items at all. */
  error: string | null;
  invalidItems: InvalidItem[];
  upstreamSource: string;
  raw: unknown;
}

export interface ListSagasOptions {
  limit: number;
  status?: string | null;
  tenant?: string | null;
  workflowType?: string | null;
  /** Upper bound on keys SCAN may visit, so listing stays cheap on a big Redis. */
  maxScanKeys?: number;
}

export interface SagaList {
  items: UpstreamSaga[];
  /** Saga keys visited; the SCAN stops at maxScanKeys. */
  scannedKeys: number;
  /** False when the SCAN stopped early: older sagas may exist. */
  complete: boolean;
  /** Keys under bgops:saga:* that are not a readable saga (not JSON, wrong type). */
  unreadable: number;
}

export interface BgopsSource {
  readonly kind: BgopsVia;
  listIdempotency(limit: number): Promise<IdempotencyList>;
  getIdempotency(key: string): Promise<Lookup<UpstreamIdempotencyRecord>>;
  getSaga(id: string): Promise<Lookup<UpstreamSaga>>;
  getSagaHistory(id: string): Promise<SagaHistory>;
  /** Redis only: the API has no route to list sagas (CONTRACT §2). */
  listSagas?(opts: ListSagasOptions): Promise<SagaList>;
}

/** Where a service answer came from, and why it is not the API when it is not. */
export interface BgopsAnswer<T> {
  via: BgopsVia;
  /** "bgops API answered 500 text/plain" */
  fallbackReason?: string;
  signature?: BgopsSignature;
  result: T;
}

/**
 * A source could not answer. `signature` is set for API failures (CONTRACT §2.5) so the page can show
 * what was seen, what it means and the runbook section.
 */
export class BgopsSourceError extends Error {
  readonly via: BgopsVia;
  readonly signature?: BgopsSignature;
  /** When the API failed and the Redis fallback failed too. */
  readonly fallbackError?: string;

  constructor(via: BgopsVia, message: string, opts: { signature?: BgopsSignature; cause?: unknown; fallbackError?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "BgopsSourceError";
    this.via = via;
    this.signature = opts.signature;
    this.fallbackError = opts.fallbackError;
    brand(this, "BgopsSourceError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "BgopsSourceError");
  }
}
