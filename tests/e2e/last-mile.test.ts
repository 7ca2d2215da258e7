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
    const popup = await h.openPopup();
    await door(popup).first().waitFor();
    await pickup(popup).first().waitFor();
    const withAlerts = Number(await badge());
    expect(withAlerts).toBeGreaterThan(0);

    await setKinds(false);
    // The open popup: the pickup-missed order row is gone, the door parcel stays in its section without the alert.
    await pickup(popup).first().waitFor({ state: 'detached' });
    await door(popup).first().waitFor({ state: 'detached' });
    await popup.locator('.row', { hasText: '电饭煲' }).first().waitFor();
    expect(await popup.locator('.row .copy.evidence').count()).toBe(0);
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
});
