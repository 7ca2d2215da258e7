// The generic adapter: parsePayload / parseDocument for platforms whose formats are read by the bounded scan
// (./scan.ts), and the URL rules (page kinds, interesting responses) built from a platform's data. Douyin and
// Kuaishou are this adapter plus their facts and rules (their content scripts start the page half only);
// JD and Pinduoduo use its pieces beside their own format-specific parsers.
import { MAX_ORDER_IDS } from '../../core/bounds';
import type { OrderObservation, ParcelObservation, Platform, Source } from '../../core/model';
import { readOrderStatus } from '../../core/status';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import type { PlatformFacts } from '../facts-types';
import type { ContentAdapter, PageKind, ParseDiagnostic, ParseResult, PlatformAdapter } from '../types';
import { extractLabelledPairs, type LabelledPairs } from './dom-pairs';
import type { ListReader } from './list-reader';
import { readEmbeddedJson } from './embedded-json';
import { fillMissing } from './fill-missing';
import { parseJsonPreservingIds, shapeOf } from './json-text';
import { indexKeys, isObj, keys, pickText, type Obj } from './keys';
import { emptyDropped, extractOrdersFromJson, MAX_NODES, type DroppedTracking, type ExtractOptions, type ExtractResult } from './scan';
import { fenAmount, idOf, parseTimeValue } from './values';

/** Validate labelled pairs from a page with the same carrier rules as JSON payloads. */
export function observationsFromPairs(pairs: LabelledPairs, opts: ExtractOptions): Omit<ExtractResult, 'unrecognized' | 'orderLike'> {
  const dropped = emptyDropped();
  const parcels: ParcelObservation[] = [];
  for (const lp of pairs.parcels) {
    const trackingNo = normalizeTrackingNumber(lp.trackingNo);
    if (!trackingNo || trackingNo.length > 64) {
      dropped.malformed++;
      continue;
    }
    if (!detectCarriers(trackingNo, lp.carrierName).length) {
      dropped.unsupported++;
      continue;
    }
    const orderId = lp.orderId ?? opts.contextOrderId;
    const p: ParcelObservation = { trackingNo, orderIds: orderId ? [orderId] : [] };
    if (lp.carrierName) p.carrierName = lp.carrierName;
    p.direction = lp.direction ?? 'outbound';
    if (lp.pickupCode) p.pickupCode = lp.pickupCode;
    parcels.push(p);
  }
  const orders: OrderObservation[] = [];
  const { statusText, createdText, amountText } = pairs.orderFields;
  const orderId = pairs.orderIds.length === 1 ? pairs.orderIds[0] : undefined;
  if (orderId && (statusText || createdText || amountText)) {
    const o: OrderObservation = { orderId };
    const createdAt = createdText ? parseTimeValue(createdText) : undefined;
    if (createdAt !== undefined) o.createdAt = createdAt;
    const amount = amountText ? fenAmount(amountText.replace(/^[^\d¥￥]+/, '')) : undefined;
    if (amount !== undefined) o.amount = amount;
    if (statusText) {
      o.statusText = statusText;
      const s = readOrderStatus(statusText);
      if (s) o.status = s;
    }
    orders.push(o);
  }
  return { orders, parcels, dropped };
}

export interface GenericParserConfig {
  platform: Exclude<Platform, 'manual' | 'taobao'>;
  pageKind(url: URL): PageKind | null;
  /** Query parameters that carry an order id on detail/logistics URLs. */
  orderIdParams: readonly string[];
  stateVariables?: readonly string[];
  now?: () => number;
  /** The platform's direct reader of its known list layout (./list-reader.ts): payloads it declines go to the scan. */
  readList?: ListReader;
}

const SOURCE_OF_KIND: Record<PageKind, Source> = {
  order_list: 'list',
  order_detail: 'detail',
  logistics: 'logistics',
  after_sale: 'after_sale',
};

/** Which kind of data a response URL returns, guessed from its path. */
export function sourceOfResponse(url: URL, pageKind: PageKind | null): Source {
  const p = `${url.pathname}`.toLowerCase();
  if (/after[-_]?sale|aftersale|refund|return/.test(p)) return 'after_sale';
  if (/logistic|express|track|trace|wuliu|transit/.test(p)) return 'logistics';
  if (/detail/.test(p)) return 'detail';
  if (/order/.test(p)) return 'list';
  return pageKind ? SOURCE_OF_KIND[pageKind] : 'list';
}

function contextOrderIdOf(urls: URL[], params: readonly string[]): string | undefined {
  for (const u of urls) for (const p of params) {
    const id = idOf(u.searchParams.get(p) ?? undefined);
    if (id) return id;
  }
  return undefined;
}

const SIGNED_OUT_RE = /未登录|请登录|登录失效|登录过期|重新登录|not\s*log(?:ged)?\s*in|login required/i;
const RISK_RE = /验证码|安全验证|风控|频繁|访问受限|captcha|verify|risk/i;
const MESSAGE_KEYS = keys('status_msg', 'message', 'msg', 'error_msg', 'err_msg', 'prompt', 'error', 'description', 'errmsg');

