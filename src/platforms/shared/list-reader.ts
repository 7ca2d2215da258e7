// Direct reading of a platform's KNOWN order list layout (issue #15: parsers near JSON.parse). A layout names
// every key of the list answer — root, list, order, item, logistics, trace — and the role each plays; the reader
// walks only those paths and gives exactly what the generic scan (./scan.ts) gives for such an answer, with the
// same value readers. Any key or value type outside the layout (a renamed key, a new field, a nested JSON
// string) declines the whole answer, and the caller runs the scan: a changed layout costs speed, never data.
//
// Why the output is the same: each layout key is one the scan reads in the same role at the same level (the
// roles' candidate tables give the priority when two keys share a role; tests/unit/platforms/shared/list-reader
// checks every layout key against the tables), no layout key is one the scan reads in any other role, and the
// scan's per-order walks (items, promise and service texts, events) are done here in the object's key order.
import { MAX_EVENTS, MAX_ITEMS, MAX_MONEY } from '../../core/bounds';
import { resolveCarrierName } from '../../core/carriers';
import { readDeliveryService } from '../../core/after-sale-read';
import type { DeliveryService } from '../../core/after-sale';
import type { EventObservation, ItemObservation, OrderObservation, OrderPromise, OrderStatus, ParcelObservation } from '../../core/model';
import { readOrderStatus } from '../../core/status';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import { platformFacts } from '../facts';
import {
  CARRIER_KEYS, CREATED_KEYS, EVENT_LOCATION_KEYS, EVENT_TEXT_KEYS, EVENT_TIME_KEYS, IMAGE_KEYS, ITEM_ID_KEYS, ITEM_PRICE_KEYS,
  LOGISTICS_STATUS_KEYS, ORDER_AMOUNT_KEYS, ORDER_ID_KEYS, ORDER_STATUS_KEYS, PAID_KEYS, QUANTITY_KEYS, SHIPPED_KEYS, SHOP_ID_KEYS,
  SHOP_NAME_KEYS, SKU_KEYS, TITLE_KEYS, TRACKING_KEYS,
} from './candidate-keys';
import { findPickupCode } from './dom-pairs';
import { safeIntText } from './int-text';
import { normKey } from './keys';
import { parsePromiseText } from './promise-text';
import { emptyDropped, MAX_NODES, mergeOrderObservation, mergeParcelObservation, trackingRawOf, type ExtractOptions, type ExtractResult } from './scan';
import { cleanText, fenAmount, idOf, parseTimeValue, quantityOf, urlOn } from './values';

export type OrderRole = 'id' | 'shopId' | 'shopName' | 'created' | 'paid' | 'amount' | 'statusText' | 'code' | 'text' | 'note' | 'items' | 'item' | 'logistics';
export type ItemRole = 'title' | 'itemId' | 'sku' | 'quantity' | 'price' | 'image' | 'code';
export type ParcelRole = 'carrier' | 'trackingNo' | 'statusText' | 'shipped' | 'traces' | 'code';
export type TraceRole = 'time' | 'text' | 'location';

/** A list answer's layout: every key it may hold, by level, with its role. */
export interface ListLayout {
  /** Root keys with a primitive value (strings must be plain text). */
  rootKeys: readonly string[];
  /** Root keys holding an object of primitives: key → its keys. */
  rootObjects: Readonly<Record<string, readonly string[]>>;
  dataKey: string;
  /** `data` keys with a primitive value. */
  dataKeys: readonly string[];
  listKey: string;
  order: Readonly<Record<string, OrderRole>>;
  /** Keys of an order's 'note' objects ({"desc":"承诺48小时内发货"}): plain texts. */
  noteKeys: readonly string[];
  item: Readonly<Record<string, ItemRole>>;
  /** Keys of a sku spec entry ({"name":"颜色","value":"白色"}) when the item's sku is a list of them. */
  specKeys: { name: string; value: string };
  logistics: Readonly<Record<string, ParcelRole>>;
  trace: Readonly<Record<string, TraceRole>>;
}

/** The reader's answer: what the scan would have returned, or why this answer is not the layout. */
export type ListRead = { result: ExtractResult } | { declined: string };
export type ListReader = (value: unknown, opts: ExtractOptions) => ListRead;

