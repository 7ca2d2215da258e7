// Notifications (issue #6): exactly once per change, across worker restarts.
//  1. collect: the notices that hold now (src/core/notices.ts) minus those already seen. In ONE transaction
//     they are marked seen (`notified:<key>`) and the wanted ones appended to the outbox (`notify:outbox`).
//  2. drain: outside quiet hours, the outbox is shown — one notification each, or one summary when several
//     are waiting — and only then removed from the outbox. A worker stopped between show and remove shows
//     the same notification id again on restart, which the notifications API replaces rather than adds
//     (and drain skips ids still on screen), so nothing is lost and nothing is duplicated.
import { carrierDisplayName } from '../core/carriers';
import { alertAsOfNow, currentNotices, deliveryId, planDelivery, wanted, type Delivery, type Notice } from '../core/notices';
import { DEFAULT_THRESHOLDS, isLastMileAlert, type Alert, type AlertThresholds } from '../core/alerts';
import { evidenceText } from '../core/evidence';
import { evidenceRecords } from '../db/evidence-records';
import { afterSalePageUrl, orderPageUrl } from '../platforms/order-links';
import { alertKindOn, inQuietHours, quietHoursEnd, type Settings } from '../core/settings';
import { OPEN_RETURN_STATES } from '../core/after-sale';
import type { OrderRecord, ParcelRecord } from '../core/model';
import Dexie from 'dexie';
import { activeUnarchived, type ParcelHubDb } from '../db/schema';
import { getMeta, getMetaMany, metaFamily, putMeta, type ShownEntry } from '../db/meta';
import { browser, type Notifications } from '../shared/browser';
import { duration, initLanguage, lang, t } from '../shared/i18n';

export const OUTBOX_KEY = 'notify:outbox' as const;
export const SHOWN_KEY = 'notify:shown' as const;
export const DRAIN_ALARM = 'notify-drain';
const SEEN_PREFIX = 'notified:' as const;
/** Seen keys older than this are forgotten (their facts cannot come back after that long). */
const SEEN_TTL_MS = 120 * 24 * 3600_000;

/** Records that may notify now: moving parcels, recently changed ones, unshipped/promised orders. */
async function candidates(db: ParcelHubDb, now: number) {
  const moving = await db.parcels.where('[archived+status]').anyOf(activeUnarchived()).toArray();
  const recent = await db.parcels
    .where('[archived+updatedAt]')
    .between([0, now - 48 * 3600_000], [0, Dexie.maxKey], false, true)
    .toArray();
  const parcels = new Map<string, ParcelRecord>([...moving, ...recent].map((p) => [p.key, p]));
  const open = await db.orders.where('status').anyOf(['unshipped', 'shipped']).toArray();
  // Last mile (issue #16): the orders of these parcels that promised the door, and every open after-sale.
  const ofParcels = (await db.orders.bulkGet([...new Set([...parcels.values()].flatMap((p) => p.orderKeys))])).filter((o): o is OrderRecord => !!o?.service?.door);
  const afterSales = await db.orders.where('afterSale.state').anyOf(OPEN_RETURN_STATES).toArray();
  const orders = [...new Map([...open, ...ofParcels, ...afterSales].map((o) => [o.key, o])).values()];
  const linked = new Map((await db.parcels.bulkGet([...new Set(orders.flatMap((o) => o.parcelKeys))])).filter((p) => !!p).map((p) => [p.key, p]));
  return {
    parcels: [...parcels.values()],
    orders: orders.map((order) => ({ order, parcels: order.parcelKeys.flatMap((k) => (linked.has(k) ? [linked.get(k)!] : [])) })),
  };
}

/** Step 1. Returns the notices queued for showing. */
export async function collectNotices(db: ParcelHubDb, settings: Settings, now = Date.now()): Promise<Notice[]> {
  const { parcels, orders } = await candidates(db, now);
  const all = currentNotices(parcels, orders, now, settings.alerts, (k) => alertKindOn(settings, k));
  if (!all.length) return [];
  return db.transaction('rw', db.meta, async () => {
    const seen = await getMetaMany(db, all.map((n) => `${SEEN_PREFIX}${n.key}` as const));
    const fresh = all.filter((_, i) => !seen[i]);
    if (!fresh.length) return [];
    // Unwanted ones are marked seen too: switching a type on later must not replay old facts.
    await db.meta.bulkPut(fresh.map((n) => ({ key: SEEN_PREFIX + n.key, value: now })));
    const queued = fresh.filter((n) => wanted(n, settings.notifications));
    if (queued.length) {
      const outbox = (await getMeta(db, OUTBOX_KEY)) ?? [];
      await putMeta(db, OUTBOX_KEY, [...outbox, ...queued]);
    }
    return queued;
  });
}

/** Forget seen keys older than SEEN_TTL_MS (kept small; run from the daily housekeeping). */
export async function pruneSeen(db: ParcelHubDb, now = Date.now()): Promise<number> {
  const rows = await metaFamily(db, SEEN_PREFIX);
  const old = rows.filter((r) => typeof r.value !== 'number' || now - r.value > SEEN_TTL_MS).map((r) => r.key);
  await db.meta.bulkDelete(old);
  return old.length;
}

