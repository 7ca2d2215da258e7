// JD capture in real Chromium at JD's real URLs (served by context.route): the PC list and detail pages, the
// mobile list whose orders arrive as the order_list_m JSONP, the mobile logistics page, and the sign-in
// redirect that marks JD "needs sign-in". The receiver's name, phone and address never reach the database.
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

const jdParcels = async () => (await dbSnapshot(h)).parcels.filter((p) => p.orderKeys.some((k) => k.startsWith('jd:')));
const jdOrders = async () => (await dbSnapshot(h)).orders.filter((o) => o.key.startsWith('jd:'));

describe('JD', () => {
  it('mobile list: orders from the order_list_m JSONP the page loads (no tracking numbers there)', async () => {
    await h.openShopPage(URLS.jdMobileList);
    // First in this file: nothing else has told the extension about these orders yet.
    const orders = await h.waitFor(jdOrders, (os) => os.length >= 3);
    expect(orders.map((o) => [o.orderId, o.status]).sort()).toEqual([
      ['290145678901', 'completed'],
      ['290145678902', 'shipped'],
      ['290145678904', 'unshipped'],
    ]);
    expect(orders.find((o) => o.orderId === '290145678902')?.items.map((i) => i.title)).toEqual(['纯棉四件套 1.8m床']);
    expect(await jdParcels()).toEqual([]);
  });

  it('PC order list: every order row, and the waybills the track tooltip shows', async () => {
    await h.openShopPage(URLS.jdList);
    const parcels = await h.waitFor(jdParcels, (ps) => ps.length >= 2);
    expect(parcels.map((p) => [p.trackingNo, p.carrier]).sort()).toEqual([
      ['73100059800035', 'zto'],
      ['JDVC01234567890', 'jd'],
    ]);
    const orders = await h.waitFor(jdOrders, (os) => os.length >= 5);
    expect(orders.map((o) => o.orderId).sort()).toEqual(['290145678901', '290145678902', '290145678903', '290145678904', '290145678905']);
    expect(orders.find((o) => o.orderId === '290145678904')?.status).toBe('unshipped');
  });

  it('PC order detail: a split shipment becomes two parcels of one order', async () => {
    await h.openShopPage(URLS.jdDetail);
    const parcels = await h.waitFor(jdParcels, (ps) => ps.some((p) => p.trackingNo === 'JDVA11122233344') && ps.some((p) => p.trackingNo === '78912345678901'));
    const mine = parcels.filter((p) => p.orderKeys.includes('jd:290145678906'));
    expect(mine.map((p) => p.trackingNo).sort()).toEqual(['78912345678901', 'JDVA11122233344']);
  });

  it('mobile logistics page (deal_wuliu_jdm.shtml with the list link parameters): the parcel of that order', async () => {
    const url = 'https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=290145678902&orderType=22&skuid=10087654321&shopid=10012345';
    h.serve(url, { body: fixture('jd/logistics-mobile.html') });
    await h.openShopPage(url);
    const parcels = await h.waitFor(jdParcels, (ps) => ps.some((p) => p.orderKeys.includes('jd:290145678902')));
    expect(parcels.find((p) => p.orderKeys.includes('jd:290145678902'))?.trackingNo).toBe('78912345678901');
  });

  it('never stores the receiver shown on the list, detail and logistics pages', async () => {
    const all = JSON.stringify(await dbSnapshot(h));
    expect(all).not.toMatch(/张三|李四|建国路|世纪大道|138\*\*\*\*1234|139\*\*\*\*5678/);
  });

  it('the sign-in redirect marks JD "needs sign-in"', async () => {
    const login = 'https://passport.jd.com/new/login.aspx?ReturnUrl=https%3A%2F%2Forder.jd.com%2Fcenter%2Flist.action';
    h.serve((u) => u.href.startsWith('https://passport.jd.com/new/login.aspx'), { body: '<!doctype html><html><body><form id="formlogin">请登录</form></body></html>' });
    await h.openShopPage(login);
    const state = await h.waitForSw(
      async () => {
        const db = (globalThis as unknown as { __parcelHub: { getDb: () => { meta: { get(k: string): Promise<{ value: { needsSignIn?: boolean } } | undefined> } } } }).__parcelHub.getDb();
        return (await db.meta.get('platform:jd'))?.value;
      },
      (v) => !!v?.needsSignIn,
    );
    expect(state?.needsSignIn).toBe(true);
    expect(await h.errors()).toEqual([]);
  });
});