/** A level's keys as slots (an object's values are read into an array once), each role's slots in the order
 * the scan tries its keys (the role's candidate table's order). */
interface Compiled<R extends string> {
  slotOf: Map<string, number>;
  roleOf: R[];
  slotsOf: Partial<Record<R, number[]>>;
  size: number;
  /** The key last met at each position of an object, and its slot (slotAt). */
  seenKeys: string[];
  seenSlots: (number | undefined)[];
}
function compile<R extends string>(roles: Readonly<Record<string, R>>, tables: Partial<Record<R, readonly string[]>>): Compiled<R> {
  const keys = Object.keys(roles);
  const slotsOf: Partial<Record<R, number[]>> = {};
  keys.forEach((k, i) => (slotsOf[roles[k]] ??= []).push(i));
  for (const [r, slots] of Object.entries(slotsOf) as [R, number[]][]) {
    const table = tables[r];
    if (table) slots.sort((a, b) => table.indexOf(normKey(keys[a])) - table.indexOf(normKey(keys[b])));
  }
  return { slotOf: new Map(keys.map((k, i) => [k, i])), roleOf: keys.map((k) => roles[k]), slotsOf, size: keys.length, seenKeys: [], seenSlots: [] };
}

/** slotOf.get(k) for the key at position `at` of an object: objects of a list have their keys in the same order,
 * so the key met last time at that position is compared first (one comparison of interned keys, no hashing). */
function slotAt(c: Compiled<string>, k: string, at: number): number | undefined {
  if (c.seenKeys[at] === k) return c.seenSlots[at];
  const slot = c.slotOf.get(k);
  if (at < 64) {
    c.seenKeys[at] = k;
    c.seenSlots[at] = slot;
  }
  return slot;
}

/** The scan's mayBeJson(): whether a text starts with '{', '[' or white space (\s). Code points, not its regex
 * on s[0]: most texts start with a CJK character, and s[0] of one is a new string. */
export function mayBeJson(s: string): boolean {
  if (!s) return false;
  const c = s.charCodeAt(0);
  if (c < 127) return c === 123 || c === 91 || c <= 32;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A primitive the scan reads nothing from: a number, boolean or null, or a string it does not take for JSON. */
const plainValue = (v: unknown) => (typeof v === 'string' ? !mayBeJson(v) : v === null || typeof v === 'number' || typeof v === 'boolean');

/** Whether a text can name a promise or a delivery service: parsePromiseText() needs one of 达发送
 * (PROMISE_WORD_RE), every DOOR_RE/SPEED_RE phrase has 达, 送 or 门 (按需上门). False: no facts, for sure. */
export const mayNameFacts = (t: string) => FACT_CHAR_RE.test(t);
const FACT_CHAR_RE = /[达发送门]/;
const NO_FACTS: { readonly promise: false; readonly service: null } = Object.freeze({ promise: false, service: null });

/** idOf(v): a safe positive integer's digits match its id pattern exactly when there are 4 of them or more. */
const idOfValue = (v: unknown): string | undefined =>
  typeof v === 'number' ? (Number.isSafeInteger(v) && v >= 1000 ? safeIntText(v) : undefined) : typeof v === 'string' ? idText(v) : idOf(v);

/** idOf(s) for a text: 4–64 characters of [A-Za-z0-9_-], the first a letter or digit, is its own id (nothing to
 * trim, ID_RE matches) without the trim and the regex; anything else goes to idOf. */
export function idText(s: string): string | undefined {
  const n = s.length;
  if (n < 4 || n > 64 || !isIdChar(s.charCodeAt(0), false)) return idOf(s);
  for (let i = 1; i < n; i++) if (!isIdChar(s.charCodeAt(i), true)) return idOf(s);
  return s;
}
const isIdChar = (c: number, dashOrUnderscore: boolean) =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (dashOrUnderscore && (c === 45 || c === 95));

// Carrier names and order status texts are a small vocabulary that every page repeats: read once per process
// (both readers are pure), forgotten wholesale past a few hundred entries.
const CACHE_MAX = 500;
const carrierOfName = new Map<string, ReturnType<typeof resolveCarrierName>>();
const statusOfText = new Map<string, OrderStatus | null>();
function cachedCarrier(name: string): ReturnType<typeof resolveCarrierName> {
  let r = carrierOfName.get(name);
  if (r === undefined) {
    try {
      r = resolveCarrierName(name);
    } catch {
      r = null;
    }
    if (carrierOfName.size >= CACHE_MAX) carrierOfName.clear();
    carrierOfName.set(name, r);
  }
  return r;
}
function cachedStatus(text: string): OrderStatus | undefined {
  let r = statusOfText.get(text);
  if (r === undefined) {
    r = readOrderStatus(text) ?? null;
    if (statusOfText.size >= CACHE_MAX) statusOfText.clear();
    statusOfText.set(text, r);
  }
  return r ?? undefined;
}

/** fenAmount(v), with its two regular expressions skipped for the usual texts: "39.90" (1–9 digits, a point,
 * 1–2 digits: 元, Math.round(Number × 100) as there) and "3990" (1–9 digits: 分). Anything else goes to fenAmount. */
export function amountOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return fenAmount(v);
  const n = v.length;
  let i = 0;
  let whole = 0;
  while (i < n && i < 10) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + c - 48;
    i++;
  }
  let fen: number;
  if (i === n && i >= 1 && i <= 9) fen = whole;
  // Math.round(Number(v) × 100) there: below 10^11 the product is within far less than ½ of the digits' integer
  else if (i >= 1 && i <= 9 && v.charCodeAt(i) === 46 /* . */ && (n === i + 2 || n === i + 3) && isDigitAt(v, i + 1) && (n === i + 2 || isDigitAt(v, i + 2)))
    fen = whole * 100 + (v.charCodeAt(i + 1) - 48) * 10 + (n === i + 3 ? v.charCodeAt(i + 2) - 48 : 0);
  else return fenAmount(v);
  return Number.isSafeInteger(fen) && fen <= MAX_MONEY ? fen : undefined;
}
const isDigitAt = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

