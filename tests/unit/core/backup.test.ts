import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUserFields, backupToBatches, backupToJson, createBackup, createdParcelKeys, restoreReport, validateBackup, type Backup } from '../../../src/core/backup';
import { MemoryMergeState, type MergeResult, type NormalizedBatch, type NormalizedParcelObservation } from '../../../src/core/merge';
import { ORDER_STATUSES, PARCEL_STATUSES, SOURCES, type EventObservation, type OrderObservation, type Platform, type Source } from '../../../src/core/model';

const T0 = 1_763_000_000_000;
const TRACKING: Record<string, string> = { '73100059800035': 'zto', YT1447279684726: 'yto', '73610555582883': 'zto', YT8962646785389: 'yto' };
const TEXTS = ['已揽收', '【郑州转运中心】 已发出 下一站 【漯河转运中心公司】', '派件中', '快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件', '已签收,感谢使用顺丰', '派件异常', '客户拒收', '清关中'];
const ORDER_IDS = ['4901234567890123456', '4901234567890123457', 'o3'];

const eventArb = fc.record({ t: fc.integer({ min: 1, max: 30 }), i: fc.integer({ min: 0, max: TEXTS.length - 1 }) }).map(({ t, i }) => {
  const e: EventObservation = { time: T0 + t * 1000, text: TEXTS[i] };
  if ((t + i) % 3 === 0) e.location = `loc${t}`;
  if ((t * 7 + i) % 5 === 0) e.status = 'in_transit';
  return e;
});

const parcelArb = (source: Source) =>
  fc
    .record({
      no: fc.constantFrom(...Object.keys(TRACKING)),
      known: fc.boolean(),
      orderIds: fc.subarray(ORDER_IDS, { maxLength: 2 }),
      direction: fc.constantFrom(undefined, 'outbound' as const, 'return' as const),
      status: fc.option(fc.constantFrom(...PARCEL_STATUSES), { nil: undefined }),
      events: fc.array(eventArb, { maxLength: 3 }),
      withText: fc.boolean(),
      withCode: fc.boolean(),
      withName: fc.boolean(),
      withCands: fc.boolean(),
    })
    .map((g): NormalizedParcelObservation => {
      const p: NormalizedParcelObservation = { trackingNo: g.no, carrierId: g.known ? TRACKING[g.no] : 'unknown', orderIds: g.orderIds, events: g.events };
      if (g.direction) p.direction = g.direction;
      if (g.status) p.status = g.status;
      if (g.withText) p.statusText = `st-${g.no}-${source}`;
      if (g.withCode) Object.assign(p, { pickupCode: `code-${g.no}`, station: `station-${g.no}` });
      if (g.withName) Object.assign(p, { carrierName: `name-${g.no}-${source}`, shippedAt: T0 + SOURCES.indexOf(source), phoneTail: '1234' });
      if (g.withCands) p.carrierCandidates = [TRACKING[g.no], 'best'];
      return p;
    });

const orderArb = (platform: Platform, source: Source) =>
  fc
    .record({
      id: fc.constantFrom(...ORDER_IDS),
      status: fc.option(fc.constantFrom(...ORDER_STATUSES), { nil: undefined }),
      nItems: fc.integer({ min: 0, max: 3 }),
      withShop: fc.boolean(),
      withAmount: fc.boolean(),
    })
    .map((g): OrderObservation => {
      const o: OrderObservation = { orderId: g.id, statusText: `ot-${platform}-${source}` };
      if (g.status) o.status = g.status;
      o.items = [1, 2, 3].slice(0, g.nItems).map((n) => ({ title: `item-${g.id}-${n}`, itemId: `${g.id}${n}`, price: n * 100 }));
      if (g.withShop) o.shopName = `=shop-${g.id}-${source}`;
      if (g.withAmount) o.amount = 1000 + SOURCES.indexOf(source);
      return o;
    });

const batchArb = fc
  .record({ platform: fc.constantFrom<Platform>('taobao', 'douyin'), source: fc.constantFrom(...SOURCES), at: fc.integer({ min: 1, max: 30 }) })
  .chain(({ platform, source, at }) =>
    fc
      .record({ orders: fc.array(orderArb(platform, source), { maxLength: 2 }), parcels: fc.array(parcelArb(source), { maxLength: 3 }) })
      .map((x): NormalizedBatch => ({ platform, source, url: 'https://example.test/', observedAt: T0 + at * 1000, ...x })),
  );

const build = (bs: NormalizedBatch[]) => {
  const s = new MemoryMergeState();
  bs.forEach((b, i) => s.ingest(b, T0 + 100_000 + i));
  return s;
};

const backupOf = (s: MemoryMergeState): Backup => createBackup([...s.orders.values()], [...s.parcels.values()], s.allEvents(), T0 + 500_000, { phoneTails: true });

