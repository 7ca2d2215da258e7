// Delivery statistics for the options page (pure): how long each platform and carrier takes, parcels per
// month, and how often each alert was raised.
//
// Durations, in hours, per outbound parcel (return parcels are not the shop's shipping):
// - payToShip: the earliest paidAt of the parcel's orders → shipment (parcel.shippedAt, else its first event).
// - shipToPickup: shipment → the first event whose status is picked_up or later on the main chain
//   (picked_up, in_transit, customs, out_for_delivery, awaiting_collection, delivered). Measured only when the
//   shipment time is known apart from that scan (parcel.shippedAt, or an earlier event such as 已下单/待揽收):
//   a parcel whose first event is the pickup scan itself says nothing about this gap (it would read as 0 h).
// - pickupToDelivery: that first pickup scan → parcel.deliveredAt (else the first delivered event).
// A duration is counted only when both ends are known and it is not negative. Median and 90th percentile use
// linear interpolation between order statistics (like numpy's default / Excel PERCENTILE.INC): with values
// a₀ ≤ … ≤ aₙ₋₁ the q-quantile is at position q·(n−1).
//
// Alerts over history (approximation, documented): the rules in core/alerts.ts look at a parcel's state *now*.
// To know whether a rule ever fired we replay each parcel's events oldest first. Each event defines a state
// (its status, it as the latest event) that lasted until the next event (or until `now` for the state the
// parcel is still in, or until deliveredAt / updatedAt when a later claim without events moved it on); the
// rule is evaluated at the end of that interval, which is when its "hours since" was largest. Before the first
// event, a parcel with a shippedAt is "shipped, no scan" until the first event. A parcel without events is
// evaluated as it is now. Order rules: not_shipped is evaluated at the first shipment of the order's outbound
// parcels (or now if none shipped); promise_missed at the promise's deadline, with the parcels' statuses as of
// that moment. So gaps between scans count, states we never saw (no event for them) do not.
import { orderAlerts, parcelAlerts, DEFAULT_THRESHOLDS, type AlertKind, type AlertThresholds } from './alerts';
import type { EventRecord, OrderRecord, ParcelRecord, ParcelStatus, Platform } from './model';
import { stationEnd } from './after-sale';

const HOUR = 3600_000;

export interface Summary {
  /** How many durations were measured. */
  count: number;
  median: number;
  p90: number;
}

export const DURATION_KINDS = ['payToShip', 'shipToPickup', 'pickupToDelivery'] as const;
export type DurationKind = (typeof DURATION_KINDS)[number];

export interface GroupStats {
  /** Platform id or carrier id. */
  key: string;
  /** Outbound parcels in the group. */
  parcels: number;
  durations: Record<DurationKind, Summary | null>;
}

export const PARCEL_ALERT_KINDS = ['no_pickup_scan', 'stalled', 'out_for_delivery_long', 'awaiting_collection_long', 'exception', 'rejected', 'returning'] as const;
export const ORDER_ALERT_KINDS = ['not_shipped', 'promise_missed'] as const;

export interface AlertShare {
  kind: AlertKind;
  /** Parcels (or orders, for order alerts) that raised it at some point. */
  raised: number;
  /** Parcels (or orders) looked at. */
  of: number;
  /** raised / of, 0 when of is 0. */
  share: number;
}

export interface DeliveryStats {
  overall: GroupStats;
  byPlatform: GroupStats[];
  byCarrier: GroupStats[];
  /** Parcels (all directions) per local month of their shipment (else first seen), oldest first. */
  perMonth: { month: string; parcels: number }[];
  alerts: AlertShare[];
  /** Issue #16: door promises kept or broken, and how long return pickups and refunds took. */
  lastMile: { byPlatform: LastMileGroup[]; byCarrier: LastMileGroup[] };
}

export interface LastMileGroup {
  /** Platform id or carrier id. */
  key: string;
  /** Outbound parcels of orders that promised the door and that have arrived (at the door or a station). */
  doorPromised: number;
  /** Of those, left at a station or locker. */
  doorBroken: number;
  /** doorBroken / doorPromised, 0 when none. */
  doorBrokenShare: number;
  /** Hours from a booked return pickup to the pickup (page state, else the return parcel's first scan). */
  pickupWait: Summary | null;
  /** Hours from the seller receiving the return to the refund. */
  refundWait: Summary | null;
}

