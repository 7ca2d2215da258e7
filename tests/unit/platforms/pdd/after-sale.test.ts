// @vitest-environment happy-dom
// Pinduoduo after-sale (issue #16): the after_sales_list answer, the 退款/售后 list page and one after-sale's page
// (complaint_detail.html). Sources in tests/fixtures/pdd/README.md.
import { describe, expect, it } from 'vitest';
import { pdd } from '../../../../src/platforms/pdd';
import { parsePddAfterSaleDocument, parsePddAfterSaleList } from '../../../../src/platforms/pdd/parse-after-sale';
import { isPddInterestingResponse, pddPageKind } from '../../../../src/platforms/pdd/urls';
import { htmlDocument, invariantProblems, readFixture } from '../shared/fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0); // 2024-11-25 12:00 China time
const cn = (s: string) => Date.parse(`${s}+08:00`);
const LIST_API = new URL('https://mobile.yangkeduo.com/proxy/api/api/blade/after_sales_list?pdduid=1234567');
const LIST_PAGE = new URL('https://mobile.yangkeduo.com/complaint_list.html?refer_page_name=personal');
const detailUrl = (id: string, sn: string) => new URL(`https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=${id}&order_sn=${sn}&refer_page_name=complaint`);
const PRIVATE = /孙七|139\*|某某路|白云区/;

describe('Pinduoduo after-sale URLs', () => {
  it.each([
    ['https://mobile.yangkeduo.com/complaint_list.html', 'after_sale'],
    ['https://mobile.yangkeduo.com/complaint_list/complaint_list.html', 'after_sale'],
    ['https://mobile.pinduoduo.com/complaint_detail.html?after_sales_id=1&order_sn=2', 'after_sale'],
    ['https://mobile.yangkeduo.com/complaint.html', null],
  ])('%s → %s', (url, kind) => expect(pddPageKind(new URL(url))).toBe(kind));

  it('the after-sale list answer is read, other blade answers are not', () => {
    expect(isPddInterestingResponse(LIST_API.href)).toBe(true);
    expect(isPddInterestingResponse('https://mobile.yangkeduo.com/proxy/api/api/blade/after_sales_count')).toBe(false);
    expect(isPddInterestingResponse('https://evil.example/proxy/api/api/blade/after_sales_list')).toBe(false);
  });
});

describe('after_sales_list answer', () => {
  const r = parsePddAfterSaleList(readFixture('pdd', 'after-sales-list.json'), NOW)!;
  const state = (sn: string) => r.orders.find((o) => o.orderId === sn);

  it('one order per row, by the order_sn of its detail link', () => {
    expect(invariantProblems(r)).toEqual([]);
    expect(r.source).toBe('after_sale');
    expect(r.diagnostics).toEqual([]);
    expect(r.parcels).toEqual([]);
    expect(r.orders.map((o) => o.orderId).sort()).toEqual([
      '241124-223456789012401', '241124-223456789012402', '241124-223456789012403', '241124-223456789012404', '241124-223456789012405', '241124-223456789012406',
    ]);
  });

  it('each row’s status words give the state', () => {
    expect(state('241124-223456789012401')).toMatchObject({ status: 'refunded', afterSale: { state: 'refunded', stateText: '退款成功' } });
    expect(state('241124-223456789012402')).toMatchObject({ status: 'refunding', afterSale: { state: 'in_transit_back', stateText: '待商家收货' } });
    expect(state('241124-223456789012403')?.afterSale?.state).toBe('requested');
    expect(state('241124-223456789012404')?.afterSale?.state).toBe('requested');
    expect(state('241124-223456789012405')?.afterSale?.state).toBe('closed');
    expect(state('241124-223456789012405')?.status).toBeUndefined();
    expect(state('241124-223456789012406')?.afterSale?.state).toBe('exchanged');
  });

  it('the adapter routes the answer by URL; a changed answer or a sign-out says so', () => {
    const body = readFixture('pdd', 'after-sales-list.json');
    expect(pdd.parsePayload(body, LIST_API, LIST_PAGE)?.orders.map((o) => o.afterSale?.state)).toEqual(r.orders.map((o) => o.afterSale?.state));
    expect(pdd.parsePayload(body, new URL('https://mobile.yangkeduo.com/proxy/api/api/blade/other'), LIST_PAGE)).toBeNull();
    expect(parsePddAfterSaleList('{"result":{"list":[]}}', NOW)?.diagnostics[0].kind).toBe('unrecognized');
    expect(parsePddAfterSaleList('{"error_code":40001,"error_msg":"用户未登录"}', NOW)?.diagnostics[0].kind).toBe('signed_out');
    expect(parsePddAfterSaleList('not json', NOW)).toBeNull();
  });
});

