// @vitest-environment happy-dom
// Pinduoduo: the SSR order list, the order_list_v4 answer, order.html (expressInfo), goods_express.html, the login
// redirect, a changed layout, amounts in 分, and privacy (the receiver's name, phone and address never read).
import { describe, expect, it } from 'vitest';
import { pdd } from '../../../../src/platforms/pdd';
import { PDD_FACTS } from '../../../../src/platforms/pdd/facts';
import { isPddInterestingResponse, pddPageKind } from '../../../../src/platforms/pdd/urls';
import type { ParseResult } from '../../../../src/platforms/types';
import { htmlDocument, invariantProblems, readFixture } from '../shared/fixture-helpers';

const LIST = new URL('https://mobile.yangkeduo.com/orders.html?type=0&comment_tab=1');
const API = new URL('https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4?pdduid=1234567');
const DETAIL = new URL('https://mobile.yangkeduo.com/order.html?order_sn=241124-223456789012345');
const EXPRESS = new URL('https://mobile.yangkeduo.com/goods_express.html?tracking_number=431234567890123&shipping_id=121&order_sn=241124-223456789012345');

const page = (name: string, url: URL) => pdd.parseDocument(htmlDocument(readFixture('pdd', name)), url);
const PRIVATE = /赵六|137\*|文三路|西湖区文三/;
const expectClean = (r: ParseResult | null) => {
  expect(r).not.toBeNull();
  expect(invariantProblems(r!)).toEqual([]);
  expect(JSON.stringify(r)).not.toMatch(PRIVATE);
};

describe('Pinduoduo URLs', () => {
  it.each([
    ['https://mobile.yangkeduo.com/orders.html?type=0', 'order_list'],
    ['https://mobile.pinduoduo.com/orders.html', 'order_list'],
    ['https://mobile.yangkeduo.com/order.html?order_sn=1', 'order_detail'],
    ['https://mobile.yangkeduo.com/goods_express.html?tracking_number=1', 'logistics'],
    ['https://mobile.yangkeduo.com/login.html?from=orders', 'order_list'],
    ['https://mobile.yangkeduo.com/goods.html?goods_id=1', null],
    ['https://mobile.yangkeduo.com/index.html', null],
    ['https://www.pinduoduo.com/orders.html', null],
  ])('%s → %s', (url, kind) => expect(pddPageKind(new URL(url))).toBe(kind));

  it.each([
    [API.href, true],
    ['https://mobile.pinduoduo.com/proxy/api/api/aristotle/order_list_v4', true],
    // Look like orders, are not (platform-formats.md §5.1).
    ['https://mobile.yangkeduo.com/proxy/api/api/express/track/status', false],
    ['https://mobile.yangkeduo.com/proxy/api/caterham/v3/query/my_order_group', false],
    ['https://img.pddpic.com/a.jpeg', false],
  ])('interesting %s → %s', (url, yes) => expect(isPddInterestingResponse(url)).toBe(yes));

  it('facts: the order list is read; detail links built from order_sn', () => {
    expect(pdd.pageKind(new URL(PDD_FACTS.orderListUrl))).toBe('order_list');
    expect(PDD_FACTS.orderDetailUrl('241124-1')).toBe('https://mobile.yangkeduo.com/order.html?order_sn=241124-1');
  });
});