/** q-quantile (0..1) of ascending `sorted`, linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return { count: s.length, median: quantile(s, 0.5), p90: quantile(s, 0.9) };
}

const PICKED_UP_OR_LATER: ReadonlySet<ParcelStatus> = new Set<ParcelStatus>([
  'picked_up',
  'in_transit',
  'customs',
  'out_for_delivery',
  'awaiting_collection',
  'delivered',
]);

const pad = (n: number) => String(n).padStart(2, '0');
/** Local "YYYY-MM". */
export const monthOf = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
};

/** Milestones of one parcel (ms), from its record and its events (any order). */
export function milestones(p: ParcelRecord, events: readonly EventRecord[], orders: readonly (OrderRecord | undefined)[]) {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const paid = orders.map((o) => o?.paidAt).filter((x): x is number => x !== undefined);
  const paidAt = paid.length ? paid.reduce((m, x) => Math.min(m, x)) : undefined;
  const shippedAt = p.shippedAt ?? sorted[0]?.time;
  const pickup = sorted.find((e) => PICKED_UP_OR_LATER.has(e.status));
  const pickupAt = pickup?.time;
  /** Shipment time known apart from the pickup scan (see the file comment). */
  const shippedBeforePickup = p.shippedAt ?? (pickup && sorted[0] !== pickup ? sorted[0].time : undefined);
  const deliveredAt = p.deliveredAt ?? sorted.find((e) => e.status === 'delivered')?.time;
  return { paidAt, shippedAt, shippedBeforePickup, pickupAt, deliveredAt };
}

const hoursBetween = (from: number | undefined, to: number | undefined): number | undefined =>
  from === undefined || to === undefined || to < from ? undefined : (to - from) / HOUR;

/** Did each parcel alert kind fire at some point of the parcel's history? (see the file comment) */
export function parcelAlertsRaised(p: ParcelRecord, events: readonly EventRecord[], now: number, t: AlertThresholds): Set<AlertKind> {
  const raised = new Set<AlertKind>();
  const base: ParcelRecord = { ...p, archived: 0 };
  const check = (state: ParcelRecord, at: number) => {
    for (const a of parcelAlerts(state, at, t)) raised.add(a.kind);
  };
  const sorted = [...events].sort((a, b) => a.time - b.time);
  if (sorted.length === 0) {
    check(base, now);
    return raised;
  }
  if (p.shippedAt !== undefined && p.shippedAt < sorted[0].time) {
    check({ ...base, status: 'pending_pickup', latestEvent: undefined }, sorted[0].time);
  }
  sorted.forEach((e, i) => {
    const next = sorted[i + 1];
    const end = next ? next.time : e.status === p.status ? now : Math.max(e.time, p.deliveredAt ?? p.updatedAt);
    check({ ...base, status: e.status, latestEvent: { time: e.time, text: e.text, location: e.location } }, end);
  });
  return raised;
}

/** A parcel's status at time `at` from its events (newest event at or before `at`); undefined if none yet. */
function statusAt(events: readonly EventRecord[], at: number): ParcelStatus | undefined {
  let best: EventRecord | undefined;
  for (const e of events) if (e.time <= at && (!best || e.time >= best.time)) best = e;
  return best?.status;
}

/** Did each order alert kind fire at some point? (see the file comment) */
export function orderAlertsRaised(
  o: OrderRecord,
  parcels: readonly ParcelRecord[],
  eventsOf: (key: string) => readonly EventRecord[],
  now: number,
  t: AlertThresholds,
): Set<AlertKind> {
  const raised = new Set<AlertKind>();
  if (o.status === 'unpaid' || o.status === 'cancelled') return raised;
  const outbound = parcels.filter((p) => p.direction === 'outbound');
  const shipTimes = outbound.map((p) => milestones(p, eventsOf(p.key), [o]).shippedAt).filter((x): x is number => x !== undefined);
  const firstShip = shipTimes.length ? shipTimes.reduce((m, x) => Math.min(m, x)) : undefined;
  const stateAt = (at: number): { order: OrderRecord; parcels: ParcelRecord[] } => {
    const shipped = outbound.filter((p) => {
      const s = milestones(p, eventsOf(p.key), [o]).shippedAt;
      return s === undefined || s <= at;
    });
    const ps = shipped.map((p) => ({ ...p, status: statusAt(eventsOf(p.key), at) ?? (p.deliveredAt !== undefined && p.deliveredAt <= at ? 'delivered' : 'pending_pickup') }));
    return { order: { ...o, status: ps.length ? 'shipped' : 'unshipped' }, parcels: ps };
  };
  // not_shipped: just as the first parcel shipped (or now, for an order still waiting), without the promise so
  // promise_missed does not hide it. An order without parcels that is no longer "unshipped" (refunded, completed
  // with no parcel seen) left that state at an unknown time: not judged.
  const shipCheck = firstShip ?? (outbound.length === 0 && o.status === 'unshipped' ? now : undefined);
  if (shipCheck !== undefined) {
    for (const a of orderAlerts({ ...o, status: 'unshipped', promise: undefined }, [], shipCheck, t)) raised.add(a.kind);
  }
  if (o.promise?.at !== undefined && o.promise.at < now && (outbound.length > 0 || o.status === 'unshipped')) {
    const at = o.promise.at + 1;
    const s = stateAt(at);
    for (const a of orderAlerts(s.order, s.parcels, at, t)) if (a.kind === 'promise_missed') raised.add(a.kind);
  }
  return raised;
}

