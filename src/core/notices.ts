// What deserves a notification (issue #6), pure. Notices are level-triggered: computed from the current
// records each time (after an ingest, on every alarm), each with a stable key; the background shows a key
// at most once, ever (src/background/notifier.ts). So a lost wake-up or a worker killed mid-way is caught up
// on the next run, and nothing is shown twice.
import { DEFAULT_THRESHOLDS, orderAlerts, parcelAlerts, type Alert, type AlertThresholds } from './alerts';
import type { OrderRecord, ParcelRecord } from './model';
import type { NotificationType, Settings } from './settings';

const HOUR = 3600_000;

/** Status notices only for changes this recent: a first capture of old history must not notify. */
export const STATUS_NOTICE_FRESH_MS = 24 * HOUR;

export type NoticeKind = 'out_for_delivery' | 'awaiting_collection' | 'delivered' | 'returned' | 'alert';

export interface Notice {
  /** Stable: one notification per key, ever. */
  key: string;
  kind: NoticeKind;
  /** Which user switch governs it. */
  type: NotificationType;
  parcelKey?: string;
  orderKey?: string;
  /** When the fact happened (event time), for ordering a summary. */
  at: number;
  pickupCode?: string;
  station?: string;
  alert?: Alert;
}

/** Local calendar day (China time) of a timestamp: one out-for-delivery notice per parcel per day. */
const chinaDay = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);

export function statusNotice(p: ParcelRecord, now: number): Notice | undefined {
  if (p.archived) return undefined;
  // Delivered only because its order ended (the shopper confirmed receipt; no carrier line, no time): nothing new
  // to tell, and a first visit to a long order history must not announce every old parcel.
  if (p.status === 'delivered' && p.deliveredAt === undefined && !p.latestEvent) return undefined;
  const at = p.status === 'delivered' ? (p.deliveredAt ?? p.latestEvent?.time ?? p.updatedAt) : (p.latestEvent?.time ?? p.updatedAt);
  if (now - at > STATUS_NOTICE_FRESH_MS) return undefined;
  const base = { parcelKey: p.key, at };
  switch (p.status) {
    case 'out_for_delivery':
      return { ...base, key: `out_for_delivery:${p.key}:${chinaDay(at)}`, kind: 'out_for_delivery', type: 'out_for_delivery' };
    case 'awaiting_collection':
      // A new pickup code (moved to another locker) is a new notice.
      return {
        ...base,
        key: `awaiting_collection:${p.key}:${p.pickupCode ?? ''}`,
        kind: 'awaiting_collection',
        type: 'awaiting_collection',
        pickupCode: p.pickupCode,
        station: p.station,
      };
    case 'delivered':
      return { ...base, key: `delivered:${p.key}`, kind: 'delivered', type: 'delivered' };
    case 'returned':
      return { ...base, key: `returned:${p.key}`, kind: 'returned', type: 'alert' };
    default:
      return undefined;
  }
}

export const alertNotice = (a: Alert): Notice => ({
  key: `alert:${a.key}`,
  kind: 'alert',
  type: 'alert',
  parcelKey: a.parcelKey,
  orderKey: a.orderKey,
  at: a.since,
  alert: a,
});

/**
 * Every notice that currently holds for these records. `parcels` should be the non-archived ones that may
 * notify (recently updated or still moving); `orders` the unshipped / promised ones with their parcels.
 */
export function currentNotices(
  parcels: readonly ParcelRecord[],
  orders: readonly { order: OrderRecord; parcels: ParcelRecord[] }[],
  now: number,
  thresholds: AlertThresholds,
  /** Alert kinds switched on (settings.alertKinds); all when absent. */
  kindOn: (kind: Alert['kind']) => boolean = () => true,
): Notice[] {
  const out: Notice[] = [];
  const keys = new Set<string>();
  const add = (n: Notice) => {
    // An order alert about a parcel (a broken door promise) may come from two of the parcel's orders: once.
    if (keys.has(n.key)) return;
    keys.add(n.key);
    out.push(n);
  };
  for (const p of parcels) {
    const s = statusNotice(p, now);
    if (s) add(s);
    for (const a of parcelAlerts(p, now, thresholds)) if (kindOn(a.kind)) add(alertNotice(a));
  }
  for (const { order, parcels: ps } of orders) for (const a of orderAlerts(order, ps, now, thresholds)) if (kindOn(a.kind)) add(alertNotice(a));
  return out;
}

/** The notices the user wants (master switch and per-type switches). */
export const wanted = (n: Notice, s: Settings['notifications']): boolean => s.enabled && s.types[n.type];

/** Several at once become one summary: at most this many separate notifications per drain. */
export const MAX_SEPARATE = 2;

export type Delivery = { kind: 'single'; notice: Notice } | { kind: 'summary'; notices: Notice[] };

/** How a batch of pending notices is shown: one each when few, else one summary (newest first). */
export function planDelivery(pending: readonly Notice[]): Delivery[] {
  const sorted = [...pending].sort((a, b) => b.at - a.at || a.key.localeCompare(b.key));
  if (sorted.length <= MAX_SEPARATE) return sorted.map((notice) => ({ kind: 'single', notice }));
  return [{ kind: 'summary', notices: sorted }];
}

/** Notification id of a delivery: the notice key, or a summary id derived from its keys. */
export function deliveryId(d: Delivery): string {
  if (d.kind === 'single') return d.notice.key;
  let h = 0;
  for (const n of d.notices) for (let i = 0; i < n.key.length; i++) h = (Math.imul(h, 31) + n.key.charCodeAt(i)) | 0;
  return `summary:${d.notices.length}:${(h >>> 0).toString(36)}`;
}

/**
 * The alert a notification told of, as it stands `now` (for its "复制投诉凭证" button, pressed any time later): the
 * same alert (same key) recomputed from the current records while it still holds — so "how late" is current — else
 * as it was notified, the facts the shopper was told. `parcels`: the alert's parcel and its orders' parcels.
 */
export function alertAsOfNow(
  notified: Alert,
  orders: readonly OrderRecord[],
  parcels: readonly ParcelRecord[],
  now: number,
  thresholds: AlertThresholds = DEFAULT_THRESHOLDS,
): Alert {
  const own = parcels.find((p) => p.key === notified.parcelKey);
  const fresh = [
    ...(own ? parcelAlerts(own, now, thresholds) : []),
    ...orders.flatMap((o) => orderAlerts(o, parcels.filter((p) => o.parcelKeys.includes(p.key)), now, thresholds)),
  ];
  return fresh.find((a) => a.key === notified.key) ?? notified;
}
