// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DOUYIN_FACTS } from '../../../../src/platforms/douyin/facts';
import { createDouyinAdapter, douyin } from '../../../../src/platforms/douyin/index';
import { douyinPageKind, isDouyinInterestingResponse } from '../../../../src/platforms/douyin/urls';
import { expectValidObservations, htmlDocument, readFixture } from '../shared/fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0);
const adapter = createDouyinAdapter({ now: () => NOW });
const LIST_PAGE = new URL('https://haohuo.jinritemai.com/views/order/list');
const NEW_LIST = (page: number) =>
  new URL(`https://haohuo.jinritemai.com/aweme/v1/commerce/order/newList/?page=${page}&page_size=10&page_anchor=`);

const payload = (name: string, responseUrl: URL, pageUrl = LIST_PAGE) => {
  const r = adapter.parsePayload(readFixture('douyin', name), responseUrl, pageUrl);
  if (!r) throw new Error(`${name}: not recognized as an order payload`);
  expectValidObservations(r);
  return r;
};
const documentOf = (name: string, url: string) => {
  const r = adapter.parseDocument(htmlDocument(readFixture('douyin', name)), new URL(url));
  expectValidObservations(r);
  return r;
};

const DROPPED_ONE = {
  kind: 'partial',
  message: '1 tracking number(s) dropped: 0 malformed, 1 matched no carrier rule and had no known carrier name beside them',
};

