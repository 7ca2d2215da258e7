// The `npm start` demo, dated relative to now, read through the real capture path: whatever day the tests run,
// the popup's first screen shows a shopper's day — a pickup code waiting, a parcel out for delivery, a stalled
// one and an unshipped order past its promise in needs attention — from all five platforms, and nowhere a
// figure of hundreds of days or "未知" for a parcel that shipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbSnapshot, launch, type Harness } from './harness';
import { DEMO_TODAY_PAGES, serveDemoToday } from '../fixtures/demo-today';

describe('demo dated today', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
    serveDemoToday(h);
    // Tabs stay open: the Taobao page asks transit_step.do for its shipped orders, one a second.
    for (const p of DEMO_TODAY_PAGES) await h.openShopPage(p.url);
    await h.waitFor(async () => new Set((await dbSnapshot(h)).parcels.flatMap((p) => p.orderKeys.map((k) => k.split(':')[0]))).size, (n) => n === 5, 20_000);
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.length, (n) => n >= 12, 20_000);
  });
  afterAll(() => h?.close());

  it('imports every demo state, from all five platforms', async () => {
    const snap = await dbSnapshot(h);
    const statuses = new Set(snap.parcels.map((p) => p.status));
    for (const s of ['out_for_delivery', 'awaiting_collection', 'in_transit', 'delivered']) expect(statuses, s).toContain(s);
    expect(snap.parcels.some((p) => p.direction === 'return')).toBe(true);
    expect(new Set(snap.parcels.flatMap((p) => p.orderKeys.map((k) => k.split(':')[0])))).toEqual(new Set(['taobao', 'douyin', 'kuaishou', 'jd', 'pdd']));
    // the split shipment: one order, two parcels
    const split = snap.orders.find((o) => o.parcelKeys.length >= 2);
    expect(split).toBeTruthy();
    // A parcel no carrier line has classified yet is linked to its order, so it reads 已发货, never 未知.
    expect(snap.parcels.filter((p) => p.status === 'unknown').every((p) => p.orderKeys.length > 0)).toBe(true);
  });

  it('shows a first screen of today: codes, out for delivery, stalled, promise missed; no hundreds of days, no 未知', async () => {
    const popup = await h.openPopup({ height: 1400 });
    await popup.locator('.row').first().waitFor();
    const text = await popup.locator('body').innerText();
    expect(text).toContain('6-2-3018');
    expect(text).toContain('待取件');
    expect(text).toContain('派送中');
    expect(text).toMatch(/已 3 天没有新的物流信息/);
    expect(text).toMatch(/没有兑现承诺“承诺48小时内发货”，已超时 \d+ 小时/);
    expect(text).not.toMatch(/\d{3,}\s*天/);
    expect(text).not.toContain('未知');
    await popup.close();
  });

  it('has no 未知 and no three-digit day counts in the history either', async () => {
    const page = await h.openOptions();
    await page.locator('[data-testid="history"] tbody tr[data-key]').first().waitFor();
    const text = await page.locator('[data-testid="history"] tbody').innerText();
    expect(text).not.toContain('未知');
    expect(text).not.toMatch(/\d{3,}\s*天/);
    expect(await h.errors()).toEqual([]);
  });
});
