// Observations → records (design §4). Pure: reads existing rows through MergeState, returns the rows to put,
// the parcel keys to delete (re-keyed only) and change records. Nothing a parse says ever deletes data.
import { RETURN_STATE_RANK, RETURN_STATES, stationEnd, type DeliveryService } from './after-sale';
import {
  orderKey,
  parcelKey,
  UNKNOWN_CARRIER,
  type AfterSaleObservation,
  type AfterSaleRecord,
  type Change,
  type EventObservation,
  type EventRecord,
  type ItemObservation,
  type ItemRecord,
  type ObservationBatch,
  type OrderObservation,
  type OrderRecord,
  type OrderStatus,
  type ParcelObservation,
  type ParcelRecord,
  type ParcelStatus,
  type Platform,
  type Source,
} from './model';
import {
  compareEventsNewestFirst,
  decidingEvent,
  eventStatus,
  joinOrderStatus,
  ORDER_STATUS_RANK,
  joinStatus,
  orderStatusFromText,
  STATUS_RANK,
  statusFromEventText,
} from './status';

/** A parcel observation after the lead's normalization step: number normalized, carrier resolved. */
export type NormalizedParcelObservation = ParcelObservation & {
  /** Canonical carrier id or UNKNOWN_CARRIER. */
  carrierId: string;
  carrierCandidates?: string[];
};

export interface NormalizedBatch extends Omit<ObservationBatch, 'parcels'> {
  parcels: NormalizedParcelObservation[];
}

/**
 * Read access to existing rows. The database layer preloads what a batch touches (see batchKeys):
 * - getOrder: every order key the batch names, plus every orderKey of the parcels found below (re-keying
 *   rewrites those orders' parcelKeys);
 * - findParcelsByTrackingNo / getParcel: the parcels with the batch's tracking numbers (any carrier);
 * - getParcel also: the parcels not yet delivered of the orders a batch says have ended
 *   (finishedOrderKeys; such a parcel becomes delivered, see finishParcel);
 * - getEvents: all events of those parcels (status is computed over all of them; re-keying moves them).
 * Returned objects are never mutated.
 */
export interface MergeState {
  getOrder(key: string): OrderRecord | undefined;
  getParcel(key: string): ParcelRecord | undefined;
  findParcelsByTrackingNo(trackingNo: string): ParcelRecord[];
  getEvents(parcelKey: string): EventRecord[];
}

export interface MergeResult {
  /** Rows to put: only those that changed. */
  orders: OrderRecord[];
  parcels: ParcelRecord[];
  events: EventRecord[];
  /** Parcels re-keyed from UNKNOWN_CARRIER: delete the row and its events (they are re-put under the new key). */
  removedParcelKeys: string[];
  changes: Change[];
}

/**
 * How specific a source is. An equal-or-more-specific source overwrites a field; a less specific one only
 * fills a missing field. Total (no ties between different sources) so that merging is order-independent
 * whenever one source always reports the same value. refresh = a tracking service or platform refresh
 * (freshest logistics), logistics = a captured logistics page, detail = an order detail page, after_sale,
 * list = order lists (often truncated), manual = typed/pasted by the user, import = a restored backup
 * (old data: fills gaps only).
 */
export const SOURCE_PRECEDENCE: Readonly<Record<Source, number>> = {
  import: 0,
  manual: 1,
  list: 2,
  after_sale: 3,
  detail: 4,
  logistics: 5,
  refresh: 6,
};

export const normalizeEventText = (text: string): string => (text ?? '').replace(/\s+/g, ' ').trim();

export const eventId = (pKey: string, time: number, text: string): string => `${pKey}|${time}|${text}`;

/** What the database layer must preload for a batch (see MergeState). */
export function batchKeys(batch: NormalizedBatch): { orderKeys: string[]; trackingNos: string[]; finishedOrderKeys: string[] } {
  const orders = new Set<string>();
  const finished = new Set<string>();
  for (const o of batch.orders) {
    const key = orderKey(batch.platform, o.orderId);
    orders.add(key);
    const claim = o.status && o.status !== 'unknown' ? o.status : orderStatusFromText(o.statusText ?? '');
    if (orderEnded({ status: claim })) finished.add(key);
  }
  for (const p of batch.parcels) for (const id of p.orderIds) orders.add(orderKey(batch.platform, id));
  return { orderKeys: [...orders], trackingNos: [...new Set(batch.parcels.map((p) => p.trackingNo))], finishedOrderKeys: [...finished] };
}