describe('douyin fixtures', () => {
  it('order-list-page1.json: shipped, split, unshipped, unpaid, merged, dropped number, HTML title', () => {
    const r = payload('order-list-page1.json', NEW_LIST(1));
    expect(r.source).toBe('list');
    expect(r.orders).toEqual([
      {
        orderId: '6928104417280213501',
        shopName: '山野茶铺旗舰店',
        shopId: '71234567',
        items: [
          {
            title: '明前龙井 250g 礼盒装',
            itemId: '3701234567890123456',
            sku: '规格:250g',
            quantity: 1,
            price: 2990,
            imageUrl: 'https://p3-ecom.ecombdimg.com/img/ecom-shop-material/tea_250g~tplv-resize:300:300.jpeg',
          },
        ],
        amount: 2990,
        createdAt: 1732241100000,
        paidAt: 1732241160000,
        statusText: '待收货',
        status: 'shipped',
        // end of 2024-11-24 in China time
        promise: { kind: 'deliver_by', text: '预计11月24日送达', at: 1732463999999 },
      },
      {
        // 19-digit id written as a bare JSON number: kept exact
        orderId: '6928104417280213502',
        shopName: '极客数码专营店',
        items: [
          { title: 'Type-C 数据线 1m', quantity: 2, price: 2590, imageUrl: 'https://p26-ecom.douyinpic.com/obj/cable_1m.webp' },
          // image on a non-CDN host dropped
          { title: '20W 快充头', quantity: 1, price: 10260 },
        ],
        amount: 12850,
        createdAt: 1732108447000,
        statusText: '部分发货',
        status: 'shipped',
      },
      {
        orderId: '6928104417280213503',
        shopName: '暖暖母婴店',
        items: [
          {
            title: "<script>alert('x')</script>儿童保温杯 <b>500ml</b>",
            quantity: 1,
            price: 4900,
            imageUrl: 'https://p3-ecom.ecombdimg.com/img/cup.png',
          },
        ],
        amount: 4900,
        createdAt: 1732497600000,
        paidAt: 1732497600000,
        statusText: '待发货',
        status: 'unshipped',
        promise: { kind: 'ship_by', text: '承诺48小时内发货', at: 1732497600000 + 48 * 3_600_000 },
      },
      {
        orderId: '6928104417280213504',
        shopName: '山野茶铺旗舰店',
        items: [{ title: '桂花乌龙 100g', quantity: 1 }],
        amount: 5900,
        createdAt: 1732497600000,
        statusText: '待付款',
        status: 'unpaid',
      },
      {
        orderId: '6928104417280213505',
        shopName: '鲜果园',
        items: [{ title: '丹东草莓 500g', quantity: 1, price: 3580 }],
        amount: 3580,
        createdAt: 1731725945000,
        statusText: '待收货',
        status: 'shipped',
      },
      {
        orderId: '6928104417280213506',
        shopName: '鲜果园',
        items: [{ title: '蓝莓 125g×4盒', quantity: 1, price: 2680 }],
        amount: 2680,
        createdAt: 1731725990000,
        statusText: '待收货',
        status: 'shipped',
      },
      {
        orderId: '6928104417280213507',
        shopName: '小众香薰',
        items: [{ title: '无火香薰 200ml', quantity: 1 }],
        amount: 6900,
        createdAt: 1731725945000,
        statusText: '已发货',
        status: 'shipped',
      },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: '73512345678901',
        orderIds: ['6928104417280213501'],
        carrierName: '中通快递',
        direction: 'outbound',
        statusText: '运输中',
        events: [
          { time: 1732330800000, text: '【杭州转运中心】已发出，下一站【上海转运中心】', location: '杭州市' },
          { time: 1732277600000, text: '【杭州西湖区】已揽收', location: '杭州市' },
        ],
        shippedAt: 1732277600000,
      },
      // split shipment: two parcels for one order
      { trackingNo: 'YT7512345678901', orderIds: ['6928104417280213502'], carrierName: '圆通速递', direction: 'outbound', shippedAt: 1732150000000 },
      { trackingNo: 'JT5261234567890', orderIds: ['6928104417280213502'], carrierName: '极兔速递', direction: 'outbound' },
      // merged shipment: one parcel for two orders, events united
      {
        trackingNo: 'SF1234567890123',
        orderIds: ['6928104417280213505', '6928104417280213506'],
        carrierName: '顺丰速运',
        direction: 'outbound',
        events: [
          { time: 1731805920000, text: '快件已到达【北京顺义集散中心】' },
          { time: 1731760000000, text: '顺丰速运 已收取快件' },
        ],
      },
    ]);
    // XY1234567890 (no rule, no carrier name) is dropped and counted, never shown
    expect(r.diagnostics).toEqual([DROPPED_ONE]);
    expect(JSON.stringify(r)).not.toContain('XY1234567890');
  });

  it('order-list-page2.json: renamed keys, ms and date-string times, digit-string amounts, terminal states', () => {
    const r = payload('order-list-page2.json', NEW_LIST(2));
    expect(r.orders).toEqual([
      {
        orderId: '6928104417280213510',
        shopName: '京选家电',
        shopId: '80012345',
        items: [{ title: '电热水壶 1.5L', quantity: 1, price: 4590, imageUrl: 'https://p3-ecom.byteimg.com/tos-cn/kettle.jpg' }],
        amount: 4590,
        createdAt: 1731805920000,
        paidAt: 1731805950000,
        statusText: '已完成',
        status: 'completed',
      },
      {
        orderId: '6928104417280213511',
        items: [{ title: '加厚垃圾袋 100只', quantity: 3 }],
        createdAt: 1731812345000,
        statusText: '已取消',
        status: 'cancelled',
      },
      {
        orderId: '6928104417280213512',
        items: [{ title: '手机壳 iPhone 15', quantity: 1, price: 1990 }],
        amount: 1990,
        createdAt: 1731812345000,
        statusText: '退款成功',
        status: 'refunded',
      },
      {
        orderId: '6928104417280213513',
        items: [{ title: '抽纸 3层 24包', quantity: 1 }],
        amount: 1500,
        createdAt: 1732330800000,
        statusText: '待取件',
        status: 'shipped',
      },
      // 6928104417280213514 has only an id: not an observation
      {
        orderId: '6928104417280213515',
        items: [{ title: '鲜牛奶 950ml', quantity: 2 }],
        createdAt: 1732241100000,
        statusText: '待发货',
        status: 'unshipped',
        // end of the day after the order (China time)
        promise: { kind: 'deliver_by', text: '次日达', at: 1732377599999 },
        service: { text: '次日达', door: false },
      },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: 'JDX012345678901',
        orderIds: ['6928104417280213510'],
        carrierName: '京东快递',
        direction: 'outbound',
        events: [
          { time: 1731913331000, text: '您的快件已签收，签收人：本人' },
          { time: 1731847200000, text: '您的快件已由【北京通州营业部】揽收' },
        ],
        deliveredAt: 1731913331000,
      },
      {
        // logistics_code "zhongtong" is a carrier code, not the number; 菜鸟驿站 is a station, not a carrier
        trackingNo: '73598765432109',
        orderIds: ['6928104417280213513'],
        direction: 'outbound',
        pickupCode: '3-2-1024',
        station: '菜鸟驿站(阳光小区店)',
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('pages 1 and 2 together: distinct orders, no parcel twice', () => {
    const a = payload('order-list-page1.json', NEW_LIST(1));
    const b = payload('order-list-page2.json', NEW_LIST(2));
    const ids = [...a.orders, ...b.orders].map((o) => o.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    const nos = [...a.parcels, ...b.parcels].map((p) => p.trackingNo);
    expect(new Set(nos).size).toBe(nos.length);
  });

  it('aftersale-list.json: return parcel linked to the original order; refund states', () => {
    const r = payload('aftersale-list.json', new URL('https://haohuo.jinritemai.com/ecom/aftersale/list?page=1'));
    expect(r.source).toBe('after_sale');
    expect(r.orders).toEqual([
      { orderId: '6928104417280213501', items: [{ title: '明前龙井 250g 礼盒装' }], statusText: '待商家收货', status: 'refunding', afterSale: { kind: 'return', state: 'in_transit_back', stateText: '待商家收货' } },
      { orderId: '6928104417280213512', statusText: '退款成功', status: 'refunded', afterSale: { state: 'refunded', stateText: '退款成功' } },
      // 退款关闭: the refund was closed, the order keeps its own status
      { orderId: '6928104417280213510', statusText: '退款关闭', afterSale: { state: 'closed', stateText: '退款关闭' } },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: '73587654321098',
        orderIds: ['6928104417280213501'],
        carrierName: '中通快递',
        direction: 'return',
        events: [{ time: 1732600000000, text: '【上海浦东新区】已揽收' }],
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('order-detail-render-data.html: URL-encoded RENDER_DATA, 取件码 from the latest trace', () => {
    const r = documentOf('order-detail-render-data.html', 'https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213520');
    expect(r.source).toBe('detail');
    expect(r.orders).toEqual([
      {
        orderId: '6928104417280213520',
        shopName: '云朵家居',
        shopId: '70001234',
        items: [{ title: '记忆棉枕头', quantity: 2, price: 4400, imageUrl: 'https://p6-ecom.pstatp.com/obj/pillow.jpg' }],
        amount: 8800,
        createdAt: 1732241100000,
        paidAt: 1732241100000,
        statusText: '待取件',
        status: 'shipped',
      },
    ]);
    expect(r.parcels).toEqual([
      {
        trackingNo: '312345678901234',
        orderIds: ['6928104417280213520'],
        carrierName: '韵达快递',
        direction: 'outbound',
        statusText: '待取件',
        events: [
          { time: 1732600000000, text: '您的快件已到达【菜鸟驿站(阳光小区店)】，请凭取件码 5-3-2087 及时领取', location: '阳光小区店' },
          { time: 1732560000000, text: '快件正在派送中' },
          { time: 1732400000000, text: '韵达快递 已揽收' },
        ],
        pickupCode: '5-3-2087',
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('order-detail-dom.html: labelled DOM pairs (dl, table, one line), script text ignored', () => {
    const r = documentOf('order-detail-dom.html', 'https://www.douyin.com/order/detail?order_id=6928104417280213530');
    expect(r.source).toBe('detail');
    expect(r.orders).toEqual([
      { orderId: '6928104417280213530', createdAt: 1732149000000, amount: 8800, statusText: '待收货', status: 'shipped' },
    ]);
    expect(r.parcels).toEqual([
      { trackingNo: '73511122233344', orderIds: ['6928104417280213530'], carrierName: '中通快递', direction: 'outbound', pickupCode: '8-1-3021' },
      { trackingNo: 'SF1122334455667', orderIds: ['6928104417280213530'], carrierName: '顺丰速运', direction: 'outbound' },
      { trackingNo: 'JT5261122334455', orderIds: ['6928104417280213530'], carrierName: '极兔速递', direction: 'outbound' },
    ]);
    expect(r.diagnostics).toEqual([DROPPED_ONE]);
    expect(JSON.stringify(r)).not.toContain('SF9999999999999');
  });

  it('unrecognized.json: diagnostic with key paths only', () => {
    const r = payload('unrecognized.json', new URL('https://haohuo.jinritemai.com/ecom/order/list'));
    expect(r.orders).toEqual([]);
    expect(r.parcels).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        kind: 'unrecognized',
        message: 'Order-like payload with no readable orders or parcels',
        shape: ['status_code', 'data.order_list[].k1', 'data.order_list[].k2.k3', 'data.order_list[].k2.k4', 'data.has_more'],
      },
    ]);
    const text = JSON.stringify(r.diagnostics);
    for (const value of ['6928104417280213599', '73512345678901', '2990']) expect(text).not.toContain(value);
  });

  it('signed-out.json: signed_out diagnostic', () => {
    const r = payload('signed-out.json', NEW_LIST(1));
    expect(r.diagnostics).toEqual([{ kind: 'signed_out', message: 'The platform answered that the shopper is signed out' }]);
    expect(r.orders).toEqual([]);
  });
});

describe('douyin adapter', () => {
  it('exposes the contract with the shared match patterns', () => {
    expect(douyin.id).toBe('douyin');
    expect(douyin.facts).toBe(DOUYIN_FACTS);
    expect(douyin.facts.name).toEqual({ zh: '抖音', en: 'Douyin' });
    expect(douyin.facts.matches.every((m) => m.startsWith('https://*.'))).toBe(true);
    expect(douyin.pageKind(new URL(douyin.facts.orderListUrl))).toBe('order_list');
  });

  it.each([
    ['https://haohuo.jinritemai.com/views/order/list', 'order_list'],
    ['https://haohuo.jinritemai.com/ecommerce/trade/order/list/index.html?tab=all', 'order_list'],
    ['https://www.douyin.com/order', 'order_list'],
    ['https://haohuo.jinritemai.com/views/order/detail?order_id=1', 'order_detail'],
    ['https://www.douyin.com/user/self#/order-detail?id=1', 'order_detail'],
    ['https://haohuo.jinritemai.com/views/logistics/detail?order_id=1', 'logistics'],
    ['https://haohuo.jinritemai.com/views/aftersale/list', 'after_sale'],
    ['https://haohuo.jinritemai.com/views/order/refund/detail', 'after_sale'],
    ['https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3701234567890123456', null],
    ['https://www.douyin.com/video/7301234567890123456', null],
    ['https://fxg.jinritemai.com/ffa/morder/order/list', null],
    ['https://www.taobao.com/order/list', null],
  ])('pageKind(%s) = %s (guessed rules)', (url, kind) => {
    expect(douyinPageKind(new URL(url))).toBe(kind);
  });

  it.each([
    ['https://aweme.snssdk.com/aweme/v1/commerce/order/newList/?page=1', true],
    ['https://haohuo.jinritemai.com/ecom/logistics/trace?order_id=1', true],
    ['https://haohuo.jinritemai.com/api/after_sale/list', true],
    ['https://www.douyin.com/aweme/v1/web/refund/detail', true],
    ['https://haohuo.jinritemai.com/ecom/wuliu/query', true],
    ['https://lf3-cdn-tos.bytescm.com/obj/static/order/list.js', false],
    ['https://p3-ecom.ecombdimg.com/img/order.png', false],
    ['https://mcs.zijieapi.com/list?track=1', false],
    ['https://www.douyin.com/aweme/v1/web/aweme/detail/', false],
    ['not a url', false],
  ])('isInterestingResponse(%s) = %s', (url, want) => {
    expect(isDouyinInterestingResponse(url)).toBe(want);
    expect(douyin.isInterestingResponse(url)).toBe(want);
  });

  it('returns null for bodies that are not order payloads', () => {
    expect(adapter.parsePayload('<html>登录</html>', NEW_LIST(1), LIST_PAGE)).toBeNull();
    expect(adapter.parsePayload('{"status_code":0,"data":{"user":{"nickname":"x"}}}', NEW_LIST(1), LIST_PAGE)).toBeNull();
  });

  it('an empty order list is a result, not a diagnostic', () => {
    expect(adapter.parsePayload('{"status_code":0,"data":{"orders":[],"has_more":false}}', NEW_LIST(1), LIST_PAGE)).toEqual({
      source: 'list',
      orders: [],
      parcels: [],
      diagnostics: [],
    });
  });

  it('links a logistics answer without an order id to the order in the URL', () => {
    const body = JSON.stringify({ data: { company_name: '圆通速递', tracking_no: 'YT7512345678901' } });
    const r = adapter.parsePayload(
      body,
      new URL('https://haohuo.jinritemai.com/ecom/logistics/detail?order_id=6928104417280213502'),
      new URL('https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213502'),
    );
    expect(r?.source).toBe('logistics');
    expect(r?.parcels).toEqual([
      { trackingNo: 'YT7512345678901', orderIds: ['6928104417280213502'], carrierName: '圆通速递', direction: 'outbound' },
    ]);
  });

  it('reads nothing on pages that are not order pages', () => {
    const doc = htmlDocument('<body><p>运单号：73511122233344</p><p>快递公司：中通快递</p></body>');
    expect(adapter.parseDocument(doc, new URL('https://www.douyin.com/video/1'))).toEqual({
      source: 'list',
      orders: [],
      parcels: [],
      diagnostics: [],
    });
  });

  it('never throws on hostile input', () => {
    expect(() => adapter.parsePayload('{"orders":[{"order_id":', NEW_LIST(1), LIST_PAGE)).not.toThrow();
    const doc = htmlDocument('<script id="RENDER_DATA" type="application/json">%E0%A4%A</script>');
    expect(adapter.parseDocument(doc, new URL('https://haohuo.jinritemai.com/views/order/detail'))).toMatchObject({ orders: [], parcels: [] });
  });
});