// values.ts SIMPLE_HTTPS_RE with its two further checks (no "xn--" in the host, no "." or ".." path segment)
// folded in, and no capture: such a text is its own href, and its host runs from index 8 to the first '/'.
const OWN_HREF_RE = /^https:\/\/(?![^/]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:\/(?!\.\.?(?:[/?]|$))[A-Za-z0-9\-._~!$&()*+,;=:@]*)+(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;

/** urlOn(v, hosts): the usual CDN link (an https URL that is its own href) is matched by one regex without
 * captures and its host compared in place; anything else goes to urlOn. */
export function imageUrlOf(v: unknown, hosts: readonly string[]): string | undefined {
  if (typeof v !== 'string' || !hosts.length || v.length > 2048 || !OWN_HREF_RE.test(v)) return urlOn(v, hosts);
  const end = v.indexOf('/', 8);
  // onHostSuffix(): the host is a suffix, or ends with "." + a suffix
  for (const h of hosts) {
    const at = end - h.length;
    if (at >= 8 && v.startsWith(h, at) && (at === 8 || v.charCodeAt(at - 1) === 46)) return v;
  }
  return undefined;
}

const itemIdentity = (it: ItemObservation) => `${it.itemId ?? ''}|${it.title}|${it.sku ?? ''}`;

/** Whether an item with the scan's identity (itemId|title|sku) is in the list. The fields are compared first; the
 * strings only when a title or sku holds a '|' (an id never does: two different ids, or an id and none, always
 * make two different identities), which could make two different fields equal. */
export function hasItem(items: readonly ItemObservation[], it: ItemObservation): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x.itemId !== it.itemId) continue;
    if (x.title === it.title && x.sku === it.sku) return true;
    if ((hasBar(x.title) || hasBar(x.sku) || hasBar(it.title) || hasBar(it.sku)) && itemIdentity(x) === itemIdentity(it)) return true;
  }
  return false;
}
const hasBar = (s: string | undefined) => s !== undefined && s.includes('|');
const NO_ORDER_IDS: string[] = [];

