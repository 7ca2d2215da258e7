import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PARCEL_STATUSES,
  ORDER_STATUSES,
  type EventObservation,
  type OrderObservation,
  type ParcelStatus,
  type Platform,
  type Source,
  SOURCES,
} from '../../../src/core/model';
import {
  eventId,
  MemoryMergeState,
  mergeBatch,
  normalizeEventText,
  type NormalizedBatch,
  type NormalizedParcelObservation,
} from '../../../src/core/merge';
import { STATUS_RANK } from '../../../src/core/status';

const batch = (over: Partial<NormalizedBatch>): NormalizedBatch => ({
  platform: 'taobao',
  source: 'list',
  url: 'https://example.test/',
  observedAt: 1_000,
  orders: [],
  parcels: [],
  ...over,
});
const parcel = (trackingNo: string, carrierId: string, over: Partial<NormalizedParcelObservation> = {}): NormalizedParcelObservation => ({
  trackingNo,
  carrierId,
  orderIds: [],
  ...over,
});
const ev = (time: number, text: string, over: Partial<EventObservation> = {}): EventObservation => ({ time, text, ...over });

const ZTO = '73100059800035';
const YTO = 'YT1447279684726';

describe('mergeBatch: shipments', () => {
  it('split shipment: one order, many parcels', () => {
    const s = new MemoryMergeState();
    const r = s.ingest(
      batch({
        orders: [{ orderId: 'o1', statusText: '卖家已发货' }],
        parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'] }), parcel(YTO, 'yto', { orderIds: ['o1'] })],
      }),
    );
    const o = s.orders.get('taobao:o1')!;
    expect(o.parcelKeys).toEqual([`yto:${YTO}`, `zto:${ZTO}`]);
    expect(o.status).toBe('shipped');
    expect(s.parcels.get(`zto:${ZTO}`)!.orderKeys).toEqual(['taobao:o1']);
    expect(s.parcels.get(`yto:${YTO}`)!.platforms).toEqual(['taobao']);
    expect(r.changes.map((c) => c.type).sort()).toEqual(['order_new', 'parcel_new', 'parcel_new']);
    // A second parcel seen later is added, the first kept.
    s.ingest(batch({ observedAt: 2_000, parcels: [parcel('JT5261988016578', 'jtexpress', { orderIds: ['o1'] })] }));
    expect(s.orders.get('taobao:o1')!.parcelKeys).toHaveLength(3);
  });

  it('merged shipment: one parcel, many orders; referenced orders are created minimal and shipped', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', status: 'unshipped' }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'] })] }));
    const r = s.ingest(batch({ observedAt: 2_000, parcels: [parcel(ZTO, 'zto', { orderIds: ['o2'] })] }));
    const p = s.parcels.get(`zto:${ZTO}`)!;
    expect(p.orderKeys).toEqual(['taobao:o1', 'taobao:o2']);
    const o2 = s.orders.get('taobao:o2')!;
    expect(o2).toMatchObject({ status: 'shipped', items: [], parcelKeys: [`zto:${ZTO}`], firstSeen: 2_000 });
    expect(s.orders.get('taobao:o1')!.status).toBe('shipped');
    expect(r.changes).toContainEqual({ type: 'order_new', orderKey: 'taobao:o2' });
  });

  it('platforms on a parcel are the union of its orders’ platforms', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'] })] }));
    s.ingest(batch({ platform: 'douyin', parcels: [parcel(ZTO, 'zto', { orderIds: ['d1'] })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.platforms).toEqual(['douyin', 'taobao']);
  });

  it('return parcel: linked to its order, direction stays return', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'] })] }));
    s.ingest(batch({ source: 'after_sale', observedAt: 2_000, parcels: [parcel(YTO, 'yto', { orderIds: ['o1'], direction: 'return' })] }));
    s.ingest(batch({ source: 'detail', observedAt: 3_000, parcels: [parcel(YTO, 'yto', { orderIds: ['o1'], direction: 'outbound' })] }));
    expect(s.parcels.get(`yto:${YTO}`)!.direction).toBe('return');
    expect(s.parcels.get(`zto:${ZTO}`)!.direction).toBe('outbound');
    expect(s.orders.get('taobao:o1')!.parcelKeys).toEqual([`yto:${YTO}`, `zto:${ZTO}`]);
  });

  it('a return on its way back is not delivered because its order ended (交易成功 before the return began)', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', status: 'completed', statusText: '交易成功' }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'] })] }));
    s.ingest(batch({ source: 'after_sale', observedAt: 2_000, parcels: [parcel(YTO, 'yto', { orderIds: ['o1'], direction: 'return', events: [{ time: 1_900, text: '【上海浦东新区】已揽收' }] })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('delivered');
    expect(s.parcels.get(`yto:${YTO}`)!.status).toBe('picked_up');
  });

  it('an order with no parcel stays an unshipped order', () => {
    const s = new MemoryMergeState();
    const r = s.ingest(batch({ orders: [{ orderId: 'o9', statusText: '买家已付款', paidAt: 500 }] }));
    expect(s.orders.get('taobao:o9')).toMatchObject({ status: 'unshipped', parcelKeys: [], paidAt: 500 });
    expect(s.parcels.size).toBe(0);
    expect(r.changes).toEqual([{ type: 'order_new', orderKey: 'taobao:o9' }]);
  });

  it('order status moves forward only and reports order_status', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', statusText: '交易成功' }] }));
    const stale = s.ingest(batch({ observedAt: 2_000, orders: [{ orderId: 'o1', statusText: '卖家已发货' }] }));
    expect(s.orders.get('taobao:o1')!.status).toBe('completed');
    expect(stale.changes).toEqual([]);
    const r = s.ingest(batch({ observedAt: 3_000, orders: [{ orderId: 'o1', statusText: '退款成功' }] }));
    expect(r.changes).toEqual([{ type: 'order_status', orderKey: 'taobao:o1', from: 'completed', to: 'refunded' }]);
  });
});

