// The contract every platform adapter fulfils. Parse functions are pure (no browser.*, no Dexie, no fetch):
// they run unchanged in happy-dom tests, in the content script and in benchmarks.
import type { Diagnostic, OrderObservation, ParcelObservation, Source } from '../core/model';
import type { ShopPlatform } from '../core/settings';
import type { PlatformFacts } from './facts-types';

export type PageKind = 'order_list' | 'order_detail' | 'logistics' | 'after_sale';

/** A diagnostic as a parser reports it; the capture layer adds platform, url and time. */
export type ParseDiagnostic = Pick<Diagnostic, 'kind' | 'message' | 'shape'>;

/** Follow-ups the content script fetches itself; every other kind is a page the background opens (opt-in). */
export const FETCHED_FOLLOW_UPS = ['taobao_transit_step'] as const;
export type FollowUpKind = (typeof FETCHED_FOLLOW_UPS)[number] | 'jd_logistics_page';
export const isFetchedFollowUp = (f: FollowUp): boolean => (FETCHED_FOLLOW_UPS as readonly string[]).includes(f.kind);

/** Open orders (on their way: what the shopper waits for) are asked before finished ones (history). */
export type FollowUpPriority = 'open' | 'finished';

/** What the parser asks for next: a request the content script makes on its own origin (Taobao
 * transit_step.do), or a page the background opens in an inactive tab for the content script there to read
 * (JD's mobile logistics page, a client-rendered app with no knowable data endpoint). */
export interface FollowUp {
  kind: FollowUpKind;
  orderId: string;
  /** Absolute URL on the platform's own host. */
  url: string;
  /** Absent means 'open'. */
  priority?: FollowUpPriority;
}

export interface ParseResult {
  source: Source;
  orders: OrderObservation[];
  parcels: ParcelObservation[];
  diagnostics: ParseDiagnostic[];
  followUps?: FollowUp[];
}

export interface PlatformAdapter {
  id: ShopPlatform;
  /** The platform's facts as data (hosts, match patterns, order list URL, image CDNs …): ./facts.ts. */
  facts: PlatformFacts;
  /** Which kind of order page a URL is, or null when the adapter does not read it. */
  pageKind(url: URL): PageKind | null;
  /** True for response URLs the MAIN-world hook should copy (orders, logistics, express/track, after-sale). */
  isInterestingResponse(url: string): boolean;
  /** Embedded JSON and DOM fallback of a loaded page. Never throws. */
  parseDocument(doc: Document, url: URL): ParseResult;
  /** A captured response body (JSON or JSONP text). Returns null if the payload is not an order/logistics
   * payload at all; a payload that looks like one but cannot be read gives a diagnostic. Never throws. */
  parsePayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null;
}

/** What a content script starts: the page readers. Captured answers are read in the background
 * (capture/read-response.ts), so a content script needs `parsePayload` only for the answers to the follow-ups
 * it fetches itself (FETCHED_FOLLOW_UPS); leaving it out keeps the other platforms' scripts within budget. */
export type ContentAdapter = Omit<PlatformAdapter, 'parsePayload'> & Partial<Pick<PlatformAdapter, 'parsePayload'>>;

export const emptyResult = (source: Source): ParseResult => ({ source, orders: [], parcels: [], diagnostics: [] });
