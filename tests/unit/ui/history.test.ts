import { describe, expect, it } from 'vitest';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';
import { csvRows } from '../../../src/core/export-csv';
import { applyFilter, EMPTY_FILTER, entriesData, historyEntries, sortEntries, visibleRange } from '../../../src/ui/options/history';

const day = (d: number, h = 12) => new Date(2026, 2, d, h).getTime(); // local time, March 2026
const order = (platform: OrderRecord['platform'], id: string, t: number, o: Partial<OrderRecord> = {}): OrderRecord => ({
  key: `${platform}:${id}`, platform, orderId: id, items: [{ title: `item ${id}` }], status: 'shipped', createdAt: t, parcelKeys: [], firstSeen: t, lastSeen: t, sources: {}, ...o,
});
const parcel = (carrier: string, no: string, orderKeys: string[], p: Partial<ParcelRecord> = {}): ParcelRecord => ({
  key: `${carrier}:${no}`, carrier, trackingNo: no, direction: 'outbound', orderKeys, platforms: [], status: 'in_transit', nextCheckAt: 0, archived: 0, firstSeen: day(1), lastSeen: day(1), updatedAt: day(1), sources: {}, ...p,
});

const orders = [
  order('taobao', '1', day(1), { shopName: '杯子店', amount: 300 }),
  order('douyin', '2', day(5), { shopName: 'A shop', amount: 100 }),
  order('kuaishou', '3', day(9), { status: 'unshipped', amount: 200 }),
];
const parcels = [
  parcel('zto', '73610555582883', ['taobao:1', 'douyin:2'], { platforms: ['taobao', 'douyin'], status: 'delivered' }),
  parcel('sf', 'SF1385628716739', ['douyin:2'], { platforms: ['douyin'], direction: 'return' }),
];
const entries = historyEntries(orders, parcels);

describe('history filters and sort', () => {
  it('filters by platform, carrier, status, direction, date range and text together', () => {
    const ids = (f: Partial<typeof EMPTY_FILTER>) => applyFilter(entries, { ...EMPTY_FILTER, ...f }).map((e) => e.id);
    expect(entries).toHaveLength(4);
    expect(ids({ platform: 'douyin' })).toEqual(['sf:SF1385628716739|douyin:2', 'zto:73610555582883|douyin:2']);
    expect(ids({ carrier: 'zto' })).toHaveLength(2);
    expect(ids({ status: 'o:unshipped' })).toEqual(['kuaishou:3']);
    expect(ids({ status: 'p:delivered', platform: 'taobao' })).toEqual(['zto:73610555582883|taobao:1']);
    expect(ids({ direction: 'return' })).toEqual(['sf:SF1385628716739|douyin:2']);
    expect(ids({ from: '2026-03-05', to: '2026-03-05' })).toHaveLength(2);
    expect(ids({ from: '2026-03-06' })).toEqual(['kuaishou:3']);
    expect(ids({ to: '2026-03-01' })).toEqual(['zto:73610555582883|taobao:1']);
    expect(ids({ text: '杯子' })).toEqual(['zto:73610555582883|taobao:1']);
  });

  it('sorts by a column either way, newest first on ties', () => {
    const amount = (_k: string, e: (typeof entries)[number]) => e.order?.amount ?? 0;
    expect(sortEntries(entries, { key: 'amount', desc: false }, amount).map((e) => e.order?.amount)).toEqual([100, 100, 200, 300]);
    expect(sortEntries(entries, { key: 'time', desc: false }, amount)[0].id).toBe('zto:73610555582883|taobao:1');
    expect(sortEntries(entries, { key: 'time', desc: true }, amount)[0].id).toBe('kuaishou:3');
  });

  it('exports exactly the filtered rows', () => {
    const shown = applyFilter(entries, { ...EMPTY_FILTER, platform: 'taobao' });
    const { orders: os, parcels: ps } = entriesData(shown);
    const rows = csvRows(os, ps, { headers: {} as never });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('\t73610555582883');
    expect(rows[0]).toContain('\t1');
  });

  it('draws only the rows in view', () => {
    expect(visibleRange(20_000, 0, 600, 30)).toEqual({ start: 0, end: 30 });
    expect(visibleRange(20_000, 300_000, 600, 30)).toEqual({ start: 9990, end: 10030 });
    expect(visibleRange(20_000, 599_400, 600, 30)).toEqual({ start: 19970, end: 20_000 });
    expect(visibleRange(3, 0, 600, 30)).toEqual({ start: 0, end: 3 });
  });
});