describe('mergeBatch: carriers', () => {
  it('re-keys an unknown-carrier parcel with its events and order links when the carrier becomes known', () => {
    const s = new MemoryMergeState();
    s.ingest(
      batch({
        source: 'manual',
        parcels: [parcel(ZTO, 'unknown', { orderIds: ['o1'], events: [ev(100, '已揽收')], carrierCandidates: ['zto', 'best'] })],
      }),
    );
    expect(s.parcels.has(`unknown:${ZTO}`)).toBe(true);
    const r = s.ingest(batch({ source: 'detail', observedAt: 2_000, parcels: [parcel(ZTO, 'zto', { events: [ev(200, '运输中')] })] }));
    expect(r.removedParcelKeys).toEqual([`unknown:${ZTO}`]);
    expect(s.parcels.has(`unknown:${ZTO}`)).toBe(false);
    const p = s.parcels.get(`zto:${ZTO}`)!;
    expect(p).toMatchObject({ carrier: 'zto', orderKeys: ['taobao:o1'], status: 'in_transit', firstSeen: 1_000, carrierCandidates: ['best'] });
    expect(s.getEvents(p.key).map((e) => e.id).sort()).toEqual([eventId(p.key, 100, '已揽收'), eventId(p.key, 200, '运输中')]);
    expect(s.events.has(`unknown:${ZTO}`)).toBe(false);
    expect(s.orders.get('taobao:o1')!.parcelKeys).toEqual([`zto:${ZTO}`]);
    // Not a new parcel; only the new event and the status change are news.
    expect(r.changes).toEqual([
      { type: 'parcel_status', parcelKey: `zto:${ZTO}`, from: 'picked_up', to: 'in_transit' },
      { type: 'event_new', parcelKey: `zto:${ZTO}`, time: 200, text: '运输中' },
    ]);
  });

  it('attaches an unknown-carrier observation to the single parcel with that number', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ parcels: [parcel(ZTO, 'zto')] }));
    const r = s.ingest(batch({ source: 'manual', observedAt: 2_000, parcels: [parcel(ZTO, 'unknown', { pickupCode: '4-6-7602' })] }));
    expect([...s.parcels.keys()]).toEqual([`zto:${ZTO}`]);
    expect(s.parcels.get(`zto:${ZTO}`)!.pickupCode).toBe('4-6-7602');
    expect(r.changes).toEqual([{ type: 'pickup_code', parcelKey: `zto:${ZTO}`, code: '4-6-7602' }]);
  });

  it('keeps an ambiguous unknown observation apart when several carriers hold the number', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ parcels: [parcel('300527476792', 'ane'), parcel('300527476792', 'yto')] }));
    s.ingest(batch({ parcels: [parcel('300527476792', 'unknown')] }));
    expect([...s.parcels.keys()].sort()).toEqual(['ane:300527476792', 'unknown:300527476792', 'yto:300527476792']);
    // …unless its candidates narrow it to one.
    const t = new MemoryMergeState();
    t.ingest(batch({ parcels: [parcel('300527476792', 'ane'), parcel('300527476792', 'yto')] }));
    t.ingest(batch({ parcels: [parcel('300527476792', 'unknown', { carrierCandidates: ['ane', 'sf'] })] }));
    expect(t.parcels.size).toBe(2);
  });

  it('re-keys within one batch too', () => {
    const s = new MemoryMergeState();
    const r = s.ingest(batch({ parcels: [parcel(ZTO, 'unknown', { events: [ev(1, '已揽收')] }), parcel(ZTO, 'zto')] }));
    expect([...s.parcels.keys()]).toEqual([`zto:${ZTO}`]);
    expect(r.removedParcelKeys).toEqual([]);
    expect(r.changes.filter((c) => c.type === 'parcel_new')).toEqual([{ type: 'parcel_new', parcelKey: `zto:${ZTO}`, status: 'picked_up' }]);
    expect(r.events.map((e) => e.parcelKey)).toEqual([`zto:${ZTO}`]);
  });
});