// ---- small helpers ---------------------------------------------------------------------------------

type WithSources = { sources: Record<string, Source> };

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (typeof v === 'number' && !Number.isFinite(v));

const clean = <T>(v: T): T => (typeof v === 'string' ? (v.trim() as T) : v);

/** Precedence rule for one field: equal-or-more-specific overwrites, less specific fills a gap, empty never erases. */
function setField<R extends WithSources, K extends keyof R & string>(rec: R, field: K, value: R[K] | undefined, source: Source): void {
  if (isEmpty(value)) return;
  const cur = rec[field];
  const curSrc = rec.sources[field];
  if (isEmpty(cur) || curSrc === undefined || SOURCE_PRECEDENCE[source] >= SOURCE_PRECEDENCE[curSrc]) {
    rec[field] = clean(value) as R[K];
    rec.sources[field] = source;
  }
}

const sortedUnion = (a: readonly string[], b: readonly string[] = []): string[] => [...new Set([...a, ...b])].sort();

const platformOfKey = (key: string): Platform => key.slice(0, key.indexOf(':')) as Platform;

/** Structural equality of plain data; a key holding undefined counts as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameData(ao[k], bo[k]));
}

const cloneOrder = (o: OrderRecord): OrderRecord => ({
  ...o,
  items: o.items.map((i) => ({ ...i })),
  parcelKeys: [...o.parcelKeys],
  sources: { ...o.sources },
  ...(o.promise ? { promise: { ...o.promise } } : {}),
  ...(o.service ? { service: { ...o.service } } : {}),
  ...(o.afterSale ? { afterSale: cloneAfterSale(o.afterSale) } : {}),
});

const cloneAfterSale = (a: AfterSaleRecord): AfterSaleRecord => ({
  ...a,
  since: { ...a.since },
  ...(a.pickupWindow ? { pickupWindow: { ...a.pickupWindow } } : {}),
  ...(a.refundDue ? { refundDue: { ...a.refundDue } } : {}),
});

/** A door promise, once seen, stays: a page that does not show the service (or shows only a speed one) says nothing. */
function mergeService(rec: OrderRecord, s: DeliveryService | undefined): void {
  if (!s || typeof s.text !== 'string' || !s.text.trim()) return;
  if (rec.service?.door && !s.door) return;
  rec.service = { text: s.text.trim(), door: !!s.door };
}

/**
 * After-sale merge, monotonic: the state only rises (a stale page never downgrades it), each state keeps the
 * first time it was seen, and the pickup window / refund promise come from the newest observation that shows
 * them (an older page read late only fills a gap).
 */
export function mergeAfterSale(cur: AfterSaleRecord | undefined, a: AfterSaleObservation | undefined, observedAt: number): AfterSaleRecord | undefined {
  if (!a || !RETURN_STATES.includes(a.state)) return cur;
  const at = a.at ?? observedAt;
  const out: AfterSaleRecord = cur ? cloneAfterSale(cur) : { state: a.state, since: {}, observedAt };
  const rises = !cur || RETURN_STATE_RANK[a.state] > RETURN_STATE_RANK[cur.state];
  if (rises) {
    out.state = a.state;
    if (a.stateText) out.stateText = a.stateText;
  } else if (a.state === out.state && a.stateText && (observedAt >= out.observedAt || !out.stateText)) out.stateText = a.stateText;
  out.since[a.state] = Math.min(out.since[a.state] ?? Infinity, at);
  // exchange beats return beats refund_only: a later page naming the type more precisely refines it.
  const kindRank = { refund_only: 0, return: 1, exchange: 2 } as const;
  if (a.kind && (!out.kind || kindRank[a.kind] > kindRank[out.kind])) out.kind = a.kind;
  const newer = !cur || observedAt >= cur.observedAt;
  if (a.pickupWindow && (newer || !out.pickupWindow)) out.pickupWindow = { ...a.pickupWindow };
  if (a.refundDue && (newer || !out.refundDue)) out.refundDue = { ...a.refundDue };
  out.observedAt = Math.max(out.observedAt, observedAt);
  return out;
}

function cloneParcel(p: ParcelRecord): ParcelRecord {
  const c: ParcelRecord = {
    ...p,
    orderKeys: [...p.orderKeys],
    platforms: [...p.platforms],
    sources: { ...p.sources },
    // Rows written before claims existed: their status counts as a claim made when it last changed.
    statusClaims: p.statusClaims ? { ...p.statusClaims } : p.status !== 'unknown' ? { [p.status]: p.updatedAt } : {},
  };
  if (p.carrierCandidates) c.carrierCandidates = [...p.carrierCandidates];
  if (p.latestEvent) c.latestEvent = { ...p.latestEvent };
  return c;
}

