// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
// The shared parsing toolkit (src/platforms/shared/): scan, value readers, promise text, embedded JSON, the
// generic adapter's pieces; and the one order-status word table (core/status.ts) the platforms share.
import { readOrderStatus as mapOrderStatus } from '../../../../src/core/status';
import { readEmbeddedJson } from '../../../../src/platforms/shared/embedded-json';
import { detectBlockedPayload, observationsFromPairs } from '../../../../src/platforms/shared/generic-adapter';
import { parseJsonPreservingIds, quoteLongIntegers } from '../../../../src/platforms/shared/json-text';
import { parsePromiseText } from '../../../../src/platforms/shared/promise-text';
import { extractOrdersFromJson } from '../../../../src/platforms/shared/scan';
import { fenAmount as parseMoneyValue, parseTimeValue, yuanToFen } from '../../../../src/platforms/shared/values';
import { expectValidObservations, htmlDocument } from './fixture-helpers';

const dy = (value: unknown, extra: { now?: number; contextOrderId?: string } = {}) => {
  const r = extractOrdersFromJson(value, { platform: 'douyin', ...extra });
  expectValidObservations(r);
  return r;
};

// 2024-11-22 10:05:00 China time
const T_S = 1732241100;
const T_MS = T_S * 1000;

describe('key variants (snake_case and camelCase)', () => {
  it.each(['order_id', 'orderId', 'shop_order_id', 'shopOrderId', 'oid', 'order_sn', 'orderSn', 'order_no', 'orderNo', 'p_order_id', 'parent_order_id', 'main_order_id', 'ORDER_ID'])(
    'order id key %s',
    (key) => {
      const r = dy({ list: [{ [key]: '4900123456', status_desc: '待发货' }] });
      expect(r.orders).toEqual([{ orderId: '4900123456', statusText: '待发货', status: 'unshipped' }]);
    },
  );

  it.each([
    'tracking_no', 'trackingNo', 'tracking_number', 'trackingNumber', 'express_no', 'expressNo', 'mail_no', 'mailNo',
    'waybill_no', 'waybillNo', 'logistics_no', 'logisticsNo', 'track_no', 'deliver_no', 'logistics_code',
  ])('tracking key %s', (key) => {
    const r = dy({ order_id: '4900123456', logistics: { [key]: 'YT7512345678901' } });
    expect(r.parcels).toEqual([{ trackingNo: 'YT7512345678901', orderIds: ['4900123456'], direction: 'outbound' }]);
  });

  it.each([
    'company_name', 'companyName', 'express_company_name', 'expressCompanyName', 'logistics_company', 'logisticsCompany',
    'logistics_company_name', 'express_name', 'expressName', 'shipping_name', 'delivery_company',
  ])('carrier key %s', (key) => {
    const r = dy({ express_info: { [key]: '中通快递', express_no: '73512345678901' } });
    expect(r.parcels[0].carrierName).toBe('中通快递');
  });

  it.each(['product_name', 'productName', 'goods_name', 'goodsName', 'item_title', 'itemTitle'])('title key %s anywhere', (key) => {
    const r = dy({ oid: '4900123456', [key]: '保温杯' });
    expect(r.orders[0].items).toEqual([{ title: '保温杯' }]);
  });

  it('`title`/`name` count as titles only inside item containers', () => {
    const r = dy({ oid: '4900123456', title: '待收货', shop: { name: '小店' }, sku_list: [{ name: '保温杯', count: 2 }] });
    expect(r.orders).toEqual([{ orderId: '4900123456', shopName: '小店', items: [{ title: '保温杯', quantity: 2 }] }]);
  });

  it.each(['shop_name', 'shopName', 'store_name', 'seller_name', 'sellerName', 'mall_name'])('shop key %s', (key) => {
    expect(dy({ order_no: '4900123456', [key]: '小店' }).orders[0].shopName).toBe('小店');
  });

  it.each([
    ['status_desc', '待收货'], ['order_status_desc', '待收货'], ['statusText', '待收货'], ['order_status_text', '待收货'],
    ['status_text', '待收货'], ['tab_name', '待收货'], ['orderStatusDesc', '待收货'],
  ])('status key %s', (key, text) => {
    expect(dy({ orderId: '4900123456', [key]: text }).orders[0]).toMatchObject({ statusText: text, status: 'shipped' });
  });

  it.each([
    ['create_time', T_S, 'createdAt'], ['createTime', T_MS, 'createdAt'], ['order_time', '2024-11-22 10:05:00', 'createdAt'],
    ['pay_time', `${T_S}`, 'paidAt'], ['payTime', '2024/11/22 10:05', 'paidAt'], ['paid_at', '2024-11-22T02:05:00Z', 'paidAt'],
  ] as const)('time key %s (%s)', (key, value, field) => {
    expect(dy({ orderId: '4900123456', [key]: value }).orders[0][field]).toBe(T_MS);
  });

  it.each(['img', 'image', 'pic', 'thumb_url', 'thumbUrl', 'cover', 'product_img', 'productImg'])('image key %s (CDN only)', (key) => {
    const ok = dy({ orderId: '4900123456', items: [{ title: 'x', [key]: 'https://p3-ecom.ecombdimg.com/a.jpg' }] });
    expect(ok.orders[0].items?.[0].imageUrl).toBe('https://p3-ecom.ecombdimg.com/a.jpg');
    const off = dy({ orderId: '4900123456', items: [{ title: 'x', [key]: 'https://evil.example/p3-ecom.ecombdimg.com/a.jpg' }] });
    expect(off.orders[0].items?.[0].imageUrl).toBeUndefined();
  });

  it('image hosts depend on the platform', () => {
    const value = { orderId: '4900123456', items: [{ title: 'x', img: 'https://p2.kwaixiaodian.com/a.jpg' }] };
    expect(dy(value).orders[0].items?.[0].imageUrl).toBeUndefined();
    expect(extractOrdersFromJson(value, { platform: 'kuaishou' }).orders[0].items?.[0].imageUrl).toBe('https://p2.kwaixiaodian.com/a.jpg');
  });

  it.each(['num', 'quantity', 'combo_num', 'comboNum', 'count', 'item_num', 'itemNum'])('quantity key %s', (key) => {
    expect(dy({ orderId: '4900123456', items: [{ title: 'x', [key]: '3' }] }).orders[0].items?.[0].quantity).toBe(3);
  });

  it.each(['pickup_code', 'pick_up_code', 'pickupCode', 'pickUpCode'])('pickup key %s', (key) => {
    expect(dy({ tracking_no: '73512345678901', [key]: '3-2-1024' }).parcels[0].pickupCode).toBe('3-2-1024');
  });

  it('pickup code as {label:"取件码", code} and inside event text', () => {
    expect(dy({ tracking_no: '73512345678901', pickup: { label: '取件码', code: '6-5-3002' } }).parcels[0].pickupCode).toBeUndefined();
    expect(dy({ tracking_no: '73512345678901', label: '取件码', code: '6-5-3002' }).parcels[0].pickupCode).toBe('6-5-3002');
    const traces = [
      { time: T_S + 60, content: '【菜鸟驿站】您的包裹已到站，凭4-6-7602到阳光小区店取件' },
      { time: T_S, content: '运输中' },
    ];
    expect(dy({ tracking_no: '73512345678901', traces }).parcels[0].pickupCode).toBe('4-6-7602');
  });

  it.each([
    [{ time: T_S, content: 'a', location: '杭州' }, { time: T_MS, text: 'a', location: '杭州' }],
    [{ ts: T_MS, desc: 'a', site: '杭州' }, { time: T_MS, text: 'a', location: '杭州' }],
    [{ accept_time: '2024-11-22 10:05:00', context: 'a' }, { time: T_MS, text: 'a' }],
    [{ acceptTime: T_MS, status_desc: 'a' }, { time: T_MS, text: 'a' }],
    [{ time: T_S, text: 'a' }, { time: T_MS, text: 'a' }],
    [{ time: T_S, message: 'a' }, { time: T_MS, text: 'a' }],
  ])('event shape %j', (ev, want) => {
    expect(dy({ tracking_no: '73512345678901', track_list: [ev] }).parcels[0].events).toEqual([want]);
  });
});

