// Alerts no platform gives a shopper (design §5), computed locally from current records. Pure: an alert
// exists while its condition holds and clears itself when the parcel moves on. Evidence is structured;
// the UI and notifications word it (i18n).
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
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  unshippedHours: 48,
  noPickupScanHours: 24,
  stalledHours: 48,
  outForDeliveryHours: 12,
  awaitingCollectionHours: 24,
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
  | 'returning';

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
  evidence: { hours?: number; eventText?: string; location?: string; promiseText?: string; deadline?: number };
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
  return out;
}