/** A payload that says "signed out" or "verify first" instead of orders. */
export function detectBlockedPayload(value: unknown): ParseDiagnostic | undefined {
  if (!isObj(value)) return undefined;
  const levels: Obj[] = [value];
  const data = indexKeys(value).get('data');
  if (isObj(data)) levels.push(data);
  for (const o of levels) {
    const msg = pickText(indexKeys(o), MESSAGE_KEYS, 200);
    if (!msg) continue;
    if (SIGNED_OUT_RE.test(msg)) return { kind: 'signed_out', message: 'The platform answered that the shopper is signed out' };
    if (RISK_RE.test(msg)) return { kind: 'risk_control', message: 'The platform answered with a verification / risk-control prompt' };
  }
  return undefined;
}

function droppedDiagnostic(d: DroppedTracking): ParseDiagnostic | undefined {
  const n = d.malformed + d.unsupported;
  if (!n) return undefined;
  return {
    kind: 'partial',
    message: `${n} tracking number(s) dropped: ${d.malformed} malformed, ${d.unsupported} matched no carrier rule and had no known carrier name beside them`,
  };
}

function mergeInto(target: ParseResult, r: { orders: OrderObservation[]; parcels: ParcelObservation[] }) {
  const orders = new Map(target.orders.map((o) => [o.orderId, o]));
  for (const o of r.orders) {
    const prev = orders.get(o.orderId);
    if (prev) fillMissing(prev, o);
    else {
      orders.set(o.orderId, o);
      target.orders.push(o);
    }
  }
  const parcels = new Map(target.parcels.map((p) => [p.trackingNo, p]));
  for (const p of r.parcels) {
    const prev = parcels.get(p.trackingNo);
    if (prev) {
      prev.orderIds = [...new Set([...prev.orderIds, ...p.orderIds])].slice(0, MAX_ORDER_IDS);
      fillMissing(prev, p);
    } else {
      parcels.set(p.trackingNo, p);
      target.parcels.push(p);
    }
  }
}

/** The platform's direct list reader's result, or (when it declines, or fails) the scan's: the same output. */
function readListOrScan(readList: ListReader | undefined, value: unknown, opts: ExtractOptions): ExtractResult {
  if (readList) {
    try {
      const read = readList(value, opts);
      if ('result' in read) return read.result;
    } catch {
      // the scan reads it
    }
  }
  return extractOrdersFromJson(value, opts);
}

/** The shop's clock, or undefined if an injected one throws. */
const nowOf = (config: GenericParserConfig) => {
  try {
    return config.now ? config.now() : Date.now();
  } catch {
    return undefined;
  }
};

/** parsePayload for adapters whose answers are read by the generic scan (or the platform's list reader). */
export function createGenericPayloadParser(config: GenericParserConfig): PlatformAdapter['parsePayload'] {
  const now = () => nowOf(config);
  const parsePayload = (body: string, responseUrl: URL, pageUrl: URL): ParseResult | null => {
    try {
      const value = parseJsonPreservingIds(body);
      if (value === undefined) return null;
      const kind = config.pageKind(pageUrl);
      const source = sourceOfResponse(responseUrl, kind);
      const contextOrderId = contextOrderIdOf([responseUrl, pageUrl], config.orderIdParams);
      const opts: ExtractOptions = { platform: config.platform, now: now(), contextOrderId };
      const r = readListOrScan(config.readList, value, opts);
      const result: ParseResult = { source, orders: r.orders, parcels: r.parcels, diagnostics: [] };
      if (!r.orders.length && !r.parcels.length) {
        const blocked = detectBlockedPayload(value);
        if (blocked) {
          result.diagnostics.push(blocked);
          return result;
        }
        if (!r.orderLike) return null;
      }
      if (r.unrecognized) {
        result.diagnostics.push({ kind: 'unrecognized', message: 'Order-like payload with no readable orders or parcels', shape: shapeOf(value) });
      }
      const d = droppedDiagnostic(r.dropped);
      if (d) result.diagnostics.push(d);
      if (r.cut) result.diagnostics.push({ kind: 'partial', message: `payload over ${MAX_NODES} values: read ${r.orders.length} orders from its start, the rest not read` });
      return result;
    } catch {
      return {
        source: 'list',
        orders: [],
        parcels: [],
        diagnostics: [{ kind: 'error', message: 'The payload parser failed' }],
      };
    }
  };
  return parsePayload;
}