describe('orders and parcels', () => {
  it('drops numbers with neither a format nor a carrier name, and counts why', () => {
    const r = dy({
      orders: [
        { order_id: '4900000001', status_desc: '已发货', logistics_info: { tracking_no: 'XY1234567890' } },
        { order_id: '4900000002', status_desc: '已发货', logistics_info: { tracking_no: 'A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7' } },
        { order_id: '4900000003', status_desc: '已发货', logistics_info: { tracking_no: 'XY1234567890', company_name: '中通快递' } },
        { order_id: '4900000004', status_desc: '待发货', logistics_info: { tracking_no: '' } },
        { order_id: '4900000005', status_desc: '待发货', logistics_info: { tracking_no: '暂无' } },
      ],
    });
    // A known carrier name beside an unknown shape supports it; placeholders are not "dropped".
    expect(r.parcels.map((p) => p.trackingNo)).toEqual(['XY1234567890']);
    expect(r.parcels[0].orderIds).toEqual(['4900000003']);
    expect(r.dropped).toEqual({ malformed: 1, unsupported: 1 });
  });

  it('same number under two orders → one parcel with both ids; several packages → split', () => {
    const r = dy({
      orders: [
        { order_id: '4900000001', packages: [{ mail_no: 'SF1234567890123' }, { mail_no: 'JT5261234567890' }] },
        { order_id: '4900000002', deliveries: [{ mailNo: 'SF1234567890123' }] },
        { order_id: '4900000003', logistics_list: [{ order_ids: ['4900000004', 4900000005], waybill_no: 'YT7512345678901' }] },
      ],
    });
    expect(r.parcels).toEqual([
      { trackingNo: 'SF1234567890123', orderIds: ['4900000001', '4900000002'], direction: 'outbound' },
      { trackingNo: 'JT5261234567890', orderIds: ['4900000001'], direction: 'outbound' },
      { trackingNo: 'YT7512345678901', orderIds: ['4900000003', '4900000004', '4900000005'], direction: 'outbound' },
    ]);
  });

  it('after-sale nested in an order: return parcel and refund status override', () => {
    const r = dy({
      order_id: '4900000001',
      status_desc: '已完成',
      product_name: '耳机',
      logistics_info: { company_name: '圆通速递', tracking_no: 'YT7512345678901' },
      after_sale_info: { after_sale_id: '7300000001', status_desc: '退款成功', return_logistics: { company_name: '中通快递', tracking_no: '73512345678901' } },
    });
    expect(r.orders).toEqual([
      { orderId: '4900000001', items: [{ title: '耳机' }], statusText: '已完成', status: 'refunded', afterSale: { state: 'refunded', stateText: '退款成功' } },
    ]);
    expect(r.parcels.map((p) => [p.trackingNo, p.direction])).toEqual([
      ['YT7512345678901', 'outbound'],
      ['73512345678901', 'return'],
    ]);
  });

  it.each([
    ['return_tracking_no'], ['returnExpressNo'], ['refund_logistics_no'],
  ])('return-prefixed number key %s → return parcel', (key) => {
    expect(dy({ order_id: '4900000001', [key]: '73512345678901' }).parcels[0].direction).toBe('return');
  });

  it('after-sale words under 退货 / refund keys mark the direction', () => {
    const r = dy({ order_id: '4900000001', refund: { express_no: 'SF1234567890123', express_company_name: '顺丰速运' } });
    expect(r.parcels[0]).toMatchObject({ direction: 'return', orderIds: ['4900000001'] });
  });

  it('keeps 19-digit ids exact when the text is parsed with parseJsonPreservingIds', () => {
    const v = parseJsonPreservingIds('{"orders":[{"shop_order_id":6928104417280213502,"order_status_desc":"待发货"}]}');
    expect(dy(v).orders[0].orderId).toBe('6928104417280213502');
    // Already-parsed unsafe numbers lost digits: refused rather than guessed.
    expect(dy({ orders: [{ shop_order_id: Number('6928104417280213502'), order_status_desc: '待发货' }] }).orders).toEqual([]);
  });

  it('items under an order never become orders, even with their own order_id', () => {
    const r = dy({ order_id: '4900000001', sku_order_list: [{ order_id: '4900000009', product_name: '杯子', combo_num: 1 }] });
    expect(r.orders).toEqual([{ orderId: '4900000001', items: [{ title: '杯子', quantity: 1 }] }]);
  });

  it('nested sub-orders (not item containers) are orders of their own', () => {
    const r = dy({
      order_id: '4900000001',
      shop_order_list: [
        { shop_order_id: '4900000011', shop_name: 'A', product_item: [{ product_name: 'a' }] },
        { shop_order_id: '4900000012', shop_name: 'B', product_item: [{ product_name: 'b' }] },
      ],
    });
    expect(r.orders.map((o) => [o.orderId, o.items?.map((i) => i.title)])).toEqual([
      ['4900000011', ['a']],
      ['4900000012', ['b']],
    ]);
  });

  it('reads JSON nested in strings', () => {
    const r = dy({ order_id: '4900000001', status_desc: '已发货', ext: JSON.stringify({ logistics: { tracking_no: '73512345678901' } }) });
    expect(r.parcels).toEqual([{ trackingNo: '73512345678901', orderIds: ['4900000001'], direction: 'outbound' }]);
  });

  it('station names are not carriers', () => {
    const r = dy({ tracking_no: '73512345678901', company_name: '菜鸟驿站' });
    expect(r.parcels).toEqual([{ trackingNo: '73512345678901', orderIds: [], direction: 'outbound', station: '菜鸟驿站' }]);
  });

  it('uses the context order id for parcels outside any order', () => {
    expect(dy({ data: { tracking_no: '73512345678901' } }, { contextOrderId: '4900000001' }).parcels[0].orderIds).toEqual(['4900000001']);
  });

  it('takes traces printed beside a single logistics object', () => {
    const r = dy({ order_id: '4900000001', logistics_info: { tracking_no: '73512345678901' }, traces: [{ time: T_S, content: '已揽收' }] });
    expect(r.parcels[0].events).toEqual([{ time: T_MS, text: '已揽收' }]);
  });

  it('flags order-like arrays that yield nothing, but not empty lists or unrelated payloads', () => {
    expect(dy({ data: { order_list: [{ a: 1 }] } })).toMatchObject({ unrecognized: true, orderLike: true });
    expect(dy({ data: { order_list: [] } })).toMatchObject({ unrecognized: false, orderLike: true });
    expect(dy({ data: { feed: [{ a: 1 }] } })).toMatchObject({ unrecognized: false, orderLike: false });
    expect(dy({ orders: [{ order_id: '4900000001' }] })).toMatchObject({ unrecognized: true, orders: [] });
  });

  it('is bounded and cycle-safe', () => {
    const cyclic: Record<string, unknown> = { order_id: '4900000001', status_desc: '待发货' };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, { parent: cyclic }];
    expect(dy(cyclic).orders).toHaveLength(1);

    let deep: Record<string, unknown> = { order_id: '4900000002', status_desc: '待发货' };
    for (let i = 0; i < 5_000; i++) deep = { child: deep };
    expect(() => dy(deep)).not.toThrow();
    expect(dy(deep).orders).toEqual([]);

    const wide = { orders: Array.from({ length: 20_000 }, (_, i) => ({ order_id: `49${String(i).padStart(8, '0')}`, status_desc: '待发货' })) };
    // Arrays are read whole (no silent cut at 5,000): the scan is bounded by MAX_NODES, and says when it stops.
    const r = dy(wide);
    expect(r.orders.length).toBe(20_000);
    expect(r.cut).toBeUndefined();
  });


  it('survives throwing getters', () => {
    const evil = { order_id: '4900000001', status_desc: '待发货' };
    Object.defineProperty(evil, 'boom', { enumerable: true, get: () => { throw new Error('x'); } });
    expect(() => extractOrdersFromJson({ a: [evil] }, { platform: 'douyin' })).not.toThrow();
  });
});

