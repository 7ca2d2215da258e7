// @vitest-environment happy-dom
// JD: every page kind it claims (PC list and detail, mobile list answer, mobile logistics, the lazy track answer)
// from fixtures, the sign-in redirect, a changed layout, and privacy (no receiver name, phone or address).
import { describe, expect, it } from 'vitest';
import { jd } from '../../../../src/platforms/jd';
import { JD_FACTS } from '../../../../src/platforms/jd/facts';
import { isJdInterestingResponse, jdPageKind } from '../../../../src/platforms/jd/urls';
import type { ParseResult } from '../../../../src/platforms/types';
import { htmlDocument, invariantProblems, readFixture } from '../shared/fixture-helpers';

const cn = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);
const LIST = new URL('https://order.jd.com/center/list.action');
const DETAIL = new URL('https://details.jd.com/normal/item.action?orderid=290145678906&PassKey=X');
const M_LIST = new URL('https://trade.m.jd.com/order/orderlist_jdm.shtml?orderType=all');
const M_API = new URL('https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core&loginWQBiz=golden-trade&body=%7B%22curTab%22%3A%22all%22%2C%22page%22%3A1%7D&callback=jsonpCBKA');
const TRACK = new URL('https://order.jd.com/lazy/getOrderTrackInfoMultiPackage.action?pin=x&orderId=290145678906&orderType=22&orderStatus=15&callback=jQuery1830123456_1732500000000');
const WULIU = new URL('https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=290145678902&orderType=22&skuid=10087654321&shopid=10012345');

const page = (name: string, url: URL) => jd.parseDocument(htmlDocument(readFixture('jd', name)), url);
const payload = (name: string, url: URL, pageUrl = M_LIST) => jd.parsePayload(readFixture('jd', name), url, pageUrl);
/** Nothing the shopper's receiver details could be found in. */
const PRIVATE = /张三|李四|王五|建国路|世纪大道|天河区|138\*|139\*|136\*/;
const expectClean = (r: ParseResult | null) => {
  expect(r).not.toBeNull();
  expect(invariantProblems(r!)).toEqual([]);
  expect(JSON.stringify(r)).not.toMatch(PRIVATE);
};

describe('JD URLs', () => {
  it.each([
    ['https://order.jd.com/center/list.action', 'order_list'],
    ['https://order.jd.com/center/list.action?d=2&s=4096&page=2', 'order_list'],
    ['https://details.jd.com/normal/item.action?orderid=1&PassKey=2', 'order_detail'],
    ['https://order.jd.com/center/item.action?orderid=1', 'order_detail'],
    ['https://trade.m.jd.com/order/orderlist_jdm.shtml?orderType=all', 'order_list'],
    ['https://wqs.jd.com/order/orderlist_merge.shtml', 'order_list'],
    ['https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?dealId=1', 'logistics'],
    ['https://passport.jd.com/new/login.aspx?ReturnUrl=https%3A%2F%2Forder.jd.com%2Fcenter%2Flist.action', 'order_list'],
    ['https://plogin.m.jd.com/login/login?returnurl=https%3A%2F%2Ftrade.m.jd.com%2Forder%2Forderlist_jdm.shtml', 'order_list'],
    ['https://passport.jd.com/new/login.aspx', null],
    ['https://passport.jd.com/new/login.aspx?ReturnUrl=https%3A%2F%2Fwww.jd.com%2F', null],
    ['https://item.jd.com/100012345678.html', null],
    ['https://order.jd.com/center/recycle.action', null],
  ])('%s → %s', (url, kind) => expect(jdPageKind(new URL(url))).toBe(kind));

  it.each([
    [M_API.href, true],
    [TRACK.href, true],
    ['https://order.jd.com/lazy/getOrderTrackInfoForNewList.action?orderId=1', true],
    ['https://api.m.jd.com/client.action?functionId=getCartList', false],
    ['https://order.jd.com/lazy/getOrderToken.action?orderId=1', false],
    ['https://img10.360buyimg.com/a.jpg', false],
  ])('interesting %s → %s', (url, yes) => expect(isJdInterestingResponse(url)).toBe(yes));

  it('facts: specific hosts only, the order list is read and JD builds detail links', () => {
    expect(JD_FACTS.matches.every((m) => !m.includes('*.'))).toBe(true);
    expect(jd.pageKind(new URL(JD_FACTS.orderListUrl))).toBe('order_list');
    expect(JD_FACTS.orderDetailUrl('290145678901')).toBe('https://details.jd.com/normal/item.action?orderid=290145678901');
  });
});

