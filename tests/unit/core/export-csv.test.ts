import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { asText, CSV_COLUMNS, csvRows, exportFileName, formatYuan, neutralizeFormula, toCsv, type CsvLabels } from '../../../src/core/export-csv';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';
import { applyFilter, EMPTY_FILTER, filterEntries, historyEntries } from '../../../src/ui/options/history';

const T = Date.UTC(2026, 10, 20, 8, 0);
const labels: CsvLabels = {
  headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, `H-${c}`])) as CsvLabels['headers'],
  platform: (p) => ({ taobao: '淘宝', douyin: '抖音', kuaishou: '快手', jd: '京东', pdd: '拼多多', manual: '手动' })[p],
};
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const order = (over: Partial<OrderRecord>): OrderRecord => ({
  key: 'taobao:4901234567890123456',
  platform: 'taobao',
  orderId: '4901234567890123456',
  items: [{ title: '数据线', quantity: 2 }],
  status: 'shipped',
  parcelKeys: [],
  firstSeen: T,
  lastSeen: T,
  sources: {},
  ...over,
});
const parcel = (over: Partial<ParcelRecord>): ParcelRecord => ({
  key: 'zto:73100059800035',
  carrier: 'zto',
  carrierName: '中通快递',
  trackingNo: '73100059800035',
  direction: 'outbound',
  orderKeys: [],
  platforms: [],
  status: 'in_transit',
  nextCheckAt: 0,
  archived: 0,
  firstSeen: T,
  lastSeen: T,
  updatedAt: T,
  sources: {},
  ...over,
});

describe('csv export', () => {
  it('one row per parcel × order, per order without parcels, per parcel without orders; newest first', () => {
    const o1 = order({ createdAt: T, amount: 12345, shopName: '小店', parcelKeys: ['zto:73100059800035', 'yto:YT1447279684726'] });
    const o2 = order({ key: 'douyin:6900000000000000001', platform: 'douyin', orderId: '6900000000000000001', createdAt: T + 60_000, status: 'unshipped' });
    const p1 = parcel({ orderKeys: [o1.key], latestEvent: { time: T + 1000, text: '派件中' }, pickupCode: '5-2-1103' });
    const p2 = parcel({ key: 'yto:YT1447279684726', carrier: 'yto', carrierName: undefined, trackingNo: 'YT1447279684726', orderKeys: [o1.key], direction: 'return', status: 'delivered', deliveredAt: T + 5000 });
    const p3 = parcel({ key: 'sf:SF1234567890123', carrier: 'sf', trackingNo: 'SF1234567890123', firstSeen: T - 1_000_000 });
    const rows = csvRows([o1, o2], [p1, p2, p3], labels, { formatTime: fmt });
    expect(rows).toHaveLength(4);
    const col = (r: string[], c: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(c)];
    expect(col(rows[0], 'platform')).toBe('抖音');
    expect(col(rows[0], 'status')).toBe('unshipped');
    expect(col(rows[0], 'trackingNo')).toBe('');
    expect(rows.slice(1, 3).map((r) => col(r, 'trackingNo'))).toEqual(['\t73100059800035', '\tYT1447279684726']);
    expect(col(rows[1], 'orderId')).toBe('\t4901234567890123456');
    expect(col(rows[1], 'amount')).toBe('123.45');
    expect(col(rows[1], 'items')).toBe('数据线 ×2');
    expect(col(rows[1], 'pickupCode')).toBe('5-2-1103');
    expect(col(rows[1], 'lastEventTime')).toBe(fmt(T + 1000));
    expect(col(rows[2], 'carrier')).toBe('yto');
    expect(col(rows[2], 'direction')).toBe('return');
    expect(col(rows[2], 'deliveredAt')).toBe(fmt(T + 5000));
    expect(col(rows[3], 'orderId')).toBe('');
    expect(col(rows[3], 'trackingNo')).toBe('\tSF1234567890123');
  });

  it('writes a BOM, CRLF, a localized header, and keeps long numbers as text', () => {
    const csv = toCsv([order({ shopName: '店, "引号"' })], [], labels, { formatTime: fmt });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.map((c) => `H-${c}`).join(',')}`);
    expect(csv).not.toMatch(/[^\r]\n/);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;
    expect(parsed[1][CSV_COLUMNS.indexOf('orderId')]).toBe('\t4901234567890123456');
    expect(parsed[1][CSV_COLUMNS.indexOf('shop')]).toBe('店, "引号"');
  });

  it('neutralizes formula injection in shop text but not in ids', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(bad)).toBe(`'${bad}`);
    expect(neutralizeFormula('正常店铺')).toBe('正常店铺');
    const rows = csvRows([order({ shopName: '=cmd|"/c calc"!A1', items: [{ title: '@evil' }] })], [], labels);
    expect(rows[0][CSV_COLUMNS.indexOf('shop')]).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows[0][CSV_COLUMNS.indexOf('items')]).toBe(`'@evil`);
    expect(rows[0][CSV_COLUMNS.indexOf('orderId')]).toBe('\t4901234567890123456');
  });

  it('formats money, text ids and file names', () => {
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(100)).toBe('1.00');
    expect(formatYuan(undefined)).toBe('');
    expect(asText('')).toBe('');
    expect(exportFileName(new Date(2026, 10, 22, 12).getTime(), 'csv')).toBe('parcel-hub-2026-11-22.csv');
    expect(exportFileName(new Date(2026, 0, 2, 12).getTime(), 'json', 'parcel-hub-backup')).toBe('parcel-hub-backup-2026-01-02.json');
  });
});

