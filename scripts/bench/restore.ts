// Restore of a large history where it really runs: the options page hands the extension's service worker a
// blob: URL of the file, which the worker reads twice in pieces: checks it whole, then writes it group by group.
// Data ("synthetic, export-shaped"): 20,000 Douyin orders, each with one YTO parcel and 8 tracking events,
// built through the real merge (tests/fixtures/big-history.ts) and written in the streamed export format
// (~60 MB). Timed from handing the file to the options page's file input to the report shown.
// Baseline, same run, same database: raw Dexie bulkPut of the very rows the restore wrote, in the same
// groups (one transaction each, as the restore does), and in ONE transaction (reported too).
// Heap: the service worker's (the context doing the writes) JS heap, Runtime.getHeapUsage over the DevTools
// protocol every 50 ms during a restore of its own before the timed ones (the sampling interrupts the worker,
// so timed restores run without it), garbage collected before it starts; the peak sample is reported (a
// sample can miss a spike shorter than 50 ms). The options page's peak heap is reported as well.
// RESTORE_PARCELS=4000,20000 measures each size in its own browser; RESTORE_RUNS timed rounds each.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { groupRecords, streamBackupText } from '../../src/core/backup-stream';
import { bigHistory } from '../../tests/fixtures/big-history';
import { median, type Recorder } from './common';
import { installBenchDb, type BenchDb, type Row, type RowGroup } from './sw-db';

/** History sizes, e.g. RESTORE_PARCELS=4000,20000 (each measured in its own browser). */
const SIZES = (process.env.RESTORE_PARCELS ?? '20000').split(',').map(Number);
const EVENTS_PER = 8;
const RUNS = Number(process.env.RESTORE_RUNS ?? 3);

/** A DevTools session on a target reached through a page's session (non-flattened, as for workers). */
async function targetSession(cdp: CDPSession, type: string, urlPrefix: string) {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === type && t.url.startsWith(urlPrefix));
  if (!target) throw new Error(`no ${type} target at ${urlPrefix}`);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let id = 0;
  const waiting = new Map<number, (v: { result?: unknown; error?: unknown }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  return <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const i = ++id;
      waiting.set(i, (m) => (waiting.delete(i), m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result as T)));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) });
    });
}

type Phase = 'clear' | 'keepRows' | 'bulkPutGroups' | 'bulkPutOnce' | 'count';

export async function benchRestore(record: Recorder) {
  for (const parcels of SIZES) await benchRestoreOf(parcels, record);
}

