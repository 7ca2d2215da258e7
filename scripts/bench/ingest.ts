// Ingest throughput where IndexedDB really runs: inside the extension's service worker in Chromium.
// 10,000 observations arrive as a capture delivers them — 200 batches of 50 Douyin orders, each with its
// parcel and three tracking events — through src/db/ingest.ts `ingest` (read the touched rows, merge, write
// the changed ones, one transaction per batch). Baseline, measured in the same run on the same database: a
// raw Dexie bulkPut of the very rows ingest ended with, in the same 200 transactions. Goal: ≤ 2×.
// Index cost, same run, same rows, same 200 transactions, plain IndexedDB puts (no Dexie): stores with no
// secondary index (the floor), with version 2's indexes (before) and with version 4's (after, the schema
// now shipped). Data: synthetic (Douyin orders, one item, three events each), not the realistic set.
import { STORES_V1, STORES_V2, STORES_V4 } from '../../src/db/schema';
import { median, type Recorder } from './common';
import { installBenchDb, type BenchDb, type Row, type RowGroup } from './sw-db';

const BATCHES = 200;
const PER_BATCH = 50;
const EVENTS_PER_PARCEL = 3;
/** Each round takes about a minute in headless Chromium on a 2-CPU machine (50,000 rows each way). */
const RUNS = Number(process.env.INGEST_RUNS ?? 3);

interface BenchArgs {
  batches: number;
  per: number;
  eventsPer: number;
}

/** Everything below runs in the service worker (serialized by h.sw): no imports, no closures. */
type Phase = 'prepare' | 'ingest' | 'reingest' | 'bulkPutBatched' | 'bulkPutOnce';
type Stores = Record<'orders' | 'parcels' | 'events', string>;
const NO_INDEX: Stores = { orders: 'key', parcels: 'key', events: 'id' };
const V2: Stores = { orders: STORES_V2.orders, parcels: STORES_V2.parcels, events: STORES_V1.events };
const indexCount = (s: Stores) => Object.values(s).reduce((n, spec) => n + spec.split(',').length - 1, 0);
const V4: Stores = { orders: STORES_V4.orders, parcels: STORES_V4.parcels, events: STORES_V4.events };