/** Records minus what a restore does not carry over: which source set a field, and the merge clock. */
function snapshot(s: MemoryMergeState) {
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
  return {
    orders: [...s.orders.values()].map(({ sources: _s, ...o }) => plain(o)).sort((a, b) => String(a.key).localeCompare(String(b.key))),
    parcels: [...s.parcels.values()]
      .map(({ sources: _s, updatedAt: _u, ...p }) => plain(p))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    events: s.allEvents().map(plain).sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
}

const restore = (text: string, into = new MemoryMergeState()) => {
  const v = validateBackup(text);
  if (!v.ok) throw new Error(v.error);
  const plan = backupToBatches(v.backup);
  const results: MergeResult[] = plan.batches.map((b) => into.ingest(b, T0 + 900_000));
  into.apply({ orders: [], parcels: applyUserFields(into, plan.userFields, createdParcelKeys(results)), events: [], removedParcelKeys: [], changes: [] });
  return { state: into, report: restoreReport(v.backup, plan, results), plan };
};

describe('backup round trip', () => {
  it('export → validate → import into an empty store gives the same records (property)', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { minLength: 1, maxLength: 8 }), (bs) => {
        const original = build(bs);
        // The user's own fields on some parcels (set through the popup, not by observations).
        [...original.parcels.values()].forEach((p, i) => {
          if (i % 2 === 0) original.parcels.set(p.key, { ...p, note: `note ${i}`, archived: (i % 4 === 0 ? 1 : 0) as 0 | 1 });
        });
        const { state, report } = restore(backupToJson(backupOf(original)));
        expect(snapshot(state)).toEqual(snapshot(original));
        expect(report.rejected).toEqual([]);
        expect(report.orders.added).toBe(original.orders.size);
        expect(report.parcels.added).toBe(original.parcels.size);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  }, 600_000);

  it('restoring twice changes nothing the second time', () => {
    const s = build([
      {
        platform: 'taobao',
        source: 'detail',
        url: 'https://x.test/',
        observedAt: T0,
        orders: [{ orderId: ORDER_IDS[0], shopName: 'S', amount: 1234 }],
        parcels: [{ trackingNo: '73100059800035', carrierId: 'zto', orderIds: [ORDER_IDS[0]], events: [{ time: T0 - 5000, text: '已揽收' }] }],
      },
    ]);
    const text = backupToJson(backupOf(s));
    const first = restore(text);
    const again = restore(text, first.state);
    expect(again.report.orders).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.report.parcels).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.report.events).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(first.report.events.added).toBe(1);
  });

  it('import never overwrites newer captured data', () => {
    const old = build([{ platform: 'taobao', source: 'list', url: 'https://x.test/', observedAt: T0, orders: [{ orderId: 'o1', shopName: 'old shop' }], parcels: [] }]);
    const now = build([{ platform: 'taobao', source: 'list', url: 'https://x.test/', observedAt: T0 + 1000, orders: [{ orderId: 'o1', shopName: 'new shop' }], parcels: [] }]);
    const { state, report } = restore(backupToJson(backupOf(old)), now);
    expect(state.orders.get('taobao:o1')!.shopName).toBe('new shop');
    expect(report.orders).toEqual({ added: 0, updated: 1, unchanged: 0 }); // firstSeen moved earlier
  });
});

