// Capture of every page kind in real Chromium, at the platforms' real URLs: detail pages (embedded JSON,
// RENDER_DATA, DOM text), the transit_step.do follow-up, shop text rendered as text, and bad pages that
// must cost nothing.
import type { Page } from 'playwright-core';
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

describe('Taobao finished orders without a waybill (issue #12)', () => {
  const LIST = 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm?pageNum=2';
  const OPEN = '4127781203346650022';
  const F1 = '4125530017728840011'; // 交易成功, the answer's events stop at 派件
  const F2 = '4124409912203370033'; // 交易成功, the answer ends with 签收
  const F3 = '4123308871102290044'; // 交易成功, the answer is a captcha
  const F4 = '4122207760091180055'; // 交易成功, never asked: the queue stopped at F3
  const ANSWERS: Record<string, string> = {
    [OPEN]: 'taobao/transit-step-yto-in-transit.json',
    [F1]: 'taobao/transit-step-yunda-unsigned.json',
    [F2]: 'taobao/transit-step-jt-signed.json',
    [F3]: 'taobao/transit-step-risk.json',
    [F4]: 'taobao/transit-step-zto.json',
  };
  const ACTIVE = ['awaiting_collection', 'attention', 'out_for_delivery', 'in_transit', 'unshipped'];

  /** Section of each drawn popup row: the nearest section header above it. */
  const rowSections = (popup: Page) =>
    popup.evaluate(() => {
      const top = (el: Element) => parseFloat((el as HTMLElement).style.top);
      const heads = [...document.querySelectorAll('li.section-h[data-section]')].map((h) => ({ at: top(h), id: h.getAttribute('data-section')! }));
      return Object.fromEntries(
        [...document.querySelectorAll('li.row[data-tracking]')].map((r) => [r.getAttribute('data-tracking')!, heads.filter((h) => h.at <= top(r)).sort((a, b) => b.at - a.at)[0]?.id ?? '']),
      );
    });

  it('asks transit_step.do for the open order first, then the finished ones, 1 s apart, and stops at the captcha', async () => {
    h.serve(LIST, { body: fixture('taobao/list-legacy-finished.html') });
    h.serve(
      (u) => u.href.startsWith(URLS.taobaoTransitStep) && (u.searchParams.get('bizOrderId') ?? '') in ANSWERS,
      (route) => ({ body: fixture(ANSWERS[new URL(route.request().url()).searchParams.get('bizOrderId')!]), contentType: 'application/json;charset=utf-8' }),
    );
    const asked = () => h.requests.filter((r) => r.url.startsWith(URLS.taobaoTransitStep) && (new URL(r.url).searchParams.get('bizOrderId') ?? '') in ANSWERS);
    await h.openShopPage(LIST);
    await h.waitFor(async () => asked().length, (n) => n >= 4, 20_000);
    // Long enough for F4 to have been asked had the queue not stopped (one a second).
    await new Promise((r) => setTimeout(r, 3000));
    const reqs = asked();
    expect(reqs.map((r) => new URL(r.url).searchParams.get('bizOrderId'))).toEqual([OPEN, F1, F2, F3]);
    for (let i = 1; i < reqs.length; i++) expect(reqs[i].at - reqs[i - 1].at).toBeGreaterThanOrEqual(1000);
    const snap = await h.waitFor(() => dbSnapshot(h), (s) => ['4318956402217', 'JT3112207845563', 'YT7588102937714'].every((n) => s.parcels.some((p) => p.trackingNo === n)));
    expect(snap.diagnostics.some((d) => d.kind === 'risk_control' && d.url.includes('transit_step.do'))).toBe(true);
  });

  it('lands the parcels of finished orders in the database as delivered, and keeps them out of the popup active sections', async () => {
    const snap = await dbSnapshot(h);
    const parcel = (no: string) => snap.parcels.find((p) => p.trackingNo === no);
    expect(parcel('4318956402217')).toMatchObject({ carrier: 'yunda', status: 'delivered', orderKeys: [`taobao:${F1}`] });
    expect(parcel('JT3112207845563')).toMatchObject({ status: 'delivered', orderKeys: [`taobao:${F2}`] });
    expect(parcel('YT7588102937714')).toMatchObject({ orderKeys: [`taobao:${OPEN}`] });
    expect(parcel('YT7588102937714')!.status).not.toBe('delivered');
    for (const id of [F3, F4, '4121106659980070066', '4120005548879960077']) {
      expect(snap.orders.find((o) => o.key === `taobao:${id}`)?.parcelKeys).toEqual([]);
    }
    expect(snap.events.filter((e) => e.parcelKey === parcel('4318956402217')!.key).map((e) => e.text)).not.toContainEqual(expect.stringContaining('签收'));

    const popup = await h.openPopup();
    const search = popup.locator('input[type=search]');
    // The open order's parcel is on the list, in an active section ...
    await search.fill('YT7588102937714');
    await popup.locator('[data-tracking="YT7588102937714"]').waitFor();
    expect(ACTIVE).toContain((await rowSections(popup))['YT7588102937714']);
    // ... the finished ones' are not in any active section.
    for (const no of ['4318956402217', 'JT3112207845563']) {
      await search.fill(no);
      await popup.locator('[data-tracking="YT7588102937714"]').waitFor({ state: 'detached' });
      const sections = await rowSections(popup);
      expect(ACTIVE).not.toContain(sections[no]);
    }
    await popup.close();
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
