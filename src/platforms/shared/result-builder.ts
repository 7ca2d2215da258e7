// Collecting observations while parsing (the format-specific parsers: Taobao, JD, Pinduoduo), then one final
// pass that enforces what the batch schema demands (non-empty ids, integer money in range, bounded texts), so
// a mangled payload yields fewer observations instead of a batch the background would reject as a whole.
import type { EventObservation, ItemObservation, OrderObservation, ParcelObservation, Source } from '../../core/model';
import { MAX_EVENTS, MAX_ITEMS, MAX_MONEY, MAX_ORDER_IDS, MAX_TIME, MIN_TIME } from '../../core/bounds';
import type { FollowUp, ParseDiagnostic, ParseResult } from '../types';
import { shapeOf } from './json-text';
import { ownKey } from './own-key';

/** Drop undefined fields, in place (smaller messages, stable fingerprints). */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** A copy of `o` without its undefined fields, keys in the same order (what compact({...o}) gives, without
 * `delete`, which leaves objects slow to read and to serialise). */
function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) if (ownKey(o, k) && o[k] !== undefined) out[k] = o[k];
  return out as T;
}

/** compact({...a, ...compact({...b})}): b's defined fields over a, undefined fields dropped, in spread order. */
function overlay<T extends object>(a: T, b: T): T {
  const merged: Record<string, unknown> = {};
  for (const k in a) if (ownKey(a, k)) merged[k] = a[k];
  for (const k in b) if (ownKey(b, k) && b[k] !== undefined) merged[k] = b[k];
  return defined(merged) as T;
}

export class ResultBuilder {
  readonly orders = new Map<string, OrderObservation>();
  readonly parcels: ParcelObservation[] = [];
  readonly diagnostics: ParseDiagnostic[] = [];
  readonly followUps = new Map<string, FollowUp>();

  constructor(readonly source: Source) {}

  /** Same order seen twice (e.g. list + embedded detail): later defined fields fill in, items replace. */
  addOrder(o: OrderObservation): void {
    const prev = this.orders.get(o.orderId);
    this.orders.set(o.orderId, prev ? overlay(prev, o) : o);
  }

  /** The first parcel added per tracking number (upper case) and direction: a list's parcels are merged in one
   * lookup each, not a search of all parcels so far. A parcel's number and direction never change once added. */
  private readonly parcelByKey = new Map<string, ParcelObservation>();

  /** Parcels are merged by tracking number: one waybill for several orders keeps all their ids. */
  addParcel(p: ParcelObservation): void {
    const key = `${p.direction ?? 'outbound'} ${p.trackingNo.toUpperCase()}`;
    const prev = this.parcelByKey.get(key);
    if (!prev) {
      // Kept as given (the parser's own object); finish() copies every parcel field by field anyway.
      if (p.orderIds.length > 1) p.orderIds = [...new Set(p.orderIds)];
      this.parcels.push(p);
      this.parcelByKey.set(key, p);
      return;
    }
    const orderIds = [...new Set([...prev.orderIds, ...p.orderIds])];
    const events = [...(prev.events ?? []), ...(p.events ?? [])];
    Object.assign(prev, compact({ ...p }), compact({ ...prev }), { orderIds });
    if (events.length) prev.events = dedupeEvents(events);
  }

  /** A follow-up for this order (a request or a page to open (one per order id; an order seen twice keeps
   * the more urgent priority). */
  addFollowUp(f: FollowUp): void {
    const prev = this.followUps.get(f.orderId);
    const keepOpen = prev !== undefined && prev.priority !== 'finished' && f.priority === 'finished';
    this.followUps.set(f.orderId, keepOpen ? { ...f, priority: prev.priority ?? 'open' } : f);
  }

  diag(kind: ParseDiagnostic['kind'], message: string, shapeSource?: unknown): void {
    const d: ParseDiagnostic = { kind, message };
    // mtop component keys embed order ids (shopInfo_<id>): mask long digit runs so shapes stay value-free.
    if (shapeSource !== undefined) d.shape = [...new Set(shapeOf(shapeSource).map((p) => p.replace(/\d{6,}/g, '#')))];
    this.diagnostics.push(d);
  }

  finish(): ParseResult {
    const orders = [...this.orders.values()].map(cleanOrder).filter((o): o is OrderObservation => !!o);
    const parcels = this.parcels.map(cleanParcel).filter((p): p is ParcelObservation => !!p);
    // A follow-up is pointless once the tracking number is known from this same payload.
    const tracked = new Set(parcels.filter((p) => p.direction !== 'return').flatMap((p) => p.orderIds));
    // Open orders first, finished ones after (stable within each group: page order).
    const followUps = [...this.followUps.values()]
      .filter((f) => !tracked.has(f.orderId) && this.orders.has(f.orderId))
      .sort((a, b) => followUpRank(a) - followUpRank(b));
    const result: ParseResult = {
      source: this.source,
      // No cap here: the capture layer sends a large result as several batches.
      orders,
      parcels,
      diagnostics: this.diagnostics,
    };
    if (followUps.length) result.followUps = followUps;
    return result;
  }
}

const followUpRank = (f: FollowUp) => (f.priority === 'finished' ? 1 : 0);

const okTime = (t: number | undefined) =>
  t !== undefined && Number.isSafeInteger(t) && t >= MIN_TIME && t <= MAX_TIME ? t : undefined;
