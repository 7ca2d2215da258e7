// The bounded scan (platform-formats.md §0 / §5: "candidate keys + recursive scan"): a cycle-safe walk over a
// JSON value of unknown format that recognizes orders and parcels by candidate keys (./candidate-keys.ts),
// snake_case and camelCase alike. Pure: no browser APIs, never eval. Depth, node and size bounds keep a
// hostile payload from costing more than a capped amount of work.
import { MAX_EVENTS, MAX_ITEMS, MAX_ORDER_IDS } from '../../core/bounds';
import { resolveCarrierName } from '../../core/carriers';
import type {
  AfterSaleObservation,
  EventObservation,
  ItemObservation,
  OrderObservation,
  OrderPromise,
  OrderStatus,
  ParcelObservation,
  Platform,
} from '../../core/model';
import { readOrderStatus } from '../../core/status';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import { platformFacts } from '../facts';
import type { AfterSaleStatusCodes } from '../facts-types';
import {
  AFTER_SALE_CONTAINER_RE, AFTER_SALE_ID_KEYS, AFTER_SALE_TYPE_KEYS, EXCHANGE_CONTAINER_RE, AMBIGUOUS_TRACKING_KEYS, CARRIER_CODE_KEYS, CARRIER_KEYS, CARRIER_OBJECT_KEYS,
  CREATED_KEYS, DELIVERED_KEYS, EVENT_LOCATION_KEYS, EVENT_TEXT_KEYS, EVENT_TIME_KEYS, IMAGE_KEYS, ITEM_CONTAINER_RE,
  ITEM_ID_KEYS, ITEM_ONLY_TITLE_KEYS, ITEM_PRICE_KEYS, LOGISTICS_CONTAINER_RE, LOGISTICS_STATUS_KEYS, ORDER_AMOUNT_KEYS,
  ORDER_ID_KEYS, ORDER_IDS_KEYS, ORDER_STATUS_KEYS, ORDERISH_RE, PAID_KEYS, PARCEL_STATUS_KEYS, PICKUP_KEYS,
  QUANTITY_KEYS, RETURN_PREFIXES, SHIPPED_KEYS, SHOP_ID_KEYS, SHOP_NAME_KEYS, SHOP_OBJECT_KEYS, SKU_KEYS, STATION_KEYS,
  TITLE_KEYS, TRACKING_KEYS, URL_KEYS,
} from './candidate-keys';
import { findPickupCode } from './dom-pairs';
import { fillMissing } from './fill-missing';
import { parseJsonPreservingIds } from './json-text';
import { indexKeys, isObj, keys, MAX_KEYS, mayHold, pickText, pickWith, withKeyIndexCache, type Obj } from './keys';
import { parsePromiseText } from './promise-text';
import { afterSaleFromTexts, orderStatusOfAfterSale } from './after-sale-text';
import { RETURN_STATE_RANK, type DeliveryService } from '../../core/after-sale';
import { readAfterSaleKind, serviceFrom } from '../../core/after-sale-read';
import { cleanText, fenAmount, idOf, parseTimeValue, quantityOf, textOf, urlOn } from './values';

const MAX_DEPTH = 12;
/** Values visited per payload: a 10,000-order Kuaishou list is about 1 M. The scan runs in the background,
 * and a body is at most 12 M characters (MAX_BODY_CHARS), so this only stops pathological payloads. */
export const MAX_NODES = 4_000_000;
const MAX_JSON_STRINGS = 20; // JSON nested as a string value ("logistics_info": "{…}")
const MAX_JSON_STRING_CHARS = 500_000;

/** Image values come as a string, an array of strings, or `{url_list:[…]}` / `{url: …}` objects. */
function imageOf(v: unknown, hosts: readonly string[], depth = 0): string | undefined {
  if (typeof v === 'string') return urlOn(v, hosts);
  if (depth > 2) return undefined;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 10)) {
      const u = imageOf(x, hosts, depth + 1);
      if (u) return u;
    }
    return undefined;
  }
  if (isObj(v)) {
    const m = indexKeys(v);
    return imageOf(m.get('urllist') ?? m.get('url') ?? m.get('uri') ?? m.get('src'), hosts, depth + 1);
  }
  return undefined;
}