describe('mergeBatch: status and events', () => {
  it('a stale list observation never undoes delivered nor drops an event', () => {
    const s = new MemoryMergeState();
    s.ingest(
      batch({
        source: 'logistics',
        observedAt: 5_000,
        parcels: [parcel(ZTO, 'zto', { events: [ev(1_000, '已揽收'), ev(2_000, '派件中'), ev(3_000, '已签收,感谢使用顺丰')] })],
      }),
    );
    const p0 = s.parcels.get(`zto:${ZTO}`)!;
    expect(p0).toMatchObject({ status: 'delivered', deliveredAt: 3_000, latestEvent: { time: 3_000, text: '已签收,感谢使用顺丰' } });
    const r = s.ingest(batch({ observedAt: 9_000, parcels: [parcel(ZTO, 'zto', { status: 'in_transit', statusText: '运输中' })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('delivered');
    expect(s.getEvents(`zto:${ZTO}`)).toHaveLength(3);
    expect(r.changes).toEqual([]);
  });

  it('a depot scan stamped after 签收 does not undo the delivery; deliveredAt is the 签收 time', () => {
    // Shape of a real SF trace (idx:35138925628 in tests/corpus): an 装车 scan filed the day after 已签收.
    const s = new MemoryMergeState();
    s.ingest(
      batch({
        source: 'logistics',
        observedAt: 9_000,
        parcels: [parcel(ZTO, 'zto', { events: [ev(1_000, '派件中'), ev(3_000, '已签收,感谢使用顺丰'), ev(5_000, '快件在【衡水桃城集散点】已装车')] })],
      }),
    );
    expect(s.parcels.get(`zto:${ZTO}`)).toMatchObject({ status: 'delivered', deliveredAt: 3_000, latestEvent: { time: 5_000 } });
  });

  it('a claim without events moves status forward only', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ parcels: [parcel(ZTO, 'zto', { statusText: '派送中' })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('out_for_delivery');
    s.ingest(batch({ observedAt: 2_000, parcels: [parcel(ZTO, 'zto', { statusText: '运输中' })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('out_for_delivery');
    const r = s.ingest(batch({ observedAt: 3_000, parcels: [parcel(ZTO, 'zto', { status: 'delivered', deliveredAt: 2_500 })] }));
    expect(s.parcels.get(`zto:${ZTO}`)).toMatchObject({ status: 'delivered', deliveredAt: 2_500 });
    expect(r.changes).toEqual([{ type: 'parcel_status', parcelKey: `zto:${ZTO}`, from: 'out_for_delivery', to: 'delivered' }]);
  });

  it('older events do not undo a newer claim; newer events supersede older claims', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ observedAt: 10_000, parcels: [parcel(ZTO, 'zto', { status: 'delivered' })] }));
    s.ingest(batch({ source: 'refresh', observedAt: 20_000, parcels: [parcel(ZTO, 'zto', { events: [ev(8_000, '派件中')] })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('delivered');

    const t = new MemoryMergeState();
    t.ingest(batch({ observedAt: 10_000, parcels: [parcel(YTO, 'yto', { statusText: '异常件' })] }));
    expect(t.parcels.get(`yto:${YTO}`)!.status).toBe('exception');
    t.ingest(batch({ source: 'refresh', observedAt: 20_000, parcels: [parcel(YTO, 'yto', { events: [ev(15_000, '快件已经到达 【昆常转运中心】')] })] }));
    expect(t.parcels.get(`yto:${YTO}`)!.status).toBe('in_transit');
  });

  it('status comes from the newest event over all known events, and the 签收 trap holds', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ source: 'logistics', parcels: [parcel(YTO, 'yto', { events: [ev(3_000, '快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件')] })] }));
    expect(s.parcels.get(`yto:${YTO}`)!.status).toBe('awaiting_collection');
    // An older event arriving later does not change it.
    s.ingest(batch({ source: 'logistics', parcels: [parcel(YTO, 'yto', { events: [ev(2_000, '派件中')] })] }));
    expect(s.parcels.get(`yto:${YTO}`)!.status).toBe('awaiting_collection');
    // Station "签收" from a tracking service that says 签收: still waiting.
    s.ingest(
      batch({
        source: 'refresh',
        parcels: [parcel(YTO, 'yto', { events: [ev(4_000, '客户签收人: 他人代签世纪联华超市圆通快递公司己暂放尽快来取拿件 已签收', { status: 'delivered' })] })],
      }),
    );
    expect(s.parcels.get(`yto:${YTO}`)!.status).toBe('awaiting_collection');
    expect(s.parcels.get(`yto:${YTO}`)!.deliveredAt).toBeUndefined();
    const r = s.ingest(batch({ source: 'refresh', parcels: [parcel(YTO, 'yto', { events: [ev(5_000, '客户签收人: 已签收，签收人凭取货码签收。')] })] }));
    expect(s.parcels.get(`yto:${YTO}`)).toMatchObject({ status: 'delivered', deliveredAt: 5_000 });
    expect(r.changes).toContainEqual({ type: 'parcel_status', parcelKey: `yto:${YTO}`, from: 'awaiting_collection', to: 'delivered' });
  });

  it('de-duplicates events on (parcel, time, text) and reports only new ones', () => {
    const s = new MemoryMergeState();
    const r1 = s.ingest(batch({ source: 'detail', parcels: [parcel(ZTO, 'zto', { events: [ev(1, '已揽收'), ev(1, '已揽收'), ev(2, '运输中')] })] }));
    expect(r1.events).toHaveLength(2);
    expect(r1.changes.filter((c) => c.type === 'event_new')).toHaveLength(2);
    const r2 = s.ingest(
      batch({ source: 'refresh', observedAt: 3_000, parcels: [parcel(ZTO, 'zto', { events: [ev(1, ' 已揽收 '), ev(2, '运输中', { location: '杭州' }), ev(3, '派件中')] })] }),
    );
    expect(s.getEvents(`zto:${ZTO}`)).toHaveLength(3);
    expect(r2.changes.filter((c) => c.type === 'event_new')).toEqual([{ type: 'event_new', parcelKey: `zto:${ZTO}`, time: 3, text: '派件中' }]);
    // A duplicate may fill a missing location.
    expect(s.events.get(`zto:${ZTO}`)!.get(eventId(`zto:${ZTO}`, 2, '运输中'))!.location).toBe('杭州');
    expect(normalizeEventText('  a \n b ')).toBe('a b');
  });

  it('reports a pickup code when a new one appears', () => {
    const s = new MemoryMergeState();
    const r1 = s.ingest(batch({ parcels: [parcel(ZTO, 'zto', { pickupCode: '4-6-7602', station: '兴龙湾31号楼店' })] }));
    expect(r1.changes).toContainEqual({ type: 'pickup_code', parcelKey: `zto:${ZTO}`, code: '4-6-7602', station: '兴龙湾31号楼店' });
    const r2 = s.ingest(batch({ observedAt: 2_000, parcels: [parcel(ZTO, 'zto', { pickupCode: '4-6-7602' })] }));
    expect(r2.changes).toEqual([]);
    const r3 = s.ingest(batch({ source: 'manual', observedAt: 3_000, parcels: [parcel(ZTO, 'zto', { pickupCode: '5-3858' })] }));
    expect(r3.changes).toEqual([{ type: 'pickup_code', parcelKey: `zto:${ZTO}`, code: '5-3858', station: '兴龙湾31号楼店' }]);
    // A restored backup does not overwrite a code.
    s.ingest(batch({ source: 'import', observedAt: 4_000, parcels: [parcel(ZTO, 'zto', { pickupCode: '1-1-1111' })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.pickupCode).toBe('5-3858');
  });

  it('updatedAt moves only when status or events change; firstSeen/lastSeen track observations', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ observedAt: 1_000, parcels: [parcel(ZTO, 'zto', { carrierName: '中通' })] }));
    s.ingest(batch({ source: 'detail', observedAt: 2_000, parcels: [parcel(ZTO, 'zto', { carrierName: '中通快递' })] }));
    expect(s.parcels.get(`zto:${ZTO}`)).toMatchObject({ updatedAt: 1_000, firstSeen: 1_000, lastSeen: 2_000, carrierName: '中通快递' });
    s.ingest(batch({ observedAt: 3_000, parcels: [parcel(ZTO, 'zto', { events: [ev(2_500, '派件中')] })] }));
    expect(s.parcels.get(`zto:${ZTO}`)).toMatchObject({ updatedAt: 3_000, nextCheckAt: 0, archived: 0 });
  });
});

describe('mergeBatch: fields', () => {
  it('source precedence: more specific overwrites, less specific fills gaps, empty never erases', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ source: 'list', orders: [{ orderId: 'o1', shopName: '列表店', amount: 100 }] }));
    s.ingest(batch({ source: 'detail', orders: [{ orderId: 'o1', shopName: '详情店', shopId: '' }] }));
    s.ingest(batch({ source: 'list', orders: [{ orderId: 'o1', shopName: '又一个', shopId: 's1', url: '  ' }] }));
    s.ingest(batch({ source: 'detail', orders: [{ orderId: 'o1', amount: 120 }] }));
    const o = s.orders.get('taobao:o1')!;
    expect(o).toMatchObject({ shopName: '详情店', shopId: 's1', amount: 120 });
    expect(o.url).toBeUndefined();
    expect(o.sources).toMatchObject({ shopName: 'detail', shopId: 'list', amount: 'detail' });
    // import only fills
    s.ingest(batch({ source: 'import', orders: [{ orderId: 'o1', shopName: '旧店', url: 'https://x/' }] }));
    expect(s.orders.get('taobao:o1')).toMatchObject({ shopName: '详情店', url: 'https://x/' });
  });

  it('items: longest list kept, de-duplicated by itemId or title, gaps filled', () => {
    const s = new MemoryMergeState();
    const items1: OrderObservation['items'] = [{ title: '保鲜盒', itemId: 'i1' }];
    s.ingest(batch({ source: 'detail', orders: [{ orderId: 'o1', items: [{ title: '保鲜盒', itemId: 'i1', price: 990 }, { title: '勺子' }] }] }));
    s.ingest(batch({ source: 'refresh', orders: [{ orderId: 'o1', items: items1 }] }));
    expect(s.orders.get('taobao:o1')!.items).toEqual([{ title: '保鲜盒', itemId: 'i1', price: 990 }, { title: '勺子' }]);
    s.ingest(
      batch({
        source: 'list',
        orders: [{ orderId: 'o1', items: [{ title: '保鲜盒', itemId: 'i1', imageUrl: 'https://img/1.jpg' }, { title: '勺子' }, { title: '勺子', quantity: 2 }, { title: '碗', sku: '蓝' }] }],
      }),
    );
    expect(s.orders.get('taobao:o1')!.items).toEqual([
      { title: '保鲜盒', itemId: 'i1', imageUrl: 'https://img/1.jpg', price: 990 },
      { title: '勺子', quantity: 2 },
      { title: '碗', sku: '蓝' },
    ]);
  });

  it('is pure: never mutates what the state returns', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ source: 'manual', orders: [{ orderId: 'o1', items: [{ title: 'a' }] }], parcels: [parcel(ZTO, 'unknown', { orderIds: ['o1'], events: [ev(1, '已揽收')] })] }));
    const before = structuredClone([[...s.orders], [...s.parcels], [...s.events]]);
    const r = mergeBatch(
      s,
      batch({ source: 'detail', observedAt: 5_000, orders: [{ orderId: 'o1', statusText: '交易成功', items: [{ title: 'a', price: 1 }, { title: 'b' }] }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o2'], events: [ev(2, '已签收')] })] }),
    );
    expect(r.removedParcelKeys).toEqual([`unknown:${ZTO}`]);
    expect([[...s.orders], [...s.parcels], [...s.events]]).toEqual(before);
  });

  it('ingesting the same batch twice changes nothing the second time', () => {
    const s = new MemoryMergeState();
    const b = batch({
      orders: [{ orderId: 'o1', statusText: '卖家已发货', items: [{ title: 'a' }] }],
      parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'], pickupCode: '1-2-3', events: [ev(1, '已揽收')] })],
    });
    s.ingest(b);
    const r = s.ingest(b);
    expect(r).toEqual({ orders: [], parcels: [], events: [], removedParcelKeys: [], changes: [] });
  });
});