// ---- items ---------------------------------------------------------------------------------------------

const ITEM_FIELDS = ['title', 'itemId', 'sku', 'quantity', 'price', 'imageUrl'] as const;

function toItem(i: ItemObservation): ItemRecord | undefined {
  const out: Record<string, unknown> = {};
  for (const f of ITEM_FIELDS) if (!isEmpty(i[f])) out[f] = clean(i[f]);
  if (out.title === undefined && out.itemId === undefined) return undefined;
  if (out.title === undefined) out.title = '';
  return out as unknown as ItemRecord;
}

// Same product in two colours is two lines: the SKU is part of the identity.
const idKey = (i: ItemRecord) => (i.itemId ? `${i.itemId}|${i.sku ?? ''}` : undefined);
const titleKey = (i: ItemRecord) => (i.title ? `${i.title}|${i.sku ?? ''}` : undefined);

/** Winner's missing fields are filled from the matching item (by itemId, else title) of the other list. */
function fillItems(winner: ItemRecord[], other: ItemRecord[]): ItemRecord[] {
  const byId = new Map<string, ItemRecord>();
  const byTitle = new Map<string, ItemRecord>();
  for (const o of other) {
    const k1 = idKey(o);
    const k2 = titleKey(o);
    if (k1 && !byId.has(k1)) byId.set(k1, o);
    if (k2 && !byTitle.has(k2)) byTitle.set(k2, o);
  }
  return winner.map((w) => {
    const k1 = idKey(w);
    const k2 = titleKey(w);
    const m = (k1 && byId.get(k1)) || (k2 && byTitle.get(k2));
    if (!m) return w;
    const out: Record<string, unknown> = { ...w };
    for (const f of ITEM_FIELDS) if (isEmpty(out[f]) && !isEmpty(m[f])) out[f] = m[f];
    return out as unknown as ItemRecord;
  });
}

/** De-duplicate one list by itemId (or title), merging duplicate lines' fields. */
function dedupeItems(items: readonly ItemObservation[]): ItemRecord[] {
  const out: ItemRecord[] = [];
  for (const raw of items) {
    const it = toItem(raw);
    if (!it) continue;
    const k1 = idKey(it);
    const k2 = titleKey(it);
    const dup = out.findIndex((o) => (k1 && idKey(o) === k1) || (k2 && titleKey(o) === k2));
    if (dup < 0) out.push(it);
    else out[dup] = fillItems([out[dup]], [it])[0];
  }
  return out;
}

/** An order's item lines at most (the observation and backup schemas' limit). */
const MAX_ITEMS = 200;

/** Keep the longest list (ties: the more specific source), filling its gaps from the other. */
function mergeItems(rec: OrderRecord, incoming: readonly ItemObservation[] | undefined, source: Source): void {
  if (!incoming || incoming.length === 0) return;
  // One batch's lines of an order are merged together (see mergeOrder), so they may exceed one list's limit.
  const next = dedupeItems(incoming).slice(0, MAX_ITEMS);
  if (next.length === 0) return;
  const cur = rec.items;
  const curSrc = rec.sources.items;
  const nextWins =
    cur.length === 0 ||
    next.length > cur.length ||
    (next.length === cur.length && (curSrc === undefined || SOURCE_PRECEDENCE[source] >= SOURCE_PRECEDENCE[curSrc]));
  if (nextWins) {
    rec.items = fillItems(next, cur);
    rec.sources.items = source;
  } else {
    rec.items = fillItems(cur, next);
  }
}

// ---- the merge -----------------------------------------------------------------------------------------

const ORDER_FIELDS = ['shopName', 'shopId', 'amount', 'createdAt', 'paidAt', 'statusText', 'url', 'tmall', 'promise'] as const;
const PARCEL_FIELDS = ['carrierName', 'shippedAt', 'phoneTail', 'statusText', 'deliveredAt'] as const;