export interface ExtractOptions {
  platform: Platform;
  /** ms since epoch; anchors relative promises ("明天送达") when the order has no time of its own. */
  now?: number;
  /** An order id known from the page/response URL, for parcels found outside any order object. */
  contextOrderId?: string;
  /** Override the platform's image CDN list. */
  imageHosts?: readonly string[];
  /** Override the platform's after-sale status codes (facts.afterSaleStatusCodes), read where no words name the state. */
  afterSaleCodes?: AfterSaleStatusCodes;
}

/** Why tracking numbers were dropped (counts only, never the numbers). */
export interface DroppedTracking {
  /** normalizeTrackingNumber() rejected it. */
  malformed: number;
  /** No carrier rule matches it and no known carrier name stands beside it. */
  unsupported: number;
}

export interface ExtractResult {
  orders: OrderObservation[];
  parcels: ParcelObservation[];
  /** Order-like arrays were present but nothing could be read from them. */
  unrecognized: boolean;
  /** The payload looks like orders/logistics at all (order or tracking keys, order-ish containers). */
  orderLike: boolean;
  dropped: DroppedTracking;
  /** The scan stopped at MAX_NODES: what it read is kept, the rest of the payload was not read. */
  cut?: boolean;
}

interface Ctx {
  depth: number;
  orderId?: string;
  afterSale: boolean;
  /** Under an exchange's resend container: parcels here go back to the shopper (outbound, exchange). */
  exchange?: boolean;
  inItems: boolean;
  /** The object holding this one, when reached through a key (not an array). */
  parent?: Obj;
}

interface TrackingHit {
  raw: string;
  returnKey: boolean;
}

const RETURN_TRACKING_KEYS = keys(...RETURN_PREFIXES.flatMap((p) => TRACKING_KEYS.map((k) => p + k)));
const RETURN_KEYS = new Set(RETURN_TRACKING_KEYS);
const RETURN_CARRIER_KEYS = keys(...RETURN_PREFIXES.flatMap((p) => CARRIER_KEYS.map((k) => p + k)));
const CARRIER_NAME_IN_OBJECT_KEYS = keys(...CARRIER_KEYS, 'name', 'title');
const SPEC_NAME_KEYS = keys('name', 'key', 'spec_name');
const SPEC_VALUE_KEYS = keys('value', 'spec_value', 'desc');
const SHOP_NAME_IN_OBJECT_KEYS = keys(...SHOP_NAME_KEYS, 'name', 'title', 'nick');
const SHOP_ID_IN_OBJECT_KEYS = keys(...SHOP_ID_KEYS, 'id');
/** Strings findPromise() does not read: titles. */
const PROMISE_SKIP_KEYS = new Set([...TITLE_KEYS, ...ITEM_ONLY_TITLE_KEYS]);

// What a (normalized) key says about the value under it, tested once per distinct key.
const ITEM_CONTAINER = 1;
const LOGISTICS_CONTAINER = 2;
const AFTER_SALE_CONTAINER = 4;
const ORDERISH = 8;
const KEY_FLAGS = new Map<string, number>();
function keyFlags(k: string): number {
  let f = KEY_FLAGS.get(k);
  if (f === undefined) {
    f = (ITEM_CONTAINER_RE.test(k) ? ITEM_CONTAINER : 0) | (LOGISTICS_CONTAINER_RE.test(k) ? LOGISTICS_CONTAINER : 0) |
      (AFTER_SALE_CONTAINER_RE.test(k) ? AFTER_SALE_CONTAINER : 0) | (ORDERISH_RE.test(k) ? ORDERISH : 0);
    if (KEY_FLAGS.size >= 20_000) KEY_FLAGS.clear();
    KEY_FLAGS.set(k, f);
  }
  return f;
}

/** False for strings that surely are not JSON text: they start with neither '{', '[' nor white space (what
 * trimStart() would remove; \s is the same set). */
const SPACE_RE = /\s/;
export function mayBeJson(s: string): boolean {
  if (!s) return false;
  const c = s.charCodeAt(0);
  return c === 123 || c === 91 || (c < 127 ? c <= 32 : SPACE_RE.test(s[0]));
}

const PLACEHOLDER_RE = /^[0\s\-—_.]*$/;

export function trackingRawOf(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  // Empty, "0", "-", "暂无": an unshipped order, not a rejected number.
  if (!s || PLACEHOLDER_RE.test(s) || !/\d/.test(s)) return undefined;
  return s.slice(0, 100);
}

