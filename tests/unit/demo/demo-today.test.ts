// The demo clock: every time in today's demo is computed from `now`, never in the future, and the fixture
// shifter moves every time format by the same amount.
import { describe, expect, it } from 'vitest';
import { douyinAfterSaleList, douyinOrderList, kuaishouOrderList, shiftFixtureTimes } from '../../fixtures/demo-today';

const DAY = 86_400_000;

/** Every number in a payload that looks like a time (seconds or milliseconds since 2015), as ms. */
function timesIn(payload: unknown): number[] {
  const out: number[] = [];
  JSON.stringify(payload, (_k, v) => {
    if (typeof v === 'number' && v > 1.4e9 && v < 2.1e9) out.push(v * 1000);
    else if (typeof v === 'number' && v > 1.4e12 && v < 2.1e12) out.push(v);
    return v;
  });
  return out;
}

describe('demo dated today', () => {
  // Early morning, late evening, New Year's Eve, a leap day: the demo must hold on any day at any hour.
  const nows = [new Date(2027, 0, 5, 2, 10), new Date(2027, 5, 18, 23, 50), new Date(2026, 11, 31, 9, 30), new Date(2028, 1, 29, 12, 0)].map((d) => d.getTime());

  it.each(nows)('puts every time of every payload in the last two weeks, none in the future (now=%s)', (now) => {
    for (const payload of [douyinOrderList(now), douyinAfterSaleList(now), kuaishouOrderList(now)]) {
      const times = timesIn(payload);
      expect(times.length).toBeGreaterThan(1);
      for (const t of times) {
        expect(t).toBeLessThanOrEqual(now);
        expect(t).toBeGreaterThan(now - 14 * DAY);
      }
    }
  });

  it.each(nows)('keeps the states: a station drop-off since yesterday, a parcel out this morning, a stall of three days (now=%s)', (now) => {
    const ks = kuaishouOrderList(now) as { data: { orderList: { expressInfo: { traceList?: { time: number; desc: string }[] } }[] } };
    const station = ks.data.orderList[0].expressInfo.traceList![0];
    expect(station.desc).toContain('取件码 6-2-3018');
    expect(new Date(station.time).getDate()).toBe(new Date(now - DAY).getDate());
    const stalled = ks.data.orderList[1].expressInfo.traceList![0];
    expect(Math.round((now - stalled.time) / DAY)).toBe(3);
    const dy = douyinOrderList(now) as { data: { orders: { logistics_info?: { traces?: { time: number }[] } }[] } };
    const out = dy.data.orders[0].logistics_info!.traces![0].time * 1000;
    expect(now - out).toBeGreaterThan(0);
    expect(now - out).toBeLessThan(DAY);
  });

  it('shifts seconds, milliseconds, date-time strings and 月日 promise text by the same offset', () => {
    const text = JSON.stringify({ s: 1731229509, ms: 1731229509000, at: '2024-11-10 21:05:09', day: '2024-11-10', promise: '11月12日 14:44前发货', id: '3962004417789320055', phone: 13812345678 });
    const shifted = JSON.parse(shiftFixtureTimes(text, 2 * DAY + 3_600_000));
    expect(shifted.s).toBe(1731229509 + 2 * 86_400 + 3600);
    expect(shifted.ms).toBe(1731229509000 + 2 * DAY + 3_600_000);
    expect(shifted.at).toBe('2024-11-12 22:05:09');
    expect(shifted.day).toBe('2024-11-12');
    expect(shifted.promise).toBe('11月14日 15:44前发货');
    // Long ids and phone-shaped numbers are not times.
    expect(shifted.id).toBe('3962004417789320055');
    expect(shifted.phone).toBe(13812345678);
  });
});
