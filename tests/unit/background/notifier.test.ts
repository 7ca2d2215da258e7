// Notifications on fake-browser + fake-indexeddb: once per fact, across "restarts", summaries, quiet hours,
// per-type switches, and shop text passed as plain text.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { getMessageFor } from '../ui/locale';

vi.mock('../../../src/shared/browser', async () => {
  const { fakeBrowser: fb } = await import('@webext-core/fake-browser');
  const { getMessageFor: gm } = await import('../ui/locale');
  Object.assign(fb, { i18n: { getMessage: (k: string, s?: string | string[]) => gm('zh_CN')(k, s), getUILanguage: () => 'zh-CN' } });
  return { browser: fb };
});

import { collectNotices, drainOutbox, notificationActions, notifyChanges, OUTBOX_KEY, onNotificationButton, SHOWN_KEY } from '../../../src/background/notifier';
import type { ShownEntry } from '../../../src/db/meta';
import { ParcelHubDb } from '../../../src/db/schema';
import { ingest } from '../../../src/db/ingest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../../src/core/settings';
import type { ObservationBatch } from '../../../src/core/model';

const NOW = Date.UTC(2026, 10, 22, 4); // 12:00 China time, 04:00 UTC
const H = 3600_000;
let db: ParcelHubDb;
let n = 0;
const zh = getMessageFor('zh_CN');

const shown = () => fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string; buttons?: { title: string }[] }>;

function batch(parcels: ObservationBatch['parcels'], at = NOW - H): ObservationBatch {
  return {
    platform: 'taobao',
    source: 'logistics',
    url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=1',
    observedAt: at,
    orders: [{ orderId: '3345678901234567890', shopName: '<b>良品铺子</b>旗舰店', items: [{ title: '<img src=x onerror=alert(1)>坚果礼盒' }], statusText: '卖家已发货' }],
    parcels,
  };
}

const station = (code: string) =>
  batch([{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['3345678901234567890'], pickupCode: code, station: '菜鸟驿站', events: [{ time: NOW - H, text: `【菜鸟驿站】您的快件已到站，请凭取件码${code}取件` }] }]);

beforeEach(async () => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser, { i18n: { getMessage: (k: string, s?: string | string[]) => zh(k, s), getUILanguage: () => 'zh-CN' } });
  db = new ParcelHubDb(`notifier-test-${n++}`);
  await db.open();
});