function trackingOf(m: Map<string, unknown>): TrackingHit | undefined {
  const direct = pickWith(m, TRACKING_KEYS, trackingRawOf);
  if (direct) return { raw: direct, returnKey: false };
  if (mayHold(m, RETURN_TRACKING_KEYS)) for (const [k, v] of m) {
    if (!RETURN_KEYS.has(k)) continue;
    const raw = trackingRawOf(v);
    if (raw) return { raw, returnKey: true };
  }
  // logistics_code: a number only when it has enough digits; "ZTO"/"zhongtong" is a carrier code.
  const amb = pickWith(m, AMBIGUOUS_TRACKING_KEYS, trackingRawOf);
  if (amb && (amb.match(/\d/g)?.length ?? 0) >= 6) return { raw: amb, returnKey: false };
  return undefined;
}

function carrierNameOf(m: Map<string, unknown>): string | undefined {
  const direct = pickText(m, CARRIER_KEYS, 100) ?? pickText(m, RETURN_CARRIER_KEYS, 100);
  if (direct) return direct;
  for (const k of CARRIER_OBJECT_KEYS) {
    const v = m.get(k);
    if (isObj(v)) {
      const inner = indexKeys(v);
      const name = pickText(inner, CARRIER_NAME_IN_OBJECT_KEYS, 100);
      if (name) return name;
    }
  }
  return undefined;
}

function carrierCodeOf(m: Map<string, unknown>): string | undefined {
  const code = pickText(m, CARRIER_CODE_KEYS, 40);
  if (code) return code;
  const amb = pickText(m, AMBIGUOUS_TRACKING_KEYS, 40);
  return amb && /^[A-Za-z][A-Za-z0-9_]{1,30}$/.test(amb) ? amb : undefined;
}

function eventOf(o: Obj): EventObservation | undefined {
  const m = indexKeys(o);
  if (pickWith(m, TRACKING_KEYS, trackingRawOf) || pickWith(m, ORDER_ID_KEYS, idOf)) return undefined;
  const time = pickWith(m, EVENT_TIME_KEYS, parseTimeValue);
  const text = pickText(m, EVENT_TEXT_KEYS, 1000);
  if (time === undefined || !text) return undefined;
  const ev: EventObservation = { time, text };
  const location = pickText(m, EVENT_LOCATION_KEYS, 200);
  if (location) ev.location = location;
  return ev;
}

// The same array is asked for its events by the parcel beside it, by findPromise() and by findEvents(): read once
// per scan (a copy each time, so no two observations share one array or event).
let eventsCache: WeakMap<unknown[], EventObservation[] | undefined> | undefined;
function withEventsCache<T>(f: () => T): T {
  if (eventsCache) return f();
  eventsCache = new WeakMap();
  try {
    return f();
  } finally {
    eventsCache = undefined;
  }
}

/** Events of an array when at least half its objects read as {time, text}. */
function eventsOfArray(arr: unknown[]): EventObservation[] | undefined {
  if (!eventsCache) return readEventsOfArray(arr);
  let events: EventObservation[] | undefined;
  if (eventsCache.has(arr)) events = eventsCache.get(arr);
  else eventsCache.set(arr, (events = readEventsOfArray(arr)));
  return events?.map((e) => ({ ...e }));
}