class Work {
  readonly orders = new Map<string, OrderRecord>();
  readonly origOrders = new Map<string, OrderRecord | undefined>();
  readonly parcels = new Map<string, ParcelRecord>();
  readonly origParcels = new Map<string, ParcelRecord | undefined>();
  /** All known events per parcel (existing + added). */
  readonly events = new Map<string, Map<string, EventRecord>>();
  /** Event rows to put (new, moved, or given a missing location). */
  readonly putEvents = new Map<string, EventRecord>();
  readonly newEventIds = new Set<string>();
  readonly removed = new Set<string>();
  /** New key → old key of re-keyed parcels, to report status changes against the old row. */
  readonly movedFrom = new Map<string, string>();
  readonly touchedParcels = new Set<string>();
  /** Order key → every item line the batch gave it (an order listed twice in one batch is merged once). */
  readonly batchItems = new Map<string, ItemObservation[]>();
  /** trackingNo → keys of working parcels (avoids scanning them all per observation). */
  private readonly byNo = new Map<string, Set<string>>();

  constructor(private readonly state: MergeState) {}

  getOrder(key: string): OrderRecord | undefined {
    const w = this.orders.get(key);
    if (w) return w;
    if (this.origOrders.has(key)) return undefined;
    const s = this.state.getOrder(key);
    this.origOrders.set(key, s);
    if (!s) return undefined;
    const c = cloneOrder(s);
    this.orders.set(key, c);
    return c;
  }

  createOrder(platform: Platform, orderId: string, at: number): OrderRecord {
    const key = orderKey(platform, orderId);
    if (!this.origOrders.has(key)) this.origOrders.set(key, undefined);
    const o: OrderRecord = { key, platform, orderId, items: [], status: 'unknown', parcelKeys: [], firstSeen: at, lastSeen: at, sources: {} };
    this.orders.set(key, o);
    return o;
  }

  getParcel(key: string): ParcelRecord | undefined {
    if (this.removed.has(key)) return undefined;
    const w = this.parcels.get(key);
    if (w) return w;
    if (this.origParcels.has(key)) return undefined;
    const s = this.state.getParcel(key);
    this.origParcels.set(key, s);
    if (!s) return undefined;
    const c = cloneParcel(s);
    this.track(c);
    return c;
  }

  private track(p: ParcelRecord): void {
    this.parcels.set(p.key, p);
    let keys = this.byNo.get(p.trackingNo);
    if (!keys) this.byNo.set(p.trackingNo, (keys = new Set()));
    keys.add(p.key);
  }

  createParcel(carrier: string, trackingNo: string, at: number): ParcelRecord {
    const key = parcelKey(carrier, trackingNo);
    if (!this.origParcels.has(key)) this.origParcels.set(key, undefined);
    const p: ParcelRecord = {
      key,
      carrier,
      trackingNo,
      direction: 'outbound',
      orderKeys: [],
      platforms: [],
      status: 'unknown',
      nextCheckAt: 0,
      archived: 0,
      firstSeen: at,
      lastSeen: at,
      updatedAt: at,
      sources: {},
      statusClaims: {},
    };
    this.track(p);
    return p;
  }

  findByTrackingNo(trackingNo: string): ParcelRecord[] {
    const keys = new Set(this.state.findParcelsByTrackingNo(trackingNo).map((p) => p.key));
    for (const k of this.byNo.get(trackingNo) ?? []) keys.add(k);
    const out: ParcelRecord[] = [];
    for (const k of [...keys].sort()) {
      const p = this.getParcel(k);
      if (p && p.trackingNo === trackingNo) out.push(p);
    }
    return out;
  }

  eventsOf(pKey: string): Map<string, EventRecord> {
    let m = this.events.get(pKey);
    if (!m) {
      m = new Map(this.state.getEvents(pKey).map((e) => [e.id, e]));
      this.events.set(pKey, m);
    }
    return m;
  }

  /** Append-only, de-duplicated on (parcel, time, text); a duplicate may only fill a missing location. */
  addEvent(pKey: string, ev: EventObservation, isNew: boolean): void {
    const text = normalizeEventText(ev.text);
    if (!text || !Number.isFinite(ev.time)) return;
    const id = eventId(pKey, ev.time, text);
    const map = this.eventsOf(pKey);
    const location = typeof ev.location === 'string' ? ev.location.trim() : '';
    const cur = map.get(id);
    if (cur) {
      if (!cur.location && location) {
        const upd = { ...cur, location };
        map.set(id, upd);
        this.putEvents.set(id, upd);
      }
      return;
    }
    const rec: EventRecord = { id, parcelKey: pKey, time: ev.time, text, status: eventStatus({ time: ev.time, text, status: ev.status }) };
    if (location) rec.location = location;
    map.set(id, rec);
    this.putEvents.set(id, rec);
    if (isNew) this.newEventIds.add(id);
  }

