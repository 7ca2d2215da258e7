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
const wuliu = (id: string) => `https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=${id}&orderType=22&skuid=10000001&shopid=10012345`;
/** The logistics link of order 290145678902 exactly as order_list_m gives it. */
const WULIU_902 = 'https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=290145678902&orderType=22&skuid=10087654321&shopid=10012345';
const wuliuRequests = () => h.requests.filter((r) => r.url.includes('/order/deal_wuliu_jdm.shtml')).map((r) => r.url);
interface Ph {
  __parcelHub: { getDb(): { meta: { get(k: string): Promise<{ value: unknown } | undefined> }; events: { where(k: string): { equals(v: string): { toArray(): Promise<{ text: string }[]> } } }; diagnostics: { toArray(): Promise<{ message: string }[]> } } };
}
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
    // Page visits are off by default: the shipped order's logistics link is not opened.
    expect(wuliuRequests()).toEqual([]);
  });

  it('mobile list with page visits on: the shipped order’s logistics link is opened in an inactive tab and its parcel stored', async () => {
    await h.setSettings({ pageVisits: { enabled: true, platforms: ['jd'], everyHours: 6 } });
    // The list's own link, every parameter kept (with dealId alone the real page is an empty app).
    h.serve(WULIU_902, { body: fixture('jd/logistics-mobile.html') });
    const shopperTabs = h.context.pages().length;
    await h.openShopPage(URLS.jdMobileList);
    const parcels = await h.waitFor(jdParcels, (ps) => ps.some((p) => p.orderKeys.includes('jd:290145678902')), 30_000);
    const p = parcels.find((x) => x.orderKeys.includes('jd:290145678902'))!;
    expect([p.carrier, p.trackingNo]).toEqual(['zto', '78912345678901']);
    const events = await h.sw((key) => (globalThis as unknown as Ph).__parcelHub.getDb().events.where('parcelKey').equals(key).toArray(), p.key);
    expect(events.map((e) => e.text)).toContain('【上海浦东新区】快件已发往 上海世纪公园');
    expect(events.length).toBe(3);
    // Only the shipped order was followed (not the completed 901 nor the unshipped 904), with its whole link.
    expect(wuliuRequests()).toEqual([WULIU_902]);
    // The tab is closed again; the shopper's own tabs (+ the list just opened) remain.
    await h.waitFor(async () => h.context.pages().filter((pg) => pg.url().includes('deal_wuliu')).length, (n) => n === 0, 30_000);
    expect(h.context.pages().length).toBe(shopperTabs + 1);
    // The popup shows it without the shopper having opened the logistics page.
    const popup = await h.openPopup();
    await popup.locator('input[type=search]').fill('78912345678901');
    await popup.locator('[data-tracking="78912345678901"]').waitFor();
    await popup.close();
    expect(await h.errors()).toEqual([]);
  });

  it('a signed-out list answer: JD needs sign-in, nothing is followed', async () => {
    const before = wuliuRequests().length;
    h.serve((u) => u.href.startsWith(URLS.jdMobileApi), { body: `jsonpCBKA(${fixture('jd/order-list-m-signed-out.json').trim()});`, contentType: 'application/javascript' });
    await h.openShopPage(URLS.jdMobileList);
    await h.waitForSw(async () => (await (globalThis as unknown as Ph).__parcelHub.getDb().meta.get('platform:jd'))?.value, (v) => !!(v as { needsSignIn?: boolean })?.needsSignIn);
    await new Promise((r) => setTimeout(r, 1500));
    expect(wuliuRequests().length).toBe(before);
  });

  it('only shipped orders are followed; a logistics page that redirects to sign-in marks JD "needs sign-in" and leaves no parcel', async () => {
    const order = (id: string, statusName: string) => ({
      orderId: id,
      orderType: '22',
      orderStatusInfo: { orderStatusName: statusName },
      progressInfo: { content: '…', progressLink: wuliu(id) },
      wareInfoList: [{ wareName: `商品 ${id}`, num: '1', skuId: '10000001' }],
      shopInfo: { shopId: '10012345', shopName: '某店' },
    });
    const body = { code: '0', body: { totalNum: 3, orderList: [order('290145678912', '待收货'), order('290145678914', '待发货'), order('290145678915', '已取消')] } };
    h.serve((u) => u.href.startsWith(URLS.jdMobileApi), { body: `jsonpCBKA(${JSON.stringify(body)});`, contentType: 'application/javascript' });
    const login = `https://plogin.m.jd.com/login/login?appid=300&returnurl=${encodeURIComponent(wuliu('290145678912'))}`;
    // The app finds the session gone and jumps to the sign-in page (as JD's mobile pages do).
    h.serve((u) => u.href.startsWith('https://trade.m.jd.com/order/deal_wuliu_jdm.shtml') && u.searchParams.get('dealId') === '290145678912', {
      body: `<!doctype html><html><body><div id="app"></div><script>location.replace(${JSON.stringify(login)})</script></body></html>`,
    });
    h.serve((u) => u.href.startsWith('https://plogin.m.jd.com/login/login'), { body: '<!doctype html><html><body><form>短信登录</form></body></html>' });
    const before = wuliuRequests().length;
    await h.openShopPage(URLS.jdMobileList);
    // The list's orders are read (which clears the earlier sign-in flag), then the shipped one is followed.
    await h.waitFor(async () => wuliuRequests().length, (n) => n > before, 30_000);
    await h.waitForSw(async () => (await (globalThis as unknown as Ph).__parcelHub.getDb().meta.get('platform:jd'))?.value, (v) => !!(v as { needsSignIn?: boolean })?.needsSignIn, 30_000);
    await h.waitFor(async () => h.context.pages().filter((pg) => /deal_wuliu|plogin/.test(pg.url())).length, (n) => n === 0, 40_000);
    expect(wuliuRequests().slice(before).map((u) => new URL(u).searchParams.get('dealId'))).toEqual(['290145678912']);
    expect((await jdParcels()).filter((p) => p.orderKeys.some((k) => /29014567891[245]/.test(k)))).toEqual([]);
    // Signed out is the reason, not a page we could not read: no "nothing read" diagnostic for it.
    const diags = await h.sw(async () => (await (globalThis as unknown as Ph).__parcelHub.getDb().diagnostics.toArray()).map((d) => d.message));
    expect(diags.filter((m) => /followed logistics page/.test(m))).toEqual([]);
  });

  it('PC order list: every order row, and the waybills the track tooltip shows', async () => {
    await h.openShopPage(URLS.jdList);
    const parcels = await h.waitFor(jdParcels, (ps) => ps.length >= 3);
    expect(parcels.map((p) => [p.trackingNo, p.carrier]).sort()).toEqual([
      ['73100059800035', 'zto'],
      ['78912345678901', 'zto'], // followed from the mobile list above
      ['JDVC01234567890', 'jd'],
    ]);
    const orders = await h.waitFor(jdOrders, (os) => os.length >= 5);
    // (290145678912, 914 and 915 came from the mobile list answer above.)
    expect(orders.map((o) => o.orderId).filter((id) => !/^2901456789(12|14|15)$/.test(id)).sort()).toEqual(['290145678901', '290145678902', '290145678903', '290145678904', '290145678905']);
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
