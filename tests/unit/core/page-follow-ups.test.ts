// Which followed pages (JD's logistics page of a shipped order) the background may open, and how many.
import { describe, expect, it } from 'vitest';
import { PAGE_FOLLOW_UP_RULES as R, planPageFollowUps, type FollowOrderFacts } from '../../../src/core/page-follow-ups';

const NOW = Date.UTC(2026, 11, 1, 4);
const H = 3_600_000;
const c = (id: string) => ({ orderId: id, url: `https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?dealId=${id}` });
const shipped: FollowOrderFacts = { status: 'shipped', hasParcel: false };

describe('planPageFollowUps', () => {
  it('opens shipped orders without a parcel, in the order given', () => {
    const plan = planPageFollowUps([c('1'), c('2')], () => shipped, [], NOW);
    expect(plan.open.map((x) => x.orderId)).toEqual(['1', '2']);
  });

  it('never opens unshipped, cancelled, completed or unknown orders, nor one that has a parcel', () => {
    const facts: Record<string, FollowOrderFacts | undefined> = {
      a: { status: 'unshipped', hasParcel: false },
      b: { status: 'cancelled', hasParcel: false },
      c: { status: 'completed', hasParcel: false },
      d: undefined,
      e: { status: 'shipped', hasParcel: true },
      f: shipped,
    };
    const plan = planPageFollowUps(['a', 'b', 'c', 'd', 'e', 'f'].map(c), (id) => facts[id], [], NOW);
    expect(plan.open.map((x) => x.orderId)).toEqual(['f']);
    expect(plan.skipped).toEqual({ notShipped: 4, hasParcel: 1, coolingDown: 0, overCap: 0 });
  });

  it('an order opened within the cool-down is left; after it, opened again', () => {
    const inside = planPageFollowUps([c('1')], () => ({ ...shipped, lastOpenedAt: NOW - R.coolDownMs + 60_000 }), [], NOW);
    expect(inside.open).toEqual([]);
    expect(inside.skipped.coolingDown).toBe(1);
    const after = planPageFollowUps([c('1')], () => ({ ...shipped, lastOpenedAt: NOW - R.coolDownMs - 1 }), [], NOW);
    expect(after.open.map((x) => x.orderId)).toEqual(['1']);
  });

  it('at most perCapture pages for one capture, duplicates counted once', () => {
    const ids = Array.from({ length: R.perCapture + 3 }, (_, i) => String(i));
    const plan = planPageFollowUps([...ids, '0', '1'].map(c), () => shipped, [], NOW);
    expect(plan.open.length).toBe(R.perCapture);
    expect(plan.skipped.overCap).toBe(3);
  });

  it('the hourly cap counts pages opened in the last hour only', () => {
    const ids = Array.from({ length: R.perCapture }, (_, i) => String(i));
    const nearlyFull = Array.from({ length: R.perHour - 2 }, (_, i) => NOW - i * 60_000);
    expect(planPageFollowUps(ids.map(c), () => shipped, nearlyFull, NOW).open.length).toBe(2);
    const full = Array.from({ length: R.perHour }, () => NOW - 10 * 60_000);
    expect(planPageFollowUps(ids.map(c), () => shipped, full, NOW).open).toEqual([]);
    const old = Array.from({ length: R.perHour }, () => NOW - H - 1);
    expect(planPageFollowUps(ids.map(c), () => shipped, old, NOW).open.length).toBe(R.perCapture);
  });

  it('the pace stays a few pages a minute', () => {
    expect(60_000 / R.gapMs).toBeLessThanOrEqual(3);
    expect(R.tabTimeoutMs).toBeLessThanOrEqual(60_000);
  });
});