  /** Move (or fold) a parcel stored under UNKNOWN_CARRIER to its real carrier, with its events and order links. */
  rekey(old: ParcelRecord, carrier: string, target: ParcelRecord | undefined): ParcelRecord {
    const oldKey = old.key;
    const newKey = parcelKey(carrier, old.trackingNo);
    let rec: ParcelRecord;
    if (!target) {
      rec = { ...old, key: newKey, carrier };
      if (!this.origParcels.has(newKey)) this.origParcels.set(newKey, undefined);
      this.movedFrom.set(newKey, this.movedFrom.get(oldKey) ?? oldKey);
      this.track(rec);
    } else {
      rec = target;
      absorbParcel(rec, old);
    }
    rec.carrierCandidates = sortedUnion(rec.carrierCandidates ?? [], old.carrierCandidates).filter((c) => c !== carrier);
    if (rec.carrierCandidates.length === 0) delete rec.carrierCandidates;

    for (const e of this.eventsOf(oldKey).values()) {
      const wasNew = this.newEventIds.delete(e.id);
      this.putEvents.delete(e.id);
      this.addEvent(newKey, { time: e.time, text: e.text, location: e.location, status: e.status }, wasNew);
    }
    for (const ok of old.orderKeys) {
      const o = this.getOrder(ok);
      if (o) o.parcelKeys = sortedUnion(o.parcelKeys.filter((k) => k !== oldKey), [newKey]);
    }
    this.parcels.delete(oldKey);
    this.byNo.get(old.trackingNo)?.delete(oldKey);
    this.events.delete(oldKey);
    this.removed.add(oldKey);
    this.touchedParcels.delete(oldKey);
    this.touchedParcels.add(newKey);
    return rec;
  }
}

/** Fold a record into another of the same parcel: unions, claim times, and field precedence. */
function absorbParcel(into: ParcelRecord, from: ParcelRecord): void {
  into.orderKeys = sortedUnion(into.orderKeys, from.orderKeys);
  if (from.direction === 'return') into.direction = 'return';
  if (from.exchange) into.exchange = true;
  for (const f of PARCEL_FIELDS) setField(into, f, from[f], from.sources[f] ?? 'import');
  for (const f of ['pickupCode', 'station'] as const) {
    const fromAt = from.pickupSeenAt?.[f] ?? -Infinity;
    const intoAt = into.pickupSeenAt?.[f] ?? -Infinity;
    if (!isEmpty(from[f]) && (isEmpty(into[f]) || fromAt > intoAt)) {
      into[f] = from[f];
      if (from.pickupSeenAt?.[f] !== undefined) (into.pickupSeenAt ??= {})[f] = fromAt;
    }
  }
  if (isEmpty(into.note) && !isEmpty(from.note)) into.note = from.note;
  const claims = (into.statusClaims ??= {});
  for (const [s, t] of Object.entries(from.statusClaims ?? {}) as [ParcelStatus, number][]) claims[s] = Math.max(claims[s] ?? -Infinity, t);
  into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
}

function seen(rec: { firstSeen: number; lastSeen: number }, at: number): void {
  rec.firstSeen = Math.min(rec.firstSeen, at);
  rec.lastSeen = Math.max(rec.lastSeen, at);
}

function mergeOrder(w: Work, batch: NormalizedBatch, o: OrderObservation): void {
  if (isEmpty(o.orderId)) return;
  const id = o.orderId.trim();
  const rec = w.getOrder(orderKey(batch.platform, id)) ?? w.createOrder(batch.platform, id, batch.observedAt);
  seen(rec, batch.observedAt);
  for (const f of ORDER_FIELDS) setField(rec, f, o[f], batch.source);
  mergeService(rec, o.service);
  const after = mergeAfterSale(rec.afterSale, o.afterSale, batch.observedAt);
  if (after) rec.afterSale = after;
  // Items are merged after all of the batch's observations of this order are in (see mergeBatch): merging
  // them one by one let an equal-length later list drop an earlier one's fields, which a second read of the
  // same batch then brought back.
  if (o.items?.length) w.batchItems.set(rec.key, (w.batchItems.get(rec.key) ?? []).concat(o.items));
  const claim: OrderStatus = o.status && o.status !== 'unknown' ? o.status : orderStatusFromText(o.statusText ?? '');
  rec.status = joinOrderStatus(rec.status, claim);
  // An ended order's parcels already stored may have to become delivered (see finishParcel).
  if (orderEnded(rec)) {
    for (const k of rec.parcelKeys) {
      const p = w.getParcel(k);
      if (p && p.status !== 'delivered') w.touchedParcels.add(k);
    }
  }
}

