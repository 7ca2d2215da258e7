// The popup's indexed reads give the same sections as buildSections() over every record: the first screen
// (a few rows, exact counts) is a prefix of the full answer, whatever the mix of statuses, ages, archived
// parcels, parcels without events, unshipped orders and missed promises.
import { describe, expect, it } from 'vitest';
import { PARCEL_STATUSES, type OrderRecord, type ParcelRecord, type ParcelStatus } from '../../../src/core/model';
import { buildSections, compareEntries } from '../../../src/core/sections';
import { addToSearchIndex, applyFilters, buildSearchIndex } from '../../../src/core/popup-query';
import { findByTrackingPrefix, loadArchived, loadSections, needsUserTotal, type PopupData } from '../../../src/db/popup-data';
import { loadSectionsInChunks, type RowsChunk } from '../../../src/db/popup-rows';
import { ParcelHubDb } from '../../../src/db/schema';

const NOW = Date.UTC(2026, 10, 22, 4);
const H = 3600_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function dataset(seed: number, n: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  // Coarse times (whole hours; half within two days, the rest up to ten days back) so many rows tie.
  const time = () => NOW - Math.floor(r() * (r() < 0.5 ? 48 : 240)) * H;
  const parcels: ParcelRecord[] = [];
  const orders: OrderRecord[] = [];
  for (let i = 0; i < n; i++) {
    const status: ParcelStatus = pick([...PARCEL_STATUSES, 'in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered']);
    const t = time();
    const p: ParcelRecord = {
      key: `yto:YT${1000 + i}`, carrier: 'yto', trackingNo: `YT${1000 + i}`, direction: r() < 0.1 ? 'return' : 'outbound', orderKeys: [`douyin:${i}`], platforms: ['douyin'],
      status, nextCheckAt: 0, archived: r() < 0.15 ? 1 : 0, firstSeen: t - 5 * H, lastSeen: t, updatedAt: t, sources: {},
    };
    if (r() < 0.8) p.latestEvent = { time: t, text: `事件 ${i}` };
    if (r() < 0.3) p.shippedAt = t - 2 * H;
    if (status === 'delivered' && r() < 0.5) p.deliveredAt = t;
    parcels.push(p);
    const promise = r() < 0.2 ? { kind: pick(['ship_by', 'deliver_by'] as const), text: '次日达', at: NOW + (r() < 0.7 ? -1 : 1) * Math.floor(r() * 50) * H } : undefined;
    orders.push({
      key: `douyin:${i}`, platform: 'douyin', orderId: String(i), shopName: `店${i % 7}`, items: [{ title: `商品${i}` }], status: pick(['shipped', 'shipped', 'completed', 'unshipped']),
      parcelKeys: [p.key], firstSeen: t, lastSeen: t, sources: {}, ...(promise ? { promise } : {}),
    });
  }
  for (let i = 0; i < n / 5; i++) {
    const t = time();
    const promise = r() < 0.4 ? { kind: pick(['ship_by', 'deliver_by'] as const), text: '承诺48小时内发货', at: NOW + (r() < 0.6 ? -1 : 1) * 20 * H } : undefined;
    orders.push({ key: `kuaishou:${i}`, platform: 'kuaishou', orderId: `k${i}`, items: [{ title: `未发货 ${i}` }], status: pick(['unshipped', 'unshipped', 'cancelled']), parcelKeys: [], paidAt: t, firstSeen: t, lastSeen: t, sources: {}, ...(promise ? { promise } : {}) });
  }
  return { parcels, orders };
}

const keyOf = (e: { kind: string; parcel?: ParcelRecord; order?: OrderRecord }) => (e.kind === 'parcel' ? e.parcel!.key : e.order!.key);
const shape = (d: PopupData) => d.sections.map((s) => [s.id, s.count]);