const okMoney = (m: number | undefined) =>
  m !== undefined && Number.isSafeInteger(m) && m >= 0 && m <= MAX_MONEY ? m : undefined;
const clip = (s: string | undefined, max: number) => {
  const t = typeof s === 'string' ? s.trim().slice(0, max) : undefined;
  return t ? t : undefined;
};
const nonEmptyId = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim().slice(0, 64) : undefined);

function cleanItem(i: ItemObservation): ItemObservation | undefined {
  const title = typeof i.title === 'string' ? i.title.slice(0, 500) : '';
  if (!title.trim()) return undefined;
  const out: ItemObservation = { title };
  const itemId = clip(i.itemId, 64);
  if (itemId !== undefined) out.itemId = itemId;
  const sku = clip(i.sku, 300);
  if (sku !== undefined) out.sku = sku;
  if (i.quantity !== undefined && Number.isSafeInteger(i.quantity) && i.quantity >= 0 && i.quantity <= 100_000) out.quantity = i.quantity;
  const price = okMoney(i.price);
  if (price !== undefined) out.price = price;
  if (i.imageUrl !== undefined) out.imageUrl = i.imageUrl;
  return out;
}

function cleanPromise(p: OrderObservation['promise']): OrderObservation['promise'] {
  const text = p ? clip(p.text, 200) : undefined;
  if (!p || !text) return undefined;
  const out: NonNullable<OrderObservation['promise']> = { kind: p.kind, text };
  const at = okTime(p.at);
  if (at !== undefined) out.at = at;
  return out;
}

// cleanOrder / cleanEvent / cleanParcel: each field checked, undefined ones dropped, keys in the object's order
// (no spread + delete, no closure per object: this runs for every order and parcel of every payload).

function cleanOrder(o: OrderObservation): OrderObservation | undefined {
  const orderId = nonEmptyId(o.orderId);
  if (!orderId) return undefined;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    if (!ownKey(o, k)) continue;
    const v: unknown = o[k as keyof OrderObservation];
    let c: unknown;
    switch (k) {
      case 'orderId': c = orderId; break;
      case 'shopName': c = clip(v as string, 200); break;
      case 'shopId': c = clip(v as string, 64); break;
      case 'items': {
        const items = o.items?.map(cleanItem).filter((i): i is ItemObservation => !!i).slice(0, MAX_ITEMS);
        c = items?.length ? items : undefined;
        break;
      }
      case 'amount': c = okMoney(v as number); break;
      case 'createdAt':
      case 'paidAt': c = okTime(v as number); break;
      case 'statusText': c = clip(v as string, 100); break;
      case 'url': c = o.url && /^https:\/\//.test(o.url) && o.url.length <= 4096 ? o.url : undefined; break;
      case 'promise': c = cleanPromise(o.promise); break;
      default: c = v;
    }
    if (c !== undefined) out[k] = c;
  }
  return out as unknown as OrderObservation;
}

function dedupeEvents(events: EventObservation[]): EventObservation[] {
  if (events.length < 2) return events;
  const seen = new Set<string>();
  return events.filter((e) => {
    const k = `${e.time}|${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cleanEvent(e: EventObservation): EventObservation | undefined {
  const text = clip(e.text, 1000);
  if (okTime(e.time) === undefined || !text) return undefined;
  const out: Record<string, unknown> = {};
  for (const k in e) {
    if (!ownKey(e, k)) continue;
    const v: unknown = e[k as keyof EventObservation];
    const c = k === 'text' ? text : k === 'location' ? clip(v as string, 200) : v;
    if (c !== undefined) out[k] = c;
  }
  return out as unknown as EventObservation;
}

function cleanParcel(p: ParcelObservation): ParcelObservation | undefined {
  const trackingNo = nonEmptyId(p.trackingNo);
  if (!trackingNo) return undefined;
  const out: Record<string, unknown> = {};
  for (const k in p) {
    if (!ownKey(p, k)) continue;
    const v: unknown = p[k as keyof ParcelObservation];
    let c: unknown;
    switch (k) {
      case 'trackingNo': c = trackingNo; break;
      case 'carrierName': c = clip(v as string, 100); break;
      case 'orderIds': c = [...new Set(p.orderIds.map(nonEmptyId).filter((id): id is string => !!id))].slice(0, MAX_ORDER_IDS); break;
      case 'statusText': c = clip(v as string, 200); break;
      case 'events': {
        const events = dedupeEvents((p.events ?? []).map(cleanEvent).filter((e): e is EventObservation => !!e)).slice(0, MAX_EVENTS);
        c = events.length ? events : undefined;
        break;
      }
      case 'shippedAt':
      case 'deliveredAt': c = okTime(v as number); break;
      default: c = v;
    }
    if (c !== undefined) out[k] = c;
  }
  return out as unknown as ParcelObservation;
}

/** Run a parser; whatever it throws becomes an 'error' diagnostic (error name only: messages can quote page text). */
export function guarded(platform: string, source: Source, what: string, run: () => ParseResult): ParseResult {
  try {
    return run();
  } catch (e) {
    const name = e instanceof Error ? e.name : typeof e;
    return { source, orders: [], parcels: [], diagnostics: [{ kind: 'error', message: `${platform} ${what} parser failed (${name})` }] };
  }
}