/** Which record an observation belongs to (design §4: one parcel per carrier + number). */
function resolveParcel(w: Work, obs: NormalizedParcelObservation, at: number): ParcelRecord {
  const no = obs.trackingNo;
  const carrier = obs.carrierId || UNKNOWN_CARRIER;
  const existing = w.findByTrackingNo(no);
  if (carrier === UNKNOWN_CARRIER) {
    let known = existing.filter((p) => p.carrier !== UNKNOWN_CARRIER);
    const cands = obs.carrierCandidates ?? [];
    // If one of several parcels already absorbed an observation with exactly these candidates (it carries
    // them), the same page read again lands there, as it did the first time. This is checked before narrowing
    // to the candidates: the first read may have found only a parcel whose carrier is not among them.
    if (known.length > 1 && cands.length) {
      const absorbed = known.filter((p) => cands.every((c) => c === p.carrier || (p.carrierCandidates ?? []).includes(c)));
      if (absorbed.length === 1) return absorbed[0];
      const narrowed = known.filter((p) => cands.includes(p.carrier));
      if (narrowed.length === 1) known = narrowed;
    }
    // Attach to the one parcel with this number; with several, we cannot tell which.
    if (known.length === 1) return known[0];
    return w.getParcel(parcelKey(UNKNOWN_CARRIER, no)) ?? w.createParcel(UNKNOWN_CARRIER, no, at);
  }
  const target = w.getParcel(parcelKey(carrier, no));
  const unknown = existing.find((p) => p.carrier === UNKNOWN_CARRIER);
  const others = existing.filter((p) => p.carrier !== UNKNOWN_CARRIER && p.carrier !== carrier);
  if (unknown && others.length === 0) return w.rekey(unknown, carrier, target);
  return target ?? w.createParcel(carrier, no, at);
}

function mergeParcel(w: Work, batch: NormalizedBatch, obs: NormalizedParcelObservation): void {
  if (isEmpty(obs.trackingNo)) return;
  const at = batch.observedAt;
  const src = batch.source;
  const rec = resolveParcel(w, obs, at);
  w.touchedParcels.add(rec.key);
  seen(rec, at);

  for (const f of PARCEL_FIELDS) setField(rec, f, obs[f], src);
  if (obs.direction === 'return') rec.direction = 'return'; // once a return, always a return
  if (obs.exchange) rec.exchange = true;
  if (obs.carrierCandidates?.length) {
    const c = sortedUnion(rec.carrierCandidates ?? [], obs.carrierCandidates).filter((x) => x !== rec.carrier && x !== UNKNOWN_CARRIER);
    if (c.length) rec.carrierCandidates = c;
  }
  // Codes change when a parcel is re-shelved: the latest OBSERVED wins (not the latest to arrive: an old page
  // read late must not bring back a code that was replaced); a restored backup only fills a gap.
  // pickupSeenAt holds the newest time a page or service showed the current value; a value only a restored
  // backup gave counts until a page shows any value (so the result does not depend on arrival order).
  for (const f of ['pickupCode', 'station'] as const) {
    const v = obs[f]?.trim();
    if (!v) continue;
    const curSrc = rec.sources[f];
    const curFromImport = curSrc === undefined || curSrc === 'import';
    const curAt = rec.pickupSeenAt?.[f] ?? -Infinity;
    const stampAt = (t: number) => ((rec.pickupSeenAt ??= {})[f] = t);
    if (v === rec[f]) {
      if (src !== 'import') stampAt(curFromImport ? at : Math.max(curAt, at));
      else if (curFromImport) stampAt(Math.max(curAt, at));
      if (curSrc === undefined || SOURCE_PRECEDENCE[src] > SOURCE_PRECEDENCE[curSrc]) rec.sources[f] = src;
    } else if (isEmpty(rec[f]) || (src !== 'import' && (curFromImport || at > curAt || (at === curAt && v > (rec[f] ?? ''))))) {
      rec[f] = v;
      rec.sources[f] = src;
      stampAt(at);
    }
  }

  const events = obs.events ?? [];
  if (events.length === 0) {
    // Without events the observation is a claim: it can only move status forward (see finishParcel).
    const claim: ParcelStatus = obs.status && obs.status !== 'unknown' ? obs.status : statusFromEventText(obs.statusText ?? '');
    if (claim !== 'unknown') {
      const claims = (rec.statusClaims ??= {});
      claims[claim] = Math.max(claims[claim] ?? -Infinity, at);
    }
  }
  for (const e of events) w.addEvent(rec.key, e, true);

  for (const rawId of obs.orderIds ?? []) {
    if (isEmpty(rawId)) continue;
    const id = rawId.trim();
    const ok = orderKey(batch.platform, id);
    const o = w.getOrder(ok) ?? w.createOrder(batch.platform, id, at);
    seen(o, at);
    o.parcelKeys = sortedUnion(o.parcelKeys, [rec.key]);
    rec.orderKeys = sortedUnion(rec.orderKeys, [ok]);
    // A parcel exists, so the order has shipped (never lowers refunding/completed/cancelled/refunded).
    o.status = joinOrderStatus(o.status, 'shipped');
  }
}