describe('values', () => {
  it.each([
    [2990, 2990], ['2990', 2990], ['29.90', 2990], ['¥29.9', 2990], ['￥1,299.00', 129900], ['59元', 5900], ['¥59', 5900],
    [29.9, 2990], [-1, undefined], ['abc', undefined], ['29.999', undefined], [1e12, undefined], [null, undefined],
  ])('fenAmount %j → %j 分', (v, want) => expect(parseMoneyValue(v)).toBe(want));

  it.each([
    [58.9, 5890], ['￥58.90', 5890], ['58.90', 5890], ['1,234.5', 123450], ['0.29', 29], [2990, 299000], ['abc', undefined],
  ])('yuanToFen %j → %j 分 (always 元, unlike fenAmount)', (v, want) => expect(yuanToFen(v)).toBe(want));

  it.each([
    [T_S, T_MS], [T_MS, T_MS], [`${T_S}`, T_MS], ['2024-11-22 10:05:00', T_MS], ['2024年11月22日 10:05', T_MS],
    ['2024-11-22T02:05:00Z', T_MS], ['2024-11-22T10:05:00+08:00', T_MS], [0, undefined], ['昨天', undefined],
    [99, undefined], ['2024-13-01', undefined], [Number.NaN, undefined],
  ])('time %j → %j', (v, want) => expect(parseTimeValue(v)).toBe(want));

  it.each([
    ['待付款', 'unpaid'], ['等待买家付款', 'unpaid'], ['待发货', 'unshipped'], ['买家已付款', 'unshipped'],
    ['待收货', 'shipped'], ['卖家已发货', 'shipped'], ['已签收', 'shipped'], ['交易成功', 'completed'], ['已完成', 'completed'],
    ['待评价', 'completed'], ['已取消', 'cancelled'], ['交易关闭', 'cancelled'], ['退款中', 'refunding'],
    ['待商家收货', 'refunding'], ['退款成功', 'refunded'], ['未发货已退款', 'refunded'], ['退款关闭', undefined],
    ['退款已关闭', undefined], ['可申请退款', undefined], ['', undefined], ['其他', undefined],
  ])('status %s → %s', (text, want) => expect(mapOrderStatus(text)).toBe(want));

  const DEC_20 = Date.UTC(2024, 11, 20, 2, 0, 0); // 2024-12-20 10:00 China time
  it.each([
    ['预计11月24日送达', T_MS, undefined, { kind: 'deliver_by', at: Date.UTC(2024, 10, 24, 16) - 1 }],
    ['预计11月24日18:00前送达', T_MS, undefined, { kind: 'deliver_by', at: Date.UTC(2024, 10, 24, 10) }],
    ['预计1月3日送达', DEC_20, undefined, { kind: 'deliver_by', at: Date.UTC(2025, 0, 3, 16) - 1 }],
    ['预计2025年1月3日送达', undefined, undefined, { kind: 'deliver_by', at: Date.UTC(2025, 0, 3, 16) - 1 }],
    ['预计11月24日送达', undefined, undefined, { kind: 'deliver_by' }],
    ['承诺48小时内发货', T_MS, undefined, { kind: 'ship_by', at: T_MS + 48 * 3_600_000 }],
    ['24h发货', T_MS, undefined, { kind: 'ship_by', at: T_MS + 24 * 3_600_000 }],
    ['承诺3天内发货', T_MS, undefined, { kind: 'ship_by', at: T_MS + 3 * 86_400_000 }],
    ['预计明天送达', T_MS, DEC_20, { kind: 'deliver_by', at: Date.UTC(2024, 11, 21, 16) - 1 }],
    ['次日达', T_MS, undefined, { kind: 'deliver_by', at: Date.UTC(2024, 10, 23, 16) - 1 }],
    ['当日达', T_MS, undefined, { kind: 'deliver_by', at: Date.UTC(2024, 10, 22, 16) - 1 }],
    ['极速达', T_MS, undefined, { kind: 'deliver_by' }],
    ['次日达', undefined, undefined, { kind: 'deliver_by' }],
    ['7天无理由退货', T_MS, undefined, undefined],
    ['运费险', T_MS, undefined, undefined],
  ])('promise %s', (text, orderAt, now, want) => {
    const p = parsePromiseText(text, orderAt, now);
    expect(p).toEqual(want && { ...want, text });
  });

  it('order promises come from the order itself, relative to its paid time', () => {
    const r = dy({ order_id: '4900000001', pay_time: T_S, tags: ['7天无理由', '48小时发货'], product_name: '次日达 苹果' }, { now: 0 });
    expect(r.orders[0].promise).toEqual({ kind: 'ship_by', text: '48小时发货', at: T_MS + 48 * 3_600_000 });
  });
});

