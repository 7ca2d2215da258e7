// Streamed (version 2) restore: checked whole before anything is written, written group by group, and
// idempotent — restoring twice, or cancelling part-way and restoring again, gives the same database as one
// restore. Pieces are cut at awkward sizes so groups, strings and escapes span pieces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupSplitter, groupRecords, streamBackupText, type BackupGroup } from '../../../src/core/backup-stream';
import type { ObservationBatch } from '../../../src/core/model';
import { ingest } from '../../../src/db/ingest';
import { piecesOf, restoreStream } from '../../../src/db/restore-stream';
import { ParcelHubDb } from '../../../src/db/schema';
import { bigHistory } from '../../fixtures/big-history';

const NOW = Date.UTC(2026, 10, 22);
let n = 0;
const dbs: ParcelHubDb[] = [];
const fresh = async () => {
  const db = new ParcelHubDb(`restore-stream-${++n}`);
  await db.open();
  dbs.push(db);
  return db;
};
beforeEach(() => {
  dbs.length = 0;
});
afterEach(async () => {
  for (const db of dbs) await db.delete();
});

const dump = async (db: ParcelHubDb) => ({
  orders: await db.orders.orderBy('key').toArray(),
  parcels: await db.parcels.orderBy('key').toArray(),
  events: await db.events.orderBy('id').toArray(),
});

function history(orders = 60, eventsPer = 4): BackupGroup[] {
  const s = bigHistory({ orders, eventsPer });
  const parcels = [...s.parcels.values()];
  // A note, an archived parcel and text needing escapes, so they round-trip through the pieces.
  parcels[3] = { ...parcels[3], note: '放门卫 "quoted" \\ back\nslash {x} [y] }]', archived: 1 };
  return groupRecords([...s.orders.values()], parcels, s.allEvents(), 7);
}
const textOf = (groups: BackupGroup[]) => streamBackupText(groups, NOW - 1000);

describe('streamed backup: splitting', () => {
  it('hands out each group whole, whatever the piece size, and reads the header at the end', () => {
    const groups = history(30, 2);
    const text = textOf(groups);
    for (const size of [1, 7, 100, 4096, text.length]) {
      const s = new GroupSplitter();
      const out = [...piecesOf(text, size)].flatMap((p) => s.push(p));
      expect(out.map((t) => JSON.parse(t))).toEqual(JSON.parse(JSON.stringify(groups)));
      expect(s.finish()).toEqual({ format: 'parcel-hub-backup', version: 2, exportedAt: NOW - 1000, groups: groups.length });
    }
  });

  it('refuses a truncated file, text after its end, and a version-1 file (too much outside groups)', () => {
    const text = textOf(history(10, 1));
    const s = new GroupSplitter();
    s.push(text.slice(0, -1));
    expect(() => s.finish()).toThrow(/ends early/);
    expect(() => new GroupSplitter().push(`${text} {}`)).toThrow(/after the end/);
    const v1 = JSON.stringify({ format: 'parcel-hub-backup', version: 1, exportedAt: NOW, orders: [], parcels: Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, pad: 'x'.repeat(300) })) });
    expect(() => new GroupSplitter().push(v1)).toThrow(/version 2/);
  });
});