/** What a carrier's events may report that an ended order must not hide: the parcel went back, or its waybill was cancelled. */
const WENT_BACK = new Set<ParcelStatus>(['returning', 'returned', 'rejected', 'cancelled']);

/** completed, cancelled or refunded: the order's outcome is settled (ORDER_STATUS_RANK). */
export const orderEnded = (o: Pick<OrderRecord, 'status'> | undefined): boolean =>
  !!o && ORDER_STATUS_RANK[o.status] >= ORDER_STATUS_RANK.completed;

/** Status, latest event, deliveredAt and platforms from the record's full state. */
function finishParcel(w: Work, rec: ParcelRecord): void {
  rec.orderKeys = sortedUnion(rec.orderKeys);
  rec.platforms = sortedUnion(rec.orderKeys.map((k) => w.getOrder(k)?.platform ?? platformOfKey(k))) as Platform[];

  const events = [...w.eventsOf(rec.key).values()];
  // Stored events carry their status already (eventStatus at ingestion): same choice as statusFromEvents.
  let latest: EventRecord | undefined;
  for (const e of events) if (!latest || compareEventsNewestFirst(e, latest) < 0) latest = e;
  const newest = decidingEvent(events);
  const eventStat: ParcelStatus = newest?.status ?? 'unknown';
  const eventTime = newest?.time ?? -Infinity;

  // Claims older than the newest event are superseded by it; newer ones may only push status forward.
  let claimed: ParcelStatus = 'unknown';
  for (const [s, t] of Object.entries(rec.statusClaims ?? {}) as [ParcelStatus, number][]) {
    if (t >= eventTime) claimed = joinStatus(claimed, s);
  }
  rec.status = STATUS_RANK[claimed] > STATUS_RANK[eventStat] ? claimed : eventStat;

  // An order that ended (交易成功: the shopper confirmed receipt, or the platform did after its confirm window;
  // closed/refunded after shipping: settled, a return parcel received) no longer waits for its parcels: unless
  // the carrier's events show one went back, it counts as delivered even when those events stop before 签收.
  // Derived, not stored; no event or deliveredAt is invented; order statuses only rise, so the result does not
  // depend on the order batches arrive in. Outbound parcels only: a return often starts after 交易成功, and a
  // return on its way back to the shop is not delivered because its order ended.
  if (rec.direction !== 'return' && !WENT_BACK.has(eventStat) && rec.orderKeys.some((k) => orderEnded(w.getOrder(k)))) {
    rec.status = 'delivered';
  }

  // Where the parcel ended, for door promises (outbound only: a return's drop-off at a station is the shopper's choice).
  const station = rec.direction === 'outbound' ? stationEnd(events) : undefined;
  if (station) rec.stationEvent = station;
  else delete rec.stationEvent;

  if (latest) {
    rec.latestEvent = { time: latest.time, text: latest.text };
    if (latest.location) rec.latestEvent.location = latest.location;
  }

  // deliveredAt belongs to a delivered parcel: the delivering event's time (no source: derived), else what a
  // page said (has a source). A value derived from an event that is no longer the newest goes.
  if (rec.status === 'delivered' && eventStat === 'delivered') {
    rec.deliveredAt = eventTime;
    delete rec.sources.deliveredAt;
  } else if (rec.status !== 'delivered' || rec.sources.deliveredAt === undefined) {
    delete rec.deliveredAt;
    delete rec.sources.deliveredAt;
  }
}