// ---- properties ---------------------------------------------------------------------------------------

// Generator constraints, each for a rule that is order-dependent by design:
// 1. A tracking number has one true carrier; observations name it or 'unknown'. (Seen under two different
//    known carriers, an unknown-carrier observation joins whichever parcel exists first.)
// 2. A scalar field's value is a function of (entity, source): equal-precedence conflicts are last-writer-wins.
// 3. pickupCode/station are a function of the tracking number: the latest observed code wins by design.
// 4. An event's location/status are a function of (time, text): a duplicate never replaces the first one.
// 5. No page-given deliveredAt: a page value overwritten by an event-derived one is not restored.
// Everything else varies freely: which batches, sources, times, claims, events, links, items prefix, direction.
const TRACKING: Record<string, string> = { '73100059800035': 'zto', YT1447279684726: 'yto', '73610555582883': 'zto', YT8962646785389: 'yto' };
const TEXTS = [
  '已揽收',
  '【郑州转运中心】 已发出 下一站 【漯河转运中心公司】',
  '派件中',
  '快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件',
  '已签收,感谢使用顺丰',
  '派件异常',
  '退件签收',
  '客户拒收',
  '感谢使用',
  '清关中',
];
const ORDER_IDS = ['o1', 'o2', 'o3'];

const eventArb = fc.record({ t: fc.integer({ min: 1, max: 30 }), i: fc.integer({ min: 0, max: TEXTS.length - 1 }) }).map(({ t, i }) => {
  const e: EventObservation = { time: t * 1000, text: TEXTS[i] };
  if ((t + i) % 3 === 0) e.location = `loc${t}`;
  if ((t * 7 + i) % 5 === 0) e.status = 'in_transit';
  return e;
});