function readEventsOfArray(arr: unknown[]): EventObservation[] | undefined {
  const out: EventObservation[] = [];
  const seen = new Set<string>();
  let objects = 0;
  for (const el of arr.slice(0, MAX_EVENTS * 2)) {
    if (!isObj(el)) continue;
    objects++;
    const ev = eventOf(el);
    if (!ev) continue;
    const id = `${ev.time}|${ev.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(ev);
  }
  return out.length && out.length * 2 >= objects ? out.slice(0, MAX_EVENTS) : undefined;
}

/** The longest event-like array inside a parcel object (not crossing into another parcel). */
function findEvents(o: Obj, depth = 0): EventObservation[] | undefined {
  let best: EventObservation[] | undefined;
  for (const v of Object.values(o).slice(0, MAX_KEYS)) {
    let found: EventObservation[] | undefined;
    if (Array.isArray(v)) found = eventsOfArray(v);
    else if (isObj(v) && depth < 2 && !trackingOf(indexKeys(v))) found = findEvents(v, depth + 1);
    if (found && (!best || found.length > best.length)) best = found;
  }
  return best;
}

function skuOf(m: Map<string, unknown>): string | undefined {
  for (const k of SKU_KEYS) {
    const v = m.get(k);
    if (typeof v === 'string' && v.trim()) return cleanText(v, 300);
    if (Array.isArray(v)) {
      // Douyin-style sku_spec: [{name:"颜色", value:"白色"}, …]
      const parts = v
        .slice(0, 20)
        .map((x) => {
          if (typeof x === 'string') return x.trim();
          if (!isObj(x)) return '';
          const xm = indexKeys(x);
          const name = pickText(xm, SPEC_NAME_KEYS, 50);
          const value = pickText(xm, SPEC_VALUE_KEYS, 100);
          return name && value ? `${name}:${value}` : (value ?? '');
        })
        .filter(Boolean);
      if (parts.length) return cleanText(parts.join('; '), 300);
    }
  }
  return undefined;
}

function itemOf(m: Map<string, unknown>, inItems: boolean, hosts: readonly string[]): ItemObservation | undefined {
  const title = pickText(m, TITLE_KEYS, 500) ?? (inItems ? pickText(m, ITEM_ONLY_TITLE_KEYS, 500) : undefined);
  if (!title) return undefined;
  const item: ItemObservation = { title };
  const itemId = pickWith(m, ITEM_ID_KEYS, idOf);
  if (itemId) item.itemId = itemId;
  const sku = skuOf(m);
  if (sku) item.sku = sku;
  const quantity = pickWith(m, QUANTITY_KEYS, quantityOf);
  if (quantity !== undefined) item.quantity = quantity;
  const price = pickWith(m, ITEM_PRICE_KEYS, fenAmount);
  if (price !== undefined) item.price = price;
  const imageUrl = pickWith(m, IMAGE_KEYS, (v) => imageOf(v, hosts));
  if (imageUrl) item.imageUrl = imageUrl;
  return item;
}

const orderIdOf = (m: Map<string, unknown>) => pickWith(m, ORDER_ID_KEYS, idOf);

/** Items of one order: item objects below it, not inside another order; logistics subtrees only as fallback. */
function collectItems(order: Obj, orderId: string, hosts: readonly string[]): ItemObservation[] {
  const items: ItemObservation[] = [];
  const seen = new Set<string>();
  const visited = new Set<object>();
  const add = (it: ItemObservation) => {
    const id = `${it.itemId ?? ''}|${it.title}|${it.sku ?? ''}`;
    if (seen.has(id) || items.length >= MAX_ITEMS) return;
    seen.add(id);
    items.push(it);
  };
  const walk = (v: unknown, depth: number, inItems: boolean, allowLogistics: boolean) => {
    if (depth > 5 || visited.size > 5_000) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 500)) walk(x, depth + 1, inItems, allowLogistics);
      return;
    }
    if (!isObj(v) || visited.has(v)) return;
    visited.add(v);
    const m = indexKeys(v);
    const otherId = orderIdOf(m);
    if (depth > 0 && otherId && otherId !== orderId && !inItems) return; // another order
    if (depth > 0 && pickWith(m, AFTER_SALE_ID_KEYS, idOf)) return; // an after-sale record, not a bought item
    const it = depth > 0 || !inItems ? itemOf(m, inItems, hosts) : undefined;
    if (it) {
      add(it);
      return;
    }
    for (const [k, child] of m) {
      if (child === null || typeof child !== 'object') continue;
      const f = keyFlags(k);
      if (f & AFTER_SALE_CONTAINER) continue;
      if (!allowLogistics && f & LOGISTICS_CONTAINER) continue;
      walk(child, depth + 1, inItems || (f & ITEM_CONTAINER) !== 0, allowLogistics);
    }
  };
  walk(order, 0, false, false);
  if (!items.length) {
    visited.clear();
    walk(order, 0, false, true);
  }
  return items;
}

/** First promise text among the order's own strings (not titles, not items, not track events). */
function findPromise(order: Obj, orderId: string, orderAt: number | undefined, now: number | undefined): OrderPromise | undefined {
  let ship: OrderPromise | undefined;
  let deliver: OrderPromise | undefined;
  let budget = 2_000;
  const walk = (v: unknown, depth: number) => {
    if (deliver || depth > 4 || budget-- <= 0) return;
    if (typeof v === 'string') {
      if (v.length > 200) return;
      const p = parsePromiseText(v, orderAt, now);
      if (p?.kind === 'deliver_by') deliver = p;
      else if (p && !ship) ship = p;
      return;
    }
    if (Array.isArray(v)) {
      if (eventsOfArray(v)) return;
      for (const x of v.slice(0, 50)) walk(x, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    const m = indexKeys(v);
    const otherId = orderIdOf(m);
    if (depth > 0 && otherId && otherId !== orderId) return;
    for (const [k, child] of m) {
      if (PROMISE_SKIP_KEYS.has(k) || keyFlags(k) & (ITEM_CONTAINER | AFTER_SALE_CONTAINER)) continue;
      walk(child, depth + 1);
    }
  };
  walk(order, 0);
  return deliver ?? ship;
}

/** The delivery service among the order's own strings (送货上门, 音尊达 …), like findPromise's walk. */
function findService(order: Obj, orderId: string): DeliveryService | undefined {
  const texts: string[] = [];
  let budget = 2_000;
  const skipKeys = new Set([...TITLE_KEYS, ...ITEM_ONLY_TITLE_KEYS]);
  const walk = (v: unknown, depth: number) => {
    if (depth > 4 || budget-- <= 0 || texts.length > 200) return;
    if (typeof v === 'string') {
      if (v.length <= 120) texts.push(v);
      return;
    }
    if (Array.isArray(v)) {
      if (eventsOfArray(v)) return;
      for (const x of v.slice(0, 50)) walk(x, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    const m = indexKeys(v);
    const otherId = orderIdOf(m);
    if (depth > 0 && otherId && otherId !== orderId) return;
    for (const [k, child] of m) {
      if (skipKeys.has(k) || ITEM_CONTAINER_RE.test(k) || AFTER_SALE_CONTAINER_RE.test(k)) continue;
      walk(child, depth + 1);
    }
  };
  walk(order, 0);
  return serviceFrom(texts);
}

/** Strings of an after-sale object and its direct children (status, tips, the booked pickup block). */
function shallowStrings(o: Obj): string[] {
  const out: string[] = [];
  for (const v of Object.values(o).slice(0, MAX_KEYS)) {
    if (typeof v === 'string') out.push(v);
    else if (isObj(v)) {
      const inner = Object.values(v).slice(0, 50).filter((w): w is string => typeof w === 'string');
      // A block's strings read together: {"title":"预约上门取件","time_desc":"11月25日 14:00-16:00"} is one window.
      if (inner.length > 1) out.push(inner.join(' ').slice(0, 200));
      out.push(...inner);
    }
  }
  return out;
}

function shopOf(m: Map<string, unknown>): { name?: string; id?: string } {
  let name = pickText(m, SHOP_NAME_KEYS, 200);
  let id = pickWith(m, SHOP_ID_KEYS, idOf);
  for (const k of SHOP_OBJECT_KEYS) {
    if (name && id) break;
    const v = m.get(k);
    if (!isObj(v)) continue;
    const inner = indexKeys(v);
    name ??= pickText(inner, SHOP_NAME_IN_OBJECT_KEYS, 200);
    id ??= pickWith(inner, SHOP_ID_IN_OBJECT_KEYS, idOf);
  }
  return { name, id };
}

export const emptyDropped = (): DroppedTracking => ({ malformed: 0, unsupported: 0 });

/** Orders and parcels found anywhere in a JSON value. Never throws; returns what it read so far on error. */
export function extractOrdersFromJson(value: unknown, opts: ExtractOptions): ExtractResult {
  const hosts = opts.imageHosts ?? platformFacts(opts.platform)?.imageCdns ?? [];
  const pageHosts = platformFacts(opts.platform)?.pageHosts ?? [];
  const orders = new Map<string, OrderObservation>();
  const refunds = new Map<string, OrderStatus>();
  const parcels = new Map<string, ParcelObservation>();
  const dropped = emptyDropped();
  const seen = new Set<object>();
  let nodes = 0;
  let cut = false;
  let jsonStrings = 0;
  let orderLike = false;
  let orderishArrays = 0;

  const mergeOrder = (o: OrderObservation) => mergeOrderObservation(orders, o);

  const codes = opts.afterSaleCodes ?? platformFacts(opts.platform)?.afterSaleStatusCodes;
  const codeKeys = codes ? keys(...codes.keys) : undefined;
  /** The state a numeric status code gives (the platform's table), when no words did. */
  const afterSaleFromCode = (m: Map<string, unknown>, kindText: string | undefined): AfterSaleObservation | undefined => {
    // Only on the after-sale record itself (it carries its own id): an order nested in it has a status code of its own.
    if (!codes || !codeKeys || !pickWith(m, AFTER_SALE_ID_KEYS, idOf)) return undefined;
    const code = pickWith(m, codeKeys, (v) => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : undefined));
    const state = code === undefined ? undefined : codes.states[code];
    if (!state) return undefined;
    const a: AfterSaleObservation = { state };
    const kind = readAfterSaleKind(kindText);
    if (kind) a.kind = kind;
    return a;
  };
  const afterSales = new Map<string, AfterSaleObservation>();
  const noteAfterSale = (orderId: string, o: Obj, m: Map<string, unknown>) => {
    const status = pickText(m, ORDER_STATUS_KEYS, 100);
    const kindText = pickText(m, AFTER_SALE_TYPE_KEYS, 40);
    const a = afterSaleFromTexts([status, ...shallowStrings(o)], opts.now ?? Date.now(), kindText) ?? afterSaleFromCode(m, kindText);
    if (!a) return;
    const prev = afterSales.get(orderId);
    if (!prev || RETURN_STATE_RANK[a.state] > RETURN_STATE_RANK[prev.state]) afterSales.set(orderId, { ...prev, ...a });
  };

  const noteRefund = (orderId: string, text: string | undefined) => {
    const s = readOrderStatus(text);
    if (s !== 'refunded' && s !== 'refunding') return;
    if (refunds.get(orderId) !== 'refunded') refunds.set(orderId, s);
  };

  const readOrder = (o: Obj, m: Map<string, unknown>, orderId: string): boolean => {
    const obs: OrderObservation = { orderId };
    const shop = shopOf(m);
    if (shop.name) obs.shopName = shop.name;
    if (shop.id) obs.shopId = shop.id;
    const items = collectItems(o, orderId, hosts);
    if (items.length) obs.items = items;
    const amount = pickWith(m, ORDER_AMOUNT_KEYS, fenAmount);
    if (amount !== undefined) obs.amount = amount;
    const createdAt = pickWith(m, CREATED_KEYS, parseTimeValue);
    if (createdAt !== undefined) obs.createdAt = createdAt;
    const paidAt = pickWith(m, PAID_KEYS, parseTimeValue);
    if (paidAt !== undefined) obs.paidAt = paidAt;
    const statusText = pickText(m, ORDER_STATUS_KEYS, 100);
    if (statusText) {
      obs.statusText = statusText;
      const status = readOrderStatus(statusText);
      if (status) obs.status = status;
    }
    const url = pickWith(m, URL_KEYS, (v) => urlOn(v, pageHosts));
    if (url) obs.url = url;
    const promise = findPromise(o, orderId, paidAt ?? createdAt, opts.now);
    if (promise) obs.promise = promise;
    const service = findService(o, orderId);
    if (service) obs.service = service;
    const evidence = Object.keys(obs).length > 1;
    if (evidence) mergeOrder(obs);
    return evidence;
  };

  const readParcel = (o: Obj, m: Map<string, unknown>, hit: TrackingHit, orderIds: string[], ret: boolean, ctx: Ctx, isOrder: boolean) => {
    const named = carrierNameOf(m);
    let carrierName = named;
    let station = pickText(m, STATION_KEYS, 200);
    if (named) {
      let resolved: ReturnType<typeof resolveCarrierName>;
      try {
        resolved = resolveCarrierName(named);
      } catch {
        resolved = null;
      }
      // 菜鸟驿站 / 妈妈驿站 are stations, not carriers (carriers.md §1.2 rule 4).
      if (resolved?.kind === 'station') {
        station ??= named;
        carrierName = undefined;
      }
    }
    const hint = carrierName ?? carrierCodeOf(m);
    const trackingNo = normalizeTrackingNumber(hit.raw);
    if (!trackingNo || trackingNo.length > 64) {
      dropped.malformed++;
      return;
    }
    if (!detectCarriers(trackingNo, hint).length) {
      dropped.unsupported++;
      return;
    }
    const p: ParcelObservation = { trackingNo, orderIds: [] };
    if (carrierName) p.carrierName = carrierName;
    p.direction = ret ? 'return' : 'outbound';
    if (ctx.exchange) p.exchange = true;
    const ids = new Set(orderIds);
    for (const k of ORDER_IDS_KEYS) {
      const v = m.get(k);
      if (Array.isArray(v)) for (const x of v.slice(0, MAX_ORDER_IDS)) {
        const id = idOf(x);
        if (id) ids.add(id);
      }
    }
    if (!ids.size && opts.contextOrderId) ids.add(opts.contextOrderId);
    p.orderIds = [...ids].slice(0, MAX_ORDER_IDS);
    // An order object that also carries the number: only logistics-specific status keys describe the parcel.
    const statusText = pickText(m, isOrder ? LOGISTICS_STATUS_KEYS : PARCEL_STATUS_KEYS, 200);
    if (statusText) p.statusText = statusText;
    let events = findEvents(o);
    // Traces printed beside a single logistics object ({logistics_info:{…}, traces:[…]}).
    if (!events && ctx.parent) {
      for (const v of Object.values(ctx.parent)) if (Array.isArray(v)) events = eventsOfArray(v) ?? events;
    }
    if (events?.length) p.events = events;
    let pickupCode = pickWith(m, PICKUP_KEYS, (v) => {
      const s = textOf(v, 40);
      return s && /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/.test(s) ? s : undefined;
    });
    // {"label":"取件码","code":"3-2-1024"}
    if (!pickupCode && typeof m.get('code') === 'string') {
      const labelled = [...m.values()].some((v) => typeof v === 'string' && /取件码|取货码|提货码/.test(v));
      if (labelled) pickupCode = findPickupCode(`取件码${String(m.get('code'))}`);
    }
    if (!pickupCode) {
      const latest = events?.reduce((a, b) => (b.time > a.time ? b : a));
      pickupCode = findPickupCode(latest?.text ?? '') ?? findPickupCode(statusText ?? '');
    }
    if (pickupCode) p.pickupCode = pickupCode;
    if (station) p.station = station;
    const shippedAt = pickWith(m, SHIPPED_KEYS, parseTimeValue);
    if (shippedAt !== undefined) p.shippedAt = shippedAt;
    const deliveredAt = pickWith(m, DELIVERED_KEYS, parseTimeValue);
    if (deliveredAt !== undefined) p.deliveredAt = deliveredAt;
    mergeParcel(p);
  };

  const mergeParcel = (p: ParcelObservation) => mergeParcelObservation(parcels, p);

  const visit = (v: unknown, ctx: Ctx) => {
    if (ctx.depth > MAX_DEPTH) return;
    if (nodes++ > MAX_NODES) {
      cut = true;
      return;
    }
    if (typeof v === 'string') {
      // JSON nested as a string ("logistics_info": "{\"tracking_no\":…}").
      const s = v.trimStart();
      if ((s[0] === '{' || s[0] === '[') && s.length <= MAX_JSON_STRING_CHARS && jsonStrings < MAX_JSON_STRINGS) {
        jsonStrings++;
        const parsed = parseJsonPreservingIds(s);
        if (parsed !== undefined) visit(parsed, { ...ctx, depth: ctx.depth + 1, parent: undefined });
      }
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      // Arrays are read whole (MAX_NODES bounds the work); a cut is reported, never silent.
      const inner: Ctx = { ...ctx, depth: ctx.depth + 1, parent: undefined };
      for (const x of v) {
        if (cut) break;
        visit(x, inner);
      }
      return;
    }
    const o = v as Obj;
    const m = indexKeys(o);
    const afterSale = ctx.afterSale || !!pickWith(m, AFTER_SALE_ID_KEYS, idOf);
    // An item under an order may carry the order's (or a sku-order's) id: it stays an item.
    const ownId = ctx.inItems && ctx.orderId ? undefined : orderIdOf(m);
    const orderId = ownId ?? ctx.orderId;
    if (ownId) {
      orderLike = true;
      readOrder(o, m, ownId);
    }
    const refundOrderId = orderId ?? opts.contextOrderId;
    if (afterSale && refundOrderId) {
      noteRefund(refundOrderId, pickText(m, ORDER_STATUS_KEYS, 100));
      noteAfterSale(refundOrderId, o, m);
    }
    const hit = trackingOf(m);
    if (hit) {
      orderLike = true;
      readParcel(o, m, hit, orderId ? [orderId] : [], !ctx.exchange && (afterSale || hit.returnKey), ctx, !!ownId);
    }
    for (const [k, child] of m) {
      if (child === null || (typeof child !== 'object' && typeof child !== 'string')) continue;
      const f = keyFlags(k);
      if (f & ORDERISH) {
        orderLike = true;
        if (Array.isArray(child) && child.some(isObj)) orderishArrays++;
      }
      if (typeof child === 'string' && !mayBeJson(child)) {
        // Plain text: counted as visited (what visit() would do) without building a context for it.
        if (ctx.depth + 1 > MAX_DEPTH) continue;
        if (nodes++ > MAX_NODES) cut = true;
        continue;
      }
      visit(child, {
        depth: ctx.depth + 1,
        orderId,
        afterSale: afterSale || (typeof child === 'object' && (f & AFTER_SALE_CONTAINER) !== 0),
        exchange: ctx.exchange || (afterSale && typeof child === 'object' && EXCHANGE_CONTAINER_RE.test(k)),
        inItems: (ctx.inItems || (f & ITEM_CONTAINER) !== 0) && !(f & LOGISTICS_CONTAINER),
        parent: Array.isArray(child) ? undefined : o,
      });
    }
  };

  try {
    // contextOrderId is only a fallback link, not an enclosing order (that would turn orders into items).
    withKeyIndexCache(() => withEventsCache(() => visit(value, { depth: 0, afterSale: false, inItems: false })));
  } catch {
    // exotic input (throwing getters): keep what was read
  }
  for (const [id, a] of afterSales) {
    if (!refunds.has(id)) {
      const s = orderStatusOfAfterSale(a);
      if (s) refunds.set(id, s);
    }
    const o = orders.get(id);
    if (o) o.afterSale = a;
    else orders.set(id, { orderId: id, afterSale: a });
  }
  for (const [id, status] of refunds) {
    const o = orders.get(id);
    if (o) o.status = status;
    else orders.set(id, { orderId: id, status });
  }
  const result: ExtractResult = { orders: [...orders.values()], parcels: [...parcels.values()], unrecognized: false, orderLike, dropped, ...(cut ? { cut } : {}) };
  result.unrecognized = !result.orders.length && !result.parcels.length && orderishArrays > 0;
  return result;
}

/** An order observation into the orders read so far, by order id: the same order twice (a list page and its
 * detail block) is one order — new items added, missing facts filled. Shared with ./list-reader.ts. */
export function mergeOrderObservation(orders: Map<string, OrderObservation>, o: OrderObservation): void {
  const prev = orders.get(o.orderId);
  if (!prev) {
    orders.set(o.orderId, o);
    return;
  }
  if (o.items) {
    const have = new Set((prev.items ?? []).map((i) => `${i.itemId ?? ''}|${i.title}|${i.sku ?? ''}`));
    const extra = o.items.filter((i) => !have.has(`${i.itemId ?? ''}|${i.title}|${i.sku ?? ''}`));
    prev.items = [...(prev.items ?? []), ...extra].slice(0, MAX_ITEMS);
  }
  fillMissing(prev, o);
}

/** A parcel observation into the parcels read so far, by tracking number: the same number twice (under two
 * orders, or on two rows) is one parcel — its order ids and events joined, missing facts filled. Shared by
 * the scan and the direct list readers (./list-reader.ts), whose outputs must be identical. */
export function mergeParcelObservation(parcels: Map<string, ParcelObservation>, p: ParcelObservation): void {
  const prev = parcels.get(p.trackingNo);
  if (!prev) {
    parcels.set(p.trackingNo, p);
    return;
  }
  // Same number under two orders: one merged shipment.
  prev.orderIds = [...new Set([...prev.orderIds, ...p.orderIds])].slice(0, MAX_ORDER_IDS);
  if (p.direction === 'return') prev.direction = 'return';
  if (p.events?.length) {
    const have = new Set((prev.events ?? []).map((e) => `${e.time}|${e.text}`));
    prev.events = [...(prev.events ?? []), ...p.events.filter((e) => !have.has(`${e.time}|${e.text}`))].slice(0, MAX_EVENTS);
  }
  fillMissing(prev, p);
}
