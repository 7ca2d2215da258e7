// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { KUAISHOU_FACTS } from '../../../../src/platforms/kuaishou/facts';
import { createKuaishouAdapter, kuaishou } from '../../../../src/platforms/kuaishou/index';
import { isKuaishouInterestingResponse, kuaishouPageKind } from '../../../../src/platforms/kuaishou/urls';
import { expectValidObservations, htmlDocument, readFixture } from '../shared/fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0);
const adapter = createKuaishouAdapter({ now: () => NOW });
const LIST_PAGE = new URL('https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list');
const LIST_API = (pcursor: string) => new URL(`https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list?pcursor=${pcursor}`);
const DETAIL_PAGE = (oid: string) => `https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=${oid}`;

const payload = (name: string, responseUrl: URL, pageUrl = LIST_PAGE) => {
  const r = adapter.parsePayload(readFixture('kuaishou', name), responseUrl, pageUrl);
  if (!r) throw new Error(`${name}: not recognized as an order payload`);
  expectValidObservations(r);
  return r;
};
const documentOf = (name: string, url: string) => {
  const r = adapter.parseDocument(htmlDocument(readFixture('kuaishou', name)), new URL(url));
  expectValidObservations(r);
  return r;
};

describe('kuaishou fixtures', () => {
  it('order-list-page1.json: shipped, split, unshipped, unpaid, cancelled, merged, dropped number', () => {
    const r = payload('order-list-page1.json', LIST_API(''));
    expect(r.source).toBe('list');
    expect(r.orders).toEqual([
      {
        orderId: '2411221234567890',
        shopName: '小满零食铺',
        shopId: '1200456789',
        items: [
          {
            title: '每日坚果 30袋装',
            itemId: '22334455667',
            sku: '原味 750g',
            quantity: 1,
            price: 3990, // "39.90" 元
            imageUrl: 'https://p2.kwaixiaodian.com/ufile/adsocial/nuts_30.jpg',
          },
        ],
        amount: 3990,
        createdAt: 1732241100000,
        paidAt: 1732241160000,
        statusText: '待收货',
        status: 'shipped',
        promise: { kind: 'deliver_by', text: '预计11月24日送达', at: 1732463999999 },
      },
      {
        orderId: '2411221234567891', // a JSON number
        shopName: '优品家居馆',
        items: [
          { title: '硅胶锅铲', quantity: 1, price: 1990, imageUrl: 'https://ali2.a.kwimgs.com/kos/spatula.jpg' },
          { title: '不粘锅 28cm', quantity: 1, price: 3980, imageUrl: 'https://tx2.a.yximgs.com/kos/pan.jpg' },
        ],
        amount: 5970,
        createdAt: 1732108447000,
        statusText: '已发货',
        status: 'shipped',
      },
      {
        orderId: '2411221234567892',
        shopName: '暖阳服饰',
        items: [{ title: '加绒卫衣 L码', quantity: 1 }], // image off the CDN dropped
        amount: 12900,
        createdAt: 1732497600000, // seconds in the payload
        paidAt: 1732497600000,
        statusText: '待发货',
        status: 'unshipped',
        promise: { kind: 'ship_by', text: '承诺48小时内发货', at: 1732497600000 + 48 * 3_600_000 },
      },
      {
        orderId: '2411221234567893',
        shopName: '暖阳服饰',
        items: [{ title: '棉袜 5双装', quantity: 1 }],
        amount: 2580,
        createdAt: 1732497600000,
        statusText: '待付款',
        status: 'unpaid',
      },
      {
        orderId: '2411221234567894',
        shopName: '小满零食铺',
        items: [{ title: '<img src=x onerror=alert(1)>手机支架', quantity: 1 }],
        createdAt: 1731725945000,
        statusText: '交易关闭',
        status: 'cancelled',
      },
      {
        orderId: '2411221234567895',
        shopName: '果小鲜',
        items: [{ title: '赣南脐橙 5斤', quantity: 1, price: 2990 }],
        createdAt: 1731725945000,
        statusText: '待收货',
        status: 'shipped',
      },
      {
        orderId: '2411221234567896',
        shopName: '果小鲜',
        items: [{ title: '砂糖橘 3斤', quantity: 1, price: 1990 }],
        createdAt: 1731725990000,
        statusText: '待收货',
        status: 'shipped',
      },
      { orderId: '2411221234567897', shopName: '潮玩小铺', items: [{ title: '盲盒 单只', quantity: 1 }], statusText: '已发货', status: 'shipped' },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: 'YT7598765432101',
        orderIds: ['2411221234567890'],
        carrierName: '圆通速递',
        direction: 'outbound',
        statusText: '派送中',
        events: [
          { time: 1732330800000, text: '【上海市浦东新区公司】派件中，快递员：王师傅', location: '上海市浦东新区' },
          { time: 1732280000000, text: '【金华转运中心】已发出' },
        ],
      },
      // split shipment (the ZTO number is a JSON number)
      { trackingNo: '73523456789012', orderIds: ['2411221234567891'], carrierName: '中通快递', direction: 'outbound' },
      { trackingNo: '773123456789012', orderIds: ['2411221234567891'], carrierName: '申通快递', direction: 'outbound' },
      // merged shipment
      { trackingNo: 'JT5269876543210', orderIds: ['2411221234567895', '2411221234567896'], carrierName: '极兔速递', direction: 'outbound' },
    ]);
    expect(r.diagnostics).toEqual([
      {
        kind: 'partial',
        message: '1 tracking number(s) dropped: 0 malformed, 1 matched no carrier rule and had no known carrier name beside them',
      },
    ]);
  });

  it('order-list-page2.json: renamed camelCase keys, seconds, JSON nested in a string, id-only order skipped', () => {
    const r = payload('order-list-page2.json', LIST_API('20'));
    expect(r.orders).toEqual([
      {
        orderId: '2411171234567801',
        shopName: '顺心数码',
        items: [{ title: '蓝牙耳机', quantity: 1, price: 19900, imageUrl: 'https://p1.kwaixiaodian.com/kos/earbuds.png' }],
        amount: 19900,
        createdAt: 1731805920000,
        statusText: '交易成功',
        status: 'completed',
      },
      {
        orderId: '2411171234567802',
        shopName: '顺心数码',
        items: [{ title: '充电宝 10000mAh', quantity: 1 }],
        createdAt: 1731805920000,
        statusText: '退款中',
        status: 'refunding',
      },
      {
        orderId: '2411171234567804',
        shopName: '鲜到家',
        items: [{ title: '鸡蛋 30枚', quantity: 1 }],
        createdAt: 1732241100000,
        statusText: '待发货',
        status: 'unshipped',
        promise: { kind: 'deliver_by', text: '次日达', at: 1732377599999 },
        service: { text: '次日达', door: false },
      },
      {
        orderId: '2411171234567805',
        shopName: '鲜到家',
        items: [{ title: '大米 5kg', quantity: 1 }],
        createdAt: 1732241100000,
        statusText: '已发货',
        status: 'shipped',
      },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: 'SF2233445566778',
        orderIds: ['2411171234567801'],
        carrierName: '顺丰速运',
        direction: 'outbound',
        events: [{ time: 1731980000000, text: '已签收，签收人凭取货码签收' }],
        deliveredAt: 1731980000000,
      },
      // from "extInfo": "{\"logisticsInfo\":{…}}"
      { trackingNo: '73577788899900', orderIds: ['2411171234567805'], carrierName: '中通快递', direction: 'outbound' },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('refund-list.json: return parcel to the original order; refund states', () => {
    const r = payload('refund-list.json', new URL('https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list'));
    expect(r.source).toBe('after_sale');
    expect(r.orders).toEqual([
      { orderId: '2411221234567890', items: [{ title: '每日坚果 30袋装' }], statusText: '待商家收货', status: 'refunding', afterSale: { kind: 'return', state: 'in_transit_back', stateText: '待商家收货' } },
      { orderId: '2411171234567802', statusText: '退款成功', status: 'refunded', afterSale: { state: 'refunded', stateText: '退款成功' } },
    ]);
    expect(r.parcels).toEqual([
      { trackingNo: '73534567890123', orderIds: ['2411221234567890'], carrierName: '中通快递', direction: 'return' },
    ]);
  });

  it('logistics-detail.json: order id from the URL, station and pickup code', () => {
    const r = payload(
      'logistics-detail.json',
      new URL('https://app.kwaixiaodian.com/rest/app/grocery/logistics/detail?oid=2411221234567891'),
      new URL('https://app.kwaixiaodian.com/page/kwaishop-buyer-logistics-detail?oid=2411221234567891'),
    );
    expect(r.source).toBe('logistics');
    expect(r.orders).toEqual([]);
    expect(r.parcels).toEqual([
      {
        trackingNo: '73523456789012',
        orderIds: ['2411221234567891'],
        carrierName: '中通快递',
        direction: 'outbound',
        statusText: '待取件',
        events: [
          { time: 1732600000000, text: '您的快件已存放至【兔喜生活(阳光小区店)】，请及时取件', location: '上海市' },
          { time: 1732500000000, text: '【上海转运中心】已发出' },
        ],
        pickupCode: 'A12-3045',
        station: '兔喜生活(阳光小区店)',
      },
    ]);
  });

  it('order-detail-initial-state.html: window.__INITIAL_STATE__ with a JS undefined', () => {
    const r = documentOf('order-detail-initial-state.html', DETAIL_PAGE('2411221234567899'));
    expect(r.source).toBe('detail');
    expect(r.orders).toEqual([
      {
        orderId: '2411221234567899',
        shopName: '简约文具',
        items: [{ title: '中性笔 12支装', quantity: 1, price: 1280, imageUrl: 'https://p4.kwaixiaodian.com/kos/pens.jpg' }],
        amount: 1280,
        createdAt: 1732241100000,
        statusText: '已发货',
        status: 'shipped',
      },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: 'YT7512340000001',
        orderIds: ['2411221234567899'],
        carrierName: '圆通速递',
        direction: 'outbound',
        events: [{ time: 1732330800000, text: '【杭州转运中心】已发出' }],
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('order-detail-apollo.html: __APOLLO_STATE__ and a JSON script block', () => {
    const r = documentOf('order-detail-apollo.html', DETAIL_PAGE('2411221234567888'));
    expect(r.orders).toEqual([
      {
        orderId: '2411221234567888',
        shopName: '清风茶舍',
        items: [{ title: '白茶饼 357g', quantity: 1 }],
        amount: 6600,
        createdAt: 1732241100000,
        statusText: '待收货',
        status: 'shipped',
      },
      { orderId: '2411221234567887', statusText: '运输中', status: 'shipped' },
    ]);
    expect(r.parcels).toEqual([
      { trackingNo: '312345670000001', orderIds: ['2411221234567888'], carrierName: '韵达快递', direction: 'outbound' },
      { trackingNo: 'JDX098765432101', orderIds: ['2411221234567887'], carrierName: '京东快递', direction: 'outbound' },
    ]);
  });

  it('order-detail-dom.html: pairs in one element, td.label + td, 取件码 label, return number', () => {
    const r = documentOf('order-detail-dom.html', DETAIL_PAGE('2411221234567777'));
    expect(r.orders).toEqual([{ orderId: '2411221234567777', statusText: '退款中', status: 'refunding' }]);
    expect(r.parcels).toEqual([
      { trackingNo: '773111222333444', orderIds: ['2411221234567777'], carrierName: '申通快递', direction: 'outbound', pickupCode: '12-3-4567' },
      { trackingNo: '73544455566677', orderIds: ['2411221234567777'], carrierName: '中通快递', direction: 'return' },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('unrecognized.json: diagnostic with key paths only', () => {
    const r = payload('unrecognized.json', LIST_API(''));
    expect(r.diagnostics).toEqual([
      {
        kind: 'unrecognized',
        message: 'Order-like payload with no readable orders or parcels',
        shape: ['result', 'data.orderList[].f1', 'data.orderList[].f2[].f3', 'data.pcursor'],
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('YT7598765432101');
  });

  it('signed-out.json: signed_out diagnostic', () => {
    expect(payload('signed-out.json', LIST_API('')).diagnostics).toEqual([
      { kind: 'signed_out', message: 'The platform answered that the shopper is signed out' },
    ]);
  });
});

describe('kuaishou adapter', () => {
  it('exposes the contract with the shared match patterns', () => {
    expect(kuaishou.id).toBe('kuaishou');
    expect(kuaishou.facts).toBe(KUAISHOU_FACTS);
    expect(kuaishou.facts.name).toEqual({ zh: '快手', en: 'Kuaishou' });
    expect(kuaishou.facts.matches.every((m) => m.startsWith('https://*.'))).toBe(true);
    expect(kuaishou.pageKind(new URL(kuaishou.facts.orderListUrl))).toBe('order_list');
  });

  it.each([
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list', 'order_list'],
    ['https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=1', 'order_detail'],
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-order-detail?oid=1', 'order_detail'],
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-logistics-detail?oid=1', 'logistics'],
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-refund-list', 'after_sale'],
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-aftersale-detail', 'after_sale'],
    ['https://www.kuaishou.com/order/list', 'order_list'],
    ['https://app.kwaixiaodian.com/page/kwaishop-buyer-goods-detail-outside?id=1', null],
    ['https://app.kwaixiaodian.com/page/kwaishop-c-shop-detail?sellerId=1', null],
    ['https://s.kwaixiaodian.com/zone/order/list', null],
    ['https://www.kuaishou.com/short-video/3x', null],
  ])('pageKind(%s) = %s (guessed rules)', (url, kind) => {
    expect(kuaishouPageKind(new URL(url))).toBe(kind);
  });

  it.each([
    ['https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list?pcursor=', true],
    ['https://app.kwaixiaodian.com/rest/app/grocery/logistics/detail?oid=1&__NS_sig3=x', true],
    ['https://app.kwaixiaodian.com/rest/app/grocery/refund/list', true],
    ['https://app.kwaixiaodian.com/rest/app/grocery/product/self/detail?itemId=1', false],
    ['https://s.kwaixiaodian.com/rest/app/tts/user/log/common?order=1', false],
    ['https://log-sdk.ksapisrv.com/rest/track/order', false],
    ['https://static.yximgs.com/udata/pkg/order-list.css', false],
    ['', false],
  ])('isInterestingResponse(%s) = %s', (url, want) => {
    expect(isKuaishouInterestingResponse(url)).toBe(want);
  });

  it('returns null for bodies that are not order payloads', () => {
    expect(adapter.parsePayload('{"result":1,"data":{"itemId":1,"title":"x"}}', LIST_API(''), LIST_PAGE)).toBeNull();
    expect(adapter.parsePayload('jsonp_cb_1({"result":1})', LIST_API(''), LIST_PAGE)).toBeNull();
  });

  it('reads JSONP answers', () => {
    const body = `jsonp_cb_1(${readFixture('kuaishou', 'refund-list.json')});`;
    expect(adapter.parsePayload(body, LIST_API(''), LIST_PAGE)?.parcels.map((p) => p.trackingNo)).toEqual(['73534567890123']);
  });
});
