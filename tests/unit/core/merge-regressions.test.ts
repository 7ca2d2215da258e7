import { expect, it } from 'vitest';
import { backupToJson, createBackup, validateBackup } from '../../../src/core/backup';
import { MemoryMergeState, mergeBatch } from '../../../src/core/merge';
import { normalizeBatch } from '../../../src/core/normalize';
import type { ObservationBatch } from '../../../src/core/model';
it('the same page read twice: an unknown-carrier number among two known ones lands where it did', () => {
  const b: ObservationBatch = { platform: 'taobao', source: 'list', url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', observedAt: 946684800000, orders: [], parcels: [{ trackingNo: '300527476792', carrierName: '圆通速递', orderIds: [] }, { trackingNo: '300527476792', orderIds: [] }, { trackingNo: '300527476792', carrierId: 'ane', orderIds: [] }] };
  const st = new MemoryMergeState();
  const n = normalizeBatch(b).batch;
  st.apply(mergeBatch(st, n));
  const r2 = mergeBatch(st, n);
  expect(r2.changes).toEqual([]);
  expect(r2.parcels.filter((p) => p.carrier === 'unknown')).toEqual([]);
});

it('a pickup code read late from an older page does not replace the newer one (newest observed wins)', () => {
  const obs = (code: string, station: string, at: number): ObservationBatch => ({
    platform: 'taobao', source: 'logistics', url: 'https://buyertrade.taobao.com/trade/json/transit_step.do', observedAt: at, orders: [],
    parcels: [{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: [], pickupCode: code, station }],
  });
  const newer = obs('8-2-1109', '丰巢 A 柜', 2000);
  const older = obs('4-6-7602', '菜鸟驿站', 1000);
  for (const order of [[newer, older], [older, newer]]) {
    const st = new MemoryMergeState();
    for (const b of order) st.apply(mergeBatch(st, normalizeBatch(b).batch));
    expect(st.parcels.get('zto:73100059800035')).toMatchObject({ pickupCode: '8-2-1109', station: '丰巢 A 柜', pickupSeenAt: { pickupCode: 2000, station: 2000 } });
  }
});

// Fuzz counterexamples (tests/unit/fuzz/merge.test.ts, "the same batch ingested twice"): one order listed
// several times in one batch with different item lines. Merged line list by line list, an equal-length later
// list replaced an earlier one and dropped its fields, which the second read of the batch brought back.
const listed = (orders: ObservationBatch['orders'], observedAt: number): ObservationBatch => ({
  platform: 'taobao', source: 'list', url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', observedAt, orders, parcels: [],
});
const twice = (b: ObservationBatch) => {
  const st = new MemoryMergeState();
  const n = normalizeBatch(b).batch;
  st.ingest(n);
  const first = structuredClone([...st.orders.values()]);
  const r2 = st.ingest(n);
  return { first, r2, after: [...st.orders.values()] };
};

it('an order listed three times in one batch: a line\'s image is kept on the first read, and the second read changes nothing', () => {
  const A = '您的快件已到站，请凭取件码4-6-7602取件';
  const { first, r2, after } = twice(listed([
    { orderId: '4012345678901234568', items: [{ title: A, imageUrl: 'https://img.alicdn.com/a.jpg' }] },
    { orderId: '4012345678901234568', items: [{ title: '!' }] },
    { orderId: '4012345678901234568', items: [{ title: A }, { title: '!' }] },
  ], 946684800000));
  expect(first[0].items).toEqual([{ title: A, imageUrl: 'https://img.alicdn.com/a.jpg' }, { title: '!' }]);
  expect(r2.orders).toEqual([]);
  expect(r2.changes).toEqual([]);
  expect(after).toEqual(first);
});

it('an order listed twice (once with padded id) with different lines: the batch\'s lines are merged once, and a second read changes nothing', () => {
  const { first, r2, after } = twice(listed([
    { orderId: ' o3 ', items: [{ title: '已揽收', price: 0 }] },
    { orderId: ' o3 ', items: [{ title: '长'.repeat(300) }] },
    { orderId: 'o3', items: [{ title: '派件中' }, { title: '已揽收' }] },
  ], 1791676800000));
  expect(first[0].items).toEqual([{ title: '已揽收', price: 0 }, { title: '长'.repeat(300) }, { title: '派件中' }]);
  expect(r2.orders).toEqual([]);
  expect(after).toEqual(first);
});

it('an order listed twice in one batch with 150 different lines each keeps 200 lines (the schema limit), so it still exports', () => {
  const lines = (p: string) => Array.from({ length: 150 }, (_, i) => ({ title: `${p}${i}` }));
  const { first, r2 } = twice(listed([{ orderId: 'o3', items: lines('a') }, { orderId: 'o3', items: lines('b') }], 1791676800000));
  expect(first[0].items).toHaveLength(200);
  expect(first[0].items.slice(148, 152).map((i) => i.title)).toEqual(['a148', 'a149', 'b0', 'b1']);
  expect(r2.orders).toEqual([]);
  const bk = createBackup(first, [], [], 1791676800000);
  expect(validateBackup(backupToJson(bk)).ok).toBe(true);
});

// Fuzz counterexample (seed 589148288, after 19 705 runs): the unknown-carrier number first met only the zto
// parcel (not one of its candidate carriers) and was absorbed there; on the second read the ane parcel of the
// same batch existed too, and narrowing to the candidates sent the observation to ane instead. (ZTO issues
// 12-digit numbers too since the corpus work, so the known carrier here is one that is no candidate: Deppon.)
it('the same page read twice: a number the carrier of which is unknown stays on the parcel that absorbed it, even when that carrier is not a candidate', () => {
  const b: ObservationBatch = { platform: 'taobao', source: 'list', url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', observedAt: 946684800000, orders: [], parcels: [{ trackingNo: '300527476792', carrierId: 'deppon', orderIds: [] }, { trackingNo: '300527476792', orderIds: [] }, { trackingNo: '300527476792', carrierId: 'ane', orderIds: [] }] };
  const st = new MemoryMergeState();
  const n = normalizeBatch(b).batch;
  expect(n.parcels[1].carrierCandidates).toContain('ane');
  expect(n.parcels[1].carrierCandidates).not.toContain('deppon');
  st.ingest(n);
  expect(st.parcels.get('deppon:300527476792')?.carrierCandidates).toContain('ane');
  expect(st.parcels.get('ane:300527476792')?.carrierCandidates).toBeUndefined();
  const r2 = st.ingest(n);
  expect(r2.parcels).toEqual([]);
  expect(r2.changes).toEqual([]);
  expect(st.parcels.get('ane:300527476792')?.carrierCandidates).toBeUndefined();
});
