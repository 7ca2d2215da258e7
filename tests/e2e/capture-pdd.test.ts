// Pinduoduo capture in real Chromium at its real URLs (served by context.route): the SSR order list and the
// order_list_v4 answer its script loads, the order page (expressInfo), goods_express.html, and the login redirect
// that marks Pinduoduo "needs sign-in". The receiver's name, phone and address never reach the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo, URLS } from '../fixtures/demo';
import { dbSnapshot, fixture, launch, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await launch();
  serveDemo(h);
});
afterAll(async () => {
  await h?.close();
});

const pddOrders = async () => (await dbSnapshot(h)).orders.filter((o) => o.key.startsWith('pdd:'));
const pddParcels = async () => (await dbSnapshot(h)).parcels.filter((p) => p.orderKeys.some((k) => k.startsWith('pdd:')));

describe('Pinduoduo', () => {
  it('order list: the SSR first page and the order_list_v4 page after it (unshipped orders kept as such)', async () => {
    await h.openShopPage(URLS.pddList);
    const orders = await h.waitFor(pddOrders, (os) => os.length >= 6);
    expect(orders.map((o) => [o.orderId, o.status]).sort()).toEqual([
      ['241110-623456789012345', 'shipped'],
      ['241118-523456789012345', 'completed'],
      ['241120-323456789012345', 'refunded'],
      ['241124-223456789012345', 'shipped'],
      ['241125-123456789012345', 'unshipped'],
      ['241126-423456789012345', 'unpaid'],
    ]);
    // The one list answer that carries a number.
    const parcels = await h.waitFor(pddParcels, (ps) => ps.length >= 1);
    expect(parcels.map((p) => [p.trackingNo, p.carrier])).toEqual([['YT2468013579246', 'yto']]);
  });

  it('order page: the parcel from expressInfo', async () => {
    await h.openShopPage(URLS.pddDetail);
    const parcels = await h.waitFor(pddParcels, (ps) => ps.some((p) => p.trackingNo === '431234567890123'));
    expect(parcels.find((p) => p.trackingNo === '431234567890123')).toMatchObject({ carrier: 'yunda', orderKeys: ['pdd:241124-223456789012345'] });
  });

  it('goods_express.html: the track of that parcel', async () => {
    const url = 'https://mobile.yangkeduo.com/goods_express.html?tracking_number=431234567890123&shipping_id=121&order_sn=241124-223456789012345';
    h.serve(url, { body: fixture('pdd/goods-express.html') });
    await h.openShopPage(url);
    const events = await h.waitFor(async () => (await dbSnapshot(h)).events.filter((e) => e.parcelKey.endsWith(':431234567890123')), (es) => es.length >= 3);
    expect(events.map((e) => e.text)).toContain('【杭州转运中心】快件已发往 杭州西湖区');
  });

  it('never stores the receiver shown on the order and logistics pages', async () => {
    expect(JSON.stringify(await dbSnapshot(h))).not.toMatch(/赵六|137\*\*\*\*9999|文三路/);
  });

  it('the login redirect marks Pinduoduo "needs sign-in"', async () => {
    const login = 'https://mobile.yangkeduo.com/login.html?from=https%3A%2F%2Fmobile.yangkeduo.com%2Forders.html';
    h.serve((u) => u.href.startsWith('https://mobile.yangkeduo.com/login.html'), { body: '<!doctype html><html><body><div class="login">手机号登录</div></body></html>' });
    await h.openShopPage(login);
    const state = await h.waitForSw(
      async () => {
        const db = (globalThis as unknown as { __parcelHub: { getDb: () => { meta: { get(k: string): Promise<{ value: { needsSignIn?: boolean } } | undefined> } } } }).__parcelHub.getDb();
        return (await db.meta.get('platform:pdd'))?.value;
      },
      (v) => !!v?.needsSignIn,
    );
    expect(state?.needsSignIn).toBe(true);
    expect(await h.errors()).toEqual([]);
  });
});