describe('JSON text', () => {
  it('quotes long integers outside strings only', () => {
    expect(quoteLongIntegers('{"a":6928104417280213502,"b":"6928104417280213502","c":1.2345678901234567,"d":12}')).toBe(
      '{"a":"6928104417280213502","b":"6928104417280213502","c":1.2345678901234567,"d":12}',
    );
    expect(parseJsonPreservingIds('jQuery36009876543210987654_1700000000000({"id":6928104417280213502})')).toEqual({ id: '6928104417280213502' });
  });

  it('reads embedded page state without executing it', () => {
    const doc = htmlDocument(`
      <script type="application/ld+json">{"order_id":"4900000009","status_desc":"待发货"}</script>
      <script>window.__INITIAL_STATE__ = {"a":{"order_id":"4900000001","x":undefined}};</script>
      <script>var rawData = JSON.parse('{"order_sn":"4900000002","t":"\\x41\\u0042\\'"}');</script>
      <script id="RENDER_DATA" type="application/json">${encodeURIComponent('{"shop_order_id":"4900000003"}')}</script>
      <script type="text/template">window.__INITIAL_STATE__ = {"order_id":"4900000004"}</script>
      <script>window.__APOLLO_STATE__ = decodeURIComponent("%7B%7D")</script>
    `);
    expect(readEmbeddedJson(doc)).toEqual([
      { a: { order_id: '4900000001', x: null } },
      { order_sn: '4900000002', t: "AB'" },
      { shop_order_id: '4900000003' },
    ]);
  });
});

