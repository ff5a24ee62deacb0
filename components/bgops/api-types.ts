import type { BgopsSignature } from "@/lib/domain/bgops-signature";
import type { HistoryPage } from "@/lib/domain/history-page";
import type { SagaBars } from "@/lib/domain/saga-bars";
import type { FirstStepsPage } from "@/lib/domain/saga-steps-page";
import type { IdempotencyView } from "@/lib/domain/idempotency-view";
import type { SagaVerdict } from "@/lib/domain/saga-verdict";
import type { SagaView } from "@/lib/domain/saga-view";
import type { BgopsVia } from "@/lib/bgops/types";
import type { UpstreamSaga } from "@/lib/upstream/schemas/bgops";

export type { BgopsVia };

/** Where an answer came from, on every bgops response of the console's API. */
export interface SourceMeta {
  via: BgopsVia;
  fallbackReason: string | null;
  signature: BgopsSignature | null;
  fetchedAt: number;
}

export interface BgopsContext {
  tenantInUse: string;
  stuckAfterMs: number;
  hasRedis: boolean;
}

/** The saga record without its steps (they come as `steps` pages); `raw=1` has the record as it came. */
export type SagaSummary = Omit<UpstreamSaga, "steps"> & { stepCount: number };

/** GET /api/bgops/sagas/[id] */
export interface SagaDetailResponse extends SourceMeta {
  id: string;
  context: BgopsContext;
  /** null when only history exists ("history without a saga record"). */
  saga: SagaSummary | null;
  sagaNotFoundReason: string | null;
  sagaSource: string | null;
  /**
   * The first steps (≤ 50) and the ones the verdict names, as table rows computed over the whole saga and
   * history; more via GET …/steps?cursor=.
   */
  steps: FirstStepsPage;
  historyTotal: number;
  /** The first page of history (≤ 500 entries), in timestamp order; more via GET …/history?cursor=. */
  historyPage: HistoryPage;
  /** The timeline's bars, computed over the whole history on the server. */
  bars: SagaBars;
  historyVia: BgopsVia | null;
  historyFallbackReason: string | null;
  /** A stored entry was not JSON (the router then returns none), or history could not be read at all. */
  historyError: string | null;
  historyInvalidItems: number;
  view: { header: SagaView; verdict: SagaVerdict } | null;
  raw?: { saga: unknown; history: unknown };
}

export interface SagaListItem {
  header: SagaView;
  stepCount: number;
}

/** GET /api/bgops/sagas */
export interface SagaListResponse extends SourceMeta {
  context: BgopsContext;
  items: SagaListItem[];
  scannedKeys: number;
  complete: boolean;
  unreadable: number;
  limit: number;
}

export interface IdempotencyListItem {
  view: IdempotencyView;
}

/** GET /api/bgops/idempotency */
export interface IdempotencyListResponse extends SourceMeta {
  context: BgopsContext;
  limit: number;
  reportedCount: number | null;
  /** Items the source returned before the console's filters. */
  received: number;
  items: IdempotencyView[];
  error: string | null;
  invalidItems: number;
  upstreamSource: string;
}

export interface KeySagaRef {
  id: string | null;
  status: string;
  tone: string;
  tenant: string | null;
  workflowType: string | null;
  crossTenant: boolean;
  /** The saga's tenant is not the key's: a cross-tenant signal (CONTRACT §7). */
  keyTenantDiffers: boolean;
}

/** GET /api/bgops/idempotency/[key] */
export interface IdempotencyKeyResponse extends SourceMeta {
  key: string;
  context: BgopsContext;
  view: IdempotencyView;
  upstreamSource: string;
  raw: unknown;
  /** null when the sagas cannot be listed (no REDIS_URL); see sagasNote. */
  sagas: KeySagaRef[] | null;
  sagasNote: string;
}