describe('after-sale pages', () => {
  it('the list page: rows from the SSR data', () => {
    const r = pdd.parseDocument(htmlDocument(readFixture('pdd', 'complaint-list.html')), LIST_PAGE);
    expect(invariantProblems(r)).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.orders.map((o) => [o.orderId, o.afterSale?.state])).toEqual([
      ['241124-223456789012421', 'in_transit_back'],
      ['241124-223456789012422', 'refunded'],
    ]);
  });

  it('pickup booked: the window as the page shows it, the return waybill, nothing of the receiver', () => {
    const r = parsePddAfterSaleDocument(htmlDocument(readFixture('pdd', 'complaint-detail-pickup.html')), detailUrl('90210011', '241124-223456789012411'), NOW);
    expect(invariantProblems(r)).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.orders).toEqual([
      {
        orderId: '241124-223456789012411',
        status: 'refunding',
        afterSale: {
          state: 'pickup_booked',
          stateText: '已预约上门取件',
          kind: 'return',
          pickupWindow: { from: cn('2024-11-25T14:00:00'), to: cn('2024-11-25T16:00:00'), text: '预约上门取件 11月25日 14:00-16:00' },
        },
      },
    ]);
    expect(r.parcels).toEqual([{ trackingNo: '73512345678911', carrierName: '中通快递', direction: 'return', orderIds: ['241124-223456789012411'] }]);
    expect(JSON.stringify(r)).not.toMatch(PRIVATE);
  });

  it('exchange: the new parcel to the shopper is outbound and flagged, the returned one a return', () => {
    const r = pdd.parseDocument(htmlDocument(readFixture('pdd', 'complaint-detail-exchange.html')), detailUrl('90210012', '241124-223456789012412'));
    expect(invariantProblems(r)).toEqual([]);
    expect(r.orders[0]).toMatchObject({ orderId: '241124-223456789012412', afterSale: { state: 'received', kind: 'exchange' } });
    expect(r.parcels).toEqual([
      { trackingNo: '4312345678912', carrierName: '韵达快递', direction: 'outbound', exchange: true, orderIds: ['241124-223456789012412'] },
      { trackingNo: 'JT5261234567912', carrierName: '极兔速递', direction: 'return', orderIds: ['241124-223456789012412'] },
    ]);
  });

  it('a detail without order_sn, a changed layout, the login redirect', () => {
    const html = readFixture('pdd', 'complaint-detail-pickup.html');
    expect(parsePddAfterSaleDocument(htmlDocument(html), new URL('https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=1'), NOW).diagnostics[0].kind).toBe('partial');
    const changed = parsePddAfterSaleDocument(htmlDocument('<script>window.rawData={"store":{"other":1}};</script>'), detailUrl('1', '241124-223456789012499'), NOW);
    expect(changed.diagnostics[0].kind).toBe('unrecognized');
    expect(changed.orders).toEqual([]);
    const login = parsePddAfterSaleDocument(htmlDocument('<p>登录</p>'), new URL('https://mobile.yangkeduo.com/login.html?from=complaint_list'), NOW);
    expect(login.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
  });
});