async function itemTitle(db: ParcelHubDb, orderKeys: string[]): Promise<{ title: string; order?: OrderRecord }> {
  const orders = (await db.orders.bulkGet(orderKeys)).filter((o) => !!o);
  const items = orders.flatMap((o) => o.items);
  const first = items[0]?.title ?? orders[0]?.shopName ?? '';
  const title = items.length > 1 ? t('notifyMoreItems', [first.slice(0, 40), String(items.length - 1)]) : first.slice(0, 60);
  return { title, order: orders[0] };
}


/** Title and message of one notice, in the UI language. Shop text is passed as plain text. */
export async function describe(db: ParcelHubDb, n: Notice): Promise<{ title: string; message: string; orderUrl?: string }> {
  await initLanguage();
  const parcel = n.parcelKey ? await db.parcels.get(n.parcelKey) : undefined;
  const orderKeys = parcel?.orderKeys ?? (n.orderKey ? [n.orderKey] : []);
  const { title: item, order } = await itemTitle(db, orderKeys);
  const carrier = parcel ? `${parcel.carrierName ?? carrierDisplayName(parcel.carrier, lang())} ${parcel.trackingNo}` : '';
  const last = parcel?.latestEvent?.text ?? '';
  const what = item || carrier;
  const url = orderPageUrl(order);
  switch (n.kind) {
    case 'out_for_delivery':
      return { title: t('notifyOutForDelivery', what), message: [carrier, last].filter(Boolean).join('\n'), orderUrl: url };
    case 'awaiting_collection':
      return {
        title: n.pickupCode ? t('notifyAwaitingWithCode', n.pickupCode) : t('notifyAwaiting'),
        message: [n.station ?? parcel?.station, what].filter(Boolean).join('\n'),
        orderUrl: url,
      };
    case 'delivered':
      return { title: t('notifyDelivered', what), message: carrier, orderUrl: url };
    case 'returned':
      return { title: t('notifyReturned', what), message: carrier, orderUrl: url };
    case 'alert': {
      const a = n.alert!;
      const ev = a.evidence;
      const evidence = ev.eventText ? t('notifyEvidence', [duration(ev.hours ?? 0), ev.location ? `【${ev.location}】${ev.eventText}` : ev.eventText]) : '';
      return {
        title: t(`notifyAlert_${a.kind}`, [duration(ev.hours ?? 0), ev.promiseText ?? '', ev.station ?? t('stationFallback')]) || a.kind,
        message: [what, carrier, evidence].filter(Boolean).join('\n'),
        orderUrl: url,
      };
    }
  }
}

let chain: Promise<unknown> = Promise.resolve();
/** Drains never overlap (a capture and an alarm may both ask for one). */
const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
  const p = chain.then(fn, fn);
  chain = p.catch(() => undefined);
  return p;
};

const isFirefox = () => typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

async function show(db: ParcelHubDb, d: Delivery, now: number): Promise<ShownEntry> {
  const id = deliveryId(d);
  const iconUrl = browser.runtime.getURL('icons/icon-128.png');
  if (d.kind === 'summary') {
    const lines = await Promise.all(d.notices.slice(0, 6).map(async (n) => (await describe(db, n)).title));
    const more = d.notices.length > 6 ? [t('notifySummaryMore', String(d.notices.length - 6))] : [];
    await browser.notifications.create(id, { type: 'basic', iconUrl, title: t('notifySummary', String(d.notices.length)), message: [...lines, ...more].join('\n') });
    return { id, at: now };
  }
  const n = d.notice;
  const text = await describe(db, n);
  const options: Notifications.CreateNotificationOptions & { buttons?: { title: string }[] } = { type: 'basic', iconUrl, title: text.title, message: text.message || text.title };
  const entry: ShownEntry = { id, parcelKey: n.parcelKey, orderUrl: text.orderUrl, pickupCode: n.pickupCode, at: now };
  if (n.alert && isLastMileAlert(n.alert.kind)) entry.alert = n.alert;
  // Chrome shows buttons; Firefox has none and rejects the property (there a click opens the parcel, as always).
  if (!isFirefox()) {
    const buttons = notificationActions(entry).map((a) => ({ title: t(BUTTON_TITLE[a]) }));
    if (buttons.length) options.buttons = buttons;
  }
  await browser.notifications.create(id, options);
  return entry;
}

export type NotificationAction = 'copy' | 'evidence' | 'open';
const BUTTON_TITLE: Record<NotificationAction, string> = { copy: 'notifyCopyCode', evidence: 'copyEvidence', open: 'notifyOpenOrder' };

/** A shown notification's buttons, in order (Chrome shows at most two): copy the pickup code, copy a last-mile
 * alert's evidence, open the order page. show() draws them from this list and the button handler reads it. */