interface Acc {
  parcels: number;
  values: Record<DurationKind, number[]>;
}
const newAcc = (): Acc => ({ parcels: 0, values: { payToShip: [], shipToPickup: [], pickupToDelivery: [] } });
const finish = (key: string, a: Acc): GroupStats => ({
  key,
  parcels: a.parcels,
  durations: { payToShip: summarize(a.values.payToShip), shipToPickup: summarize(a.values.shipToPickup), pickupToDelivery: summarize(a.values.pickupToDelivery) },
});

export function deliveryStats(
  orders: readonly OrderRecord[],
  parcels: readonly ParcelRecord[],
  events: readonly EventRecord[],
  now: number,
  thresholds: AlertThresholds = DEFAULT_THRESHOLDS,
): DeliveryStats {
  const orderByKey = new Map(orders.map((o) => [o.key, o]));
  const eventsByParcel = new Map<string, EventRecord[]>();
  for (const e of events) {
    const list = eventsByParcel.get(e.parcelKey);
    if (list) list.push(e);
    else eventsByParcel.set(e.parcelKey, [e]);
  }
  const eventsOf = (key: string) => eventsByParcel.get(key) ?? [];

  const overall = newAcc();
  const byPlatform = new Map<string, Acc>();
  const byCarrier = new Map<string, Acc>();
  const perMonth = new Map<string, number>();
  const alertCounts = new Map<AlertKind, number>();
  const bump = (kinds: Set<AlertKind>) => kinds.forEach((k) => alertCounts.set(k, (alertCounts.get(k) ?? 0) + 1));

  for (const p of parcels) {
    const evs = eventsOf(p.key);
    const linked = p.orderKeys.map((k) => orderByKey.get(k));
    const m = milestones(p, evs, linked);
    const month = monthOf(m.shippedAt ?? p.firstSeen);
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    bump(parcelAlertsRaised(p, evs, now, thresholds));
    if (p.direction !== 'outbound') continue;

    // The platform of the order paid first (else the parcel's first platform).
    const paidFirst = linked.filter((o): o is OrderRecord => !!o).sort((a, b) => (a.paidAt ?? Infinity) - (b.paidAt ?? Infinity))[0];
    const platform: Platform = paidFirst?.platform ?? p.platforms[0] ?? 'manual';
    const accs = [overall, byPlatform.get(platform) ?? byPlatform.set(platform, newAcc()).get(platform)!, byCarrier.get(p.carrier) ?? byCarrier.set(p.carrier, newAcc()).get(p.carrier)!];
    const d: Record<DurationKind, number | undefined> = {
      payToShip: hoursBetween(m.paidAt, m.shippedAt),
      shipToPickup: hoursBetween(m.shippedBeforePickup, m.pickupAt),
      pickupToDelivery: hoursBetween(m.pickupAt, m.deliveredAt),
    };
    for (const a of accs) {
      a.parcels++;
      for (const k of DURATION_KINDS) if (d[k] !== undefined) a.values[k].push(d[k]);
    }
  }

  const parcelsByKey = new Map(parcels.map((p) => [p.key, p]));
  let ordersLooked = 0;
  for (const o of orders) {
    if (o.status === 'unpaid' || o.status === 'cancelled') continue;
    ordersLooked++;
    const ps = o.parcelKeys.map((k) => parcelsByKey.get(k)).filter((p): p is ParcelRecord => !!p);
    bump(orderAlertsRaised(o, ps, eventsOf, now, thresholds));
  }

  const groups = (m: Map<string, Acc>) =>
    [...m].map(([k, a]) => finish(k, a)).sort((a, b) => b.parcels - a.parcels || a.key.localeCompare(b.key));
  const share = (kind: AlertKind, of: number): AlertShare => {
    const raised = alertCounts.get(kind) ?? 0;
    return { kind, raised, of, share: of ? raised / of : 0 };
  };
  return {
    lastMile: lastMileStats(orders, parcels, eventsOf),
    overall: finish('all', overall),
    byPlatform: groups(byPlatform),
    byCarrier: groups(byCarrier),
    perMonth: [...perMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, parcels: n })),
    alerts: [...PARCEL_ALERT_KINDS.map((k) => share(k, parcels.length)), ...ORDER_ALERT_KINDS.map((k) => share(k, ordersLooked))],
  };
}

