// Issue #16 in real Chromium: a door promise broken at a station, and a booked return pickup that never came,
// each read from the platform's own page, shown in the popup with its evidence and notified once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderRecord, ParcelRecord } from '../../src/core/model';
import { dbSnapshot, fixture, launch, type Harness } from './harness';

declare const chrome: { notifications: { create: (...a: unknown[]) => unknown } };
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
});
