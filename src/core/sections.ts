// Groups parcels and orders into the popup's sections, most urgent first (design §1). Pure.
// The same rules drive two readers: buildSections() over records in memory, and the indexed first-screen
// query in src/db/popup-data.ts, which asks IndexedDB for the same sections by [archived+status+sortAt]
// ranges (sectionRanges below). parcelTime() is what the database stores as `sortAt`.
import { afterSaleAlerts, DEFAULT_THRESHOLDS, orderAlerts, parcelAlerts, type Alert, type AlertThresholds } from './alerts';
import { DEFAULT_ALERT_PREFS, type AlertPrefs } from './alert-prefs';
import type { OrderRecord, ParcelRecord, ParcelStatus } from './model';

export type SectionId = 'awaiting_collection' | 'attention' | 'out_for_delivery' | 'in_transit' | 'unshipped' | 'delivered';

export const SECTION_ORDER: SectionId[] = ['awaiting_collection', 'attention', 'out_for_delivery', 'in_transit', 'unshipped', 'delivered'];

export const RECENTLY_DELIVERED_MS = 7 * 24 * 3600_000;

const SECTION_OF: Partial<Record<ParcelStatus, SectionId>> = {
  awaiting_collection: 'awaiting_collection',
  exception: 'attention',
  returning: 'attention',
  rejected: 'attention',
  out_for_delivery: 'out_for_delivery',
  pending_pickup: 'in_transit',
  picked_up: 'in_transit',
  in_transit: 'in_transit',
  customs: 'in_transit',
  unknown: 'in_transit',
};

/** A row of a section; `alert` says why it is there (attention) or what is late (unshipped). */
export type SectionEntry = { kind: 'parcel'; parcel: ParcelRecord; alert?: Alert } | { kind: 'order'; order: OrderRecord; alert?: Alert };

export interface Section {
  id: SectionId;
  entries: SectionEntry[];
}

/**
 * The time a parcel is ranked and aged by: a delivered parcel by its delivery, any other by its latest
 * event, else when it was shipped or first seen (the time the alerts measure from). Stored as `sortAt`.
 */
export function parcelTime(p: Pick<ParcelRecord, 'status' | 'deliveredAt' | 'latestEvent' | 'updatedAt' | 'shippedAt' | 'firstSeen'>): number {
  if (p.status === 'delivered') return p.deliveredAt ?? p.latestEvent?.time ?? p.updatedAt;
  return p.latestEvent?.time ?? p.shippedAt ?? p.firstSeen;
}

export const orderTime = (o: Pick<OrderRecord, 'paidAt' | 'createdAt' | 'firstSeen'>) => o.paidAt ?? o.createdAt ?? o.firstSeen;

/** Alerts that move a moving parcel into "needs attention": stalled, no pickup scan, out for delivery too long. */
const ATTENTION_ALERTS = new Set<Alert['kind']>(['stalled', 'no_pickup_scan', 'out_for_delivery_long']);

export function attentionAlert(p: ParcelRecord, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Alert | undefined {
  return parcelAlerts(p, now, t).find((a) => ATTENTION_ALERTS.has(a.kind));
}

/** The section of a parcel from its own record (order promises aside; see buildSections), by thresholds `t`. */
export function sectionOf(p: ParcelRecord, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): SectionId | null {
  if (p.archived) return null;
  if (SECTION_OF[p.status] && SECTION_OF[p.status] !== 'attention' && SECTION_OF[p.status] !== 'awaiting_collection' && attentionAlert(p, now, t)) return 'attention';
  if (p.status === 'delivered') return now - parcelTime(p) <= RECENTLY_DELIVERED_MS ? 'delivered' : null;
  return SECTION_OF[p.status] ?? null;
}

/** Only an order still on its way can miss a promise (a completed or cancelled one is past it). */
export const PROMISE_STATUSES = ['shipped', 'unshipped'] as const;

/** Sections a missed promise may pull a parcel out of (a waiting or delivered parcel kept its promise). */
const PROMISE_MOVABLE = new Set<SectionId>(['out_for_delivery', 'in_transit']);

/**
 * Orders whose promise (极速达, 次日达, ship-by) has been missed, from `orders` and the parcels at hand:
 * order key → alert. An unshipped one becomes an attention row itself; a shipped one sends its moving
 * outbound parcels to attention.
 */
export function missedPromises(orders: Iterable<OrderRecord>, parcelsByKey: ReadonlyMap<string, ParcelRecord>, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const o of orders) {
    if (!o.promise?.at || o.promise.at >= now || !(PROMISE_STATUSES as readonly string[]).includes(o.status)) continue;
    const ps = o.parcelKeys.map((k) => parcelsByKey.get(k)).filter((p): p is ParcelRecord => !!p);
    const a = orderAlerts(o, ps, now, t).find((x) => x.kind === 'promise_missed');
    if (a) out.set(o.key, a);
  }
  return out;
}