describe('validateBackup', () => {
  const good = () => {
    const s = build([{ platform: 'douyin', source: 'list', url: 'https://x.test/', observedAt: T0, orders: [{ orderId: 'd1' }], parcels: [{ trackingNo: 'YT1447279684726', carrierId: 'yto', orderIds: ['d1'] }] }]);
    return JSON.parse(backupToJson(backupOf(s))) as Record<string, unknown> & { orders: Record<string, unknown>[]; parcels: Record<string, unknown>[] };
  };

  it('accepts a good file (with a BOM) and strips unknown keys', () => {
    const b = good();
    b.orders[0].extra = 'x';
    (b as Record<string, unknown>).settings = { apiKey: 'secret' };
    const r = validateBackup(`\uFEFF${JSON.stringify(b)}`);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect('extra' in r.backup.orders[0]).toBe(false);
      expect('settings' in r.backup).toBe(false);
    }
  });

  it.each([
    ['truncated JSON', (s: string) => s.slice(0, s.length - 10), /not valid JSON/],
    ['__proto__ key', (s: string) => s.replace('"orderId"', '"__proto__":{"x":1},"orderId"'), /forbidden key "__proto__"/],
    ['constructor key', (s: string) => s.replace('"orderId"', '"constructor":1,"orderId"'), /forbidden key "constructor"/],
    ['wrong version', (s: string) => s.replace('"version":1', '"version":2'), /unsupported backup version 2/],
    ['wrong format', (s: string) => s.replace('parcel-hub-backup', 'other'), /not a Parcel Hub backup/],
    ['wrong type', (s: string) => s.replace(/"amount":\d+|"orderId":"d1"/, '"orderId":5'), /invalid backup: orders\.0\.orderId/],
    ['bad status', (s: string) => s.replace('"status":"shipped"', '"status":"lost"'), /invalid backup: orders\.0\.status/],
    ['key mismatch', (s: string) => s.replace('"key":"douyin:d1"', '"key":"taobao:d1"'), /key does not match/],
  ])('rejects %s', (_name, mutate, error) => {
    const r = validateBackup(mutate(JSON.stringify(good())));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('rejects a file over the size limit', () => {
    const r = validateBackup(JSON.stringify(good()), 100);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });

  it('rejects non-object JSON', () => {
    expect(validateBackup('[1,2]').ok).toBe(false);
    expect(validateBackup('null').ok).toBe(false);
  });

  it('reports orphan events and unknown carriers as rejected, restores the rest', () => {
    const b = good();
    b.parcels.push({ ...b.parcels[0], key: 'nosuch:123456789012', carrier: 'nosuch', trackingNo: '123456789012' });
    (b as unknown as { events: unknown[] }).events = [{ id: 'x', parcelKey: 'zto:1', time: T0, text: 'hi', status: 'unknown' }];
    const r = validateBackup(JSON.stringify(b));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const plan = backupToBatches(r.backup);
    expect(plan.rejected.map((x) => x.reason)).toEqual(['unknown carrier "nosuch"', 'event of a parcel not in the backup']);
    const s = new MemoryMergeState();
    const rep = restoreReport(r.backup, plan, plan.batches.map((x) => s.ingest(x)));
    expect(rep.parcels).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(s.parcels.size).toBe(1);
  });
});

describe('restore into the database (one transaction)', () => {
  let n = 0;
  const fresh = async () => {
    const { ParcelHubDb } = await import('../../../src/db/schema');
    const db = new ParcelHubDb(`backup-test-${++n}`);
    await db.open();
    return db;
  };

  it('restores a backup with the same result as the in-memory merge, and reports it', async () => {
    const { restoreBackup } = await import('../../../src/background/backup-handlers');
    const s = build([
      {
        platform: 'taobao',
        source: 'detail',
        url: 'https://x.test/',
        observedAt: T0,
        orders: [{ orderId: ORDER_IDS[0], shopName: 'S', amount: 1234 }, { orderId: 'o3' }],
        parcels: [
          { trackingNo: '73100059800035', carrierId: 'zto', orderIds: [ORDER_IDS[0]], events: [{ time: T0 - 5000, text: '已揽收' }] },
          { trackingNo: 'YT1447279684726', carrierId: 'unknown', orderIds: [ORDER_IDS[0]], status: 'in_transit' },
        ],
      },
    ]);
    const db = await fresh();
    const reply = await restoreBackup(db, backupToJson(backupOf(s)), T0 + 900_000);
    expect(reply).toMatchObject({ ok: true, report: { orders: { added: 2 }, parcels: { added: 2 }, events: { added: 1 }, rejected: [] } });
    const expected = restore(backupToJson(backupOf(s))).state;
    const got = new MemoryMergeState();
    got.apply({ orders: await db.orders.toArray(), parcels: await db.parcels.toArray(), events: await db.events.toArray(), removedParcelKeys: [], changes: [] });
    expect(snapshot(got)).toEqual(snapshot(expected));
    const again = await restoreBackup(db, backupToJson(backupOf(s)), T0 + 900_000);
    expect(again).toMatchObject({ ok: true, changes: 0, report: { orders: { added: 0, updated: 0, unchanged: 2 } } });
    await db.delete();
  });

  it('a bad file changes nothing', async () => {
    const { restoreBackup, deleteAll } = await import('../../../src/background/backup-handlers');
    const db = await fresh();
    await db.orders.put({ key: 'taobao:k', platform: 'taobao', orderId: 'k', items: [], status: 'unknown', parcelKeys: [], firstSeen: T0, lastSeen: T0, sources: {} });
    const text = backupToJson(backupOf(build([{ platform: 'taobao', source: 'list', url: 'u', observedAt: T0, orders: [{ orderId: 'new' }], parcels: [] }])));
    expect(await restoreBackup(db, text.slice(0, -3))).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(await restoreBackup(db, text.replace('"version":1', '"version":9'))).toMatchObject({ ok: false });
    expect(await db.orders.count()).toBe(1);
    await deleteAll(db);
    expect(await db.orders.count()).toBe(0);
    await db.delete();
  });
});

describe('backup messages', () => {
  it('are accepted from extension pages only', async () => {
    const { checkSender } = await import('../../../src/background/router');
    const { MESSAGE_ORIGIN } = await import('../../../src/shared/messages');
    const origin = 'chrome-extension://abc/';
    for (const type of ['backup/restore', 'backup/chunk', 'data/delete-all'] as const) {
      expect(MESSAGE_ORIGIN[type]).toBe('extension');
      expect(checkSender(type, { id: 'abc', url: `${origin}options.html` }, 'abc', origin).ok).toBe(true);
      const tab = 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm';
      expect(checkSender(type, { id: 'abc', url: tab, tab: { url: tab } }, 'abc', origin).ok).toBe(false);
    }
  });
});
