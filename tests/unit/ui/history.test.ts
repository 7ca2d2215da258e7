import { describe, expect, it } from 'vitest';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';
import { csvRows } from '../../../src/core/export-csv';
import { CSV_COLUMNS, toCsv } from '../../../src/core/export-csv';
import { applyFilter, EMPTY_FILTER, entriesData, historyEntries, itemSummary, sortEntries, visibleRange } from '../../../src/ui/options/history';

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

describe('history rows show what is inside (issue #12)', () => {
  const mug = 'https://img.alicdn.com/imgextra/i2/2206000000001/O1CN01mug_!!2206000000001.jpg';
  const home = order('taobao', '3930027815546102244', day(12), {
    shopName: '悠然家居',
    items: [
      { title: '陶瓷马克杯 北欧风 带盖勺', sku: '颜色分类：雾霾蓝', imageUrl: mug, quantity: 2 },
      { title: '杯垫 软木 4片装' },
      { title: '', itemId: '700000000001' },
    ],
    parcelKeys: ['zto:73100059809012'],
  });
  const rows = historyEntries([home, ...orders], [...parcels, parcel('zto', '73100059809012', [home.key], { status: 'delivered' })]);
  const row = rows.find((e) => e.order?.key === home.key)!;

  it('first titled item, its picture, and how many lines the order holds', () => {
    expect(itemSummary(row)).toEqual({ title: '陶瓷马克杯 北欧风 带盖勺', imageUrl: mug, count: 3 });
    expect(itemSummary(rows.find((e) => e.order?.key === 'kuaishou:3')!)).toEqual({ title: 'item 3', imageUrl: undefined, count: 1 });
    expect(itemSummary({ id: 'x', parcel: parcels[0], time: 0 })).toBeUndefined(); // a parcel without orders
  });

  it('the text filter finds a row by an item word, a later item, a SKU word or the shop; words combine', () => {
    const find = (text: string) => applyFilter(rows, { ...EMPTY_FILTER, text }).map((e) => e.id);
    const id = 'zto:73100059809012|taobao:3930027815546102244';
    expect(find('马克杯')).toEqual([id]);
    expect(find('杯垫')).toEqual([id]);
    expect(find('雾霾蓝')).toEqual([id]);
    expect(find('悠然')).toEqual([id]);
    expect(find('悠然 马克杯')).toEqual([id]);
    expect(find('悠然 耳机')).toEqual([]);
  });

  it('the CSV of the filtered rows keeps its columns and carries the shop and every item title', () => {
    const shown = applyFilter(rows, { ...EMPTY_FILTER, text: '马克杯' });
    const { orders: os, parcels: ps } = entriesData(shown);
    const headers = Object.fromEntries(CSV_COLUMNS.map((c) => [c, c])) as never;
    const csv = toCsv(os, ps, { headers });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF' + CSV_COLUMNS.join(','));
    expect(CSV_COLUMNS).toEqual(['platform', 'orderId', 'orderTime', 'shop', 'items', 'amount', 'carrier', 'trackingNo', 'direction', 'status', 'lastEvent', 'lastEventTime', 'pickupCode', 'deliveredAt']);
    expect(lines).toHaveLength(3); // header, one row, final CRLF
    expect(lines[1]).toContain('悠然家居');
    expect(lines[1]).toContain('陶瓷马克杯 北欧风 带盖勺 (颜色分类：雾霾蓝) ×2; 杯垫 软木 4片装');
  });
});