export async function benchIngest(record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
  const h = await launch();
  try {
    const run = (phase: Phase) =>
      h.sw(
        async ({ phase, args }: { phase: Phase; args: BenchArgs }) => {
          type Db = Record<'orders' | 'parcels' | 'events', { toArray(): Promise<Row[]> }>;
          type Ph = { getDb(): Db; ingest(db: Db, batch: unknown, now?: number): Promise<{ changes: unknown[] }> };
          type State = { batches: unknown[]; finalByBatch?: RowGroup[] };
          const g = globalThis as unknown as { __parcelHub: Ph; __benchDb: BenchDb; __ingestBench?: State };
          const { getDb, ingest } = g.__parcelHub;
          const db = getDb();
          const { clear } = g.__benchDb;
          const H = 3_600_000;
          const now = Date.now();

          if (phase === 'prepare') {
            const t0 = now - 10 * 24 * H;
            const shops = ['小米官方旗舰店', '三只松鼠旗舰店', '良品铺子官方旗舰店', '安踏官方旗舰店', '名创优品'];
            const places = ['【金华市】【义乌分拨中心】已揽收', '【杭州市】快件已到达【杭州中转部】', '【北京市】快件离开【北京转运中心】已发往【朝阳望京】', '【北京市】【朝阳望京】的快递员正在为您派件'];
            const batches = [];
            for (let b = 0; b < args.batches; b++) {
              const orders = [];
              const parcels = [];
              for (let k = 0; k < args.per; k++) {
                const i = b * args.per + k;
                const orderId = String(6_938_000_000_000_000_000n + BigInt(i));
                const t = t0 + i * 60_000;
                orders.push({
                  orderId,
                  shopName: shops[i % shops.length],
                  items: [{ title: `商品 ${i} 号 保温杯 500ml 316不锈钢`, sku: '颜色: 雾蓝', quantity: 1, price: 5900 + (i % 50) * 100 }],
                  amount: 5900 + (i % 50) * 100,
                  createdAt: t - 2 * 24 * H,
                  paidAt: t - 2 * 24 * H + 60_000,
                  statusText: '已发货',
                  status: 'shipped',
                  url: `https://haohuo.jinritemai.com/views/order/detail?order_id=${orderId}`,
                });
                const events = [];
                for (let e = 0; e < args.eventsPer; e++) events.push({ time: t - (args.eventsPer - e) * 5 * H, text: `${places[e % places.length]} ${i}` });
                parcels.push({ trackingNo: `YT${String(1_000_000_000_000 + i)}`, carrierName: '圆通速递', orderIds: [orderId], events, shippedAt: t - 2 * 24 * H + 3 * H });
              }
              batches.push({ platform: 'douyin', source: 'list', url: 'https://haohuo.jinritemai.com/api/order/list', observedAt: t0 + (b + 1) * args.per * 60_000, orders, parcels });
            }
            g.__ingestBench = { batches };
            await clear();
            return { ms: 0, rows: 0 };
          }

          const state = g.__ingestBench!;
          if (phase === 'ingest') {
            await clear();
            const t = performance.now();
            for (const batch of state.batches) await ingest(db, batch, now);
            const ms = performance.now() - t;
            const [orders, parcels, events] = await Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray()]);
            if (!state.finalByBatch) {
              // The rows ingest ended with, grouped by the batch that brought them (for the baseline).
              const batchOfOrder = new Map<string, number>();
              state.batches.forEach((b, n) => (b as { orders: { orderId: string }[] }).orders.forEach((o) => batchOfOrder.set(`douyin:${o.orderId}`, n)));
              const groups = state.batches.map(() => ({ orders: [] as Row[], parcels: [] as Row[], events: [] as Row[] }));
              const batchOfParcel = new Map<string, number>();
              for (const o of orders) groups[batchOfOrder.get(o.key!)!].orders.push(o);
              for (const p of parcels) {
                const n = batchOfOrder.get(p.orderKeys![0])!;
                batchOfParcel.set(p.key!, n);
                groups[n].parcels.push(p);
              }
              for (const e of events) groups[batchOfParcel.get(e.parcelKey!)!].events.push(e);
              state.finalByBatch = groups;
            }
            return { ms, rows: orders.length + parcels.length + events.length };
          }
          if (phase === 'reingest') {
            // The same pages read again (nothing new): reads and merges, writes nothing.
            const t = performance.now();
            let changes = 0;
            for (const batch of state.batches) changes += (await ingest(db, batch, now)).changes.length;
            return { ms: performance.now() - t, rows: changes };
          }
          const ms = await g.__benchDb.bulkPut(state.finalByBatch!, phase === 'bulkPutOnce');
          return { ms, rows: await g.__benchDb.count() };
        },
        { phase, args: { batches: BATCHES, per: PER_BATCH, eventsPer: EVENTS_PER_PARCEL } },
      );

    /** The final rows, batch by batch, put with plain IndexedDB into stores declared as `stores` (Dexie's
     * syntax: the first entry is the key, then `name`, `*multi`, `[a+b]`). Returns ms. */
    const nativePut = (stores: Stores) =>
      h.sw(
        async ({ stores }: { stores: Stores }) => {
          type Row = Record<string, unknown>;
          const g = globalThis as unknown as { __ingestBench: { finalByBatch: Record<'orders' | 'parcels' | 'events', Row[]>[] } };
          const name = `bench-index-${Math.random().toString(36).slice(2)}`;
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(name, 1);
            open.onupgradeneeded = () => {
              for (const [store, spec] of Object.entries(stores)) {
                const [key, ...indexes] = spec.split(',').map((x) => x.trim());
                const os = open.result.createObjectStore(store, { keyPath: key });
                for (const ix of indexes) {
                  const multi = ix.startsWith('*');
                  const path = ix.startsWith('[') ? ix.slice(1, -1).split('+') : ix.replace(/^\*/, '');
                  os.createIndex(ix.replace(/^\*/, ''), path, { multiEntry: multi });
                }
              }
            };
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const t = performance.now();
          for (const grp of g.__ingestBench.finalByBatch) {
            await new Promise<void>((resolve, reject) => {
              const tx = db.transaction(['orders', 'parcels', 'events'], 'readwrite');
              for (const o of grp.orders) tx.objectStore('orders').put(o);
              // sortAt as the schema's middleware adds it (a number per parcel).
              for (const p of grp.parcels) tx.objectStore('parcels').put({ ...p, sortAt: p.updatedAt });
              for (const e of grp.events) tx.objectStore('events').put(e);
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            });
          }
          const ms = performance.now() - t;
          db.close();
          await new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r));
          return ms;
        },
        { stores },
      );

    await installBenchDb(h);
    await run('prepare');
    const samples: Record<Exclude<Phase, 'prepare'> | 'floor' | 'v2' | 'v4', number[]> = { ingest: [], reingest: [], bulkPutBatched: [], bulkPutOnce: [], floor: [], v2: [], v4: [] };
    let rows = 0;
    // Alternate, so drift on a shared machine hits both sides alike.
    for (let r = 0; r < RUNS; r++) {
      const ing = await run('ingest');
      rows = ing.rows;
      const again = await run('reingest');
      if (again.rows !== 0) throw new Error(`re-ingesting unchanged batches reported ${again.rows} changes`);
      const batched = await run('bulkPutBatched');
      const once = await run('bulkPutOnce');
      if (batched.rows !== rows || once.rows !== rows) throw new Error(`baseline wrote ${batched.rows}/${once.rows} rows, ingest ${rows}`);
      samples.ingest.push(ing.ms);
      samples.reingest.push(again.ms);
      samples.bulkPutBatched.push(batched.ms);
      samples.bulkPutOnce.push(once.ms);
      samples.floor.push(await nativePut(NO_INDEX));
      samples.v2.push(await nativePut(V2));
      samples.v4.push(await nativePut(V4));
    }
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
    const n = BATCHES * PER_BATCH;
    record({ name: `raw Dexie bulkPut of ingest's final ${rows} rows, ${BATCHES} transactions (Chromium service worker)`, value: m.bulkPutBatched, unit: 'ms' });
    record({
      name: `ingest ${n} orders+parcels (${n * EVENTS_PER_PARCEL} events) as ${BATCHES} batches × ${PER_BATCH} (Chromium service worker)`,
      value: m.ingest,
      unit: 'ms',
      ratio: m.ingest / m.bulkPutBatched,
      baseline: `raw bulkPut of the same final rows, same ${BATCHES} transactions`,
      goal: { on: 'ratio', max: 2 },
    });
    record({ name: `ingest, per observation (${n} orders+parcels)`, value: (m.ingest / n) * 1000, unit: 'µs' });
    record({ name: `ingest the same ${BATCHES} batches again (no changes, nothing written)`, value: m.reingest, unit: 'ms', ratio: m.reingest / m.bulkPutBatched, baseline: `raw bulkPut, ${BATCHES} transactions` });
    record({ name: `raw Dexie bulkPut of the same ${rows} rows in ONE transaction`, value: m.bulkPutOnce, unit: 'ms' });
    const floor = `plain IndexedDB put of the same ${rows} rows into stores with no secondary index, same ${BATCHES} transactions (synthetic)`;
    record({ name: `index floor: ${floor}`, value: m.floor, unit: 'ms' });
    record({ name: `ingest ${n} orders+parcels vs the no-index floor (synthetic)`, value: m.ingest, unit: 'ms', ratio: m.ingest / m.floor, baseline: 'plain put, no secondary index' });
    record({ name: `plain put of the same rows with version 2's ${indexCount(V2)} secondary indexes — before`, value: m.v2, unit: 'ms', ratio: m.v2 / m.floor, baseline: 'no secondary index' });
    record({ name: `plain put of the same rows with version 4's ${indexCount(V4)} secondary indexes — after`, value: m.v4, unit: 'ms', ratio: m.v4 / m.floor, baseline: 'no secondary index' });
  } finally {
    await h.close();
  }
}