const parcelArb = (source: Source) =>
  fc
    .record({
      no: fc.constantFrom(...Object.keys(TRACKING)),
      known: fc.boolean(),
      orderIds: fc.subarray(ORDER_IDS, { maxLength: 2 }),
      direction: fc.constantFrom(undefined, 'outbound' as const, 'return' as const),
      status: fc.option(fc.constantFrom(...PARCEL_STATUSES), { nil: undefined }),
      events: fc.array(eventArb, { maxLength: 3 }),
      withText: fc.boolean(),
      withCode: fc.boolean(),
      withName: fc.boolean(),
      withCands: fc.boolean(),
    })
    .map((g): NormalizedParcelObservation => {
      const p: NormalizedParcelObservation = { trackingNo: g.no, carrierId: g.known ? TRACKING[g.no] : 'unknown', orderIds: g.orderIds, events: g.events };
      if (g.direction) p.direction = g.direction;
      if (g.status) p.status = g.status;
      if (g.withText) p.statusText = `st-${g.no}-${source}`;
      if (g.withCode) Object.assign(p, { pickupCode: `code-${g.no}`, station: `station-${g.no}` });
      if (g.withName) Object.assign(p, { carrierName: `name-${g.no}-${source}`, shippedAt: g.no.length * 100 + SOURCES.indexOf(source), phoneTail: '1234' });
      if (g.withCands) p.carrierCandidates = [TRACKING[g.no], 'best'];
      return p;
    });

