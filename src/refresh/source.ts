// One interface for every place refreshed tracking can come from (issue #6): Taobao's transit_step.do with
// the shopper's cookies, Kuaidi100 and 17TRACK with the shopper's own keys. A source is pure apart from the
// injected `fetch`, so each is unit-tested against fixtures in its documented format; the scheduler
// (src/refresh/scheduler.ts) decides what is due, rate-limits per host and ingests the batches.
import type { ObservationBatch, ParcelStatus, Platform } from '../core/model';
import type { Settings, ShopPlatform, SourceId } from '../core/settings';

/** A parcel due for a refresh, with what a source may need to query it. */
export interface RefreshTarget {
  /** Parcel key `${carrier}:${trackingNo}` */
  key: string;
  carrier: string;
  trackingNo: string;
  status: ParcelStatus;
  /** Receiver phone tail (SF and ZTO queries at Kuaidi100 need it). */
  phoneTail?: string;
  /** Linked orders: Taobao's transit_step.do is queried by order id. */
  orders: { platform: Platform; orderId: string }[];
}

export type RefreshOutcome =
  /** Answered; `batch` holds what the source knows (it may be no news). */
  | 'ok'
  /** The service has no record of this number (yet). Not an error for backoff purposes beyond one step. */
  | 'not_found'
  /** The service refused the key / signature: stop using the source until the user fixes the settings. */
  | 'bad_key'
  /** Too many requests or quota exhausted: try again after `retryAfterMs`. */
  | 'rate_limited'
  /** The platform says the shopper is signed out: show "needs sign-in", do not retry. */
  | 'signed_out'
  /** The platform answered with a slider / risk-control page: show "needs sign-in", do not retry. */
  | 'risk_control'
  /** This source cannot query this parcel (no order id, carrier unknown, phone tail missing...). */
  | 'unsupported'
  /** Network error, malformed answer, server error. */
  | 'error';

export interface RefreshResult {
  key: string;
  outcome: RefreshOutcome;
  /** Observations (source 'refresh') to merge; present when outcome is 'ok'. */
  batch?: ObservationBatch;
  /** For rate_limited: how long to wait. */
  retryAfterMs?: number;
  /** Short, key-free explanation for the settings page ("签名验证失败"). Never contains secrets. */
  message?: string;
  /** Set when the answer also needs something from the user (e.g. the phone tail for SF). */
  needs?: 'phone_tail';
}

export interface SourceContext {
  fetch: typeof fetch;
  settings: Settings;
  now: number;
}

export interface TrackingSource {
  id: SourceId;
  /** Origin patterns it fetches, for the optional host permission request (platform hosts need none). */
  origins: string[];
  /** The shop platform whose signed-in session this source uses (its "needs sign-in" pauses the source, and its
   * signed-out answers mark that platform); absent for tracking services with their own keys. */
  platform?: ShopPlatform;
  /** Host used for the per-host rate limit. */
  host: string;
  /** Minimum gap between two requests to `host`. */
  minIntervalMs: number;
  /** Targets per call (17TRACK takes up to 40 numbers per request; the others one). */
  maxBatch: number;
  /** Is the source configured (keys present, switched on)? */
  enabled(settings: Settings): boolean;
  /** Can this source query this parcel at all? */
  canRefresh(target: RefreshTarget, settings: Settings): boolean;
  /** Query up to maxBatch targets. Never throws: failures are outcomes. One result per target, same order. */
  refresh(targets: RefreshTarget[], ctx: SourceContext): Promise<RefreshResult[]>;
}
