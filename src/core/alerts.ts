// Alerts no platform gives a shopper (design §5), computed locally from current records. Pure: an alert
// exists while its condition holds and clears itself when the parcel moves on. Evidence is structured;
// the UI and notifications word it (i18n).
import { isReturnEnded, REFUND_AFTER_RECEIPT, RETURN_STATE_RANK, stationName, type ReturnState } from './after-sale';
import type { OrderRecord, ParcelRecord } from './model';

export interface AlertThresholds {
  /** Paid but not shipped after this many hours (the platforms' usual shipping window). */
  unshippedHours: number;
  /** Marked shipped but no pickup scan (possible 虚假发货). */
  noPickupScanHours: number;
  /** No new event while in transit. */
  stalledHours: number;
  outForDeliveryHours: number;
  /** Waiting at a station or locker (stations return parcels after a few days). */
  awaitingCollectionHours: number;
  /** A booked return pickup counts as missed this long after its window ended without a pickup scan. */
  pickupGraceHours?: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  unshippedHours: 48,
  noPickupScanHours: 24,
  stalledHours: 48,
  outForDeliveryHours: 12,
  awaitingCollectionHours: 24,
  pickupGraceHours: 2,
};

export type AlertKind =
  | 'not_shipped'
  | 'no_pickup_scan'
  | 'stalled'
  | 'out_for_delivery_long'
  | 'awaiting_collection_long'
  | 'promise_missed'
  | 'exception'
  | 'rejected'
  | 'returning'
  | 'door_promise_broken'
  | 'return_pickup_missed'
  | 'refund_overdue'
  | 'refund_late';

/** The last-mile alerts of issue #16: each can be switched off in the settings. */
export const LAST_MILE_ALERTS = ['door_promise_broken', 'return_pickup_missed', 'refund_overdue', 'refund_late'] as const;
export type LastMileAlert = (typeof LAST_MILE_ALERTS)[number];
export const isLastMileAlert = (k: AlertKind): k is LastMileAlert => (LAST_MILE_ALERTS as readonly string[]).includes(k);

/** Every alert kind at run time, in the order the union lists them. Tests walk it: each kind needs an entry in
 * ./evidence.ts (EVIDENCE) and its strings in both _locales. Adding a kind to AlertKind without listing it here
 * fails the typecheck (ALL_KINDS_LISTED below). */
export const ALERT_KINDS = [
  'not_shipped',
  'no_pickup_scan',
  'stalled',
  'out_for_delivery_long',
  'awaiting_collection_long',
  'promise_missed',
  'exception',
  'rejected',
  'returning',
  'door_promise_broken',
  'return_pickup_missed',
  'refund_overdue',
  'refund_late',
] as const satisfies readonly AlertKind[];
const ALL_KINDS_LISTED: [Exclude<AlertKind, (typeof ALERT_KINDS)[number]>] extends [never] ? true : false = true;
void ALL_KINDS_LISTED;

export interface Alert {
  kind: AlertKind;
  /** Stable de-duplication key: one notification per key, ever. */
  key: string;
  parcelKey?: string;
  orderKey?: string;
  /** When the condition began (for "52 小时前"). */
  since: number;
  evidence: {
    hours?: number;
    /** The event (or page text) that shows it. */
    eventText?: string;
    /** When that event happened. */
    eventTime?: number;
    location?: string;
    /** What was promised, in the page's words (送货上门, the booked pickup window, the refund promise). */
    promiseText?: string;
    deadline?: number;
    /** Station or locker brand named by the event (菜鸟驿站, 丰巢). */
    station?: string;
  };
}

const HOUR = 3600_000;
const hoursSince = (t: number, now: number) => Math.floor((now - t) / HOUR);