const orderArb = (platform: Platform, source: Source) =>
  fc
    .record({
      id: fc.constantFrom(...ORDER_IDS),
      status: fc.option(fc.constantFrom(...ORDER_STATUSES), { nil: undefined }),
      nItems: fc.integer({ min: 0, max: 3 }),
      withShop: fc.boolean(),
      withAmount: fc.boolean(),
    })
    .map((g): OrderObservation => {
      const o: OrderObservation = { orderId: g.id };
      if (g.status) o.status = g.status;
      o.statusText = `ot-${platform}-${g.id}-${source}`;
      o.items = [1, 2, 3].slice(0, g.nItems).map((n) => ({ title: `item-${g.id}-${n}`, itemId: `${g.id}${n}`, price: n * 100 }));
      if (g.withShop) o.shopName = `shop-${g.id}-${source}`;
      if (g.withAmount) o.amount = g.id.length * 1000 + SOURCES.indexOf(source);
      return o;
    });

const batchArb = fc
  .record({
    platform: fc.constantFrom<Platform>('taobao', 'douyin'),
    source: fc.constantFrom(...SOURCES),
    at: fc.integer({ min: 1, max: 30 }),
  })
  .chain(({ platform, source, at }) =>
    fc
      .record({ orders: fc.array(orderArb(platform, source), { maxLength: 2 }), parcels: fc.array(parcelArb(source), { maxLength: 3 }) })
      .map((x): NormalizedBatch => ({ platform, source, url: 'https://example.test/', observedAt: at * 1000, ...x })),
  );

