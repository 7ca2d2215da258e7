// History export and import at 20,000 parcels, in Node (not Chromium): the options page's pure functions
// (toCsv; createBackup + backupToJson) and the background's restore path (validateBackup → backupToBatches →
// ingestMany in one transaction, the same steps as src/background/backup-handlers.ts restoreBackup) against
// fake-indexeddb. Times are medians of a few runs; memory is V8 heap in use above a post-GC baseline
// (process.memoryUsage().heapUsed): for the synchronous exports the heap right after the call (result still
// held, nothing collected in between is guaranteed, so it is a lower bound of the peak); for the asynchronous
// restore the highest value sampled every 5 ms while it runs. fake-indexeddb is slower than Chromium's
// IndexedDB, so the restore time is an upper bound of what the extension sees.
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyUserFields, backupToBatches, backupToJson, createBackup, createdParcelKeys, validateBackup } from '../../src/core/backup';
import { CSV_COLUMNS, toCsv, type CsvColumn } from '../../src/core/export-csv';
import type { EventRecord, OrderRecord, ParcelRecord, ParcelStatus } from '../../src/core/model';
import { ingestMany } from '../../src/db/ingest';
import { ParcelHubDb } from '../../src/db/schema';
import { deliveryStats } from '../../src/core/stats';
import { applyFilter, EMPTY_FILTER, historyEntries } from '../../src/ui/options/history';
import { median, time, type Recorder } from './common';

const N = 20_000;
const EVENTS_PER_PARCEL = 3;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function dataset(now: number) {
  const orders: OrderRecord[] = [];
  const parcels: ParcelRecord[] = [];
  const events: EventRecord[] = [];
  const statuses: ParcelStatus[] = ['in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered', 'picked_up'];
  for (let i = 0; i < N; i++) {
    const no = `YT${String(1_000_000_000_000 + i)}`;
    const pkey = `yto:${no}`;
    const okey = `douyin:69281044172${String(80_000_000 + i)}`;
    const t = now - (i % 400) * 3_600_000;
    const status = statuses[i % 5];
    orders.push({
      key: okey, platform: 'douyin', orderId: okey.slice(7), shopName: `店铺${i % 97}`, items: [{ title: `商品 ${i} 号 保温杯 500ml`, quantity: 1, price: 2990 }],
      amount: 2990, createdAt: t - 86_400_000, paidAt: t - 86_000_000, status: 'shipped', parcelKeys: [pkey], firstSeen: t, lastSeen: t, sources: { status: 'list' },
    });
    const evs = Array.from({ length: EVENTS_PER_PARCEL }, (_, k): EventRecord => {
      const time = t - (EVENTS_PER_PARCEL - k) * 7_200_000;
      const text = `【杭州转运中心】快件已发出，下一站【上海${k}号分拨中心】 ${i}`;
      return { id: `${pkey}|${time}|${text}`, parcelKey: pkey, time, text, status: k === 0 ? 'picked_up' : 'in_transit' };
    });
    events.push(...evs);
    const last = evs[evs.length - 1];
    parcels.push({
      key: pkey, carrier: 'yto', carrierName: '圆通速递', trackingNo: no, direction: 'outbound', orderKeys: [okey], platforms: ['douyin'], status,
      latestEvent: { time: last.time, text: last.text }, pickupCode: status === 'awaiting_collection' ? `${i % 9}-${i % 7}-${1000 + (i % 9000)}` : undefined,
      shippedAt: t - 8 * 3_600_000, nextCheckAt: 0, archived: 0, firstSeen: t, lastSeen: t, updatedAt: t, sources: { status: 'list' },
    });
  }
  return { orders, parcels, events };
}

const MB = 1024 * 1024;
const labels = { headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, c])) as Record<CsvColumn, string> };

function measureSync<T>(fn: () => T, runs = 5): { ms: number; heapMb: number; result: T } {
  const held: { result?: T } = { result: fn() }; // warm up
  const times: number[] = [];
  const heaps: number[] = [];
  for (let r = 0; r < runs; r++) {
    held.result = undefined; // let the previous result go before the baseline
    gc();
    const base = process.memoryUsage().heapUsed;
    const t = performance.now();
    held.result = fn();
    times.push(performance.now() - t);
    heaps.push((process.memoryUsage().heapUsed - base) / MB);
  }
  return { ms: median(times), heapMb: median(heaps), result: held.result as T };
}

export async function benchHistory(record: Recorder) {
  const now = Date.UTC(2026, 10, 22, 4);
  const { orders, parcels, events } = dataset(now);

  const csv = measureSync(() => toCsv(orders, parcels, labels));
  record({ name: 'history export CSV, 20,000 parcels (toCsv)', value: csv.ms, unit: 'ms' });
  record({ name: 'history export CSV, heap held after (result included)', value: csv.heapMb, unit: 'MB' });
  record({ name: 'history export CSV, file size', value: Buffer.byteLength(csv.result) / MB, unit: 'MB' });

  const json = measureSync(() => backupToJson(createBackup(orders, parcels, events, now)));
  record({ name: `history export JSON, 20,000 parcels + ${N * EVENTS_PER_PARCEL} events`, value: json.ms, unit: 'ms' });
  record({ name: 'history export JSON, heap held after (result included)', value: json.heapMb, unit: 'MB' });
  record({ name: 'history export JSON, file size', value: Buffer.byteLength(json.result) / MB, unit: 'MB' });

  // What the options page computes in memory for 20,000 parcels (pure, same data).
  record({ name: 'history rows + text filter, 20,000 parcels (historyEntries + applyFilter)', value: time(() => applyFilter(historyEntries(orders, parcels), { ...EMPTY_FILTER, text: 'yt1000000019' }), 5, 1), unit: 'ms' });
  record({ name: `statistics, 20,000 parcels + ${N * EVENTS_PER_PARCEL} events (deliveryStats)`, value: time(() => deliveryStats(orders, parcels, events, now), 5, 1), unit: 'ms' });

  const text = json.result;
  const times: number[] = [];
  const peaks: number[] = [];
  for (let r = 0; r < 3; r++) {
    const db = new ParcelHubDb(`bench-restore-${r}`);
    await db.open();
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const t = performance.now();
    const valid = validateBackup(text);
    if (!valid.ok) throw new Error(valid.error);
    const plan = backupToBatches(valid.backup);
    await ingestMany(db, plan.batches, now, (state, rs) => applyUserFields(state, plan.userFields, createdParcelKeys(rs)));
    times.push(performance.now() - t);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    peaks.push((peak - base) / MB);
    const [np, ne] = await Promise.all([db.parcels.count(), db.events.count()]);
    if (np !== N || ne !== N * EVENTS_PER_PARCEL) throw new Error(`restore wrote ${np} parcels, ${ne} events`);
    db.close();
    await ParcelHubDb.delete(`bench-restore-${r}`);
  }
  record({ name: 'history restore (validate + merge + write), 20,000 parcels, fake-indexeddb', value: median(times), unit: 'ms' });
  record({ name: 'history restore, peak heap above baseline (sampled 5 ms)', value: median(peaks), unit: 'MB' });
}