/** pickWith over one object's values by slot: the first key whose value is set and reads. */
function pick<T>(vals: unknown[], slots: readonly number[] | undefined, read: (v: unknown) => T | undefined): T | undefined {
  if (!slots) return undefined;
  for (let i = 0; i < slots.length; i++) {
    const v = vals[slots[i]];
    if (v === undefined || v === null || v === '') continue;
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
}

const hasEvent = (evs: EventObservation[], time: number, text: string) => {
  for (let i = 0; i < evs.length; i++) if (evs[i].time === time && evs[i].text === text) return true;
  return false;
};

const PLAIN_TRACKING_RE = /^[A-Z0-9]{6,32}$/;

/** A layout's reader. */
export function createListReader(layout: ListLayout): ListReader {
  const order = compile(layout.order, {
    id: ORDER_ID_KEYS, shopId: SHOP_ID_KEYS, shopName: SHOP_NAME_KEYS, created: CREATED_KEYS, paid: PAID_KEYS,
    amount: ORDER_AMOUNT_KEYS, statusText: ORDER_STATUS_KEYS,
  });
  const item = compile(layout.item, { title: TITLE_KEYS, itemId: ITEM_ID_KEYS, sku: SKU_KEYS, quantity: QUANTITY_KEYS, price: ITEM_PRICE_KEYS, image: IMAGE_KEYS });
  const logistics = compile(layout.logistics, { carrier: CARRIER_KEYS, trackingNo: TRACKING_KEYS, statusText: LOGISTICS_STATUS_KEYS, shipped: SHIPPED_KEYS });
  const trace = compile(layout.trace, { time: EVENT_TIME_KEYS, text: EVENT_TEXT_KEYS, location: EVENT_LOCATION_KEYS });
  const traceKeyPerRole = (['time', 'text', 'location'] as const).every((r) => (trace.slotsOf[r]?.length ?? 0) === 1) && trace.size === 3;
  const rootKeys = new Set(layout.rootKeys);
  const dataKeys = new Set(layout.dataKeys);
  const noteKeys = new Set(layout.noteKeys);
  const { name: specName, value: specValue } = layout.specKeys;

  return (value, opts) => {
    const hosts = opts.imageHosts ?? platformFacts(opts.platform)?.imageCdns ?? [];
    // Texts repeat across a page (statuses, shops, carriers, trace lines): each is cleaned and read once per call.
    const cleaned = new Map<string, string>();
    const textOf = (v: unknown, max: number): string | undefined => {
      if (typeof v !== 'string') return undefined;
      let t = cleaned.get(v);
      if (t === undefined) cleaned.set(v, (t = cleanText(v, Infinity)));
      return (t.length <= max ? t : t.slice(0, max)) || undefined;
    };

    // What an order's own text says, once per text: whether parsePromiseText() finds a promise in it (it does or
    // not whatever the anchors; the promise itself depends on them), and its delivery service (null: none).
    const textFacts = new Map<string, { promise: boolean; service: DeliveryService | null }>();
    const factsOf = (t: string) => {
      // Ids, numbers, names: most texts name no promise or service, and are not worth a map entry.
      if (!mayNameFacts(t)) return NO_FACTS;
      let f = textFacts.get(t);
      if (!f) {
        f = { promise: t.length <= 200 && parsePromiseText(t) !== undefined, service: (t.length <= 120 && readDeliveryService(t)) || null };
        textFacts.set(t, f);
      }
      return f;
    };
    const pickupOf = new Map<string, string | undefined>();
    const pickupCodeOf = (t: string) => {
      let c = pickupOf.get(t);
      if (c === undefined && !pickupOf.has(t)) pickupOf.set(t, (c = findPickupCode(t)));
      return c;
    };
    const resolvedName = (name: string | undefined) => (name ? cachedCarrier(name) : null);
    const text = (max: number) => (v: unknown) => textOf(v, max);
    // Not cached per string like the texts: pictures and prices are mostly unique on a page, and hashing each
    // new string for a map costs more than reading it.
    const imageOf = (v: unknown) => imageUrlOf(v, hosts);
    const text100 = text(100);
    const text200 = text(200);
    const text500 = text(500);
    const text1000 = text(1000);

    // One array of values per level, reused object after object (an order's items and parcels are read in turn).
    const orderVals: unknown[] = new Array(order.size);
    const itemVals: unknown[] = new Array(item.size);
    const logisticsVals: unknown[] = new Array(logistics.size);
    const traceVals: unknown[] = new Array(trace.size);
    const orderTexts: string[] = [];
    const itemScratch: ItemObservation[] = [];
    const traceScratch: EventObservation[] = [];
    const orders = new Map<string, OrderObservation>();
    const parcels = new Map<string, ParcelObservation>();
    const dropped = emptyDropped();
    let nodes = 0;
    let why = '';
    /** Note why the answer is not the layout; the value to return from a reader of one part. */
    const decline = (reason: string): undefined => {
      why ||= reason;
      return undefined;
    };
    const no = (reason: string): false => {
      why ||= reason;
      return false;
    };

    const mergeOrder = (o: OrderObservation) => mergeOrderObservation(orders, o);
    const mergeParcel = (p: ParcelObservation) => mergeParcelObservation(parcels, p);

    /** An object of primitives with known keys. */
    const plainObject = (v: unknown, ks: ReadonlySet<string>, where: string): boolean => {
      if (!isPlainObject(v)) return no(`${where} is not an object`);
      for (const k in v) {
        nodes++;
        if (!ks.has(k)) return no(`unknown key ${where}.${k}`);
        if (!plainValue(v[k])) return no(`${where}.${k} is not plain text or a number`);
      }
      return true;
    };

    /** The item as the scan's itemOf() reads it, or undefined (declined). */
    const readItem = (v: unknown): ItemObservation | undefined => {
      if (!isPlainObject(v)) return decline('an item is not an object');
      const vals = itemVals.fill(undefined);
      let at = 0;
      for (const k in v) {
        nodes++;
        const slot = slotAt(item, k, at++);
        if (slot === undefined) return decline(`unknown item key ${k}`);
        const role = item.roleOf[slot];
        const x = (vals[slot] = v[k]);
        if (role === 'sku' && Array.isArray(x)) {
          for (const s of x) {
            if (typeof s === 'string' ? mayBeJson(s) : !isPlainObject(s)) return decline('a sku spec entry is not plain');
            if (typeof s === 'object') for (const sk in s) {
              nodes++;
              if ((sk !== specName && sk !== specValue) || typeof s[sk] !== 'string' || mayBeJson(s[sk] as string)) return decline(`sku spec key ${sk}`);
            }
          }
        } else if (role === 'image' ? typeof x !== 'string' || mayBeJson(x) : !plainValue(x)) return decline(`item ${k} is not plain`);
      }
      const title = pick(vals, item.slotsOf.title, text500);
      // The scan would then read `title`/`name` of the item's children as items: not this layout.
      if (!title) return decline('an item without a title');
      const itemId = pick(vals, item.slotsOf.itemId, idOfValue);
      const sku = skuOf(vals);
      const quantity = pick(vals, item.slotsOf.quantity, quantityOf);
      const price = pick(vals, item.slotsOf.price, amountOf);
      const imageUrl = pick(vals, item.slotsOf.image, imageOf);
      // The usual item has every field: one literal, in the key order below, rather than an object grown
      // property by property (which reallocates its property store as it grows).
      if (itemId && sku && quantity !== undefined && price !== undefined && imageUrl) return { title, itemId, sku, quantity, price, imageUrl };
      const it: ItemObservation = { title };
      if (itemId) it.itemId = itemId;
      if (sku) it.sku = sku;
      if (quantity !== undefined) it.quantity = quantity;
      if (price !== undefined) it.price = price;
      if (imageUrl) it.imageUrl = imageUrl;
      return it;
    };

    const skuOf = (vals: unknown[]): string | undefined => {
      for (const slot of item.slotsOf.sku ?? []) {
        const v = vals[slot];
        // cleanText(v, 300), through the per-call cache ('' when only invisible characters are left, as there)
        if (typeof v === 'string' && v.trim()) return textOf(v, 300) ?? '';
        if (Array.isArray(v)) {
          let joined = '';
          // Parts made of cleaned texts are clean, and so is their join, unless a cut part ends with a space.
          let clean = true;
          for (let i = 0; i < v.length && i < 20; i++) {
            const x = v[i];
            let part: string;
            if (typeof x === 'string') {
              part = x.trim();
              clean = false;
            } else {
              const s = x as Record<string, unknown>;
              const name = textOf(s[specName], 50);
              const val = textOf(s[specValue], 100);
              part = name && val ? `${name}:${val}` : (val ?? '');
            }
            if (part) joined = joined ? `${joined}; ${part}` : part;
          }
          if (joined) return clean && joined.length <= 300 && joined.charCodeAt(joined.length - 1) !== 32 ? joined : (textOf(joined, 300) ?? '');
        }
      }
      return undefined;
    };

    /** A trace list as the scan's eventsOfArray() reads it; undefined for an empty list; declined when the
     * scan would not take it for events (it would then read its texts as an order's). */
    const readTraces = (arr: unknown[]): EventObservation[] | undefined | false => {
      if (!arr.length) return undefined;
      if (arr.length > MAX_EVENTS * 2) return no('a trace list too long to be read the short way');
      const out = traceScratch;
      out.length = 0;
      const seen = arr.length > 16 ? new Set<string>() : undefined;
      for (const el of arr) {
        if (!isPlainObject(el)) return no('a trace is not an object');
        let time: number | undefined;
        let t: string | undefined;
        let location: string | undefined;
        let at = 0;
        if (traceKeyPerRole) {
          // One key per role (the usual layout): each value read as it comes, as pick() would over one slot.
          let rawTime: unknown, rawText: unknown, rawLocation: unknown;
          for (const k in el) {
            nodes++;
            const slot = slotAt(trace, k, at++);
            if (slot === undefined) return no(`unknown trace key ${k}`);
            const x = el[k];
            if (!plainValue(x)) return no(`trace ${k} is not plain`);
            const role = trace.roleOf[slot];
            if (role === 'time') rawTime = x;
            else if (role === 'text') rawText = x;
            else rawLocation = x;
          }
          if (rawTime !== undefined && rawTime !== null && rawTime !== '') time = parseTimeValue(rawTime);
          if (rawText !== undefined && rawText !== null && rawText !== '') t = textOf(rawText, 1000);
          if (time === undefined || !t) continue;
          if (rawLocation !== undefined && rawLocation !== null && rawLocation !== '') location = textOf(rawLocation, 200);
        } else {
          const vals = traceVals.fill(undefined);
          for (const k in el) {
            nodes++;
            const slot = slotAt(trace, k, at++);
            if (slot === undefined) return no(`unknown trace key ${k}`);
            if (!plainValue((vals[slot] = el[k]))) return no(`trace ${k} is not plain`);
          }
          time = pick(vals, trace.slotsOf.time, parseTimeValue);
          t = pick(vals, trace.slotsOf.text, text1000);
          if (time === undefined || !t) continue;
          location = pick(vals, trace.slotsOf.location, text200);
        }
        const ev: EventObservation = location ? { time, text: t, location } : { time, text: t };
        if (seen) {
          const id = `${time}|${t}`;
          if (seen.has(id)) continue;
          seen.add(id);
        } else if (hasEvent(out, time, t)) continue;
        out.push(ev);
      }
      if (!out.length || out.length * 2 < arr.length) return no('a trace list the scan would not read as events');
      // an array of its own, of the exact size (the scratch array is reused)
      return out.slice(0, MAX_EVENTS);
    };

    /** The parcel of a logistics object's values (the scan's readParcel()), its order id still to be set. */
    const parcelOf = (vals: unknown[], events: EventObservation[] | undefined): ParcelObservation | undefined => {
      const raw = pick(vals, logistics.slotsOf.trackingNo, trackingRawOf);
      if (!raw) return; // unshipped: no parcel
      const named = pick(vals, logistics.slotsOf.carrier, text100);
      let carrierName = named;
      let station: string | undefined;
      if (named) {
        const resolved = resolvedName(named);
        if (resolved?.kind === 'station') {
          station = named;
          carrierName = undefined;
        }
      }
      // normalizeTrackingNumber() returns such a number as it is (raw has a digit: trackingRawOf).
      const trackingNo = PLAIN_TRACKING_RE.test(raw) ? raw : normalizeTrackingNumber(raw);
      if (!trackingNo || trackingNo.length > 64) {
        dropped.malformed++;
        return;
      }
      // detectCarriers(trackingNo, carrierName) is never empty when the name resolves to a carrier (a normalized
      // number normalizes to itself): its 40 rules are only tried without one.
      if (resolvedName(carrierName)?.kind !== 'carrier' && !detectCarriers(trackingNo, carrierName).length) {
        dropped.unsupported++;
        return;
      }
      const statusText = pick(vals, logistics.slotsOf.statusText, text200);
      // orderIds: replaced by the order's id before the parcel leaves readOrder()
      let p: ParcelObservation;
      if (carrierName && statusText && events?.length) p = { trackingNo, orderIds: NO_ORDER_IDS, carrierName, direction: 'outbound', statusText, events };
      else {
        p = { trackingNo, orderIds: NO_ORDER_IDS };
        if (carrierName) p.carrierName = carrierName;
        p.direction = 'outbound';
        if (statusText) p.statusText = statusText;
        if (events?.length) p.events = events;
      }
      let latest: EventObservation | undefined;
      for (const e of p.events ?? []) if (!latest || e.time > latest.time) latest = e;
      const pickupCode = pickupCodeOf(latest?.text ?? '') ?? pickupCodeOf(statusText ?? '');
      if (pickupCode) p.pickupCode = pickupCode;
      if (station) p.station = station;
      const shippedAt = pick(vals, logistics.slotsOf.shipped, parseTimeValue);
      if (shippedAt !== undefined) p.shippedAt = shippedAt;
      return p;
    };

    const readOrder = (o: unknown): boolean => {
      if (!isPlainObject(o)) return no('an order is not an object');
      /** The order's own texts, in the order the scan's findPromise()/findService() walk them. */
      const texts = orderTexts;
      texts.length = 0;
      // Collected in a reused array, copied out at the exact size. (No closures made per order: under tsx, which
      // keeps function names, each named one costs a defineProperty.)
      const items = itemScratch;
      items.length = 0;
      let shipment: ParcelObservation | undefined;
      let shipments: ParcelObservation[] | undefined;
      const vals = orderVals.fill(undefined);
      let at = 0;
      for (const k in o) {
        nodes++;
        const slot = slotAt(order, k, at++);
        if (slot === undefined) return no(`unknown order key ${k}`);
        const role = order.roleOf[slot];
        const v = (vals[slot] = o[k]);
        if (role === 'items' || role === 'item') {
          const many = role === 'items';
          if (many && (!Array.isArray(v) || v.length > 500)) return no(`order ${k} is not an item list`);
          const n = many ? (v as unknown[]).length : 1;
          for (let i = 0; i < n; i++) {
            const it = readItem(many ? (v as unknown[])[i] : v);
            if (!it) return false;
            if (items.length >= MAX_ITEMS || hasItem(items, it)) continue;
            items.push(it);
          }
        } else if (role === 'note') {
          if (!plainObject(v, noteKeys, k)) return false;
          for (const nk in v as Record<string, unknown>) {
            const s = (v as Record<string, unknown>)[nk];
            if (typeof s === 'string') texts.push(s);
          }
        } else if (role === 'logistics') {
          if (!isPlainObject(v)) return no(`order ${k} is not an object`);
          let events: EventObservation[] | undefined;
          const lvals = logisticsVals.fill(undefined);
          let lat = 0;
          for (const lk in v) {
            nodes++;
            const lslot = slotAt(logistics, lk, lat++);
            if (lslot === undefined) return no(`unknown logistics key ${lk}`);
            const x = (lvals[lslot] = v[lk]);
            if (logistics.roleOf[lslot] === 'traces') {
              if (!Array.isArray(x)) return no(`logistics ${lk} is not a list`);
              const ev = readTraces(x);
              if (ev === false) return false;
              events = ev;
            } else if (!plainValue(x)) return no(`logistics ${lk} is not plain`);
            else if (typeof x === 'string') texts.push(x);
          }
          const p = parcelOf(lvals, events);
          if (p) {
            if (!shipment) shipment = p;
            else (shipments ??= [shipment]).push(p);
          }
        } else if (!plainValue(v)) return no(`order ${k} is not plain`);
        else if (typeof v === 'string') texts.push(v);
        if (texts.length > 150) return no('an order with too many texts');
      }
      const orderId = pick(vals, order.slotsOf.id, idOfValue);
      if (!orderId) return no('an order without a readable id');

      const shopName = pick(vals, order.slotsOf.shopName, text200);
      const shopId = pick(vals, order.slotsOf.shopId, idOfValue);
      const amount = pick(vals, order.slotsOf.amount, amountOf);
      const createdAt = pick(vals, order.slotsOf.created, parseTimeValue);
      const paidAt = pick(vals, order.slotsOf.paid, parseTimeValue);
      const statusText = pick(vals, order.slotsOf.statusText, text100);
      let status: OrderStatus | undefined;
      if (statusText) {
        status = cachedStatus(statusText);
      }
      // As for items: the usual order in one literal, in the key order of the general case below.
      let obs: OrderObservation;
      if (shopName && shopId && items.length && amount !== undefined && createdAt !== undefined && paidAt !== undefined && statusText && status)
        obs = { orderId, shopName, shopId, items: items.slice(), amount, createdAt, paidAt, statusText, status };
      else {
        obs = { orderId };
        if (shopName) obs.shopName = shopName;
        if (shopId) obs.shopId = shopId;
        if (items.length) obs.items = items.slice();
        if (amount !== undefined) obs.amount = amount;
        if (createdAt !== undefined) obs.createdAt = createdAt;
        if (paidAt !== undefined) obs.paidAt = paidAt;
        if (statusText) obs.statusText = statusText;
        if (status) obs.status = status;
      }
      let ship: OrderPromise | undefined;
      let deliver: OrderPromise | undefined;
      let service: DeliveryService | undefined;
      let serviceDone = false;
      for (const t of texts) {
        const f = factsOf(t);
        // serviceFrom() over the texts of at most 120 characters: a door promise wins, else the first speed one.
        if (!serviceDone && f.service) {
          if (f.service.door) {
            service = f.service;
            serviceDone = true;
          } else service ??= f.service;
        }
        if (!f.promise || deliver) continue;
        const p = parsePromiseText(t, paidAt ?? createdAt, opts.now);
        if (p?.kind === 'deliver_by') {
          deliver = p;
          continue;
        }
        if (p && !ship) ship = p;
      }
      const promise = deliver ?? ship;
      if (promise) obs.promise = promise;
      if (service) obs.service = { ...service };
      // Evidence beyond the id (the scan's Object.keys(obs).length > 1).
      if (shopName || shopId || items.length || amount !== undefined || createdAt !== undefined || paidAt !== undefined || statusText || promise || service) mergeOrder(obs);
      if (shipments) for (const p of shipments) {
        p.orderIds = [orderId];
        mergeParcel(p);
      }
      else if (shipment) {
        shipment.orderIds = [orderId];
        mergeParcel(shipment);
      }
      return true;
    };

    const read = (): ExtractResult | undefined => {
      if (!isPlainObject(value)) return decline('not an object');
      let list: unknown;
      for (const k in value) {
        nodes++;
        const v = value[k];
        if (k === layout.dataKey) {
          if (!isPlainObject(v)) return decline(`${k} is not an object`);
          for (const dk in v) {
            nodes++;
            if (dk === layout.listKey) list = v[dk];
            else if (!dataKeys.has(dk)) return decline(`unknown key ${k}.${dk}`);
            else if (!plainValue(v[dk])) return decline(`${k}.${dk} is not plain`);
          }
        } else if (layout.rootObjects[k]) {
          if (!plainObject(v, new Set(layout.rootObjects[k]), k)) return undefined;
        } else if (!rootKeys.has(k)) return decline(`unknown key ${k}`);
        else if (!plainValue(v)) return decline(`${k} is not plain`);
      }
      if (!Array.isArray(list)) return decline(`no ${layout.dataKey}.${layout.listKey} list`);
      for (const o of list) {
        if (!readOrder(o)) return undefined;
        // Past this the scan stops early and says so (`cut`): left to it.
        if (nodes > MAX_NODES / 4) return decline('too large to be read the short way');
      }
      const result: ExtractResult = { orders: [...orders.values()], parcels: [...parcels.values()], unrecognized: false, orderLike: true, dropped };
      result.unrecognized = !result.orders.length && !result.parcels.length && list.length > 0;
      return result;
    };

    const result = read();
    return result ? { result } : { declined: why || 'not the layout' };
  };
}