const run = (batches: NormalizedBatch[], s = new MemoryMergeState()) => {
  batches.forEach((b, i) => s.ingest(b, 1_000_000 + i));
  return s;
};

/** Records without updatedAt (the merge clock is order-dependent by definition). */
function snapshot(s: MemoryMergeState) {
  const strip = <T extends { updatedAt?: number }>({ updatedAt: _u, ...r }: T) => r;
  return {
    orders: [...s.orders.values()].sort((a, b) => a.key.localeCompare(b.key)),
    parcels: [...s.parcels.values()].map(strip).sort((a, b) => a.key.localeCompare(b.key)),
    events: s.allEvents().sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function checkLinks(s: MemoryMergeState) {
  for (const p of s.parcels.values()) for (const ok of p.orderKeys) expect(s.orders.get(ok)!.parcelKeys).toContain(p.key);
  for (const o of s.orders.values()) for (const pk of o.parcelKeys) expect(s.parcels.get(pk)!.orderKeys).toContain(o.key);
  for (const e of s.allEvents()) expect(s.parcels.has(e.parcelKey)).toBe(true);
}

const statusByNo = (s: MemoryMergeState) => {
  const m = new Map<string, ParcelStatus>();
  for (const p of s.parcels.values()) m.set(p.trackingNo, p.status);
  return m;
};

describe('mergeBatch properties', () => {
  // FC_RUNS=5000 for a deeper search.
  const TIMEOUT = 600_000;
  const runs = (n: number) => ({ numRuns: Number(process.env.FC_RUNS ?? n) });
  const batches = fc.array(batchArb, { minLength: 1, maxLength: 8 });

  it('(a) ingesting the same batches twice equals once', () => {
    fc.assert(
      fc.property(batches, (bs) => {
        const s = run(bs);
        const once = structuredClone(snapshot(s));
        const updated = [...s.parcels.values()].map((p) => [p.key, p.updatedAt]);
        for (const b of bs) {
          const r = s.ingest(b, 9_999_999);
          expect(r).toEqual({ orders: [], parcels: [], events: [], removedParcelKeys: [], changes: [] });
        }
        expect(snapshot(s)).toEqual(once);
        expect([...s.parcels.values()].map((p) => [p.key, p.updatedAt])).toEqual(updated);
        checkLinks(s);
      }),
      runs(300),
    );
  }, TIMEOUT);

  it('(b) the order batches arrive in does not change the records (except updatedAt)', () => {
    fc.assert(
      fc.property(batches.chain((bs) => fc.tuple(fc.constant(bs), fc.shuffledSubarray(bs, { minLength: bs.length, maxLength: bs.length }))), ([bs, shuffled]) => {
        const a = run(bs);
        const b = run(shuffled);
        expect(snapshot(b)).toEqual(snapshot(a));
        checkLinks(a);
      }),
      runs(400),
    );
  }, TIMEOUT);

  it('(c) a batch without events never moves a parcel backwards', () => {
    fc.assert(
      fc.property(batches, fc.array(batchArb, { minLength: 1, maxLength: 4 }), (before, later) => {
        const s = run(before);
        for (const raw of later) {
          const b = { ...raw, parcels: raw.parcels.map((p) => ({ ...p, events: [] })) };
          const prev = statusByNo(s);
          // The one allowed step back: learning that a parcel is a return takes away a delivery that only its
          // order's end implied (no carrier line said 签收) — a return on its way back is not delivered.
          const derived = new Set([...s.parcels.values()].filter((p) => p.direction === 'outbound' && p.status === 'delivered' && p.deliveredAt === undefined).map((p) => p.trackingNo));
          s.ingest(b);
          for (const [no, st] of statusByNo(s)) {
            const was = prev.get(no);
            const nowReturn = [...s.parcels.values()].some((p) => p.trackingNo === no && p.direction === 'return');
            if (derived.has(no) && nowReturn) continue;
            if (was) expect(STATUS_RANK[st]).toBeGreaterThanOrEqual(STATUS_RANK[was]);
            if (was === 'delivered') expect(st).toBe('delivered');
          }
        }
      }),
      runs(300),
    );
  }, TIMEOUT);

  it('(d) no observed event is ever lost', () => {
    fc.assert(
      fc.property(batches, (bs) => {
        const s = run(bs);
        const have = new Set(s.allEvents().map((e) => `${s.parcels.get(e.parcelKey)!.trackingNo}|${e.time}|${e.text}`));
        for (const b of bs) for (const p of b.parcels) for (const e of p.events ?? []) expect(have).toContain(`${p.trackingNo}|${e.time}|${normalizeEventText(e.text)}`);
        for (const p of s.parcels.values()) {
          const evs = s.getEvents(p.key);
          if (evs.length) expect(p.latestEvent?.time).toBe(Math.max(...evs.map((e) => e.time)));
        }
      }),
      runs(300),
    );
  }, TIMEOUT);
});

describe('mergeBatch: an order that ended settles its parcels (issue #12)', () => {
  const transit = [ev(1_000, '【杭州转运中心】已发出 下一站【上海转运中心】'), ev(2_000, '【上海市】快件已到达 上海浦东新区三林营业部')];

  it('a finished order (交易成功): its parcel reads delivered though the events stop before 签收; nothing invented', () => {
    for (const orderFirst of [true, false]) {
      const s = new MemoryMergeState();
      const order = batch({ observedAt: 5_000, orders: [{ orderId: 'o1', statusText: '交易成功', status: 'completed' }] });
      const step = batch({ source: 'logistics', observedAt: 6_000, parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'], events: transit })] });
      for (const b of orderFirst ? [order, step] : [step, order]) s.ingest(b);
      const p = s.parcels.get(`zto:${ZTO}`)!;
      expect(p.status).toBe('delivered');
      expect(p.deliveredAt).toBeUndefined(); // the carrier never said when
      expect(p.latestEvent?.text).toContain('三林营业部');
      expect(s.getEvents(p.key)).toHaveLength(2);
      expect(s.orders.get('taobao:o1')!.status).toBe('completed');
    }
  });

  it('an order still on its way leaves the parcel to its events', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', status: 'shipped' }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'], events: transit })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('in_transit');
    s.ingest(batch({ observedAt: 7_000, orders: [{ orderId: 'o1', status: 'refunding' }] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).toBe('in_transit');
  });

  it('a delivery event keeps its own time', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', status: 'completed' }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'], events: [...transit, ev(3_000, '【上海市】已签收，签收人凭取货码签收。')] })] }));
    const p = s.parcels.get(`zto:${ZTO}`)!;
    expect(p.status).toBe('delivered');
    expect(p.deliveredAt).toBe(3_000);
  });

  it('a parcel whose events show it went back stays what they say', () => {
    const s = new MemoryMergeState();
    s.ingest(batch({ orders: [{ orderId: 'o1', status: 'completed' }], parcels: [parcel(ZTO, 'zto', { orderIds: ['o1'], events: [...transit, ev(3_000, '【上海市】客户拒收，快件退回中')] })] }));
    expect(s.parcels.get(`zto:${ZTO}`)!.status).not.toBe('delivered');
  });
});