describe('Pinduoduo order list', () => {
  it('SSR rawData: every order with status (text, else code), 分 amounts, times, shop, items; bad ones skipped', () => {
    const r = page('orders-ssr.html', LIST);
    expectClean(r);
    expect(r.orders.map((o) => [o.orderId, o.status, o.amount])).toEqual([
      ['241125-123456789012345', 'unshipped', 5890],
      ['241124-223456789012345', 'shipped', 12900],
      ['241120-323456789012345', 'refunded', 1990],
      ['241126-423456789012345', 'unpaid', 990],
    ]);
    const [a, b, c] = r.orders;
    // Unshipped: paid time kept, so the popup shows time since payment.
    expect(a).toMatchObject({ createdAt: 1732500000_000, paidAt: 1732500060_000, shopName: '优选日用百货店', url: 'https://mobile.yangkeduo.com/order.html?order_sn=241125-123456789012345' });
    expect(a.items).toEqual([
      { title: '加厚垃圾袋 100只', itemId: '523456789012', sku: '黑色 45*50cm', quantity: 2, price: 2945, imageUrl: 'https://img.pddpic.com/mms-material-img/2024-11-20/abc.jpeg' },
    ]);
    expect(b.items?.[0].imageUrl).toBe('https://t00img.yangkeduo.com/goods/images/2024-11-01/xyz.jpeg');
    expect(c.items?.[0].imageUrl).toBeUndefined();
    expect(r.parcels).toEqual([]);
  });

  it('status codes: words first; then pay_status 0; then only the `status` codes public code names; others unknown with a diagnostic', () => {
    const order = (sn: string, fields: Record<string, unknown>) => ({ order_sn: sn, ...fields });
    const body = JSON.stringify({
      orders: [
        order('241201-000000000000001', { status: 5 }), // not confirmed anywhere: no guess
        order('241201-000000000000002', { status: 6 }),
        order('241201-000000000000003', { order_status: 1, status: 3 }), // order_status is another field
        order('241201-000000000000004', { order_status_prompt: '某种新状态', status: 4 }),
        order('241201-000000000000005', { order_status_prompt: '已取消', status: 5 }),
        order('241201-000000000000006', { pay_status: 0, status: 1 }),
        order('241201-000000000000007', { order_status: 5 }),
        order('241201-000000000000008', { status: 1 }),
      ],
    });
    const r = pdd.parsePayload(body, API, LIST)!;
    expect(r.orders.map((o) => [o.orderId.slice(-1), o.status])).toEqual([
      ['1', undefined],
      ['2', 'refunded'],
      ['3', 'shipped'],
      ['4', 'completed'],
      ['5', 'cancelled'],
      ['6', 'unpaid'],
      ['7', undefined],
      ['8', undefined],
    ]);
    expect(r.diagnostics).toEqual([{ kind: 'partial', message: 'Pinduoduo status code(s) 1, 5 without known status words: status left unknown' }]);
  });

  it('order_list_v4: snake_case, nested goods, empty tracking_number gives no parcel, a filled one does', () => {
    const r = pdd.parsePayload(readFixture('pdd', 'order-list-v4.json'), API, LIST);
    expectClean(r);
    expect(r!.orders.map((o) => [o.orderId, o.status, o.shopName])).toEqual([
      ['241124-223456789012345', 'shipped', '果园直发'],
      ['241118-523456789012345', 'completed', '家纺旗舰店'],
      ['241110-623456789012345', 'shipped', '文具小铺'],
    ]);
    expect(r!.orders[1].items).toEqual([{ title: '珊瑚绒毯子 1.5m', itemId: '723456789012', quantity: 1, price: 4590, imageUrl: 'https://img.pddpic.com/a/b.jpeg' }]);
    expect(r!.parcels).toEqual([{ trackingNo: 'YT2468013579246', carrierName: '圆通速递', orderIds: ['241110-623456789012345'], direction: 'outbound' }]);
  });

  it('a signed-out answer and the login redirect both say "needs sign-in"', () => {
    const r = pdd.parsePayload(readFixture('pdd', 'order-list-signed-out.json'), API, LIST);
    expect(r?.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
    const login = pdd.parseDocument(htmlDocument('<html><body><div class="login">手机登录</div></body></html>'), new URL('https://mobile.yangkeduo.com/login.html?from=https%3A%2F%2Fmobile.yangkeduo.com%2Forders.html'));
    expect(login.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
  });

  it('a changed layout is unrecognized, never an exception; other answers are not read', () => {
    const r = pdd.parsePayload(readFixture('pdd', 'order-list-unrecognized.json'), API, LIST);
    expect(r?.orders).toEqual([]);
    expect(r?.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
    expect(pdd.parsePayload('{"orders":[]}', new URL('https://mobile.yangkeduo.com/proxy/api/api/express/track/status'), LIST)).toBeNull();
  });
});

describe('Pinduoduo order and logistics pages', () => {
  it('order.html: the order and its parcel from expressInfo; receiver fields never read', () => {
    const r = page('order-detail.html', DETAIL);
    expectClean(r);
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({ orderId: '241124-223456789012345', status: 'shipped', amount: 12900, paidAt: 1732400030_000, shopName: '果园直发' });
    expect(r.parcels).toEqual([{ trackingNo: '431234567890123', carrierName: '韵达快递', orderIds: ['241124-223456789012345'], direction: 'outbound' }]);
  });

  it('order.html of an unshipped order: the order, no parcel', () => {
    const r = page('order-detail-unshipped.html', new URL('https://mobile.yangkeduo.com/order.html?order_sn=241125-123456789012345'));
    expectClean(r);
    expect(r.orders.map((o) => [o.orderId, o.status])).toEqual([['241125-123456789012345', 'unshipped']]);
    expect(r.parcels).toEqual([]);
  });

  it('goods_express.html: number from the URL, carrier and track from the page; receiver never read', () => {
    const r = page('goods-express.html', EXPRESS);
    expectClean(r);
    expect(r.parcels).toHaveLength(1);
    expect(r.parcels[0]).toMatchObject({ trackingNo: '431234567890123', carrierName: '韵达快递', orderIds: ['241124-223456789012345'] });
    expect(r.parcels[0].events?.map((e) => e.text)).toEqual(['【杭州市】快件已到达 西湖区古荡营业点', '【杭州转运中心】快件已发往 杭州西湖区', '【赣州市】商家已发货，韵达快递揽收']);
    expect(r.parcels[0].events?.[0].time).toBe(Date.parse('2024-11-26T09:12:00+08:00'));
  });
});

describe('Pinduoduo promised delivery service (issue #16)', () => {
  it('order.html: a 送货上门 service tag is the order\'s door promise, in the page\'s words', () => {
    const r = page('order-detail.html', DETAIL);
    expectClean(r);
    expect(r.orders[0].service).toEqual({ text: '送货上门', door: true });
    expect(page('order-detail-unshipped.html', DETAIL).orders[0]?.service).toBeUndefined();
  });

  it('orders.html: a 极速达 tag is recorded as a speed service (no door promise); untagged orders have none', () => {
    const r = page('orders-ssr.html', LIST);
    expectClean(r);
    const services = r.orders.map((o) => [o.orderId, o.service]).filter(([, s]) => s);
    expect(services).toEqual([['241125-123456789012345', { text: '极速达', door: false }]]);
  });

  it('never from goods, mall or receiver fields', () => {
    const body = JSON.stringify({
      orders: [{ order_sn: '241125-999', order_status_prompt: '待收货', order_goods: [{ goods_name: '沙发 送货上门', goods_id: 1 }], mall: { mall_name: '送货上门家具店' }, receive_address: '送货上门路' }],
    });
    expect(pdd.parsePayload(body, API, LIST)!.orders[0].service).toBeUndefined();
  });
});
