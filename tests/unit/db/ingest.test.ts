import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservationBatch } from '../../../src/core/model';
import { ingest } from '../../../src/db/ingest';
import { ParcelHubDb } from '../../../src/db/schema';

const T0 = Date.UTC(2026, 10, 20, 2);
const H = 3600_000;
let db: ParcelHubDb;
let n = 0;

beforeEach(async () => {
  db = new ParcelHubDb(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const batch = (over: Partial<ObservationBatch>): ObservationBatch => ({
  platform: 'taobao', source: 'list', url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', observedAt: T0, orders: [], parcels: [], ...over,
});

describe('ingest', () => {
  it('stores a split shipment (one order, two parcels) and reports what is new', async () => {
    const r = await ingest(db, batch({
      source: 'detail',
      orders: [{ orderId: '3891234567890123456', shopName: '小米官方旗舰店', items: [{ title: '小米手环9' }, { title: '充电线' }], status: 'shipped' }],
      parcels: [
        { trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['3891234567890123456'] },
        { trackingNo: 'YT1447279684726', carrierName: '圆通速递', orderIds: ['3891234567890123456'], events: [{ time: T0 - H, text: '【杭州转运中心】 已发出 下一站 【北京转运中心】' }] },
      ],
    }), T0);
    expect(r.changes.map((c) => c.type).sort()).toEqual(['event_new', 'order_new', 'parcel_new', 'parcel_new']);
    const order = await db.orders.get('taobao:3891234567890123456');
    expect(order?.parcelKeys.sort()).toEqual(['yto:YT1447279684726', 'zto:73100059800035']);
    const yto = await db.parcels.get('yto:YT1447279684726');
    expect(yto?.status).toBe('in_transit');
    expect(await db.events.where('parcelKey').equals('yto:YT1447279684726').count()).toBe(1);
  });

  it('is idempotent: the same batch twice writes nothing the second time', async () => {
    const b = batch({ parcels: [{ trackingNo: 'SF1385628716739', carrierName: '顺丰速运', orderIds: ['1'], events: [{ time: T0, text: '已签收,感谢使用顺丰' }] }], orders: [{ orderId: '1' }] });
    await ingest(db, b, T0);
    const before = await db.parcels.toArray();
    const r = await ingest(db, b, T0 + H);
    expect(r.changes).toEqual([]);
    expect(r.written).toEqual({ orders: 0, parcels: 0, events: 0 });
    expect(await db.parcels.toArray()).toEqual(before);
  });

  it('a list page read again finds every stored event of its parcels: only the newer ones are news, none doubled', async () => {
    const nos = Array.from({ length: 30 }, (_, i) => `7310005980${1000 + i}`);
    const page = (events: (i: number) => { time: number; text: string }[], at: number) =>
      batch({ observedAt: at, orders: nos.map((_, i) => ({ orderId: `38912345678${1000 + i}` })), parcels: nos.map((no, i) => ({ trackingNo: no, carrierName: '中通快递', orderIds: [`38912345678${1000 + i}`], events: events(i) })) });
    const first = (i: number) => [0, 1, 2].map((k) => ({ time: T0 - (10 - k) * H - i * 60_000, text: `【杭州转运中心】 已发出 下一站 【北京转运中心】 ${k}` }));
    await ingest(db, page(first, T0), T0);
    expect(await db.events.count()).toBe(90);
    const r = await ingest(db, page((i) => [...first(i), { time: T0 - i * 60_000, text: '【北京市】快件已到达【北京转运中心】' }], T0 + H), T0 + H);
    expect(r.changes.filter((c) => c.type === 'event_new')).toHaveLength(30);
    expect(r.written.events).toBe(30);
    for (const no of nos) expect(await db.events.where('parcelKey').equals(`zto:${no}`).count()).toBe(4);
  });

  it('never lets a stale list page undo a delivered parcel', async () => {
    await ingest(db, batch({ source: 'logistics', parcels: [{ trackingNo: '73100059800035', carrierName: '中通', orderIds: ['9'], events: [{ time: T0, text: '您的快递已签收，感谢使用中通快递' }] }] }), T0);
    await ingest(db, batch({ source: 'list', observedAt: T0 + H, parcels: [{ trackingNo: '73100059800035', carrierName: '中通', orderIds: ['9'], status: 'in_transit' }] }), T0 + H);
    expect((await db.parcels.get('zto:73100059800035'))?.status).toBe('delivered');
  });

  it('re-keys a parcel first seen without a carrier once the carrier is known, keeping its events', async () => {
    // 12 digits: several carriers possible, so it is stored as unknown with candidates
    await ingest(db, batch({ parcels: [{ trackingNo: '300527476792', orderIds: ['5'], events: [{ time: T0, text: '快件已揽收' }] }] }), T0);
    const first = await db.parcels.toArray();
    expect(first.map((p) => p.key)).toEqual(['unknown:300527476792']);
    expect(first[0].carrierCandidates).toContain('ane');
    await ingest(db, batch({ source: 'detail', parcels: [{ trackingNo: '300527476792', carrierName: '安能快递', orderIds: ['5'] }] }), T0 + H);
    const after = await db.parcels.toArray();
    expect(after.map((p) => p.key)).toEqual(['ane:300527476792']);
    expect((await db.events.toArray()).map((e) => e.parcelKey)).toEqual(['ane:300527476792']);
    expect((await db.orders.get('taobao:5'))?.parcelKeys).toEqual(['ane:300527476792']);
  });

  it('drops numbers that are not tracking numbers and keeps the rest', async () => {
    const r = await ingest(db, batch({ orders: [{ orderId: '7' }], parcels: [{ trackingNo: '——', orderIds: ['7'] }, { trackingNo: 'JT5261988016578', orderIds: ['7'] }] }), T0);
    expect(r.rejected).toHaveLength(1);
    expect((await db.parcels.toArray()).map((p) => p.key)).toEqual(['jtexpress:JT5261988016578']);
  });

  it('yields one copy when two tabs ingest the same orders at once', async () => {
    const b = batch({ orders: [{ orderId: '11', shopName: 'A' }], parcels: [{ trackingNo: 'YT9693083639795', orderIds: ['11'], events: [{ time: T0, text: '已揽收' }] }] });
    const other = new ParcelHubDb(db.name);
    const [a, c] = await Promise.all([ingest(db, b, T0), ingest(other, b, T0)]);
    other.close();
    expect(await db.parcels.count()).toBe(1);
    expect(await db.events.count()).toBe(1);
    // exactly one of the two saw the parcel as new
    expect([...a.changes, ...c.changes].filter((x) => x.type === 'parcel_new')).toHaveLength(1);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    await ingest(db, batch({ orders: [{ orderId: '1', shopName: 'before' }] }), T0);
    const spy = vi.spyOn(db.events, 'bulkPut').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(
      ingest(db, batch({ orders: [{ orderId: '1', shopName: 'after' }], parcels: [{ trackingNo: 'YT9693083639795', orderIds: ['1'], events: [{ time: T0, text: '已揽收' }] }] }), T0),
    ).rejects.toThrow('QuotaExceededError');
    spy.mockRestore();
    expect((await db.orders.get('taobao:1'))?.shopName).toBe('before');
    expect(await db.parcels.count()).toBe(0);
  });
});

describe('ingest: a finished order settles a parcel stored earlier (issue #12)', () => {
  it('the list saying 交易成功 after transit_step gave the parcel makes it delivered, in the database', async () => {
    const id = '3930027815546102244';
    await ingest(db, batch({ orders: [{ orderId: id, status: 'shipped', statusText: '卖家已发货' }] }), T0);
    await ingest(db, batch({
      source: 'logistics',
      url: `https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${id}`,
      parcels: [{ trackingNo: '73100059809012', carrierName: '中通快递', orderIds: [id], events: [{ time: T0 - 20 * H, text: '【杭州市】【杭州萧山】的快件已揽收' }, { time: T0 - 2 * H, text: '【上海市】快件已到达【上海浦东新区】' }] }],
    }), T0);
    expect((await db.parcels.get('zto:73100059809012'))?.status).toBe('in_transit');
    const r = await ingest(db, batch({ observedAt: T0 + 72 * H, orders: [{ orderId: id, status: 'completed', statusText: '交易成功' }] }), T0 + 72 * H);
    const p = await db.parcels.get('zto:73100059809012');
    expect(p?.status).toBe('delivered');
    expect(p?.deliveredAt).toBeUndefined();
    expect(p?.nextCheckAt).toBe(0); // final: the refresh stops asking
    expect(r.changes).toContainEqual({ type: 'parcel_status', parcelKey: 'zto:73100059809012', from: 'in_transit', to: 'delivered' });
    expect(await db.events.where('parcelKey').equals('zto:73100059809012').count()).toBe(2);
  });
});