describe('notifier', () => {
  it('notifies a pickup code once, with the code in the title and the shop text as plain text', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW)).toBe(1);
    const all = shown();
    const [id] = Object.keys(all);
    expect(id).toBe('awaiting_collection:zto:73100059800035:4-6-7602');
    expect(all[id].title).toBe('待取件 · 取件码 4-6-7602');
    expect(all[id].message).toContain('<img src=x onerror=alert(1)>坚果礼盒'); // text, shown as such by the OS
    expect(all[id].buttons?.map((b) => b.title)).toEqual(['复制取件码', '打开订单']);
    // the same fact again (another capture, another alarm): nothing new
    await ingest(db, station('4-6-7602'), NOW);
    await fakeBrowser.notifications.clear(id);
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW + 60_000)).toBe(0);
    expect(Object.keys(shown())).toEqual([]);
    // a new code (moved to a locker) is a new fact
    await ingest(db, station('8-2-1109'), NOW + 2 * 60_000);
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW + 2 * 60_000)).toBe(1);
  });

  it('survives a worker stopped after marking and before showing: the outbox is shown on restart', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    expect((await collectNotices(db, DEFAULT_SETTINGS, NOW)).length).toBe(1); // marked seen + queued, then "killed"
    expect(Object.keys(shown())).toEqual([]);
    expect(await collectNotices(db, DEFAULT_SETTINGS, NOW)).toEqual([]); // never queued twice
    expect(await drainOutbox(db, DEFAULT_SETTINGS, NOW)).toBe(1); // the restart drains it
    expect((await db.meta.get(OUTBOX_KEY))?.value).toEqual([]);
  });

  it('does not show twice when stopped after showing and before clearing the outbox', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    await collectNotices(db, DEFAULT_SETTINGS, NOW);
    const outbox = (await db.meta.get(OUTBOX_KEY))?.value;
    await drainOutbox(db, DEFAULT_SETTINGS, NOW);
    await db.meta.put({ key: OUTBOX_KEY, value: outbox }); // as if the outbox write never happened
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    expect(await drainOutbox(db, DEFAULT_SETTINGS, NOW)).toBe(0);
    expect(create).not.toHaveBeenCalled();
    expect(Object.keys(shown()).length).toBe(1);
  });

  it('holds notifications in quiet hours and sets an alarm for their end', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    const quiet: Settings = parseSettings({ notifications: { quietHours: { enabled: true, start: '00:00', end: '23:59' } } });
    const at = new Date(2026, 10, 22, 12, 0).getTime();
    expect(await notifyChanges(db, quiet, at)).toBe(0);
    expect(Object.keys(shown())).toEqual([]);
    const alarm = await fakeBrowser.alarms.get('notify-drain');
    expect(alarm?.scheduledTime).toBe(new Date(2026, 10, 22, 23, 59).getTime() + 1000);
    expect(await drainOutbox(db, DEFAULT_SETTINGS, at)).toBe(1);
  });

  it('turns several changes into one summary', async () => {
    await ingest(
      db,
      batch(
        ['73100059800035', '73100059800036', '73100059800037'].map((no, i) => ({
          trackingNo: no,
          carrierName: '中通快递',
          orderIds: ['3345678901234567890'],
          events: [{ time: NOW - (i + 1) * 60_000, text: '您的快件已签收，签收人：家门口' }],
        })),
      ),
      NOW,
    );
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW)).toBe(1);
    const all = shown();
    const [id] = Object.keys(all);
    expect(id).toMatch(/^summary:3:/);
    expect(all[id].title).toBe('3 个包裹有新动态');
    expect(all[id].message.split('\n')).toHaveLength(3);
  });

  it('never shows a type that is switched off, and does not replay it when switched on later', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    const off = parseSettings({ notifications: { types: { awaiting_collection: false } } });
    expect(await notifyChanges(db, off, NOW)).toBe(0);
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW + 1000)).toBe(0);
    expect(Object.keys(shown())).toEqual([]);
  });

  it('says why for an alert, with the evidence', async () => {
    await ingest(db, batch([{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['3345678901234567890'], events: [{ time: NOW - 52 * H, text: '快件已发往 杭州', location: '杭州转运中心' }] }], NOW - 52 * H), NOW - 52 * H);
    expect(await notifyChanges(db, DEFAULT_SETTINGS, NOW)).toBe(1);
    const [note] = Object.values(shown());
    expect(note.title).toBe('物流 52 小时没有更新');
    expect(note.message).toContain('最后一次扫描 52 小时前：【杭州转运中心】快件已发往 杭州');
  });

  it('copies the pickup code from the first button and opens the order from the second', async () => {
    await ingest(db, station('4-6-7602'), NOW - H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const id = Object.keys(shown())[0];
    const copied: string[] = [];
    await onNotificationButton(db, id, 0, async (t) => (copied.push(t), true));
    expect(copied).toEqual(['4-6-7602']);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW); // nothing new; re-show to press the second button
    await fakeBrowser.notifications.create(id, { type: 'basic', title: '', message: '', iconUrl: '' });
    await onNotificationButton(db, id, 1, async () => true);
    expect(opened).toHaveBeenCalledWith({ url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3345678901234567890' });
  });
});