describe('observationsFromPairs and blocked payloads', () => {
  it('validates DOM pairs with the same rules', () => {
    const r = observationsFromPairs(
      {
        orderIds: ['4900000001'],
        parcels: [
          { trackingNo: '73512345678901', orderId: '4900000001', pickupCode: '1-2-3456' },
          { trackingNo: 'XY1234567890' },
          { trackingNo: 'XY1234567890', carrierName: '中通快递', direction: 'return' },
        ],
        orderFields: { statusText: '待收货', createdText: '2024-11-22 10:05:00', amountText: '¥88.00' },
      },
      { platform: 'kuaishou' },
    );
    expect(r).toEqual({
      orders: [{ orderId: '4900000001', createdAt: T_MS, amount: 8800, statusText: '待收货', status: 'shipped' }],
      parcels: [
        { trackingNo: '73512345678901', orderIds: ['4900000001'], direction: 'outbound', pickupCode: '1-2-3456' },
        { trackingNo: 'XY1234567890', orderIds: [], carrierName: '中通快递', direction: 'return' },
      ],
      dropped: { malformed: 0, unsupported: 1 },
    });
  });

  it.each([
    [{ status_code: 8, status_msg: '用户未登录' }, 'signed_out'],
    [{ result: 109, error_msg: '请登录后重试' }, 'signed_out'],
    [{ code: 10000, data: { message: '请完成安全验证' } }, 'risk_control'],
    [{ status_code: 0, data: { orders: [] } }, undefined],
  ])('blocked payload %j → %s', (v, kind) => expect(detectBlockedPayload(v)?.kind).toBe(kind));
});

describe('context order id', () => {
  it('never turns orders under item-like keys into items', () => {
    const r = dy({ data: { order_item_list: [{ order_id: '4900000002', status_desc: '待发货' }] } }, { contextOrderId: '4900000001' });
    expect(r.orders).toEqual([{ orderId: '4900000002', statusText: '待发货', status: 'unshipped' }]);
  });

  it('receives refund states of after-sale answers without an order id', () => {
    const r = dy({ data: { after_sale_id: '7300000001', status_desc: '退款成功' } }, { contextOrderId: '4900000001' });
    expect(r.orders).toEqual([{ orderId: '4900000001', status: 'refunded', afterSale: { state: 'refunded', stateText: '退款成功' } }]);
  });
});
