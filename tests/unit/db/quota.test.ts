// The disk fills up: a Dexie write fails with QuotaExceededError part-way through an ingest (a DBCore
// middleware throws on the Nth write). The ingest must report the error, write nothing of that batch, and
// leave everything stored before intact; the background answers the capture with an error, not a crash.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DBCore, Middleware } from 'dexie';

vi.mock('../../../src/shared/browser', async () => {
  const { fakeBrowser } = await import('@webext-core/fake-browser');
  return { browser: fakeBrowser };
});

import type { ObservationBatch } from '../../../src/core/model';
import { ingest } from '../../../src/db/ingest';
import { getDb, ParcelHubDb } from '../../../src/db/schema';
import { handleCapture } from '../../../src/background/capture-handlers';
import { routeMessage, type Handlers } from '../../../src/background/router';

const T0 = Date.UTC(2026, 10, 20, 2);

/** Fails the `failAt`-th write (put/add/delete) from the moment it is armed, like a full disk would. */
function quotaMiddleware(): { mw: Middleware<DBCore>; arm(failAt: number): void; writes(): number } {
  let armed = false;
  let n = 0;
  let failAt = Infinity;
  const mw: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'quota-exceeded',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => {
            if (armed && ++n === failAt) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            return t.mutate(req);
          },
        };
      },
    }),
  };
  return {
    mw,
    arm: (at) => {
      armed = true;
      n = 0;
      failAt = at;
    },
    writes: () => n,
  };
}

const order = (i: number) => String(4_012_345_678_901_234_000n + BigInt(i));
const batchOf = (from: number, count: number, at = T0): ObservationBatch => ({
  platform: 'taobao',
  source: 'list',
  url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  observedAt: at,
  orders: Array.from({ length: count }, (_, k) => ({ orderId: order(from + k), shopName: `店铺${from + k}`, items: [{ title: `商品 ${from + k}` }] })),
  parcels: Array.from({ length: count }, (_, k) => ({
    trackingNo: `YT${String(9_693_083_600_000 + from + k)}`,
    carrierName: '圆通速递',
    orderIds: [order(from + k)],
    events: [{ time: at - 3600_000, text: `【杭州转运中心】已发出 ${from + k}` }],
  })),
});

const snapshot = async (db: ParcelHubDb) => ({ orders: await db.orders.toArray(), parcels: await db.parcels.toArray(), events: await db.events.toArray() });

let db: ParcelHubDb;
let n = 0;
beforeEach(async () => {
  db = new ParcelHubDb(`quota-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

describe('QuotaExceededError part-way through an ingest', () => {
  it.each([1, 2, 3])('failing write #%i of a batch: the ingest rejects, the batch leaves nothing, earlier data is intact', async (failAt) => {
    const q = quotaMiddleware();
    db.use(q.mw);
    await db.open();
    await ingest(db, batchOf(0, 20), T0);
    const before = await snapshot(db);
    expect(before.parcels).toHaveLength(20);

    q.arm(failAt);
    // an update of stored orders (new shop names) plus new orders and parcels: every table is written
    const next = batchOf(10, 20, T0 + 3600_000);
    next.orders.forEach((o) => (o.shopName = `改名 ${o.orderId}`));
    await expect(ingest(db, next, T0 + 3600_000)).rejects.toMatchObject({ name: expect.stringMatching(/QuotaExceededError|AbortError/) });
    expect(q.writes()).toBe(failAt);
    expect(await snapshot(db)).toEqual(before);

    // space freed: the same batch goes in whole
    q.arm(Infinity);
    await ingest(db, next, T0 + 3600_000);
    const after = await snapshot(db);
    expect(after.parcels).toHaveLength(30);
    expect(after.orders.find((o) => o.orderId === order(15))?.shopName).toBe(`改名 ${order(15)}`);
    expect(after.orders.find((o) => o.orderId === order(5))?.shopName).toBe('店铺5');
  });
});

describe('the background under a full disk', () => {
  it('answers the capture with an error naming the quota, and keeps what was stored', async () => {
    const shared = getDb();
    const q = quotaMiddleware();
    shared.use(q.mw);
    await shared.open();
    const handlers = { 'capture/batch': handleCapture } as unknown as Handlers;
    const TB = 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm';
    const sender = { id: 'ext', url: TB, tab: { url: TB } };
    const first = await routeMessage({ type: 'capture/batch', batch: batchOf(0, 5), diagnostics: [] }, sender, handlers, 'ext', 'chrome-extension://ext/');
    expect(first).toMatchObject({ ok: true, parcels: 5 });
    const before = await snapshot(shared);

    q.arm(2);
    const reply = await routeMessage({ type: 'capture/batch', batch: batchOf(3, 5, T0 + 1000), diagnostics: [] }, sender, handlers, 'ext', 'chrome-extension://ext/');
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/QuotaExceeded|quota/i) });
    expect(await snapshot(shared)).toEqual(before);
    await shared.delete();
  });
});