describe('options history rows (same shape as the CSV)', () => {
  it('lists parcel × order, lone orders and lone parcels newest first, filtered by every word', () => {
    const o1 = order({ createdAt: T, shopName: '小米官方旗舰店' });
    const o2 = order({ key: 'douyin:69', platform: 'douyin', orderId: '69', createdAt: T + 10 });
    const p1 = parcel({ orderKeys: [o1.key], latestEvent: { time: T, text: '派件中' } });
    const p2 = parcel({ key: 'sf:SF1', carrier: 'sf', trackingNo: 'SF1', firstSeen: T - 10 });
    const rows = historyEntries([o1, o2], [p1, p2]);
    expect(rows.map((r) => r.id)).toEqual(['douyin:69', `${p1.key}|${o1.key}`, 'sf:SF1']);
    expect(filterEntries(rows, '小米 派件').map((r) => r.id)).toEqual([`${p1.key}|${o1.key}`]);
    expect(filterEntries(rows, 'sf1').map((r) => r.id)).toEqual(['sf:SF1']);
    expect(filterEntries(rows, '  ')).toHaveLength(3);
  });
});

describe('a shipped parcel without a classified event reads "shipped", not "unknown"', () => {
  it('in the CSV and the history filter; a bare number nothing is known of stays unknown', () => {
    const o = order({ createdAt: T, shopName: '悠然家居', parcelKeys: ['zto:73100059800035'] });
    const shipped = parcel({ orderKeys: [o.key], status: 'unknown', shippedAt: T + 3_600_000 });
    const bare = parcel({ key: 'sf:SF1234567890123', carrier: 'sf', trackingNo: 'SF1234567890123', status: 'unknown' });
    const rows = csvRows([o], [shipped, bare], { ...labels, parcelStatus: (s) => `S-${s}` }, { formatTime: fmt });
    const statusOf = (no: string) => rows.find((r) => r[CSV_COLUMNS.indexOf('trackingNo')] === `\t${no}`)![CSV_COLUMNS.indexOf('status')];
    expect(statusOf('73100059800035')).toBe('S-shipped');
    expect(statusOf('SF1234567890123')).toBe('S-unknown');
    const entries = historyEntries([o], [shipped, bare]);
    expect(applyFilter(entries, { ...EMPTY_FILTER, status: 'p:shipped' }).map((e) => e.parcel?.trackingNo)).toEqual(['73100059800035']);
  });
});