/** Parcel key → the promise alert that sends it to attention (it must be in a movable section). */
export function promiseParcels(
  missed: ReadonlyMap<string, Alert>,
  orders: ReadonlyMap<string, OrderRecord>,
  parcelsByKey: ReadonlyMap<string, ParcelRecord>,
  now: number,
  t: AlertThresholds = DEFAULT_THRESHOLDS,
): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const [orderKey, alert] of missed) {
    for (const k of orders.get(orderKey)?.parcelKeys ?? []) {
      const p = parcelsByKey.get(k);
      if (!p || p.direction !== 'outbound' || out.has(k)) continue;
      const s = sectionOf(p, now, t);
      if (s && PROMISE_MOVABLE.has(s)) out.set(k, { ...alert, parcelKey: k });
    }
  }
  return out;
}

/** Newest first; ties by key, descending (the order IndexedDB walks [archived+status+sortAt] backwards). */
export const compareParcels = (a: ParcelRecord, b: ParcelRecord) => parcelTime(b) - parcelTime(a) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
/** Longest-waiting first; ties by key. */
export const compareOrders = (a: OrderRecord, b: OrderRecord) => orderTime(a) - orderTime(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function compareEntries(a: SectionEntry, b: SectionEntry): number {
  if (a.kind === 'parcel' && b.kind === 'parcel') return compareParcels(a.parcel, b.parcel);
  if (a.kind === 'order' && b.kind === 'order') return compareOrders(a.order, b.order);
  // In attention, orders (a missed promise, not shipped at all) come before moving parcels.
  return a.kind === 'order' ? -1 : 1;
}

/** Two lists each in compareEntries order, merged into one (a row in both, by key, once). */
export function mergeEntries(a: readonly SectionEntry[], b: readonly SectionEntry[]): SectionEntry[] {
  const out: SectionEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = compareEntries(a[i], b[j]);
    if (c === 0) j++;
    out.push(c <= 0 ? a[i++] : b[j++]);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** The entry of an unshipped order: in attention when its promise is missed, else in unshipped. */
export function orderEntry(o: OrderRecord, missed: ReadonlyMap<string, Alert>, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): { section: SectionId; entry: SectionEntry } | null {
  if (o.status !== 'unshipped' || o.parcelKeys.length > 0) return null;
  const promise = missed.get(o.key);
  if (promise) return { section: 'attention', entry: { kind: 'order', order: o, alert: promise } };
  const late = orderAlerts(o, [], now, t).find((a) => a.kind === 'not_shipped');
  return { section: 'unshipped', entry: late ? { kind: 'order', order: o, alert: late } : { kind: 'order', order: o } };
}

/** An order whose after-sale needs the shopper (a pickup that never came, a refund overdue or late): an attention row.
 * Only alerts switched on count (`prefs.on`, settings alertKinds): with every one of its alerts off, an after-sale is
 * no row (it never had a section of its own; its parcels keep theirs). */
export function afterSaleEntry(o: OrderRecord, parcels: readonly ParcelRecord[], now: number, prefs: AlertPrefs = DEFAULT_ALERT_PREFS): { section: SectionId; entry: SectionEntry } | null {
  if (!o.afterSale) return null;
  const a = afterSaleAlerts(o, parcels, now, prefs.thresholds).find((x) => prefs.on(x.kind));
  return a ? { section: 'attention', entry: { kind: 'order', order: o, alert: a } } : null;
}

/** The entry and section of a parcel, given the promise alerts of its orders. */
export function parcelEntry(p: ParcelRecord, promises: ReadonlyMap<string, Alert>, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): { section: SectionId; entry: SectionEntry } | null {
  const promise = promises.get(p.key);
  if (promise) return { section: 'attention', entry: { kind: 'parcel', parcel: p, alert: promise } };
  const s = sectionOf(p, now, t);
  if (!s) return null;
  const alert = s === 'attention' ? (attentionAlert(p, now, t) ?? parcelAlerts(p, now, t)[0]) : undefined;
  return { section: s, entry: alert ? { kind: 'parcel', parcel: p, alert } : { kind: 'parcel', parcel: p } };
}

/**
 * `parcels`: the parcels to place; `orders`: unshipped orders (rows of their own) and any order whose
 * promise may be missed (linked to those parcels). `prefs`: the alert kinds switched on and the thresholds (the
 * defaults unless given).
 */
export function buildSections(parcels: ParcelRecord[], orders: OrderRecord[], now = Date.now(), prefs: AlertPrefs = DEFAULT_ALERT_PREFS): Section[] {
  const t = prefs.thresholds;
  const map = new Map<SectionId, SectionEntry[]>(SECTION_ORDER.map((id) => [id, []]));
  const byKey = new Map(parcels.map((p) => [p.key, p]));
  const orderMap = new Map(orders.map((o) => [o.key, o]));
  const missed = missedPromises(orderMap.values(), byKey, now, t);
  const promises = promiseParcels(missed, orderMap, byKey, now, t);
  for (const p of parcels) {
    const r = parcelEntry(p, promises, now, t);
    if (r) map.get(r.section)!.push(r.entry);
  }
  for (const o of orderMap.values()) {
    const r = orderEntry(o, missed, now, t) ?? afterSaleEntry(o, o.parcelKeys.map((k) => byKey.get(k)).filter((p): p is ParcelRecord => !!p), now, prefs);
    if (r) map.get(r.section)!.push(r.entry);
  }
  return SECTION_ORDER.map((id) => ({ id, entries: map.get(id)!.sort(compareEntries) })).filter((s) => s.entries.length > 0);
}

/** Parcels that need the shopper: waiting for pickup + needs attention. */
export function needsUserCount(parcels: ParcelRecord[], now = Date.now(), t: AlertThresholds = DEFAULT_THRESHOLDS): number {
  return parcels.filter((p) => {
    const s = sectionOf(p, now, t);
    return s === 'awaiting_collection' || s === 'attention';
  }).length;
}

// ---- the same sections as index ranges ------------------------------------------------------------

/** Parcels of one status whose sortAt is in [from, to) (either end open when absent). */
export interface StatusRange {
  status: ParcelStatus;
  from?: number;
  to?: number;
}

/**
 * Each section's parcels as ranges of [status, sortAt], for a parcel whose orders keep their promises.
 * Status `unknown` is not here: whether such a parcel has an event decides its section, so readers load
 * all of those (they are few) and place them with sectionOf().
 */
export function sectionRanges(now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Record<SectionId, StatusRange[]> {
  const H = 3600_000;
  const stalled = now - t.stalledHours * H;
  const ofd = now - t.outForDeliveryHours * H;
  const noScan = now - t.noPickupScanHours * H;
  const moving: ParcelStatus[] = ['picked_up', 'in_transit', 'customs'];
  return {
    awaiting_collection: [{ status: 'awaiting_collection' }],
    attention: [
      { status: 'exception' },
      { status: 'returning' },
      { status: 'rejected' },
      ...moving.map((status) => ({ status, to: stalled })),
      { status: 'out_for_delivery', to: ofd },
      { status: 'pending_pickup', to: noScan },
    ],
    out_for_delivery: [{ status: 'out_for_delivery', from: ofd }],
    in_transit: [...moving.map((status) => ({ status, from: stalled })), { status: 'pending_pickup', from: noScan }],
    unshipped: [],
    delivered: [{ status: 'delivered', from: now - RECENTLY_DELIVERED_MS }],
  };
}

export const inRange = (p: ParcelRecord, r: StatusRange) => {
  const t = parcelTime(p);
  return p.status === r.status && (r.from === undefined || t >= r.from) && (r.to === undefined || t < r.to);
};