describe('a last-mile notification carries its evidence (issue #16)', () => {
  // An order that promised 送货上门 and a trace ending at a station: a door_promise_broken notification.
  const door = batch([{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['3345678901234567890'], phoneTail: '4821', events: [{ time: NOW - 3 * H, text: '【杭州市】快件已签收，签收人：菜鸟驿站，取件码 4-6-7602' }] }], NOW - 3 * H);
  door.orders![0] = { ...door.orders![0], service: { text: '送货上门', door: true } };
  const doorId = () => Object.keys(shown()).find((k) => k.startsWith('alert:door_promise_broken:'))!;

  it('has "复制投诉凭证" then "打开订单"; the first button copies the same evidence text as the popup', async () => {
    await ingest(db, door, NOW - 3 * H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const id = doorId();
    expect(id).toBeDefined();
    expect(shown()[id].buttons?.map((b) => b.title)).toEqual(['复制投诉凭证', '打开订单']);
    const copied: string[] = [];
    const clear = vi.spyOn(fakeBrowser.notifications, 'clear');
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    await onNotificationButton(db, id, 0, async (t) => (copied.push(t), true));
    expect(copied).toHaveLength(1);
    const text = copied[0];
    for (const fact of ['淘宝 订单号：3345678901234567890', '送货上门', '菜鸟驿站', '快件已签收，签收人：菜鸟驿站', 'https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=3345678901234567890'])
      expect(text, fact).toContain(fact);
    // What the popup's button copies for the same alert (src/ui/popup/evidence-copy.ts), now.
    const { evidenceFor } = await import('../../../src/ui/popup/evidence-copy');
    const alert = ((await db.meta.get(SHOWN_KEY))!.value as ShownEntry[]).find((e) => e.id === id)!.alert!;
    try {
      const { getDb } = await import('../../../src/db/schema');
      // the popup reads the extension's database; give it the same records
      const main = getDb();
      await main.orders.bulkPut(await db.orders.toArray());
      await main.parcels.bulkPut(await db.parcels.toArray());
      await main.events.bulkPut(await db.events.toArray());
      expect(await evidenceFor(alert)).toBe(text);
    } finally {
      vi.restoreAllMocks();
    }
    expect(text).toContain('3 小时');
    for (const bad of ['4-6-7602', '4821', '73100059800035', 'zto:', 'undefined']) expect(text, bad).not.toContain(bad);
    expect(clear).toHaveBeenCalledWith(id);
  });

  it('says how late as of the click, while the alert holds', async () => {
    await ingest(db, door, NOW - 3 * H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const copied: string[] = [];
    vi.spyOn(Date, 'now').mockReturnValue(NOW + 50 * H);
    try {
      await onNotificationButton(db, doorId(), 0, async (t) => (copied.push(t), true));
    } finally {
      vi.restoreAllMocks();
    }
    expect(copied[0]).toContain('53 小时');
  });

  it('in English when the shopper reads English', async () => {
    await ingest(db, door, NOW - 3 * H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const en = getMessageFor('en');
    Object.assign(fakeBrowser, { i18n: { getMessage: (k: string, s?: string | string[]) => en(k, s), getUILanguage: () => 'en' } });
    const copied: string[] = [];
    await onNotificationButton(db, doorId(), 0, async (t) => (copied.push(t), true));
    expect(copied[0]).toContain('Taobao order no. 3345678901234567890');
    expect(copied[0]).not.toMatch(/订单号|问题：/);
  });

  it('opens the parcel when the clipboard refuses, so the detail view shows the text to copy by hand', async () => {
    await ingest(db, door, NOW - 3 * H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await onNotificationButton(db, doorId(), 0, async () => false);
    expect(opened).toHaveBeenCalledWith({ url: expect.stringContaining('popup.html?tab=1#parcel=zto%3A73100059800035') });
  });

  it('only the four last-mile kinds get the button; a pickup code and the order keep theirs', () => {
    const alert = { kind: 'door_promise_broken' as const, key: 'k', since: 0, evidence: {} };
    expect(notificationActions({ alert, orderUrl: 'u' })).toEqual(['evidence', 'open']);
    expect(notificationActions({ pickupCode: '1-2', orderUrl: 'u' })).toEqual(['copy', 'open']);
    expect(notificationActions({ orderUrl: 'u' })).toEqual(['open']);
    expect(notificationActions({ pickupCode: '1-2', alert, orderUrl: 'u' })).toHaveLength(2); // Chrome shows two at most
  });

  it('a stalled parcel (not a last-mile alert) has no evidence button', async () => {
    await ingest(db, batch([{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['3345678901234567890'], events: [{ time: NOW - 52 * H, text: '快件已发往 杭州' }] }], NOW - 52 * H), NOW - 52 * H);
    await notifyChanges(db, DEFAULT_SETTINGS, NOW);
    const [note] = Object.values(shown());
    expect(note.buttons?.map((b) => b.title)).toEqual(['打开订单']);
  });
});