// ---- the last mile (issue #16) -------------------------------------------------------------------------

interface LastMileAcc {
  doorPromised: number;
  doorBroken: number;
  pickup: number[];
  refund: number[];
}

/**
 * Door promises: every outbound parcel of an order with a door service that has arrived (delivered, or its events
 * show a station end) counts once per group; broken when the events show a station end (core/after-sale.ts).
 * Returns: per order with an after-sale, grouped by its platform and by its (first) return parcel's carrier.
 */
export function lastMileStats(
  orders: readonly OrderRecord[],
  parcels: readonly ParcelRecord[],
  eventsOf: (key: string) => readonly EventRecord[],
): { byPlatform: LastMileGroup[]; byCarrier: LastMileGroup[] } {
  const byPlatform = new Map<string, LastMileAcc>();
  const byCarrier = new Map<string, LastMileAcc>();
  const acc = (m: Map<string, LastMileAcc>, k: string) => m.get(k) ?? m.set(k, { doorPromised: 0, doorBroken: 0, pickup: [], refund: [] }).get(k)!;
  const parcelByKey = new Map(parcels.map((p) => [p.key, p]));
  const orderByKey = new Map(orders.map((o) => [o.key, o]));

  for (const p of parcels) {
    if (p.direction !== 'outbound') continue;
    const door = p.orderKeys.map((k) => orderByKey.get(k)).find((o) => o?.service?.door);
    if (!door) continue;
    const broken = stationEnd(eventsOf(p.key)) !== undefined;
    if (!broken && p.status !== 'delivered') continue;
    for (const a of [acc(byPlatform, door.platform), acc(byCarrier, p.carrier)]) {
      a.doorPromised++;
      if (broken) a.doorBroken++;
    }
  }

  for (const o of orders) {
    const a = o.afterSale;
    if (!a) continue;
    const returns = o.parcelKeys.map((k) => parcelByKey.get(k)).filter((p): p is ParcelRecord => p?.direction === 'return');
    const ret = returns[0];
    const evs = ret ? [...eventsOf(ret.key)].sort((x, y) => x.time - y.time) : [];
    const firstScan = evs.find((e) => PICKED_UP_OR_LATER.has(e.status))?.time;
    const pickedUp = a.since.picked_up ?? firstScan;
    const received = a.since.received ?? ret?.deliveredAt;
    const pickup = hoursBetween(a.since.pickup_booked, pickedUp);
    const refund = hoursBetween(received, a.since.refunded);
    const groups = [acc(byPlatform, o.platform), ...(ret ? [acc(byCarrier, ret.carrier)] : [])];
    for (const g of groups) {
      if (pickup !== undefined) g.pickup.push(pickup);
      if (refund !== undefined) g.refund.push(refund);
    }
  }

  const done = (m: Map<string, LastMileAcc>): LastMileGroup[] =>
    [...m]
      .map(([key, a]) => ({
        key,
        doorPromised: a.doorPromised,
        doorBroken: a.doorBroken,
        doorBrokenShare: a.doorPromised ? a.doorBroken / a.doorPromised : 0,
        pickupWait: summarize(a.pickup),
        refundWait: summarize(a.refund),
      }))
      .sort((x, y) => y.doorPromised - x.doorPromised || x.key.localeCompare(y.key));
  return { byPlatform: done(byPlatform), byCarrier: done(byCarrier) };
}