/** Merge one normalized batch. `now` stamps updatedAt (defaults to the batch time, keeping this pure). */
export function mergeBatch(state: MergeState, batch: NormalizedBatch, now: number = batch.observedAt): MergeResult {
  const w = new Work(state);
  for (const o of batch.orders) mergeOrder(w, batch, o);
  for (const [key, items] of w.batchItems) mergeItems(w.orders.get(key)!, items, batch.source);
  for (const p of batch.parcels) mergeParcel(w, batch, p);

  const changes: Change[] = [];
  const parcels: ParcelRecord[] = [];
  const parcelChanges: Change[] = [];

  for (const key of w.touchedParcels) {
    const rec = w.parcels.get(key);
    if (!rec) continue;
    finishParcel(w, rec);
    const moved = w.movedFrom.get(key);
    const orig = w.origParcels.get(key) ?? (moved !== undefined ? w.origParcels.get(moved) : undefined);
    const evNew = [...w.eventsOf(key).values()].filter((e) => w.newEventIds.has(e.id)).sort((a, b) => a.time - b.time);
    if (!orig) {
      rec.updatedAt = now;
      parcelChanges.push({ type: 'parcel_new', parcelKey: key, status: rec.status });
    } else {
      if (orig.status !== rec.status || evNew.length > 0) rec.updatedAt = now;
      if (orig.status !== rec.status) parcelChanges.push({ type: 'parcel_status', parcelKey: key, from: orig.status, to: rec.status });
    }
    if (rec.pickupCode && rec.pickupCode !== orig?.pickupCode) {
      parcelChanges.push({ type: 'pickup_code', parcelKey: key, code: rec.pickupCode, ...(rec.station ? { station: rec.station } : {}) });
    }
    for (const e of evNew) parcelChanges.push({ type: 'event_new', parcelKey: key, time: e.time, text: e.text });
    if (!orig || moved !== undefined || !sameData(orig, rec)) parcels.push(rec);
  }

  const orders: OrderRecord[] = [];
  for (const [key, rec] of w.orders) {
    rec.parcelKeys = sortedUnion(rec.parcelKeys);
    const orig = w.origOrders.get(key);
    if (!orig) changes.push({ type: 'order_new', orderKey: key });
    else if (orig.status !== rec.status) changes.push({ type: 'order_status', orderKey: key, from: orig.status, to: rec.status });
    if (!orig || !sameData(orig, rec)) orders.push(rec);
  }
  // A loop, not push(...parcelChanges): a restore batch can hold 100,000s of changes (argument-count limit).
  for (const c of parcelChanges) changes.push(c);

  return {
    orders,
    parcels,
    events: [...w.putEvents.values()],
    removedParcelKeys: [...w.removed].filter((k) => w.origParcels.get(k) !== undefined),
    changes,
  };
}

// ---- in-memory state (tests, benchmarks) ---------------------------------------------------------------

export class MemoryMergeState implements MergeState {
  readonly orders = new Map<string, OrderRecord>();
  readonly parcels = new Map<string, ParcelRecord>();
  /** parcelKey → event id → event */
  readonly events = new Map<string, Map<string, EventRecord>>();
  private readonly byTrackingNo = new Map<string, Set<string>>();

  getOrder(key: string): OrderRecord | undefined {
    return this.orders.get(key);
  }

  getParcel(key: string): ParcelRecord | undefined {
    return this.parcels.get(key);
  }

  findParcelsByTrackingNo(trackingNo: string): ParcelRecord[] {
    return [...(this.byTrackingNo.get(trackingNo) ?? [])].map((k) => this.parcels.get(k)!).filter(Boolean);
  }

  getEvents(pKey: string): EventRecord[] {
    return [...(this.events.get(pKey)?.values() ?? [])];
  }

  /** Write a merge result back, as the database layer would in one transaction. */
  apply(result: MergeResult): void {
    for (const key of result.removedParcelKeys) {
      const p = this.parcels.get(key);
      if (p) this.byTrackingNo.get(p.trackingNo)?.delete(key);
      this.parcels.delete(key);
      this.events.delete(key);
    }
    for (const o of result.orders) this.orders.set(o.key, o);
    for (const p of result.parcels) {
      this.parcels.set(p.key, p);
      let s = this.byTrackingNo.get(p.trackingNo);
      if (!s) this.byTrackingNo.set(p.trackingNo, (s = new Set()));
      s.add(p.key);
    }
    for (const e of result.events) {
      let m = this.events.get(e.parcelKey);
      if (!m) this.events.set(e.parcelKey, (m = new Map()));
      m.set(e.id, e);
    }
  }

  /** mergeBatch + apply. */
  ingest(batch: NormalizedBatch, now?: number): MergeResult {
    const r = mergeBatch(this, batch, now);
    this.apply(r);
    return r;
  }

  allEvents(): EventRecord[] {
    return [...this.events.values()].flatMap((m) => [...m.values()]);
  }
}