describe('streamed restore', () => {
  it('restores every record as exported; restoring again changes nothing (idempotent)', async () => {
    const groups = history();
    const text = textOf(groups);
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(text, 999), { now: NOW });
    if (!r.ok) throw new Error(r.error);
    expect(r.totals).toMatchObject({ groups: groups.length, parcels: 60, orders: 60, events: 240 });
    expect(r.report).toMatchObject({ orders: { added: 60 }, parcels: { added: 60 }, events: { added: 240 }, rejected: [] });
    const once = await dump(db);
    expect(once.parcels).toEqual(groups.flatMap((g) => g.parcels).sort((a, b) => a.key.localeCompare(b.key)));
    expect(once.events).toHaveLength(240);

    const again = await restoreStream(db, () => piecesOf(text, 5000), { now: NOW + 1000 });
    if (!again.ok) throw new Error(again.error);
    expect(again.report).toMatchObject({ orders: { added: 0, unchanged: 60 }, parcels: { added: 0, unchanged: 60 }, events: { added: 0, unchanged: 240 } });
    expect(await dump(db)).toEqual(once);
  });

  it('a cancel part-way leaves whole groups; restoring again gives the same database as one restore', async () => {
    const groups = history();
    const text = textOf(groups);
    const single = await fresh();
    const ok = await restoreStream(single, () => piecesOf(text, 3000), { now: NOW });
    expect(ok.ok).toBe(true);

    const db = await fresh();
    const cut = await restoreStream(db, () => piecesOf(text, 3000), { now: NOW, stopAfter: (w) => w.groups >= 3 });
    expect(cut).toMatchObject({ ok: false, cancelled: true });
    if (cut.ok) return;
    expect(cut.written.groups).toBeGreaterThanOrEqual(3);
    expect(cut.written.parcels).toBeLessThan(60);
    // Every written parcel is complete: its events and its orders are there, and nothing else is.
    const part = await dump(db);
    expect(part.parcels).toHaveLength(cut.written.parcels);
    expect(part.events).toHaveLength(cut.written.events);
    for (const p of part.parcels) {
      expect(part.events.filter((e) => e.parcelKey === p.key)).toHaveLength(4);
      for (const k of p.orderKeys) expect(part.orders.some((o) => o.key === k)).toBe(true);
    }
    const resumed = await restoreStream(db, () => piecesOf(text, 3000), { now: NOW + 5000 });
    expect(resumed.ok).toBe(true);
    expect(await dump(db)).toEqual(await dump(single));
  });

  it('an invalid record deep in the file: nothing is written, and the error says where', async () => {
    const groups = history();
    const bad = structuredClone(groups);
    const last = bad[bad.length - 1];
    (last.events[last.events.length - 1] as { time: unknown }).time = 'yesterday';
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(textOf(bad), 2048), { now: NOW });
    expect(r).toMatchObject({ ok: false, written: { groups: 0 } });
    if (!r.ok) expect(r.error).toMatch(new RegExp(`group ${bad.length}\\b`));
    expect(await dump(db)).toEqual({ orders: [], parcels: [], events: [] });
    // A file cut short changes nothing either.
    const text = textOf(groups);
    const cut = await restoreStream(db, () => piecesOf(text.slice(0, text.length - 50), 2048), { now: NOW });
    expect(cut.ok).toBe(false);
    expect(await db.parcels.count()).toBe(0);
  });

  it('a forbidden key anywhere fails the file', async () => {
    const text = textOf(history(10, 1)).replace('"shopName"', '"__proto__":{"x":1},"shopName"');
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(text, 100), { now: NOW });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/forbidden key "__proto__"/);
    expect(await db.orders.count()).toBe(0);
  });

  it('onto data captured since: merges (fills gaps, keeps newer data), and again is the same as once', async () => {
    const groups = history(20, 3);
    const text = textOf(groups);
    const db = await fresh();
    // A newer capture of the first order's parcel: a later event and a pickup code.
    const p0 = groups[0].parcels[0];
    const o0 = groups[0].orders.find((o) => o.key === p0.orderKeys[0])!;
    const batch: ObservationBatch = {
      platform: 'douyin', source: 'list', url: 'https://haohuo.jinritemai.com/api/order/list', observedAt: NOW, orders: [{ orderId: o0.orderId, status: 'shipped' }],
      parcels: [{ trackingNo: p0.trackingNo, carrierName: '圆通速递', orderIds: [o0.orderId], events: [{ time: NOW - 1000, text: '已到达【朝阳望京】驿站' }] }],
    };
    await ingest(db, batch, NOW);
    const r = await restoreStream(db, () => piecesOf(text, 4096), { now: NOW + 1 });
    if (!r.ok) throw new Error(r.error);
    expect(r.report.parcels.added).toBe(19);
    const once = await dump(db);
    expect(once.parcels).toHaveLength(20);
    expect(once.events.filter((e) => e.parcelKey === p0.key)).toHaveLength(4);
    expect(once.orders.find((o) => o.key === o0.key)?.shopName).toBe(o0.shopName);
    const again = await restoreStream(db, () => piecesOf(text, 4096), { now: NOW + 2 });
    expect(again.ok).toBe(true);
    expect(await dump(db)).toEqual(once);
  });
});