describe('JD PC order list', () => {
  const r = page('list-pc.html', LIST);

  it('reads every order row (split children included), never the receiver', () => {
    expectClean(r);
    expect(r.source).toBe('list');
    expect(r.orders.map((o) => o.orderId)).toEqual(['290145678901', '290145678902', '290145678903', '290145678904', '290145678905']);
  });

  it('reads time, shop (self-operated vs third-party), amount in 分, status, items and the detail link', () => {
    const [a, b, , d, e] = r.orders;
    expect(a).toMatchObject({ createdAt: cn('2024-11-20 10:23:45'), shopName: '京东自营', amount: 12900, status: 'completed', statusText: '已完成' });
    expect(a.url).toBe('https://details.jd.com/normal/item.action?orderid=290145678901&PassKey=A1B2C3');
    expect(a.items).toEqual([
      { title: '小米 充电宝 20000mAh 22.5W', itemId: '100012345678', quantity: 1, imageUrl: 'https://img10.360buyimg.com/N5/jfs/t1/123456/1/2345/67890/abc.jpg' },
    ]);
    expect(b).toMatchObject({ shopName: '绿源家居旗舰店', amount: 25800, status: 'shipped' });
    expect(b.items?.[0]).toMatchObject({ quantity: 2, imageUrl: 'https://img14.360buyimg.com/N5/jfs/t1/22222/2/3333/44444/def.jpg' });
    expect(d).toMatchObject({ status: 'unshipped', amount: 3990 });
    expect(e).toMatchObject({ status: 'refunded' });
  });

  it('reads the waybill the track tooltip shows: JD own (京东快递) and a third-party carrier', () => {
    expect(r.parcels).toEqual([
      { trackingNo: 'JDVC01234567890', carrierName: '京东快递', orderIds: ['290145678901'], direction: 'outbound' },
      { trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['290145678903'], direction: 'outbound' },
    ]);
  });

  it('a changed layout gives an unrecognized diagnostic and no data', () => {
    const c = page('list-changed-layout.html', LIST);
    expect(c.orders).toEqual([]);
    expect(c.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
  });

  it('the sign-in redirect marks JD signed out', () => {
    const url = new URL('https://passport.jd.com/new/login.aspx?ReturnUrl=https%3A%2F%2Forder.jd.com%2Fcenter%2Flist.action');
    const s = jd.parseDocument(htmlDocument('<html><body><form id="formlogin"></form></body></html>'), url);
    expect(s.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
    expect(s.orders).toEqual([]);
  });
});

describe('JD PC order detail', () => {
  it('one order, one parcel per package (JD own + ZTO), with their tracks; no receiver', () => {
    const r = page('detail-multi-package.html', DETAIL);
    expectClean(r);
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({ orderId: '290145678906', status: 'shipped', createdAt: cn('2024-11-24 08:30:12'), shopName: '京东自营' });
    expect(r.orders[0].items).toEqual([
      { title: '洗衣液 3kg', itemId: '100012345001', imageUrl: 'https://img11.360buyimg.com/n1/jfs/t1/1/1/1/1/a.jpg', price: 4990, quantity: 2 },
      { title: '保温杯 500ml', itemId: '100012345002', price: 8900, quantity: 1 },
    ]);
    expect(r.parcels.map((p) => [p.trackingNo, p.carrierName, p.orderIds, p.events?.length])).toEqual([
      ['JDVA11122233344', '京东快递', ['290145678906'], 2],
      ['78912345678901', '中通快递', ['290145678906'], 2],
    ]);
    expect(r.parcels[0].events?.[0]).toEqual({ time: cn('2024-11-24 20:11:05'), text: '您的快件已到达【上海浦东营业部】' });
  });

  it('an unshipped order with unknown status words: the order, no status, no parcel', () => {
    const r = page('detail-unshipped.html', new URL('https://details.jd.com/normal/item.action?orderid=290145678907'));
    expectClean(r);
    expect(r.orders).toEqual([
      expect.objectContaining({ orderId: '290145678907', statusText: '等待厂商处理', shopName: '某某数码专营店', createdAt: cn('2024-11-25 22:10:00') }),
    ]);
    expect(r.orders[0].status).toBeUndefined();
    expect(r.parcels).toEqual([]);
  });
});

describe('JD mobile', () => {
  it('order_list_m: orders with status, shop, items; the logistics link keeps all its parameters; no parcels', () => {
    const r = payload('order-list-m.jsonp', M_API);
    expectClean(r);
    expect(r!.parcels).toEqual([]);
    expect(r!.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['290145678901', 'completed'],
      ['290145678902', 'shipped'],
      ['290145678904', 'unshipped'],
    ]);
    const link = new URL(r!.orders[1].url!);
    expect(link.pathname).toBe('/order/deal_wuliu_jdm.shtml');
    expect(Object.fromEntries(link.searchParams)).toEqual({ from: 'orderlist', dealState: '15', dealId: '290145678902', orderType: '22', skuid: '10087654321', shopid: '10012345' });
    expect(jd.pageKind(link)).toBe('logistics');
    expect(r!.orders[1].items).toEqual([{ title: '纯棉四件套 1.8m床', itemId: '10087654321', quantity: 2, imageUrl: 'https://img14.360buyimg.com/mobilecms/jfs/t1/22222/2/3333/44444/def.jpg' }]);
    // An image off JD's CDN is dropped, never fetched.
    expect(r!.orders[2].items?.[0].imageUrl).toBeUndefined();
    expect(r!.orders[2].url).toBe('https://details.jd.com/normal/item.action?orderid=290145678904');
  });

  it('order_list_m: the shipped order (only) asks for its logistics page, link unchanged', () => {
    const r = payload('order-list-m.jsonp', M_API)!;
    // 290145678901 is completed (has a link, history), 290145678904 unshipped (no link): neither is followed.
    expect(r.followUps).toEqual([{ kind: 'jd_logistics_page', orderId: '290145678902', url: r.orders[1].url }]);
  });

  it('order_list_m: no follow-up for cancelled or unshipped orders, a link to another order, or another host', () => {
    const order = (id: string, status: string, link: string) => ({
      orderId: id,
      orderStatusInfo: { orderStatusName: status },
      progressInfo: { progressLink: link },
    });
    const wuliu = (id: string, host = 'trade.m.jd.com') => `https://${host}/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=${id}&orderType=22&skuid=1&shopid=2`;
    const body = JSON.stringify({
      body: {
        orderList: [
          order('290100000001', '已取消', wuliu('290100000001')),
          order('290100000002', '待发货', wuliu('290100000002')),
          order('290100000003', '待收货', wuliu('290100000009')),
          order('290100000004', '待收货', wuliu('290100000004', 'evil.example.com')),
          order('290100000005', '待收货', 'https://trade.m.jd.com/order/orderdetail_jdm.shtml?dealId=290100000005'),
          order('290100000006', '已发货', wuliu('290100000006')),
        ],
      },
    });
    const r = jd.parsePayload(body, M_API, M_LIST)!;
    expect(r.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['290100000001', 'cancelled'],
      ['290100000002', 'unshipped'],
      ['290100000003', 'shipped'],
      ['290100000004', 'shipped'],
      ['290100000005', 'shipped'],
      ['290100000006', 'shipped'],
    ]);
    expect(r.followUps?.map((f) => [f.kind, f.orderId])).toEqual([['jd_logistics_page', '290100000006']]);
  });

  it('order_list_m signed out: a signed_out diagnostic, and nothing to follow', () => {
    const r = payload('order-list-m-signed-out.json', M_API);
    expect(r?.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
    expect(r?.followUps).toBeUndefined();
  });

  it('the mobile list page itself reads nothing (its orders come from order_list_m)', () => {
    const r = jd.parseDocument(htmlDocument('<html><body><div id="app"></div></body></html>'), M_LIST);
    expect(r.orders).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it('deal_wuliu_jdm.shtml: the parcel of the order in dealId, with its track; no receiver', () => {
    const r = page('logistics-mobile.html', WULIU);
    expectClean(r);
    expect(r.source).toBe('logistics');
    expect(r.parcels).toHaveLength(1);
    expect(r.parcels[0]).toMatchObject({ trackingNo: '78912345678901', carrierName: '中通快递', orderIds: ['290145678902'] });
    expect(r.parcels[0].events?.map((e) => e.time)).toEqual([cn('2024-11-25 07:45:00'), cn('2024-11-25 02:10:00'), cn('2024-11-24 18:20:00')]);
    expect(r.orders).toEqual([{ orderId: '290145678902', status: 'shipped' }]);
  });
});

describe('JD lazy track answer (PC list tooltip)', () => {
  it('one parcel per track group with a waybill: JD own and the third-party carrier named by the group', () => {
    const r = payload('track-multi-package.jsonp', TRACK, LIST);
    expectClean(r);
    expect(r!.parcels.map((p) => [p.trackingNo, p.carrierName, p.orderIds, p.events?.length])).toEqual([
      ['JDVA11122233344', '京东快递', ['290145678906'], 3],
      ['78912345678901', '中通快递', ['290145678906'], 2],
    ]);
    expect(r!.orders).toEqual([{ orderId: '290145678906', status: 'shipped' }]);
  });

  it('answers that are not JD order data are not read', () => {
    expect(jd.parsePayload('{"a":1}', new URL('https://api.m.jd.com/client.action?functionId=getCartList'), M_LIST)).toBeNull();
    expect(jd.parsePayload('not json', M_API, M_LIST)).toBeNull();
  });
});

describe('JD promised delivery service (issue #16)', () => {
  it('the detail page: "配送方式：京准达" is the order\'s door service, in the page\'s words', () => {
    const r = page('detail-multi-package.html', DETAIL);
    expectClean(r);
    expect(r.orders[0].service).toEqual({ text: '京准达', door: true });
  });

  it('order_list_m: a 211限时达 tag; orders without a service tag have none', () => {
    const r = payload('order-list-m.jsonp', M_API);
    expectClean(r);
    const byId = new Map(r!.orders.map((o) => [o.orderId, o.service]));
    expect(byId.get('290145678901')).toEqual({ text: '211限时达', door: true });
    expect(byId.get('290145678902')).toBeUndefined();
    expect(byId.get('290145678904')).toBeUndefined();
  });

  it('never takes an item title, shop or receiver text for a service; a label in its own element is read', () => {
    const body = (order: object) => `jsonpCBKA(${JSON.stringify({ code: '0', body: { orderList: [{ orderId: '290145678999', orderStatusInfo: { orderStatusName: '待收货' }, ...order }] } })})`;
    const read = (order: object) => jd.parsePayload(body(order), M_API, M_LIST)!.orders[0].service;
    expect(read({ wareInfoList: [{ wareName: '海尔冰箱 送货上门安装', skuId: '1' }], shopInfo: { shopName: '送货上门专营店' } })).toBeUndefined();
    expect(read({ consigneeInfo: { address: '京准达路 1 号' }, tagList: ['7天无理由'] })).toBeUndefined();
    expect(read({ tagList: [{ text: '次日达' }] })).toEqual({ text: '次日达', door: false });
    expect(read({ deliveryTags: ['次日达', '京准达'] })).toEqual({ text: '京准达', door: true }); // the door promise wins
    const html = (inner: string) => `<!doctype html><html><body><div class="state-top"><div class="state-txt">等待收货</div><span>订单号：290145678906</span></div>${inner}</body></html>`;
    const detail = (inner: string) => jd.parseDocument(htmlDocument(html(inner)), DETAIL).orders[0].service;
    expect(detail('<dl><dt>配送方式：</dt><dd>211限时达</dd></dl>')).toEqual({ text: '211限时达', door: true });
    expect(detail('<p>配送方式：京东快递</p><div class="p-name">空调 京准达 送货上门</div>')).toBeUndefined();
  });
});
