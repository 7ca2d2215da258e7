// The refresh cycle against fake sources on fake-indexeddb: what is due, per-host rate limit, cap per
// wake-up, backoff, bad keys, rate limits, signed-out answers, and a worker stopped mid-cycle.
import { beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/db/ingest';
import { ParcelHubDb } from '../../../src/db/schema';
import { loadState, runRefresh, scheduleFor } from '../../../src/refresh/scheduler';
import type { RefreshResult, RefreshTarget, TrackingSource } from '../../../src/refresh/source';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../../src/core/settings';
import type { ObservationBatch, ParcelStatus } from '../../../src/core/model';
import { REFRESH_INTERVAL_MS } from '../../../src/core/schedule';

const T0 = Date.UTC(2026, 10, 22, 2);
const H = 3600_000;
let db: ParcelHubDb;
let dbN = 0;

/** A fake clock: sleep advances it. */
function clock(start = T0) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

const no = (i: number) => `YT${String(9_000_000_000_000 + i)}`;

async function seed(n: number, status: ParcelStatus = 'in_transit', at = T0 - 3 * H) {
  const batch: ObservationBatch = {
    platform: 'taobao',
    source: 'list',
    url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
    observedAt: at,
    orders: Array.from({ length: n }, (_, i) => ({ orderId: String(4_000_000_000_000_000 + i), shopName: '店', items: [{ title: `商品${i}` }], statusText: '卖家已发货' })),
    parcels: Array.from({ length: n }, (_, i) => ({ trackingNo: no(i), carrierName: '圆通速递', orderIds: [String(4_000_000_000_000_000 + i)], status, events: [{ time: at, text: '【杭州转运中心】已发出' }] })),
  };
  await ingest(db, batch, at);
}

interface Fake extends TrackingSource {
  calls: RefreshTarget[][];
}

function fakeSource(id: TrackingSource['id'], answer: (t: RefreshTarget, call: number) => Partial<RefreshResult>, extra: Partial<TrackingSource> = {}): Fake {
  const calls: RefreshTarget[][] = [];
  return {
    id,
    origins: [],
    host: `${id}.example`,
    minIntervalMs: 1000,
    maxBatch: 1,
    enabled: () => true,
    canRefresh: () => true,
    calls,
    async refresh(targets) {
      calls.push(targets);
      return targets.map((t) => ({ key: t.key, outcome: 'ok' as const, ...answer(t, calls.length) }));
    },
    ...extra,
  };
}

const delivered = (t: RefreshTarget, at: number): Partial<RefreshResult> => ({
  outcome: 'ok',
  batch: {
    platform: 'taobao',
    source: 'refresh',
    url: 'https://buyertrade.taobao.com/trade/json/transit_step.do',
    observedAt: at,
    orders: [],
    parcels: [{ trackingNo: t.trackingNo, carrierId: t.carrier, orderIds: [], events: [{ time: at - 60_000, text: '您的快件已签收，签收人：本人' }] }],
  },
});

const settings = (patch: Partial<Settings['refresh']> = {}): Settings => ({ ...DEFAULT_SETTINGS, refresh: { ...DEFAULT_SETTINGS.refresh, ...patch } });

beforeEach(async () => {
  db = new ParcelHubDb(`refresh-test-${dbN++}`);
  await db.open();
});

describe('runRefresh', () => {
  it('refreshes what is due, merges the answer and schedules the next check', async () => {
    await seed(3);
    const c = clock(T0 + 3 * H); // seeded 3 h ago: due (in transit every 2 h)
    const src = fakeSource('taobao', (t) => delivered(t, c.now()));
    const s = await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(s).toMatchObject({ due: 3, refreshed: 3, changed: 3, requests: 3 });
    const rows = await db.parcels.toArray();
    expect(rows.map((p) => p.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(rows.every((p) => p.nextCheckAt === 0 && p.refresh?.outcome === 'ok')).toBe(true);
    expect(await db.events.filter((e) => e.text === '您的快件已签收，签收人：本人').count()).toBe(3);
  });

  it('leaves parcels that are not due alone', async () => {
    await seed(2);
    const c = clock(T0 - 3 * H + 60_000); // a minute after capture: next check is ~2 h away
    const src = fakeSource('taobao', (t) => delivered(t, c.now()));
    const s = await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(s.due).toBe(0);
    expect(src.calls).toEqual([]);
  });

  it('waits the per-host gap between requests (fake clock) and caps one wake-up', async () => {
    await seed(5);
    const c = clock(T0 + 3 * H);
    const starts: number[] = [];
    const src = fakeSource('taobao', (t) => {
      starts.push(c.now());
      return delivered(t, c.now());
    });
    const s = await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep, limit: 4 });
    expect(s.requests).toBe(4);
    expect(starts.slice(1).map((t, i) => t - starts[i])).toEqual([1000, 1000, 1000]);
    expect(await db.parcels.filter((p) => p.status === 'in_transit').count()).toBe(1); // the fifth waits for the next wake
  });

  it('keeps the host gap across runs (state in the database)', async () => {
    await seed(2);
    const c = clock(T0 + 3 * H);
    const starts: number[] = [];
    const src = fakeSource('taobao', (t) => (starts.push(c.now()), delivered(t, c.now())));
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep, limit: 1 });
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep, limit: 1 });
    expect(starts[1] - starts[0]).toBe(1000);
    expect((await loadState(db)).hostNextAt['taobao.example']).toBe(starts[1] + 1000);
  });

  it('backs off exponentially on errors and resets after success', async () => {
    await seed(1);
    const c = clock(T0 + 3 * H);
    let fail = true;
    const src = fakeSource('taobao', () => (fail ? { outcome: 'error' } : { outcome: 'ok', batch: undefined }));
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
      const p = (await db.parcels.toArray())[0];
      gaps.push(p.nextCheckAt - c.now());
      c.advance(p.nextCheckAt - c.now());
    }
    const base = REFRESH_INTERVAL_MS.in_transit;
    gaps.forEach((g, i) => expect(g / (base * 2 ** (i + 1))).toBeCloseTo(1, 0)); // 4 h, 8 h, 16 h (±10 % jitter)
    expect((await db.parcels.toArray())[0].refresh?.errors).toBe(3);
    fail = false;
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect((await db.parcels.toArray())[0].refresh?.errors).toBe(0);
  });

  it('tries sources in the user order and skips one that cannot query a parcel', async () => {
    await seed(2);
    const c = clock(T0 + 3 * H);
    const k100 = fakeSource('kuaidi100', (t) => delivered(t, c.now()), { canRefresh: (t) => t.trackingNo === no(0) });
    const tb = fakeSource('taobao', (t) => delivered(t, c.now()));
    await runRefresh({ db, sources: [tb, k100], settings: settings({ sourceOrder: ['kuaidi100', 'taobao', 'seventeen_track', 'page_visit'] }), fetch, now: c.now, sleep: c.sleep });
    expect(k100.calls.flat().map((t) => t.trackingNo)).toEqual([no(0)]);
    expect(tb.calls.flat().map((t) => t.trackingNo)).toEqual([no(1)]);
  });

  it('stops using a source whose key is refused, until the key changes', async () => {
    await seed(3);
    const c = clock(T0 + 3 * H);
    const base = parseSettings({ services: { kuaidi100: { enabled: true, customer: 'C', key: 'K1' } } });
    const k100 = fakeSource('kuaidi100', () => ({ outcome: 'bad_key', message: '签名验证失败' }));
    const s1 = await runRefresh({ db, sources: [k100], settings: base, fetch, now: c.now, sleep: c.sleep });
    expect(k100.calls.length).toBe(1);
    expect(s1.outcomes.bad_key).toBe(1);
    expect((await loadState(db)).badKey.kuaidi100?.message).toBe('签名验证失败');
    expect(JSON.stringify(await loadState(db))).not.toContain('K1');
    c.advance(H);
    await runRefresh({ db, sources: [k100], settings: base, fetch, now: c.now, sleep: c.sleep });
    expect(k100.calls.length).toBe(1); // not used again with the same key; the parcel waits its normal interval
    c.advance(3 * H);
    const fixed = parseSettings({ services: { kuaidi100: { enabled: true, customer: 'C', key: 'K2' } } });
    await runRefresh({ db, sources: [k100], settings: fixed, fetch, now: c.now, sleep: c.sleep });
    expect(k100.calls.length).toBe(2);
  });

  it('honours a rate limit: stops the source and waits Retry-After', async () => {
    await seed(3);
    const c = clock(T0 + 3 * H);
    const src = fakeSource('seventeen_track', () => ({ outcome: 'rate_limited', retryAfterMs: 30 * 60_000 }));
    const s = await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep, budgetMs: 60_000 });
    expect(src.calls.length).toBe(1);
    expect(s.deferred).toBe(2);
    expect((await loadState(db)).hostNextAt['seventeen_track.example']).toBe(c.now() + 30 * 60_000);
    // within the budget the next run does not wait 30 minutes: it defers instead
    const s2 = await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep, budgetMs: 60_000 });
    expect(src.calls.length).toBe(1);
    expect(s2.deferred).toBeGreaterThan(0);
  });

  it('marks the source\'s platform (Taobao) "needs sign-in" on a signed-out answer and stops asking it', async () => {
    await seed(3);
    const c = clock(T0 + 3 * H);
    const src = fakeSource('taobao', () => ({ outcome: 'signed_out' }), { platform: 'taobao' });
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(src.calls.length).toBe(1);
    expect((await db.meta.get('platform:taobao'))?.value).toMatchObject({ needsSignIn: true });
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(src.calls.length).toBe(1);
  });

  it('schedules a parcel no source can query at its normal interval instead of spinning', async () => {
    await seed(1);
    const c = clock(T0 + 3 * H);
    const s = await runRefresh({ db, sources: [], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(s.outcomes.no_source).toBe(1);
    const p = (await db.parcels.toArray())[0];
    expect(p.nextCheckAt).toBeGreaterThan(c.now() + H);
  });

  it('a worker stopped mid-cycle loses nothing: finished parcels are done, the rest still due', async () => {
    await seed(4);
    const c = clock(T0 + 3 * H);
    const src = fakeSource('taobao', (t) => delivered(t, c.now()));
    let done = 0;
    await expect(
      runRefresh({
        db,
        sources: [src],
        settings: settings(),
        fetch,
        now: c.now,
        sleep: c.sleep,
        onParcelDone: () => {
          if (++done === 2) throw new Error('worker stopped');
        },
      }),
    ).rejects.toThrow('worker stopped');
    expect(await db.parcels.filter((p) => p.status === 'delivered').count()).toBe(2);
    const rest = await db.parcels.filter((p) => p.status === 'in_transit').toArray();
    expect(rest.every((p) => p.nextCheckAt > 0 && p.nextCheckAt <= c.now())).toBe(true);
    // the next wake finishes the job, and asks only for the two that were left
    const before = src.calls.length;
    await runRefresh({ db, sources: [src], settings: settings(), fetch, now: c.now, sleep: c.sleep });
    expect(src.calls.length - before).toBe(2);
    expect(await db.parcels.filter((p) => p.status === 'delivered').count()).toBe(4);
  });

  it('gives never-scheduled moving parcels a time, and never a final one', async () => {
    await seed(1);
    await db.parcels.toCollection().modify({ nextCheckAt: 0 });
    await runRefresh({ db, sources: [], settings: settings(), fetch, now: () => T0, sleep: async () => {}, limit: 0 });
    expect((await db.parcels.toArray())[0].nextCheckAt).toBeGreaterThan(T0);
    expect(scheduleFor('delivered', T0, 0, settings())).toBe(0);
    expect(scheduleFor('in_transit', T0, 0, settings({ intervalFactor: 0.5 }), 0.5)).toBe(T0 + REFRESH_INTERVAL_MS.in_transit / 2);
  });
});