describe('loadSections', () => {
  it.each([1, 2, 3])('matches buildSections over all records (seed %i), and every first screen is a prefix', async (seed) => {
    const { parcels, orders } = dataset(seed, 400);
    const db = new ParcelHubDb(`popup-data-${seed}-${Math.random()}`);
    await db.parcels.bulkPut(parcels);
    await db.orders.bulkPut(orders);

    const expected = buildSections(parcels, orders, NOW);
    const full = await loadSections(db, NOW);
    expect(full.complete).toBe(true);
    expect(shape(full)).toEqual(expected.map((s) => [s.id, s.entries.length]));
    expect(full.sections.map((s) => s.entries.map(keyOf))).toEqual(expected.map((s) => s.entries.map(keyOf)));
    expect(full.sections.map((s) => s.entries.map((e) => e.alert?.kind))).toEqual(expected.map((s) => s.entries.map((e) => e.alert?.kind)));
    // The data set covers what makes the ranges hard.
    const ids = expected.map((s) => s.id);
    expect(ids).toEqual(['awaiting_collection', 'attention', 'out_for_delivery', 'in_transit', 'unshipped', 'delivered']);
    const attention = expected.find((s) => s.id === 'attention')!.entries;
    expect(attention.some((e) => e.alert?.kind === 'promise_missed' && e.kind === 'parcel')).toBe(true);
    expect(attention.some((e) => e.alert?.kind === 'promise_missed' && e.kind === 'order')).toBe(true);
    expect(attention.some((e) => e.alert?.kind === 'stalled')).toBe(true);

    const flatKeys = expected.flatMap((s) => s.entries.map(keyOf));
    for (const rows of [0, 1, 7, 30, 120]) {
      const head = await loadSections(db, NOW, rows);
      expect(shape(head), `rows=${rows}`).toEqual(shape(full));
      expect(head.sections.flatMap((s) => s.entries.map(keyOf)), `rows=${rows}`).toEqual(flatKeys.slice(0, rows));
      expect(head.complete).toBe(false);
      // every parcel on show has its orders at hand
      for (const s of head.sections) for (const e of s.entries) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) expect(head.orders.has(k)).toBe(true);
    }
    const needs = expected.filter((s) => s.id === 'awaiting_collection' || s.id === 'attention').reduce((n, s) => n + s.entries.length, 0);
    expect(await needsUserTotal(db, NOW)).toBe(needs);
    db.close();
  });

  it('lists archived parcels, newest change first, with their orders', async () => {
    const { parcels, orders } = dataset(9, 60);
    const db = new ParcelHubDb(`archived-${Math.random()}`);
    await db.parcels.bulkPut(parcels);
    await db.orders.bulkPut(orders);
    const a = await loadArchived(db);
    const expected = parcels.filter((p) => p.archived).sort((x, y) => y.updatedAt - x.updatedAt || (x.key < y.key ? 1 : -1));
    expect(a.parcels.map((p) => p.key)).toEqual(expected.map((p) => p.key));
    expect(a.parcels.length).toBeGreaterThan(3);
    for (const p of a.parcels) expect(a.orders.has(p.orderKeys[0])).toBe(true);
    db.close();
  });

  it('answers a tracking-number prefix from the index with exactly the rows the full list search shows for it, in the same sections', async () => {
    const { parcels, orders } = dataset(4, 300);
    const db = new ParcelHubDb(`prefix-${Math.random()}`);
    await db.parcels.bulkPut(parcels);
    await db.orders.bulkPut(orders);
    const full = await loadSections(db, NOW);
    let nonEmpty = 0;
    for (const prefix of ['YT1', 'YT10', 'YT11', 'YT120', 'YT1299', 'YT9']) {
      const expected = applyFilters(full.sections, full.orders, { q: prefix });
      const early = await findByTrackingPrefix(db, prefix, NOW, 1000);
      // Every expected row has a number starting with the prefix here (numbers are YT + digits only).
      expect(early.sections.map((s) => [s.id, s.entries.map(keyOf)]), prefix).toEqual(expected.map((s) => [s.id, s.entries.map(keyOf)]));
      expect(early.sections.map((s) => s.entries.map((e) => e.alert?.kind))).toEqual(expected.map((s) => s.entries.map((e) => e.alert?.kind)));
      for (const s of early.sections) for (const e of s.entries) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) expect(early.orders.has(k)).toBe(true);
      if (expected.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(3);
    db.close();
  });
});