describe('streamed restore keeps the last-mile facts (issue #16)', () => {
  const lastMile = (groups: BackupGroup[]) => {
    const order = groups[0].orders[0];
    order.service = { text: '音尊达 · 送货上门', door: true };
    order.afterSale = {
      kind: 'return',
      state: 'pickup_booked',
      stateText: '已预约上门取件',
      since: { requested: NOW - 3 * 86_400_000, pickup_booked: NOW - 2 * 86_400_000 },
      pickupWindow: { from: NOW - 86_400_000, to: NOW - 86_400_000 + 7_200_000, text: '11月21日 09:00-11:00' },
      observedAt: NOW - 86_400_000,
    };
    return order;
  };

  it('into an empty database: the door promise and the after-sale come back as exported', async () => {
    const groups = history(10, 1);
    const order = lastMile(groups);
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(textOf(groups), 999), { now: NOW });
    if (!r.ok) throw new Error(r.error);
    const back = await db.orders.get(order.key);
    expect(back?.service).toEqual(order.service);
    expect(back?.afterSale).toEqual(order.afterSale);
  });

  it('onto a database holding the order without them: merged in, each state at its first time', async () => {
    const groups = history(10, 1);
    const order = lastMile(groups);
    const db = await fresh();
    // The same history restored first without the last-mile facts, so the second restore must merge.
    const plain = JSON.parse(JSON.stringify(groups)) as BackupGroup[];
    delete plain[0].orders[0].service;
    delete plain[0].orders[0].afterSale;
    const first = await restoreStream(db, () => piecesOf(textOf(plain), 999), { now: NOW });
    if (!first.ok) throw new Error(first.error);
    expect((await db.orders.get(order.key))?.afterSale).toBeUndefined();
    const r = await restoreStream(db, () => piecesOf(textOf(groups), 999), { now: NOW });
    if (!r.ok) throw new Error(r.error);
    const back = await db.orders.get(order.key);
    expect(back?.service).toEqual(order.service);
    expect(back?.afterSale).toMatchObject({ kind: 'return', state: 'pickup_booked', stateText: '已预约上门取件', since: order.afterSale!.since, pickupWindow: order.afterSale!.pickupWindow });
  });

  it('refuses an after-sale with a state no platform has (nothing written)', async () => {
    const groups = history(10, 1);
    const order = lastMile(groups);
    (order.afterSale as { since: Record<string, number> }).since.teleported = NOW;
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(textOf(groups), 999), { now: NOW });
    expect(r.ok).toBe(false);
    expect(await db.orders.count()).toBe(0);
  });
});

describe('streamed restore keeps an exchange parcel and its station evidence (issue #16)', () => {
  it('both into an empty database and merged onto one holding the parcel without them', async () => {
    const groups = history(10, 1);
    const p = groups[0].parcels[0];
    p.exchange = true;
    p.stationEvent = { time: NOW - 3_600_000, text: '您的快件已到达菜鸟驿站，请凭取件码取件', location: '杭州' };
    const db = await fresh();
    const r = await restoreStream(db, () => piecesOf(textOf(groups), 999), { now: NOW });
    if (!r.ok) throw new Error(r.error);
    const back = await db.parcels.get(p.key);
    expect(back?.exchange).toBe(true);
    expect(back?.stationEvent).toEqual(p.stationEvent);

    const plain = JSON.parse(JSON.stringify(groups)) as BackupGroup[];
    delete plain[0].parcels[0].exchange;
    const db2 = await fresh();
    const first = await restoreStream(db2, () => piecesOf(textOf(plain), 999), { now: NOW });
    if (!first.ok) throw new Error(first.error);
    expect((await db2.parcels.get(p.key))?.exchange).toBeUndefined();
    const again = await restoreStream(db2, () => piecesOf(textOf(groups), 999), { now: NOW });
    if (!again.ok) throw new Error(again.error);
    expect((await db2.parcels.get(p.key))?.exchange).toBe(true);
  });
});

