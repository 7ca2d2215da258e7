// The service worker is stopped (as Chrome stops an idle or crashed one) at several points while demo shop
// pages are being captured. After each stop the database must be consistent — every parcel's orders exist
// and link back, and the other way round; one parcel per carrier + tracking number; no event without its
// parcel — and a second visit of the same pages must complete the data to what an undisturbed visit stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dbSnapshot, launch, type Harness } from './harness';
import { DEMO_PAGES, serveDemo } from '../fixtures/demo';

declare const chrome: { storage: { local: { clear(): Promise<void> } } };
type Snapshot = Awaited<ReturnType<typeof dbSnapshot>>;

function inconsistencies(s: Snapshot): string[] {
  const problems: string[] = [];
  const orders = new Map(s.orders.map((o) => [o.key, o]));
  const parcels = new Map(s.parcels.map((p) => [p.key, p]));
  const ids = new Set<string>();
  for (const p of s.parcels) {
    const id = `${p.carrier}|${p.trackingNo}`;
    if (ids.has(id)) problems.push(`duplicate parcel ${id}`);
    ids.add(id);
    for (const k of p.orderKeys) {
      if (!orders.has(k)) problems.push(`parcel ${p.key} → missing order ${k}`);
      else if (!orders.get(k)!.parcelKeys.includes(p.key)) problems.push(`order ${k} does not link back to ${p.key}`);
    }
  }
  for (const o of s.orders) {
    for (const k of o.parcelKeys) {
      if (!parcels.has(k)) problems.push(`order ${o.key} → missing parcel ${k}`);
      else if (!parcels.get(k)!.orderKeys.includes(o.key)) problems.push(`parcel ${k} does not link back to ${o.key}`);
    }
  }
  for (const e of s.events) if (!parcels.has(e.parcelKey)) problems.push(`event of missing parcel ${e.parcelKey}`);
  return problems;
}

const keysOf = (s: Snapshot) => ({
  orders: s.orders.map((o) => o.key).sort(),
  parcels: s.parcels.map((p) => `${p.key} ${p.status}`).sort(),
  events: s.events.length,
});

let h: Harness;
beforeAll(async () => {
  h = await launch();
  serveDemo(h);
});
afterAll(async () => {
  await h?.close();
});

const openAll = () => Promise.all(DEMO_PAGES.map((p) => h.openShopPage(p.url)));
const closeAll = (pages: Page[]) => Promise.all(pages.map((p) => p.close()));
const settled = (min: number) =>
  // Captures arrive in several messages per page; wait until two reads a second apart agree.
  h.waitFor(
    async () => {
      const a = keysOf(await dbSnapshot(h));
      await new Promise((r) => setTimeout(r, 1000));
      const b = keysOf(await dbSnapshot(h));
      return { a, b };
    },
    ({ a, b }) => JSON.stringify(a) === JSON.stringify(b) && a.parcels.length >= min,
    40_000,
  );

describe('service worker stopped during capture', () => {
  it('leaves a consistent database at every stop, and a second visit completes the data', async () => {
    const minParcels = DEMO_PAGES.reduce((n, p) => n + p.expectParcels, 0);
    // Reference: what an undisturbed visit of the demo pages stores.
    let pages = await openAll();
    const reference = (await settled(minParcels)).a;
    await closeAll(pages);
    await h.sw(async () => {
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Record<string, { clear(): Promise<void> }> } }).__parcelHub.getDb();
      await Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear(), db.meta.clear(), db.diagnostics.clear()]);
      await chrome.storage.local.clear(); // follow-up requests made by the reference visit count as not done
    });
    expect((await dbSnapshot(h)).parcels).toEqual([]);

    // Stop the worker at several points of a capture (fixed delays, so a failure can be replayed).
    for (const delay of [0, 150, 400, 900]) {
      pages = await openAll();
      await new Promise((r) => setTimeout(r, delay));
      await h.stopWorker();
      const snap = await dbSnapshot(h); // wakes a fresh worker
      expect(inconsistencies(snap), `after a stop ${delay} ms into the capture`).toEqual([]);
      await closeAll(pages);
    }

    // A second visit completes the data.
    pages = await openAll();
    const after = await h.waitFor(
      () => dbSnapshot(h),
      (s) => JSON.stringify(keysOf(s)) === JSON.stringify(reference),
      40_000,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message.slice(0, 200)}\nexpected ${JSON.stringify(reference)}\ngot ${JSON.stringify(keysOf(await dbSnapshot(h)))}`);
    });
    expect(inconsistencies(after)).toEqual([]);
    await closeAll(pages);
    expect(await h.errors()).toEqual([]);
  }, 180_000);
});
