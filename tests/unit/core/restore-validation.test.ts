// Restore validates like capture: order links only on the order's own platform hosts, ids and tracking
// numbers in their normalised shapes, bidi controls stripped wherever text enters, every CSV column
// neutralised, and the phone tail out of backups unless asked for.
import { describe, expect, it } from 'vitest';
import { backupToBatches, backupToJson, createBackup, validateBackup, type Backup } from '../../../src/core/backup';
import { toCsv } from '../../../src/core/export-csv';
import { MemoryMergeState } from '../../../src/core/merge';
import { isOrderLinkOf, normalizeBatch } from '../../../src/core/normalize';
import { validateBatch } from '../../../src/core/observation-schema';
import { findTrackingNumbers, normalizeTrackingNumber } from '../../../src/core/tracking-number';
import { FACTS_BY_ID } from '../../../src/platforms/facts';
import { matchesPattern } from '../../../src/platforms/url-match';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';

const T = Date.UTC(2026, 10, 20);
const order = (o: Partial<OrderRecord>): OrderRecord => ({
  key: `taobao:${o.orderId ?? '4012345678901234567'}`,
  platform: 'taobao',
  orderId: '4012345678901234567',
  items: [],
  status: 'shipped',
  parcelKeys: [],
  firstSeen: T,
  lastSeen: T,
  sources: {},
  ...o,
});
const parcel = (p: Partial<ParcelRecord>): ParcelRecord => ({
  key: `zto:${p.trackingNo ?? '73100059800035'}`,
  carrier: 'zto',
  trackingNo: '73100059800035',
  direction: 'outbound',
  orderKeys: [],
  platforms: ['taobao'],
  status: 'in_transit',
  nextCheckAt: 0,
  archived: 0,
  firstSeen: T,
  lastSeen: T,
  updatedAt: T,
  sources: {},
  ...p,
});

const restore = (b: Backup) => {
  const v = validateBackup(backupToJson(b));
  if (!v.ok) throw new Error(v.error);
  const plan = backupToBatches(v.backup);
  const s = new MemoryMergeState();
  for (const batch of plan.batches) s.ingest(batch, T + 1000);
  return { state: s, plan };
};

describe('restore validates like capture', () => {
  it('drops an order link off the order’s own platform, keeps links on it', () => {
    const b = createBackup([order({ url: 'https://evil.example/phish' }), order({ orderId: '4012345678901234568', url: 'https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=4012345678901234568' })], [], [], T);
    const { state } = restore(b);
    expect(state.orders.get('taobao:4012345678901234567')?.url).toBeUndefined();
    expect(state.orders.get('taobao:4012345678901234568')?.url).toMatch(/^https:\/\/trade\.taobao\.com\//);
  });

  it('rejects formula-shaped order ids and tracking numbers not in normalised form', () => {
    const b = createBackup([order({ orderId: '=HYPERLINK("https://evil.example","x")' })], [parcel({ carrier: 'unknown', trackingNo: '=1+2', key: 'unknown:=1+2' })], [], T);
    const { state, plan } = restore(b);
    expect(state.orders.size).toBe(0);
    expect(state.parcels.size).toBe(0);
    expect(plan.rejected.map((r) => r.reason)).toEqual(expect.arrayContaining(['order id not in a platform shape', 'tracking number not in normalised form']));
  });

  it('strips bidi controls from restored text', () => {
    const { state } = restore(createBackup([order({ shopName: '\u202E店铺\u2066名\u2069\u200F' })], [], [], T));
    expect(state.orders.get('taobao:4012345678901234567')?.shopName).toBe('店铺名');
  });

  it('order link hosts agree with the platforms’ match patterns', () => {
    for (const [platform, facts] of Object.entries(FACTS_BY_ID)) {
      for (const p of facts.matches) {
        const url = p.replace('*.', 'www.').replace(/\/\*$/, '/order');
        expect(isOrderLinkOf(platform as 'taobao', url)).toBe(matchesPattern(p, url));
      }
    }
    expect(isOrderLinkOf('douyin', 'https://buyertrade.taobao.com/x')).toBe(false);
    expect(isOrderLinkOf('manual', 'https://buyertrade.taobao.com/x')).toBe(false);
  });
});

describe('bidi controls where text enters', () => {
  it('capture/paste batches: stripped from shop names, items and events; an off-platform order link is dropped', () => {
    const v = validateBatch({
      platform: 'taobao', source: 'list', url: 'https://buyertrade.taobao.com/', observedAt: T,
      orders: [{ orderId: '4012345678901234567', shopName: 'a\u202Eb', url: 'https://evil.example/phish', items: [{ title: 'x\u2067y' }] }],
      parcels: [{ trackingNo: 'YT\u20661447279684726\u2069', orderIds: [], events: [{ time: T, text: '已\u202D签收' }] }],
    });
    if (!v.ok) throw new Error(v.error);
    expect(v.value.orders[0].shopName).toBe('ab');
    expect(v.value.orders[0].items?.[0].title).toBe('xy');
    const n = normalizeBatch(v.value).batch;
    expect(n.orders[0].url).toBeUndefined();
    expect(n.parcels[0].trackingNo).toBe('YT1447279684726');
    expect(n.parcels[0].events?.[0].text).toBe('已签收');
  });

  it('never splits a tracking number (paste and import)', () => {
    expect(normalizeTrackingNumber('YT\u202E1447279684726')).toBe('YT1447279684726');
    expect(normalizeTrackingNumber('7310\u200E0059800035')).toBe('73100059800035');
    expect(findTrackingNumbers('圆通速递 运单号 YT\u2066144727\u20699684726').map((f) => f.trackingNo)).toEqual(['YT1447279684726']);
  });
});

describe('CSV and the phone tail', () => {
  it('neutralises formulas in the order id and tracking number columns too', () => {
    const csv = toCsv([order({ orderId: '=1+2', key: 'taobao:=1+2' })], [parcel({ carrier: 'unknown', trackingNo: '@SUM(A1)', key: 'unknown:@SUM(A1)', orderKeys: ['taobao:=1+2'] })], { headers: Object.fromEntries(['platform', 'orderId', 'orderTime', 'shop', 'items', 'amount', 'carrier', 'trackingNo', 'direction', 'status', 'lastEvent', 'lastEventTime', 'pickupCode', 'deliveredAt'].map((c) => [c, c])) as never });
    expect(csv).toContain("\t'=1+2");
    expect(csv).toContain("\t'@SUM(A1)");
    expect(csv).not.toMatch(/(^|[,\t"])=1\+2/m);
  });

  it('keeps the phone tail out of a backup unless asked for', () => {
    const p = parcel({ phoneTail: '5678' });
    expect(backupToJson(createBackup([], [p], [], T))).not.toContain('5678');
    expect(createBackup([], [p], [], T).parcels[0]).not.toHaveProperty('phoneTail');
    expect(createBackup([], [p], [], T, { phoneTails: true }).parcels[0].phoneTail).toBe('5678');
  });
});