describe('streamed restore: groups written without reading when nothing of them is here', () => {
  /** A history with every kind of fact a parcel or order can carry, so the two ways are compared on all. */
  function richHistory(): BackupGroup[] {
    const groups = history(40, 3);
    const o = groups[0].orders[0];
    o.service = { text: '音尊达 · 送货上门', door: true };
    o.afterSale = { kind: 'return', state: 'pickup_booked', stateText: '已预约上门取件', since: { requested: NOW - 3 * 86_400_000, pickup_booked: NOW - 2 * 86_400_000 }, observedAt: NOW - 86_400_000 };
    const p = groups[1].parcels[0];
    p.exchange = true;
    p.stationEvent = { time: NOW - 3_600_000, text: '您的快件已到达菜鸟驿站，请凭取件码取件', location: '杭州' };
    return groups;
  }

  it('into an empty database: every group goes the fast way, and the database is the one the exact way makes', async () => {
    const groups = richHistory();
    const text = textOf(groups);
    const fast = await fresh();
    const a = await restoreStream(fast, () => piecesOf(text, 1500), { now: NOW });
    const exact = await fresh();
    const b = await restoreStream(exact, () => piecesOf(text, 1500), { now: NOW, probe: false });
    if (!a.ok || !b.ok) throw new Error('restore failed');
    expect(a.ways).toEqual({ absent: groups.length, exact: 0, merged: 0 });
    expect(b.ways).toEqual({ absent: 0, exact: groups.length, merged: 0 });
    expect(a.report).toEqual(b.report);
    const d = await dump(fast);
    expect(d).toEqual(await dump(exact));
    expect(d.orders.find((o) => o.key === groups[0].orders[0].key)?.afterSale?.state).toBe('pickup_booked');
    expect(d.parcels.find((p) => p.key === groups[1].parcels[0].key)?.exchange).toBe(true);
    // Again: nothing written, each group read and found unchanged.
    const again = await restoreStream(fast, () => piecesOf(text, 1500), { now: NOW + 1 });
    if (!again.ok) throw new Error(again.error);
    expect(again.ways).toEqual({ absent: 0, exact: groups.length, merged: 0 });
    expect(again.report.parcels).toEqual({ added: 0, updated: 0, unchanged: 40 });
    expect(await dump(fast)).toEqual(d);
  });

  it('a cancel part-way, then the same file again: the groups written are read and kept, the rest go the fast way', async () => {
    const groups = richHistory();
    const text = textOf(groups);
    const single = await fresh();
    expect((await restoreStream(single, () => piecesOf(text, 2000), { now: NOW, probe: false })).ok).toBe(true);

    const db = await fresh();
    const cut = await restoreStream(db, () => piecesOf(text, 2000), { now: NOW, stopAfter: (w) => w.groups >= 2 });
    if (cut.ok || !cut.cancelled) throw new Error('not cancelled');
    expect(cut.written.groups).toBeGreaterThanOrEqual(2);
    expect(cut.written.groups).toBeLessThan(groups.length);
    const resumed = await restoreStream(db, () => piecesOf(text, 2000), { now: NOW + 5000 });
    if (!resumed.ok) throw new Error(resumed.error);
    expect(resumed.ways).toEqual({ absent: groups.length - cut.written.groups, exact: cut.written.groups, merged: 0 });
    expect(resumed.report.parcels.unchanged).toBe(cut.written.parcels);
    expect(await dump(db)).toEqual(await dump(single));
  });

  it('a record inside a group’s key span that the group lacks: read the exact way, same result', async () => {
    const groups = richHistory();
    const text = textOf(groups);
    // A database already holding one parcel (with its events and order) from the middle of group 2.
    const lone = groups[2].parcels[1];
    const only: BackupGroup[] = [{ orders: groups[2].orders.filter((o) => lone.orderKeys.includes(o.key)), parcels: [lone], events: groups[2].events.filter((e) => e.parcelKey === lone.key) }];
    const [db, ref] = [await fresh(), await fresh()];
    for (const d of [db, ref]) expect((await restoreStream(d, () => piecesOf(textOf(only), 5000), { now: NOW })).ok).toBe(true);
    const a = await restoreStream(db, () => piecesOf(text, 5000), { now: NOW + 1 });
    const b = await restoreStream(ref, () => piecesOf(text, 5000), { now: NOW + 1, probe: false });
    if (!a.ok || !b.ok) throw new Error('restore failed');
    expect(a.ways).toEqual({ absent: groups.length - 1, exact: 1, merged: 0 });
    expect(a.report).toEqual(b.report);
    expect(await dump(db)).toEqual(await dump(ref));
  });

  it('the same tracking number under another carrier is seen by the look and merged, as the exact way does', async () => {
    const groups = richHistory();
    const text = textOf(groups);
    // The database holds group 3's first tracking number as a parcel of unknown carrier (another key).
    const p = groups[3].parcels[0];
    const unknown = { ...p, key: `unknown:${p.trackingNo}`, carrier: 'unknown', orderKeys: [] as string[] };
    const [db, ref] = [await fresh(), await fresh()];
    for (const d of [db, ref]) await d.parcels.put(unknown);
    const a = await restoreStream(db, () => piecesOf(text, 5000), { now: NOW + 1 });
    const b = await restoreStream(ref, () => piecesOf(text, 5000), { now: NOW + 1, probe: false });
    if (!a.ok || !b.ok) throw new Error('restore failed');
    expect(a.ways).toEqual({ absent: groups.length - 1, exact: 0, merged: 1 });
    expect(b.ways.merged).toBe(1);
    expect(a.report).toEqual(b.report);
    expect(await dump(db)).toEqual(await dump(ref));
  });
});
