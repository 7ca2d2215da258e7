// Notifications (issue #6): exactly once per change, across worker restarts.
//  1. collect: the notices that hold now (src/core/notices.ts) minus those already seen. In ONE transaction
//     they are marked seen (`notified:<key>`) and the wanted ones appended to the outbox (`notify:outbox`).
//  2. drain: outside quiet hours, the outbox is shown — one notification each, or one summary when several
//     are waiting — and only then removed from the outbox. A worker stopped between show and remove shows
//     the same notification id again on restart, which the notifications API replaces rather than adds
//     (and drain skips ids still on screen), so nothing is lost and nothing is duplicated.
import { carrierDisplayName } from '../core/carriers';
import { currentNotices, deliveryId, planDelivery, wanted, type Delivery, type Notice } from '../core/notices';
import { orderPageUrl } from '../platforms/order-links';
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
  // Chrome shows buttons; Firefox has none and rejects the property.
  if (!isFirefox()) {
    const buttons = [];
    if (n.pickupCode) buttons.push({ title: t('notifyCopyCode') });
    if (text.orderUrl) buttons.push({ title: t('notifyOpenOrder') });
    if (buttons.length) options.buttons = buttons;
  }
  await browser.notifications.create(id, options);
  return { id, parcelKey: n.parcelKey, orderUrl: text.orderUrl, pickupCode: n.pickupCode, at: now };
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

/** Click: open the parcel in the extension (or its order page), and dismiss the notification. */
export async function onNotificationClicked(db: ParcelHubDb, id: string): Promise<void> {
  const e = await shownEntry(db, id);
  const url = e?.parcelKey ? browser.runtime.getURL(`popup.html?tab=1#parcel=${encodeURIComponent(e.parcelKey)}`) : e?.orderUrl ?? browser.runtime.getURL('popup.html?tab=1');
  await browser.tabs.create({ url });
  await browser.notifications.clear(id);
}

/** Chrome buttons: copy the pickup code (through the offscreen document) or open the order page. */
export async function onNotificationButton(db: ParcelHubDb, id: string, index: number, copy: (text: string) => Promise<boolean>): Promise<void> {
  const e = await shownEntry(db, id);
  if (!e) return;
  const actions = [...(e.pickupCode ? ['copy'] : []), ...(e.orderUrl ? ['open'] : [])];
  const action = actions[index];
  if (action === 'copy' && e.pickupCode) await copy(e.pickupCode);
  if (action === 'open' && e.orderUrl) await browser.tabs.create({ url: e.orderUrl });
  await browser.notifications.clear(id);
}
