import { expect, it } from 'vitest';
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
