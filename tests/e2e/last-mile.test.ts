// Issue #16 in real Chromium: a door promise broken at a station, and a booked return pickup that never came,
// each read from the platform's own page, shown in the popup with its evidence and notified once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrderRecord, ParcelRecord } from '../../src/core/model';
import { dbSnapshot, fixture, launch, type Harness } from './harness';

declare const chrome: { notifications: { create: (...a: unknown[]) => unknown }; storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
type Created = [string, { title: string; message: string }][];

describe('last mile: door promises and return pickups', () => {
  let h: Harness;
  const created = () => h.sw(() => (globalThis as unknown as { __created: Created }).__created);
  beforeAll(async () => {
    h = await launch({ language: 'zh_CN' });
    await h.sw(() => {
      const g = globalThis as unknown as { __created: unknown[][] };
      g.__created = [];
      const orig = chrome.notifications.create;
      chrome.notifications.create = (...a: unknown[]) => (g.__created.push(a), orig.apply(chrome.notifications, a as never));
    });
  });
  afterAll(() => h?.close());

  it('音尊达 · 送货上门 and a trace ending "签收人：菜鸟驿站": the popup row says so and one notification fires', async () => {
    const url = 'https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213620';
    h.serve(url, { body: fixture('douyin/order-detail-door.html') });
    await h.openShopPage(url);
    await h.waitFor(
      async () => (await dbSnapshot(h)).parcels.find((p) => p.trackingNo === '73587654320099') as (ParcelRecord | undefined),
      (p) => !!p?.stationEvent,
    );
    const door = await h.waitForSw(
      () => (globalThis as unknown as { __created: Created }).__created,
      (c) => c.some(([, o]) => o.title.includes('却放在了')),
    );
    const hits = door.filter(([, o]) => o.title.includes('却放在了'));
    expect(hits).toHaveLength(1);
    expect(hits[0][1].title).toBe('承诺音尊达 · 送货上门，却放在了菜鸟驿站');
    expect(hits[0][1].message).toContain('已签收，签收人：菜鸟驿站');

    const popup = await h.openPopup();
    const row = popup.locator('.row', { hasText: '电饭煲' }).first();
    await row.locator('.reason', { hasText: '承诺音尊达 · 送货上门，却放在了菜鸟驿站' }).waitFor();
    await popup.close();

    // Reading the same page again is no new fact: no second notification.
    await h.openShopPage(url);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await created()).filter(([, o]) => o.title.includes('却放在了'))).toHaveLength(1);
  });

  it('a Taobao refund page with a booked pickup whose window passed: an attention row and a notification', async () => {
    const url = 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917362&type=1';
    h.serve(url, { body: fixture('taobao/after-sale-pickup-booked.html') });
    await h.openShopPage(url);
    await h.waitFor(
      async () => (await dbSnapshot(h)).orders.find((o) => o.orderId === '3951178345520917362') as (OrderRecord | undefined),
      (o) => o?.afterSale?.state === 'pickup_booked' && !!o.afterSale.pickupWindow,
    );
    const c = await h.waitForSw(
      () => (globalThis as unknown as { __created: Created }).__created,
      (x) => x.some(([, o]) => o.title.startsWith('预约的上门取件没有来')),
    );
    const hit = c.filter(([, o]) => o.title.startsWith('预约的上门取件没有来'));
    expect(hit).toHaveLength(1);
    expect(hit[0][1].title).toContain('11月21日 09:00-11:00');

    const popup = await h.openPopup();
    await popup.locator('.row .reason', { hasText: /预约取件（.*11月21日 09:00-11:00.*）已过/ }).first().waitFor();
    await popup.close();
    expect(await h.errors()).toEqual([]);
  });

  it('each alert switched off in the options page leaves the open popup, a re-opened one and the badge; switched on, it is back', async () => {
    const badge = () => h.sw(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
    const door = (p: Page) => p.locator('.row .reason', { hasText: '却放在了菜鸟驿站' });
    const pickup = (p: Page) => p.locator('.row .reason', { hasText: /预约取件（.*11月21日 09:00-11:00.*）已过/ });
    const setKinds = async (on: boolean) => {
      const options = await h.openOptions();
      await options.getByTestId('tab-settings').click();
      for (const k of ['door_promise_broken', 'return_pickup_missed']) await options.getByTestId(`set-alert-kind-${k}`).setChecked(on);
      await options.getByTestId('settings-save').click();
      await h.waitForSw(
        () => chrome.storage.local.get('settings').then((x) => (x.settings as { alertKinds: Record<string, boolean> }).alertKinds),
        (k) => k.door_promise_broken === on && k.return_pickup_missed === on,
      );
      await options.close();
    };
    // Rows have fixed heights (a windowed list): the door row's reason line must not push its last line out.
    const uncut = (p: Page) => p.locator('.row', { hasText: '电饭煲' }).first().evaluate((el) => el.scrollHeight <= el.clientHeight);
    const popup = await h.openPopup();
    await door(popup).first().waitFor();
    await pickup(popup).first().waitFor();
    expect(await uncut(popup)).toBe(true);
    const withAlerts = Number(await badge());
    expect(withAlerts).toBeGreaterThan(0);

    await setKinds(false);
    // The open popup: the pickup-missed order row is gone, the door parcel stays in its section without the alert.
    await pickup(popup).first().waitFor({ state: 'detached' });
    await door(popup).first().waitFor({ state: 'detached' });
    await popup.locator('.row', { hasText: '电饭煲' }).first().waitFor();
    expect(await popup.locator('.row .copy.evidence').count()).toBe(0);
    expect(await uncut(popup)).toBe(true);
    // The badge counts one row fewer (the after-sale order; the door parcel still waits at the station).
    await h.waitFor(badge, (b) => Number(b || 0) === withAlerts - 1);
    const reopened = await h.openPopup();
    await reopened.locator('.row', { hasText: '电饭煲' }).first().waitFor();
    expect(await door(reopened).count()).toBe(0);
    expect(await pickup(reopened).count()).toBe(0);
    await reopened.close();

    await setKinds(true);
    await door(popup).first().waitFor();
    await pickup(popup).first().waitFor();
    await h.waitFor(badge, (b) => Number(b || 0) === withAlerts);
    await popup.close();
    expect(await h.errors()).toEqual([]);
  });

  it('a threshold changed in the options page (停滞 48 → 72 小时) moves a parcel quiet for 60 hours out of attention in the open popup, a re-opened one and the badge', async () => {
    const badge = () => h.sw(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
    // A Pinduoduo parcel whose last scan was 60 hours ago, written as the background stores it.
    await h.sw(async () => {
      type Db = { parcels: { put(p: object): Promise<unknown> }; orders: { put(o: object): Promise<unknown> } };
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
      const H = 3600_000;
      const now = Date.now();
      const scan = { time: now - 60 * H, text: '【金华转运中心】已发出，下一站【杭州转运中心】', location: '金华' };
      await db.orders.put({ key: 'pdd:260601-77001', platform: 'pdd', orderId: '260601-77001', items: [{ title: '316不锈钢保温杯 500ml' }], status: 'shipped', parcelKeys: ['yto:YT7599900011122'], firstSeen: now - 90 * H, lastSeen: now, sources: {} });
      await db.parcels.put({ key: 'yto:YT7599900011122', carrier: 'yto', trackingNo: 'YT7599900011122', direction: 'outbound', orderKeys: ['pdd:260601-77001'], platforms: ['pdd'], status: 'in_transit', latestEvent: scan, nextCheckAt: now + H, archived: 0, firstSeen: now - 80 * H, lastSeen: now, updatedAt: now - 60 * H, sources: {} });
      // The background counts the badge after each capture; this write bypassed capture, so count now.
      await (globalThis as unknown as { __parcelHub: { updateBadge(): Promise<number> } }).__parcelHub.updateBadge();
    });
    const setStalled = async (hours: number) => {
      const options = await h.openOptions();
      await options.getByTestId('tab-settings').click();
      await options.getByTestId('set-alert-stalledHours').fill(String(hours));
      await options.getByTestId('set-alert-stalledHours').blur();
      await options.getByTestId('settings-save').click();
      await h.waitForSw(() => chrome.storage.local.get('settings').then((x) => (x.settings as { alerts: { stalledHours: number } }).alerts.stalledHours), (v) => v === hours);
      await options.close();
    };
    const cup = (p: Page) => p.locator('.row', { hasText: '316不锈钢保温杯' }).first();
    const stalledReason = (p: Page) => cup(p).locator('.reason');
    const popup = await h.openPopup();
    await stalledReason(popup).waitFor();
    const stalledCount = Number(await badge());
    expect(stalledCount).toBeGreaterThan(0);

    await setStalled(72);
    await stalledReason(popup).waitFor({ state: 'detached' });
    await cup(popup).waitFor();
    await h.waitFor(badge, (b) => Number(b || 0) === stalledCount - 1);
    const reopened = await h.openPopup();
    await cup(reopened).waitFor();
    await reopened.locator('[data-section="in_transit"]').waitFor();
    expect(await stalledReason(reopened).count()).toBe(0);
    await reopened.close();

    await setStalled(48);
    await stalledReason(popup).waitFor();
    await h.waitFor(badge, (b) => Number(b || 0) === stalledCount);
    await popup.close();
    expect(await h.errors()).toEqual([]);
  });

  it('the door notification\'s "复制投诉凭证" button copies the evidence through the offscreen document, in the chosen language', async () => {
    // Chromium refuses an origin-scoped grant for chrome-extension:// ("opaque origin"), so grant for all pages.
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const [[id, options]] = (await created()).filter(([, o]) => o.title.includes('却放在了'));
    // First the evidence (then 打开订单 where the platform has an order page link; Douyin's has none).
    expect((options as { buttons?: { title: string }[] }).buttons?.[0]?.title).toBe('复制投诉凭证');
    const reader = await h.openPopup();
    const press = async () => {
      await reader.evaluate(() => navigator.clipboard.writeText(''));
      // The click on the first button, as chrome.notifications.onButtonClicked delivers it.
      await h.sw((id) => (globalThis as unknown as { __parcelHub: { onNotificationButton(id: string, i: number): Promise<void> } }).__parcelHub.onNotificationButton(id, 0), id);
      return h.waitFor(() => reader.evaluate(() => navigator.clipboard.readText()), (v) => v.length > 0);
    };
    const zh = await press();
    for (const fact of ['抖音 订单号：6928104417280213620', '音尊达 · 送货上门', '菜鸟驿站', '已签收，签收人：菜鸟驿站', '以上时间均为北京时间。']) expect(zh, fact).toContain(fact);
    // The same text as the popup's own button for this alert (the detail view shows it).
    await reader.locator('.row', { hasText: '电饭煲' }).first().click();
    const shown = await reader.locator('[data-testid="evidence"] [data-alert="door_promise_broken"] .evidence-text').innerText();
    expect(zh).toBe(shown);
    for (const bad of ['douyin:', 'undefined', 'door_promise_broken', '73587654320099']) expect(zh, bad).not.toContain(bad);

    // The shopper picks English in the options page (stored the same way); the background follows.
    await h.sw(async () => {
      const c = chrome as unknown as { storage: { local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> } } };
      const { settings } = await c.storage.local.get('settings');
      await c.storage.local.set({ settings: { ...settings, language: 'en' } });
    });
    await h.waitForSw(() => (globalThis as unknown as { __parcelHub: { currentLocale(): string } }).__parcelHub.currentLocale(), (l) => l === 'en');
    const en = await press();
    expect(en).toContain('Douyin order no. 6928104417280213620');
    expect(en).toContain('音尊达 · 送货上门');
    expect(en).not.toContain('订单号');
    await reader.close();
    // Back to the language the other tests word their notifications in.
    await h.sw(async () => {
      const c = chrome as unknown as { storage: { local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> } } };
      const { settings } = await c.storage.local.get('settings');
      await c.storage.local.set({ settings: { ...settings, language: 'zh_CN' } });
    });
    await h.waitForSw(() => (globalThis as unknown as { __parcelHub: { currentLocale(): string } }).__parcelHub.currentLocale(), (l) => l === 'zh_CN');
    expect(await h.errors()).toEqual([]);
  });

  it('a Pinduoduo after-sale page (complaint_detail.html, same origin as the orders): the booked pickup and the return parcel are kept, the passed window alerts once', async () => {
    const url = 'https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=90210011&order_sn=241124-223456789012411&refer_page_name=complaint';
    h.serve(url, { body: fixture('pdd/complaint-detail-pickup.html') });
    await h.openShopPage(url);
    const o = await h.waitFor(
      async () => (await dbSnapshot(h)).orders.find((x) => x.orderId === '241124-223456789012411') as (OrderRecord | undefined),
      (x) => x?.afterSale?.state === 'pickup_booked' && !!x.afterSale.pickupWindow,
    );
    expect(o?.afterSale?.kind).toBe('return');
    const parcels = (await dbSnapshot(h)).parcels as ParcelRecord[];
    expect(parcels.find((p) => p.trackingNo === '73512345678911')?.direction).toBe('return');
    const c = await h.waitForSw(
      () => (globalThis as unknown as { __created: Created }).__created,
      (x) => x.some(([, n]) => n.title.startsWith('预约的上门取件没有来') && n.title.includes('11月25日 14:00-16:00')),
    );
    expect(c.filter(([, n]) => n.title.startsWith('预约的上门取件没有来') && n.title.includes('11月25日 14:00-16:00'))).toHaveLength(1);
    expect(await h.errors()).toEqual([]);
  });
  it('a JD after-sale service page (myjd.jd.com, the one host added for it): the booked pickup is kept on the order of the 订单号 shown, the passed window alerts once', async () => {
    const url = 'https://myjd.jd.com/afs/view/detailById.action?afsServiceId=1400000021';
    h.serve(url, { body: fixture('jd/afs-detail-pickup.html') });
    await h.openShopPage(url);
    const o = await h.waitFor(
      async () => (await dbSnapshot(h)).orders.find((x) => x.orderId === '290145678921') as (OrderRecord | undefined),
      (x) => x?.afterSale?.state === 'pickup_booked' && !!x.afterSale.pickupWindow,
    );
    expect(o?.platform).toBe('jd');
    expect(o?.afterSale?.kind).toBe('return');
    expect((await dbSnapshot(h)).orders.some((x) => x.orderId === '1400000021')).toBe(false);
    const c = await h.waitForSw(
      () => (globalThis as unknown as { __created: Created }).__created,
      (x) => x.some(([, n]) => n.title.startsWith('预约的上门取件没有来') && n.title.includes('11月24日 15:00-17:00')),
    );
    expect(c.filter(([, n]) => n.title.startsWith('预约的上门取件没有来') && n.title.includes('11月24日 15:00-17:00'))).toHaveLength(1);
    expect(await h.errors()).toEqual([]);
  });
});
