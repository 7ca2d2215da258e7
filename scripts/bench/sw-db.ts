// Database helpers the Chromium benches share (ingest, restore), run in the extension's service worker.
// h.sw serialises the function it is given (no imports, no closures), so the helpers are installed there
// once, as globalThis.__benchDb, and each bench's worker code calls them.
import type { Harness } from '../../tests/e2e/harness';

export type Row = Record<string, unknown> & { key?: string; parcelKey?: string; orderKeys?: string[]; parcelKeys?: string[] };
/** Rows written together (one transaction in the baselines). */
export interface RowGroup {
  orders: Row[];
  parcels: Row[];
  events: Row[];
}

/** What installBenchDb puts in the worker (declare it on globalThis in the worker code that uses it). */
export interface BenchDb {
  /** Empty orders, parcels and events (one transaction). */
  clear(): Promise<void>;
  /** Rows in orders + parcels + events. */
  count(): Promise<number>;
  /** Empty the stores, then raw Dexie bulkPut of `groups`: one transaction per group, or all in ONE. Returns ms. */
  bulkPut(groups: RowGroup[], oneTransaction: boolean): Promise<number>;
}

export async function installBenchDb(h: Harness): Promise<void> {
  // tsx (esbuild, keepNames) wraps named functions in __name(); the worker has no such helper.
  // (Given as source text, so that esbuild leaves this one alone.)
  await h.sw('globalThis.__name = (f) => f' as unknown as () => void);
  await h.sw(() => {
    type Table = { clear(): Promise<void>; bulkPut(rows: unknown[]): Promise<unknown>; count(): Promise<number> };
    type Db = { orders: Table; parcels: Table; events: Table; transaction<T>(mode: 'rw', a: Table, b: Table, c: Table, fn: () => Promise<T>): Promise<T> };
    type Group = { orders: unknown[]; parcels: unknown[]; events: unknown[] };
    const g = globalThis as unknown as { __parcelHub: { getDb(): Db }; __benchDb: unknown };
    const db = g.__parcelHub.getDb();
    const clear = () => db.transaction('rw', db.orders, db.parcels, db.events, () => Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear()])).then(() => undefined);
    const put = (grp: Group) =>
      db.transaction('rw', db.orders, db.parcels, db.events, async () => {
        await db.orders.bulkPut(grp.orders);
        await db.parcels.bulkPut(grp.parcels);
        await db.events.bulkPut(grp.events);
      });
    g.__benchDb = {
      clear,
      count: async () => (await db.orders.count()) + (await db.parcels.count()) + (await db.events.count()),
      bulkPut: async (groups: Group[], oneTransaction: boolean) => {
        await clear();
        const t = performance.now();
        if (oneTransaction) await put({ orders: groups.flatMap((x) => x.orders), parcels: groups.flatMap((x) => x.parcels), events: groups.flatMap((x) => x.events) });
        else for (const grp of groups) await put(grp);
        return performance.now() - t;
      },
    };
  });
}
