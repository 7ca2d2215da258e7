// Capture of every page kind in real Chromium, at the platforms' real URLs: detail pages (embedded JSON,
// RENDER_DATA, DOM text), the transit_step.do follow-up, shop text rendered as text, and bad pages that
// must cost nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo, transitStepFor, URLS } from '../fixtures/demo';
import { dbSnapshot, fixture, launch, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await launch();
  serveDemo(h);
});
afterAll(async () => {
  await h?.close();
});

const trackingNos = async () => (await dbSnapshot(h)).parcels.map((p) => p.trackingNo);
const waitForNumbers = (nos: string[]) => h.waitFor(trackingNos, (have) => nos.every((n) => have.includes(n)));

describe('detail pages', () => {
  it('Taobao order detail with two packages: one order, two parcels (split shipment)', async () => {
    const url = 'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4107721093356402117';
    h.serve(url, { body: fixture('taobao/detail-taobao-multi-package.html') });
    await h.openShopPage(url);
    await waitForNumbers(['73100059805678', 'YT7461234567890']);
    const snap = await dbSnapshot(h);
    const order = snap.orders.find((o) => o.key === 'taobao:4107721093356402117');
    expect(order?.parcelKeys.sort()).toEqual(['yto:YT7461234567890', 'zto:73100059805678']);
    // The popup's detail of one parcel links the other parcel of the split shipment, and the order page.
    const popup = await h.openPopup();
    await popup.locator('input[type=search]').fill('73100059805678');
    await popup.locator('[data-tracking="73100059805678"] .title').click();
    const siblings = popup.getByTestId('siblings');
    await siblings.waitFor();
    expect(await siblings.textContent()).toContain('YT7461234567890');
    await siblings.getByRole('button').click();
    await popup.locator('.detail .tracking', { hasText: 'YT7461234567890' }).first().waitFor();
    expect(await popup.locator('.detail a', { hasText: '订单页' }).first().getAttribute('href')).toContain('4107721093356402117');
    await popup.close();
  });

  it('Tmall order detail (var detailData = {…})', async () => {
    const url = 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4096612345678901234';
    h.serve(url, { body: fixture('taobao/detail-tmall.html') });
    await h.openShopPage(url);
    await waitForNumbers(['JT5123456789012']);
  });

  it('Kuaishou order detail read from the DOM (labelled pairs, a return waybill)', async () => {
    const url = 'https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=241122123456777';
    h.serve(url, { body: fixture('kuaishou/order-detail-dom.html') });
    await h.openShopPage(url);
    await waitForNumbers(['773111222333444', '73544455566677']);
  });

  it('Douyin order detail from embedded RENDER_DATA', async () => {
    const before = (await trackingNos()).length;
    const url = 'https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213504';
    h.serve(url, { body: fixture('douyin/order-detail-render-data.html') });
    await h.openShopPage(url);
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.filter((p) => p.orderKeys.some((k) => k.startsWith('douyin:'))).length, (n) => n >= 1);
    expect((await trackingNos()).length).toBeGreaterThanOrEqual(before);
  });
});

describe('Taobao transit_step.do follow-up', () => {
  it('turns shipped list orders without a number into parcels, at most one request a second', async () => {
    await h.openShopPage(URLS.taobaoList);
    await h.waitFor(async () => h.requests.filter((r) => r.url.includes('transit_step.do')).length, (n) => n >= 2, 20_000);
    const reqs = h.requests.filter((r) => r.url.includes('transit_step.do'));
    for (let i = 1; i < reqs.length; i++) expect(reqs[i].at - reqs[i - 1].at).toBeGreaterThanOrEqual(900);
    const calls = reqs.map((r) => new URL(r.url).searchParams.get('bizOrderId')!);
    const expected = calls.map((id) => JSON.parse(transitStepFor(id)).expressId as string);
    await waitForNumbers(expected);
    const snap = await dbSnapshot(h);
    for (const [i, id] of calls.entries()) {
      const p = snap.parcels.find((x) => x.trackingNo === expected[i]);
      expect(p?.orderKeys).toContain(`taobao:${id}`);
    }
  });
});

describe('shop text and bad pages', () => {
  it('shows a title holding <img onerror> and <script> as text in the popup', async () => {
    const url = 'https://haohuo.jinritemai.com/views/order/list?tab=xss';
    const api = 'https://haohuo.jinritemai.com/api/order/list?tab=xss';
    const payload = JSON.stringify({
      status_code: 0,
      data: { orders: [{ shop_order_id: '6928100000000000999', shop_name: '<img src=x onerror=alert(1)>店', order_status_desc: '待收货', create_time: 1763600000, product_item: [{ product_name: '<img src=x onerror="document.title=\'pwned\'">保温杯', combo_num: 1, pay_amount: 2990 }], logistics_info: { company_name: '中通快递', tracking_no: '73599988877766' } }] },
    });
    h.serve(api, { body: payload, contentType: 'application/json' });
    h.serve(url, { body: `<!doctype html><meta charset="utf-8"><div id=r></div><script>fetch(${JSON.stringify(api)}).then(r=>r.text())</script>` });
    await h.openShopPage(url);
    await waitForNumbers(['73599988877766']);
    const popup = await h.openPopup();
    const row = popup.locator('[data-tracking="73599988877766"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('<img src=x onerror="document.title=\'pwned\'">保温杯');
    expect(await popup.locator('main img, main script').count()).toBe(0);
    expect(await popup.title()).not.toBe('pwned');
  });

  it('a malformed page and an unrecognized payload give diagnostics, no errors, and leave data untouched', async () => {
    // Let earlier pages' transit_step follow-ups finish (one a second) so "before" is settled.
    const followUps = () => h.requests.filter((r) => r.url.includes('transit_step.do'));
    await h.waitFor(async () => Date.now() - (followUps().at(-1)?.at ?? 0), (idle) => idle > 2500, 40_000);
    const before = await dbSnapshot(h);
    const detail = 'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=1';
    h.serve(detail, { body: `<html><script>var data = JSON.parse('{"broken": \\x');</script><body>订单详情</body></html>` });
    const api = 'https://haohuo.jinritemai.com/api/order/list?tab=odd';
    h.serve(api, { body: fixture('douyin/unrecognized.json'), contentType: 'application/json' });
    h.serve('https://haohuo.jinritemai.com/views/order/list?tab=odd', { body: `<!doctype html><script>fetch(${JSON.stringify(api)})</script>` });
    await h.openShopPage(detail);
    await h.openShopPage('https://haohuo.jinritemai.com/views/order/list?tab=odd');
    await h.waitFor(async () => (await dbSnapshot(h)).diagnostics.filter((d) => d.kind === 'unrecognized').length, (n) => n >= 1);
    const after = await dbSnapshot(h);
    // Existing rows are untouched (earlier pages' follow-ups may still add their own parcels meanwhile).
    const byKey = <T extends { key: string }>(rows: T[]) => new Map(rows.map((r) => [r.key, r]));
    const afterParcels = byKey(after.parcels);
    const afterOrders = byKey(after.orders);
    for (const p of before.parcels) expect(afterParcels.get(p.key)).toEqual(p);
    for (const o of before.orders) expect(afterOrders.get(o.key)).toEqual(o);
    expect(afterOrders.has('taobao:1')).toBe(false);
    const diag = after.diagnostics.find((d) => d.kind === 'unrecognized')!;
    expect(diag.url).not.toContain('?'); // redacted to origin + path
    expect(await h.errors()).toEqual([]);
  });
});