describe('loadSectionsInChunks', () => {
  const collect = async (db: ParcelHubDb, chunk: number) => {
    const out: RowsChunk[] = [];
    for await (const c of loadSectionsInChunks(db, NOW, chunk)) out.push(c);
    return out;
  };

  it.each([
    [1, 7],
    [2, 50],
    [3, 1000],
  ])('ends with exactly loadSections(db, now) (seed %i, %i rows a chunk); every chunk before is a growing, ordered part of it', async (seed, chunk) => {
    const { parcels, orders } = dataset(seed, 400);
    const db = new ParcelHubDb(`chunks-${seed}-${Math.random()}`);
    await db.parcels.bulkPut(parcels);
    await db.orders.bulkPut(orders);
    const full = await loadSections(db, NOW);
    const chunks = await collect(db, chunk);
    const last = chunks.at(-1)!.data;
    expect(last.complete).toBe(true);
    expect(shape(last)).toEqual(shape(full));
    expect(last.sections.map((s) => s.entries.map(keyOf))).toEqual(full.sections.map((s) => s.entries.map(keyOf)));
    expect(last.sections.map((s) => s.entries.map((e) => e.alert?.kind))).toEqual(full.sections.map((s) => s.entries.map((e) => e.alert?.kind)));
    for (const s of last.sections) for (const e of s.entries) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) expect(last.orders.has(k)).toBe(true);

    // Chunks of `chunk` rows: many steps for small chunks, none of them complete before the last.
    const rows = full.sections.reduce((n, s) => n + s.count, 0);
    if (chunk < rows / 4) expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.slice(0, -1).every((c) => !c.data.complete)).toBe(true);
    const fullKeys = new Set(full.sections.flatMap((s) => s.entries.map(keyOf)));
    let seen = 0;
    const added: string[] = [];
    for (const { data, added: a } of chunks) {
      added.push(...a.map(keyOf));
      expect(a.length).toBeLessThanOrEqual(Math.max(chunk, chunks[0].added.length));
      const keys = data.sections.flatMap((s) => s.entries.map(keyOf));
      expect(keys.length).toBeGreaterThanOrEqual(seen);
      seen = keys.length;
      for (const k of keys) expect(fullKeys.has(k)).toBe(true);
      // Counts are the final ones from the start: the list never shrinks under the shopper.
      for (const s of data.sections) {
        expect(s.count).toBe(full.sections.find((f) => f.id === s.id)!.count);
        for (let i = 1; i < s.entries.length; i++) expect(compareEntries(s.entries[i - 1], s.entries[i])).toBeLessThan(0);
      }
    }
    // Every row arrives once, in exactly one chunk.
    expect(added.length).toBe(fullKeys.size);
    expect(new Set(added).size).toBe(fullKeys.size);

    // Started from the first screen (its records placed one by one reused): the same end.
    const head = await loadSections(db, NOW, 24);
    let end: PopupData | undefined;
    for await (const c of loadSectionsInChunks(db, NOW, chunk, head)) end = c.data;
    expect(end!.sections.map((s) => [s.id, s.count, s.entries.map(keyOf)])).toEqual(full.sections.map((s) => [s.id, s.count, s.entries.map(keyOf)]));
    for (const s of end!.sections) for (const e of s.entries) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) expect(end!.orders.has(k)).toBe(true);
    db.close();
  });

  it('grows a search index chunk by chunk to the one built over every row: a title in the last chunk is found once it arrives', async () => {
    const { parcels, orders } = dataset(5, 300);
    const db = new ParcelHubDb(`chunk-index-${Math.random()}`);
    await db.parcels.bulkPut(parcels);
    await db.orders.bulkPut(orders);
    const index = new Map<string, string>();
    const steps: { data: PopupData; size: number }[] = [];
    for await (const { data, added } of loadSectionsInChunks(db, NOW, 20)) {
      addToSearchIndex(index, added, data.orders);
      // Every row read so far is searchable by its text.
      for (const s of data.sections) for (const e of s.entries) expect(index.has(keyOf(e))).toBe(true);
      steps.push({ data, size: index.size });
    }
    const last = steps.at(-1)!.data;
    expect(index).toEqual(buildSearchIndex(last.sections, last.orders));
    // A row first read in the last chunk, found by its item title only then.
    const before = new Set(steps.at(-2)!.data.sections.flatMap((s) => s.entries.map(keyOf)));
    const late = last.sections.flatMap((s) => s.entries).find((e) => e.kind === 'parcel' && !before.has(keyOf(e)))!;
    expect(late).toBeDefined();
    const title = last.orders.get(late.kind === 'parcel' ? late.parcel.orderKeys[0] : '')!.items[0].title;
    const q = { q: title };
    const exact = (d: PopupData) => applyFilters(d.sections, d.orders, q, index).flatMap((s) => s.entries.map(keyOf));
    expect(exact(steps.at(-2)!.data)).not.toContain(keyOf(late));
    expect(exact(last)).toContain(keyOf(late));
    db.close();
  });
});