/** parseDocument for adapters whose pages are read by the generic scan (embedded state, then DOM pairs). */
export function createGenericPageParser(config: GenericParserConfig): PlatformAdapter['parseDocument'] {
  const now = () => nowOf(config);
  const parseDocument = (doc: Document, url: URL): ParseResult => {
    const kind = config.pageKind(url);
    const result: ParseResult = { source: kind ? SOURCE_OF_KIND[kind] : 'list', orders: [], parcels: [], diagnostics: [] };
    // Not an order page (feeds, product pages): read nothing.
    if (!kind) return result;
    try {
      const contextOrderId = contextOrderIdOf([url], config.orderIdParams);
      const opts: ExtractOptions = { platform: config.platform, now: now(), contextOrderId };
      const dropped = emptyDropped();
      const unrecognized: unknown[] = [];
      for (const value of readEmbeddedJson(doc, config.stateVariables)) {
        const r = extractOrdersFromJson(value, opts);
        mergeInto(result, r);
        dropped.malformed += r.dropped.malformed;
        dropped.unsupported += r.dropped.unsupported;
        if (r.unrecognized) unrecognized.push(value);
      }
      // DOM pairs: the fallback when embedded state gave no parcel.
      if (!result.parcels.length && doc.body) {
        const r = observationsFromPairs(extractLabelledPairs(doc.body), opts);
        mergeInto(result, r);
        dropped.malformed += r.dropped.malformed;
        dropped.unsupported += r.dropped.unsupported;
      }
      if (!result.orders.length && !result.parcels.length && unrecognized.length) {
        result.diagnostics.push({
          kind: 'unrecognized',
          message: 'Embedded page state looks like orders but none could be read',
          shape: shapeOf(unrecognized[0]),
        });
      }
      const d = droppedDiagnostic(dropped);
      if (d) result.diagnostics.push(d);
    } catch {
      result.diagnostics.push({ kind: 'error', message: 'The page parser failed' });
    }
    return result;
  };

  return parseDocument;
}

/** What the generic adapter needs to know about a platform's URLs, as data. */
export interface GenericUrlRules {
  /** Seller back-offices and tools on the same domains: not the shopper's orders. */
  sellerHost: RegExp;
  /** First rule that matches the path (+ hash, for SPA routes) wins. */
  pageKinds: readonly (readonly [PageKind, RegExp])[];
  /** Query parameters that carry an order id on detail / logistics URLs. */
  orderIdParams: readonly string[];
  /** Telemetry hosts or paths whose URLs mention "track" but never carry orders (tested on host and path). */
  telemetry: RegExp;
  /** Global variables the pages assign their state to (default: embedded-json.ts STATE_VARIABLES). */
  stateVariables?: readonly string[];
}

const INTERESTING_RE = /order|logistic|express|track|trace|after[-_]?sale|aftersale|refund|wuliu/i;
const STATIC_RE = /\.(?:m?js|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|map|mp4|m3u8|ts|json5)$/i;

/** pageKind / isInterestingResponse from a platform's page hosts and rules. */
export function genericUrlReaders(pageHosts: readonly string[], rules: GenericUrlRules) {
  const onHost = (host: string) => pageHosts.some((s) => host === s || host.endsWith(`.${s}`));
  const pageKind = (url: URL): PageKind | null => {
    if (!onHost(url.hostname) || rules.sellerHost.test(url.hostname)) return null;
    const where = `${url.pathname}${url.hash}`;
    for (const [kind, re] of rules.pageKinds) if (re.test(where)) return kind;
    return null;
  };
  const isInterestingResponse = (url: string): boolean => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (!/^https?:$/.test(u.protocol) || STATIC_RE.test(u.pathname)) return false;
    if (rules.telemetry.test(u.hostname) || rules.telemetry.test(u.pathname)) return false;
    return INTERESTING_RE.test(`${u.pathname}${u.search}`);
  };
  return { pageKind, isInterestingResponse };
}

/** A content script's adapter from data: the platform's facts and URL rules, its pages read by the generic scan.
 * Captured answers are read in the background (createGenericAdapter), so their parser is not in here. */
export function createGenericPageAdapter<P extends Exclude<Platform, 'manual' | 'taobao'>>(
  facts: PlatformFacts & { id: P },
  rules: GenericUrlRules,
  opts: { now?: () => number } = {},
): ContentAdapter {
  const { pageKind, isInterestingResponse } = genericUrlReaders(facts.pageHosts, rules);
  const parseDocument = createGenericPageParser({ platform: facts.id, pageKind, orderIdParams: rules.orderIdParams, stateVariables: rules.stateVariables, now: opts.now });
  return { id: facts.id, facts, pageKind, isInterestingResponse, parseDocument };
}

/** A whole adapter from data: the page adapter plus its captured answers, read by the platform's list reader
 * (when it has one) or the generic scan. */
export function createGenericAdapter<P extends Exclude<Platform, 'manual' | 'taobao'>>(
  facts: PlatformFacts & { id: P },
  rules: GenericUrlRules,
  opts: { now?: () => number; readList?: ListReader } = {},
): PlatformAdapter {
  const pages = createGenericPageAdapter(facts, rules, opts);
  const parsePayload = createGenericPayloadParser({ platform: facts.id, pageKind: pages.pageKind, orderIdParams: rules.orderIdParams, now: opts.now, readList: opts.readList });
  return { ...pages, parsePayload };
}