export function parcelAlerts(p: ParcelRecord, now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Alert[] {
  if (p.archived) return [];
  const out: Alert[] = [];
  const last = p.latestEvent;
  const lastAt = last?.time ?? p.shippedAt ?? p.firstSeen;
  const base = { parcelKey: p.key, since: lastAt, evidence: { hours: hoursSince(lastAt, now), eventText: last?.text, location: last?.location } };
  const add = (kind: AlertKind, keyPart = '') => out.push({ kind, key: `${kind}:${p.key}${keyPart}`, ...base });
  switch (p.status) {
    case 'exception':
    case 'rejected':
    case 'returning':
      // keyed by the event, so a second exception later is a new alert
      add(p.status, `@${lastAt}`);
      break;
    case 'pending_pickup':
    case 'unknown':
      if (!last && now - lastAt > t.noPickupScanHours * HOUR) add('no_pickup_scan');
      else if (last && p.status === 'pending_pickup' && now - last.time > t.noPickupScanHours * HOUR) add('no_pickup_scan');
      break;
    case 'picked_up':
    case 'in_transit':
    case 'customs':
      if (now - lastAt > t.stalledHours * HOUR) add('stalled', `@${lastAt}`);
      break;
    case 'out_for_delivery':
      if (now - lastAt > t.outForDeliveryHours * HOUR) add('out_for_delivery_long', `@${lastAt}`);
      break;
    case 'awaiting_collection':
      if (now - lastAt > t.awaitingCollectionHours * HOUR) add('awaiting_collection_long', `@${lastAt}`);
      break;
  }
  return out;
}

/** Order-level alerts: not shipped in time, and promises (ship-by, deliver-by) missed. `parcels` are the
 * order's linked parcels. */
export function orderAlerts(o: OrderRecord, parcels: ParcelRecord[], now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Alert[] {
  const out: Alert[] = [];
  const outbound = parcels.filter((p) => p.direction === 'outbound');
  const paidAt = o.paidAt ?? o.createdAt ?? o.firstSeen;
  const unshipped = o.status === 'unshipped' && outbound.length === 0;
  const promise = o.promise;
  if (promise?.at && now > promise.at) {
    const missed =
      (promise.kind === 'ship_by' && unshipped) ||
      (promise.kind === 'deliver_by' && outbound.length > 0 && outbound.every((p) => p.status !== 'delivered' && p.status !== 'awaiting_collection')) ||
      (promise.kind === 'deliver_by' && unshipped);
    if (missed)
      out.push({
        kind: 'promise_missed',
        key: `promise_missed:${o.key}:${promise.at}`,
        orderKey: o.key,
        since: promise.at,
        evidence: { promiseText: promise.text, deadline: promise.at, hours: hoursSince(promise.at, now) },
      });
  }
  if (unshipped && now - paidAt > t.unshippedHours * HOUR && !out.some((a) => a.kind === 'promise_missed')) {
    out.push({ kind: 'not_shipped', key: `not_shipped:${o.key}`, orderKey: o.key, since: paidAt, evidence: { hours: hoursSince(paidAt, now) } });
  }
  for (const p of outbound) {
    const door = doorPromiseAlert(o, p, now);
    if (door) out.push(door);
  }
  for (const a of afterSaleAlerts(o, parcels, now, t)) out.push(a);
  return out;
}

// ---- the last mile (issue #16) ---------------------------------------------------------------------------

/**
 * A parcel of an order that promised delivery to the door (送货上门, 音尊达 …) which ended at a station or locker.
 * Evidence: the event that shows it (p.stationEvent, kept by merge from the events). Clears when a later line
 * shows a courier taking it on to the door.
 */
export function doorPromiseAlert(o: Pick<OrderRecord, 'key' | 'service'>, p: ParcelRecord, now: number): Alert | undefined {
  const ev = p.stationEvent;
  if (!o.service?.door || !ev || p.archived || p.direction !== 'outbound') return undefined;
  return {
    kind: 'door_promise_broken',
    key: `door_promise_broken:${p.key}`,
    parcelKey: p.key,
    orderKey: o.key,
    since: ev.time,
    evidence: {
      hours: hoursSince(ev.time, now),
      eventText: ev.text,
      eventTime: ev.time,
      location: ev.location,
      promiseText: o.service.text,
      station: stationName(ev.text) ?? stationName(ev.location) ?? stationName(p.station) ?? p.station,
    },
  };
}

const PARCEL_RETURN_STATE: Partial<Record<ParcelRecord['status'], ReturnState>> = {
  picked_up: 'picked_up',
  in_transit: 'in_transit_back',
  customs: 'in_transit_back',
  out_for_delivery: 'in_transit_back',
  awaiting_collection: 'in_transit_back',
  exception: 'in_transit_back',
  delivered: 'received',
};

/**
 * The return's state from the after-sale page and the return parcels' own tracking together (a pickup scan or
 * the seller's 签收 may show before the page says so), with when the seller received it.
 */
export function effectiveReturn(o: OrderRecord, parcels: readonly ParcelRecord[]): { state: ReturnState; receivedAt?: number } | undefined {
  const a = o.afterSale;
  let state = a?.state;
  let receivedAt = a?.since.received;
  for (const p of parcels) {
    if (p.direction !== 'return') continue;
    const s = PARCEL_RETURN_STATE[p.status];
    if (!s) continue;
    if (!state || RETURN_STATE_RANK[s] > RETURN_STATE_RANK[state]) state = s;
    if (s === 'received') {
      const at = p.deliveredAt ?? p.latestEvent?.time;
      if (at !== undefined) receivedAt = Math.min(receivedAt ?? Infinity, at);
    }
  }
  return state ? { state, receivedAt } : undefined;
}

/** Booked pickup whose window passed without a pickup scan; received but not refunded in the platform's usual
 * time; a refund promised by a time that has passed. */
export function afterSaleAlerts(o: OrderRecord, parcels: readonly ParcelRecord[], now: number, t: AlertThresholds = DEFAULT_THRESHOLDS): Alert[] {
  const a = o.afterSale;
  const eff = effectiveReturn(o, parcels);
  if (!a || !eff || isReturnEnded(eff.state)) return [];
  const out: Alert[] = [];
  const w = a.pickupWindow;
  if (eff.state === 'pickup_booked' && w && now > w.to + (t.pickupGraceHours ?? DEFAULT_THRESHOLDS.pickupGraceHours ?? 0) * HOUR) {
    out.push({
      kind: 'return_pickup_missed',
      key: `return_pickup_missed:${o.key}:${w.to}`,
      orderKey: o.key,
      since: w.to,
      evidence: { hours: hoursSince(w.to, now), promiseText: w.text, deadline: w.to, eventText: a.stateText },
    });
  }
  const windowHours = REFUND_AFTER_RECEIPT[o.platform];
  if (eff.state === 'received' && a.kind !== 'exchange' && eff.receivedAt !== undefined && now > eff.receivedAt + windowHours * HOUR) {
    out.push({
      kind: 'refund_overdue',
      key: `refund_overdue:${o.key}`,
      orderKey: o.key,
      since: eff.receivedAt,
      evidence: { hours: hoursSince(eff.receivedAt, now), eventText: a.stateText, eventTime: eff.receivedAt, deadline: eff.receivedAt + windowHours * HOUR },
    });
  }
  const due = a.refundDue;
  if (due && now > due.at && a.kind !== 'exchange') {
    out.push({
      kind: 'refund_late',
      key: `refund_late:${o.key}`,
      orderKey: o.key,
      since: due.at,
      evidence: { hours: hoursSince(due.at, now), promiseText: due.text, deadline: due.at, eventText: a.stateText },
    });
  }
  return out;
}