async function benchRestoreOf(PARCELS: number, record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
  const s = bigHistory({ orders: PARCELS, eventsPer: EVENTS_PER });
  const groups = groupRecords([...s.orders.values()], [...s.parcels.values()], s.allEvents());
  const text = streamBackupText(groups, Date.UTC(2026, 10, 21));
  const file = join(mkdtempSync(join(tmpdir(), 'parcel-hub-bench-')), 'parcel-hub-backup.json');
  writeFileSync(file, text);
  const mb = Buffer.byteLength(text) / 1e6;
  const groupKeys = groups.map((g) => g.parcels.map((p) => p.key));

  const h = await launch({ locale: 'en' });
  try {
    await installBenchDb(h);
    const sw = (phase: Phase) =>
      h.sw(
        async ({ phase, groupKeys }: { phase: Phase; groupKeys: string[][] }) => {
          const g = globalThis as unknown as { __parcelHub: { getDb(): Record<'orders' | 'parcels' | 'events', { toArray(): Promise<Row[]> }> }; __benchDb: BenchDb; __restoreBench?: RowGroup[] };
          const bench = g.__benchDb;
          if (phase === 'clear') return (await bench.clear(), 0);
          if (phase === 'count') return bench.count();
          if (phase === 'keepRows') {
            // The rows the restore wrote, in the restore's groups.
            const db = g.__parcelHub.getDb();
            const [orders, parcels, events] = await Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray()]);
            const groupOf = new Map<string, number>();
            groupKeys.forEach((keys, i) => keys.forEach((k) => groupOf.set(k, i)));
            const out: RowGroup[] = groupKeys.map(() => ({ orders: [], parcels: [], events: [] }));
            for (const p of parcels) out[groupOf.get(p.key!)!].parcels.push(p);
            for (const e of events) out[groupOf.get(e.parcelKey!)!].events.push(e);
            for (const o of orders) out[groupOf.get(o.parcelKeys![0])!].orders.push(o);
            g.__restoreBench = out;
            return orders.length + parcels.length + events.length;
          }
          return bench.bulkPut(g.__restoreBench!, phase === 'bulkPutOnce');
        },
        { phase, groupKeys },
      );

    const page = await h.openOptions();
    await page.getByTestId('tab-data').click();
    const cdp = await h.context.newCDPSession(page);
    const swCall = await targetSession(cdp, 'service_worker', `chrome-extension://${h.extensionId}/`);
    /** One restore of the file into the emptied database, timed; with `heap`, the JS heaps sampled all along. */
    const restoreOnce = async (heap: boolean) => {
      await sw('clear');
      await swCall('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const base = (await swCall<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
      let peak = base;
      let pagePeak = 0;
      let sampling = heap;
      const sampler = (async () => {
        while (sampling) {
          const [w, p] = await Promise.all([swCall<{ usedSize: number }>('Runtime.getHeapUsage'), cdp.send('Runtime.getHeapUsage') as Promise<{ usedSize: number }>]);
          peak = Math.max(peak, w.usedSize);
          pagePeak = Math.max(pagePeak, p.usedSize);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const t = performance.now();
      await page.getByTestId('restore-file').setInputFiles(file);
      await page.getByTestId('restore-report').waitFor({ timeout: 900_000 });
      const ms = performance.now() - t;
      sampling = false;
      await sampler;
      const n = await sw('count');
      if (n !== PARCELS * (2 + EVENTS_PER)) throw new Error(`restore wrote ${n} rows`);
      return { ms, peak, base, pagePeak };
    };

    // The heap, in a restore of its own (which also warms the browser up): the sampler's 40 DevTools calls a
    // second interrupt the worker, which would slow the restore against a baseline run without them.
    const heap = await restoreOnce(true);
    const samples = { restore: [] as number[], groups: [] as number[], once: [] as number[] };
    let rows = 0;
    for (let r = 0; r < RUNS; r++) {
      // Alternate restore and floor, so drift on a shared machine hits both sides alike.
      samples.restore.push((await restoreOnce(false)).ms);
      rows = await sw('keepRows');
      samples.groups.push(await sw('bulkPutGroups'));
      samples.once.push(await sw('bulkPutOnce'));
      if ((await sw('count')) !== rows) throw new Error('baseline wrote a different number of rows');
      await h.sw(() => void delete (globalThis as { __restoreBench?: unknown }).__restoreBench);
    }
    const m = { ...(Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>), peak: heap.peak, base: heap.base, pagePeak: heap.pagePeak };
    const MB = 1024 * 1024;
    const what = `${PARCELS} parcels × ${EVENTS_PER} events, ${mb.toFixed(0)} MB streamed file (synthetic, export-shaped)`;
    record({ name: `restore floor: raw bulkPut of the restored ${rows} rows, ${groups.length} transactions (Chromium service worker)`, value: m.groups, unit: 'ms' });
    record({ name: `restore floor: raw bulkPut of the same ${rows} rows in ONE transaction`, value: m.once, unit: 'ms' });
    record({
      name: `restore ${what}: file input → report (Chromium, check pass + write pass)`,
      value: m.restore,
      unit: 'ms',
      ratio: m.restore / m.groups,
      baseline: `raw bulkPut of the same rows, same ${groups.length} transactions`,
      goal: { on: 'ratio', max: 1.5 },
    });
    record({ name: `restore ${PARCELS} parcels vs raw bulkPut in ONE transaction`, value: m.restore, unit: 'ms', ratio: m.restore / m.once, baseline: 'raw bulkPut, one transaction' });
    record({
      name: `restore ${PARCELS} parcels: peak JS heap of the service worker (CDP Runtime.getHeapUsage, 50 ms samples, one restore)`,
      value: m.peak / MB,
      unit: 'MB',
      baseline: `before the restore, after GC: ${(m.base / MB).toFixed(1)} MB`,
      goal: { on: 'value', max: 100 },
    });
    record({ name: `restore ${PARCELS} parcels: peak JS heap of the options page (hands the worker the file)`, value: m.pagePeak / MB, unit: 'MB' });
    await page.close();
  } finally {
    await h.close();
  }
}