export function notificationActions(e: Pick<ShownEntry, 'pickupCode' | 'alert' | 'orderUrl'>): NotificationAction[] {
  const out: NotificationAction[] = [];
  if (e.pickupCode) out.push('copy');
  if (e.alert) out.push('evidence');
  if (e.orderUrl) out.push('open');
  return out.slice(0, 2);
}

/** The evidence text of a notified alert, as the popup's "复制投诉凭证" makes it (core/evidence.ts), in the shopper's
 * language, from the records as they are now. */
export async function notificationEvidence(db: ParcelHubDb, alert: Alert, now = Date.now(), thresholds: AlertThresholds = DEFAULT_THRESHOLDS): Promise<string> {
  await initLanguage();
  const first = await evidenceRecords(db, alert);
  // The alert is judged again with every parcel of its orders (a return parcel's scans are the return's progress).
  const keys = [...new Set([...(alert.parcelKey ? [alert.parcelKey] : []), ...first.orders.flatMap((o) => o.parcelKeys)])];
  const parcels = (await db.parcels.bulkGet(keys)).filter((p): p is ParcelRecord => !!p);
  const current = alertAsOfNow(alert, first.orders, parcels, now, thresholds);
  return evidenceText({ alert: current, orders: first.orders, parcel: first.parcel, events: first.events, afterSaleUrl: afterSalePageUrl(first.orders[0]) }, t, lang());
}

/** Step 2. Show what the outbox holds, unless it is quiet time (then an alarm wakes us at its end). */
export function drainOutbox(db: ParcelHubDb, settings: Settings, now = Date.now()): Promise<number> {
  return serialize(async () => {
    const outbox = (await getMeta(db, OUTBOX_KEY)) ?? [];
    if (!outbox.length) return 0;
    const q = settings.notifications.quietHours;
    if (inQuietHours(q, new Date(now))) {
      await browser.alarms.create(DRAIN_ALARM, { when: quietHoursEnd(q, new Date(now)) + 1000 });
      return 0;
    }
    // Notices switched off since they were queued are dropped silently.
    const pending = outbox.filter((n) => wanted(n, settings.notifications));
    const onScreen = new Set(Object.keys(await browser.notifications.getAll()));
    const shown: ShownEntry[] = [];
    for (const d of planDelivery(pending)) {
      if (onScreen.has(deliveryId(d))) continue;
      shown.push(await show(db, d, now));
    }
    await db.transaction('rw', db.meta, async () => {
      const cur = (await getMeta(db, OUTBOX_KEY)) ?? [];
      const handled = new Set(outbox.map((n) => n.key));
      await putMeta(db, OUTBOX_KEY, cur.filter((n) => !handled.has(n.key)));
      const prev = (await getMeta(db, SHOWN_KEY)) ?? [];
      await putMeta(db, SHOWN_KEY, [...shown, ...prev].slice(0, 50));
    });
    return shown.length;
  });
}

/** Collect then drain: the one call after any change and on every alarm. */
export async function notifyChanges(db: ParcelHubDb, settings: Settings, now = Date.now()): Promise<number> {
  await collectNotices(db, settings, now);
  return drainOutbox(db, settings, now);
}

async function shownEntry(db: ParcelHubDb, id: string): Promise<ShownEntry | undefined> {
  const list = (await getMeta(db, SHOWN_KEY)) ?? [];
  return list.find((e) => e.id === id);
}

/** Where a click leads: the parcel in the extension, else its order page, else the popup in a tab. */
const clickUrl = (e: ShownEntry | undefined) =>
  e?.parcelKey ? browser.runtime.getURL(`popup.html?tab=1#parcel=${encodeURIComponent(e.parcelKey)}`) : (e?.orderUrl ?? browser.runtime.getURL('popup.html?tab=1'));

/** Click: open the parcel in the extension (or its order page), and dismiss the notification. */
export async function onNotificationClicked(db: ParcelHubDb, id: string): Promise<void> {
  const e = await shownEntry(db, id);
  await browser.tabs.create({ url: clickUrl(e) });
  await browser.notifications.clear(id);
}

/** Chrome buttons (notificationActions): copy the pickup code or a last-mile alert's evidence (through the offscreen
 * document), or open the order page. Evidence the clipboard refused opens the parcel instead, whose detail view
 * shows the text to copy by hand. */
export async function onNotificationButton(
  db: ParcelHubDb,
  id: string,
  index: number,
  copy: (text: string) => Promise<boolean>,
  thresholds: AlertThresholds = DEFAULT_THRESHOLDS,
): Promise<void> {
  const e = await shownEntry(db, id);
  if (!e) return;
  const action = notificationActions(e)[index];
  if (action === 'copy' && e.pickupCode) await copy(e.pickupCode);
  if (action === 'evidence' && e.alert && !(await copy(await notificationEvidence(db, e.alert, Date.now(), thresholds)))) await browser.tabs.create({ url: clickUrl(e) });
  if (action === 'open' && e.orderUrl) await browser.tabs.create({ url: e.orderUrl });
  await browser.notifications.clear(id);
}
