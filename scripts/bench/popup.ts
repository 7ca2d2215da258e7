// Popup speed as the shopper meets it: a cold open (a new tab at about:blank navigated to popup.html, no
// reload, a fresh page and database connection each time) timed to the first parcel row painted, and the
// first keystroke right after that timed to the one matching parcel painted. Realistic data (see
// realistic-data.ts) is captured through the real ingest path; synthetic data (rows written straight into
// the database, every parcel shipped, no events) is kept for comparison.
//
// Two browsers run side by side: one with an empty database (the empty popup and a static extension page
// with no script of its own: the floors) and one with the data. Each round opens the static page, the empty
// popup and the popup with data, one after another, so load from other jobs hits all three alike; every
// ratio is of medians measured in the same rounds.
//
// Every timing is taken inside the page on its own clock (performance.now(), 0 = the navigation's start) by
// the same probe script injected into all three pages: a MutationObserver that, once the awaited element is
// in the DOM, waits for the next frame (requestAnimationFrame, then a task, i.e. after that frame's paint).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../../tests/e2e/harness';
import { KB, pageGzipBytes } from '../sizes';
import { median, root, type Recorder } from './common';
import { describeRealistic, realisticData } from './realistic-data';
import { startTrace, summarize } from './trace';

/** Cold opens per figure (medians). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const STATIC_PAGE = 'bench-static.html';
/** BENCH_SIZES=2000,50000 measures those realistic sizes instead (and no synthetic ones), in either bench. */
const sizesFromEnv = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : undefined;
/** Batches per round trip to the service worker while seeding (sent as one JSON string: cheap to pass). */
const SEED_CHUNK = 100;

declare global {
  interface Window {
    __bench?: { shown?: number; result?: number; inputAt?: number; marks?: Record<string, number> };
  }
}

/** Injected at document start into every page of the run (extension pages only). */
function probe() {
  if (location.protocol !== 'chrome-extension:') return;
  const bench: NonNullable<Window['__bench']> = {};
  window.__bench = bench;
  const after = (set: () => void) => requestAnimationFrame(() => setTimeout(set, 0));
  let query = '';
  const check = () => {
    if (bench.shown === undefined && document.querySelector('.row:not(.placeholder), .empty')) {
      bench.shown = -1;
      after(() => (bench.shown = performance.now()));
    }
    if (query && bench.result === undefined) {
      const rows = document.querySelectorAll('.row:not(.placeholder)');
      if (rows.length === 1 && rows[0].textContent!.includes(query)) {
        bench.result = -1;
        after(() => (bench.result = performance.now()));
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener(
    'input',
    (e) => {
      query = (e.target as HTMLInputElement).value;
      bench.inputAt = e.timeStamp;
      check();
    },
    true,
  );
}

/** A copy of the built extension with a static page: popup.html's markup and CSS, its script removed. */
function extensionWithStaticPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parcel-hub-bench-'));
  cpSync(resolve(root, 'extension'), dir, { recursive: true });
  const html = readFileSync(join(dir, 'popup.html'), 'utf8')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace('<div id="app"></div>', '<div id="app"><main class="popup"><section class="empty"><h2>包裹汇</h2><p>还没有包裹。</p></section></main></div>');
  writeFileSync(join(dir, STATIC_PAGE), html);
  return dir;
}

/** One cold open of `path`: ms from navigation start to the awaited element painted. With `query`, then types
 * it as one keystroke (insertText) and adds ms from the input event to the one matching row painted. */
async function coldOpen(h: Harness, path: string, query?: string, traceTitle?: string): Promise<{ shown: number; keystroke?: number; marks: Record<string, number>; profile?: string }> {
  const page: Page = await h.context.newPage();
  try {
    await page.setViewportSize({ width: 420, height: 600 });
    // tsx (esbuild, keepNames) wraps named functions in __name(), which the page does not have.
    await page.addInitScript({ content: `var __name = (f) => f; (${probe.toString()})();` });
    const stopTrace = traceTitle ? await startTrace(page) : undefined;
    await page.goto(`chrome-extension://${h.extensionId}/${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window.__bench?.shown ?? -1) > 0, undefined, { timeout: 60_000, polling: 5 });
    let keystroke: number | undefined;
    if (query) {
      await page.keyboard.insertText(query);
      await page.waitForFunction(() => (window.__bench?.result ?? -1) > 0, undefined, { timeout: 60_000, polling: 5 });
      keystroke = await page.evaluate(() => window.__bench!.result! - window.__bench!.inputAt!);
    }
    const shown = await page.evaluate(() => window.__bench!.shown!);
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    let profile: string | undefined;
    if (stopTrace) {
      const events = await stopTrace();
      try {
        profile = summarize(events, path, traceTitle!);
      } catch (e) {
        profile = `# ${traceTitle}\n\n(trace not summarized: ${String(e)})\n`;
      }
    }
    return { shown, keystroke, marks, profile };
  } finally {
    await page.close();
  }
}

type Sw = { __parcelHub: { getDb(): import('../../src/db/schema').ParcelHubDb; ingest(db: unknown, batch: unknown, now?: number): Promise<unknown> } };

async function clearDb(h: Harness) {
  await h.sw(async () => {
    const db = (globalThis as unknown as Sw).__parcelHub.getDb();
    await db.transaction('rw', db.orders, db.parcels, db.events, () => Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear()]));
  });
}

/** Capture the realistic data set through the background's ingest(), batch by batch (each awaited, as capture
 * delivers them), then archive half. Also returns the worker's ms per batch in each tenth of the batches, to see
 * whether ingest slows down as the store fills. */
async function seedRealistic(h: Harness, n: number, now: number) {
  const d = realisticData(n, now);
  await clearDb(h);
  const perBatch: number[] = [];
  const t = performance.now();
  for (let i = 0; i < d.batches.length; i += SEED_CHUNK) {
    perBatch.push(
      ...(await h.sw(
        async ({ json, now }) => {
          const ph = (globalThis as unknown as Sw).__parcelHub;
          const times: number[] = [];
          for (const b of JSON.parse(json) as unknown[]) {
            const t0 = performance.now();
            await ph.ingest(ph.getDb(), b, now);
            times.push(performance.now() - t0);
          }
          return times;
        },
        { json: JSON.stringify(d.batches.slice(i, i + SEED_CHUNK)), now },
      )),
    );
  }
  const ingestMs = performance.now() - t;
  const tenth = Math.ceil(perBatch.length / 10);
  const byTenth = Array.from({ length: Math.ceil(perBatch.length / tenth) }, (_, k) => perBatch.slice(k * tenth, (k + 1) * tenth)).map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  // As the popup's archive button does (background/user-actions.ts handleArchive), for many parcels at once.
  const archived = await h.sw(async (nos) => {
    const db = (globalThis as unknown as Sw).__parcelHub.getDb();
    return db.parcels.where('trackingNo').anyOf(nos).modify({ archived: 1 });
  }, d.archive);
  const count = await h.sw(async () => (globalThis as unknown as Sw).__parcelHub.getDb().parcels.count());
  if (count !== n || archived !== d.archive.length) throw new Error(`realistic ${n}: ${count} parcels, ${archived} archived`);
  return { data: d, ingestMs, byTenth };
}

/** The old synthetic set: rows written straight into the database (all shipped, no events, nothing archived). */
async function seedSynthetic(h: Harness, n: number, now: number) {
  await clearDb(h);
  await h.sw(
    async ({ count, now }) => {
      const db = (globalThis as unknown as Sw).__parcelHub.getDb();
      const statuses = ['in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered', 'picked_up'] as const;
      const parcels = [];
      const orders = [];
      for (let i = 0; i < count; i++) {
        const no = `YT${String(1_000_000_000_000 + i)}`;
        const t = now - (i % 40) * 3_600_000;
        const status = statuses[i % 5];
        parcels.push({ key: `yto:${no}`, carrier: 'yto', trackingNo: no, direction: 'outbound' as const, orderKeys: [`douyin:${i}`], platforms: ['douyin' as const], status, latestEvent: { time: t, text: `【杭州转运中心】已发出 ${i}` }, pickupCode: i % 5 === 2 ? `${i % 9}-${i % 7}-${1000 + (i % 9000)}` : undefined, nextCheckAt: 0, archived: 0 as const, firstSeen: t, lastSeen: t, updatedAt: t, sources: {} });
        orders.push({ key: `douyin:${i}`, platform: 'douyin' as const, orderId: String(i), shopName: `店铺${i % 97}`, items: [{ title: `商品 ${i} 号 保温杯` }], status: 'shipped' as const, parcelKeys: [`yto:${no}`], firstSeen: t, lastSeen: t, sources: {} });
      }
      await db.parcels.bulkPut(parcels);
      await db.orders.bulkPut(orders);
    },
    { count: n, now },
  );
  // The oldest in-transit parcel: the last row of its section.
  return `YT${String(1_000_000_000_000 + 36)}`;
}

interface Round {
  static: number[];
  empty: number[];
  data: number[];
  keystroke: number[];
  marks: Record<string, number>[];
}

async function rounds(floor: Harness, withData: Harness, query: string): Promise<Round> {
  const out: Round = { static: [], empty: [], data: [], keystroke: [], marks: [] };
  for (let r = 0; r < ROUNDS; r++) {
    out.static.push((await coldOpen(floor, STATIC_PAGE)).shown);
    out.empty.push((await coldOpen(floor, 'popup.html')).shown);
    const d = await coldOpen(withData, 'popup.html', query);
    out.data.push(d.shown);
    out.keystroke.push(d.keystroke!);
    out.marks.push(d.marks);
  }
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-US');

interface PopupRun {
  /** Realistic sizes (parcels) measured, in order. */
  sizes: number[];
  /** Also the synthetic 2,000 and 10,000 (for comparison with earlier figures). */
  synthetic: boolean;
  /** Figures over all rounds of the run (static page, empty popup) and the popup's gzipped size. */
  totals: boolean;
}

/** `npm run bench -- popup`: realistic 2,000 and 10,000 parcels, synthetic 2,000 and 10,000, and the totals. */
export const benchPopup = (record: Recorder) => runPopup(record, sizesFromEnv ? { sizes: sizesFromEnv, synthetic: false, totals: true } : { sizes: [2000, 10000], synthetic: true, totals: true });

/** `npm run bench -- popup-large` (never in a plain `npm run bench`): realistic 50,000 parcels, whose capture
 * through ingest() alone takes many minutes. Its own bench, so a default run keeps its rows. */
export const benchPopupLarge = (record: Recorder) => runPopup(record, { sizes: sizesFromEnv ?? [50000], synthetic: false, totals: false });

async function runPopup(record: Recorder, run: PopupRun) {
  const { launch } = await import('../../tests/e2e/harness');
  const extensionDir = extensionWithStaticPage();
  const floor = await launch({ extensionDir });
  const withData = await launch({ extensionDir });
  const profiles = new Map<string, string>();
  try {
    await clearDb(floor);
    const now = Date.now();
    const staticMs: number[] = [];
    const emptyMs: number[] = [];
    for (const kind of run.synthetic ? (['realistic', 'synthetic'] as const) : (['realistic'] as const)) {
      for (const n of kind === 'realistic' ? run.sizes : [2000, 10000]) {
        let query: string;
        let seeding = '';
        if (kind === 'realistic') {
          const { data, ingestMs, byTenth } = await seedRealistic(withData, n, now);
          seeding = `Seeding: ${data.batches.length} batches through ingest() in ${(ingestMs / 1000).toFixed(1)} s; ms per batch in the worker, by tenth of the batches (oldest pages first): ${byTenth.map((x) => x.toFixed(0)).join(', ')}.\n`;
          console.log(`    realistic ${fmt(n)}: ${describeRealistic(data)}\n    ${seeding.trim()}`);
          record({ name: `realistic: capture ${fmt(n)} parcels through ingest() (${data.batches.length} batches, Chromium service worker)`, value: ingestMs, unit: 'ms' });
          query = data.probe.trackingNo;
        } else {
          query = await seedSynthetic(withData, n, now);
        }
        const r = await rounds(floor, withData, query);
        staticMs.push(...r.static);
        emptyMs.push(...r.empty);
        const [s, e, d, k] = [median(r.static), median(r.empty), median(r.data), median(r.keystroke)];
        const goal = n === 2000 ? 1.5 : n === 10000 ? 2 : undefined;
        record({ name: `${kind}: popup cold open → first parcel row painted, ${fmt(n)} parcels`, value: d, unit: 'ms', ratio: d / e, baseline: `empty popup, same rounds (${e.toFixed(0)} ms)`, ...(goal && kind === 'realistic' ? { goal: { on: 'ratio' as const, max: goal } } : {}) });
        const kGoal = n === 2000 ? 100 : n === 10000 ? 150 : undefined;
        record({ name: `${kind}: first keystroke right after opening → the one matching parcel painted, ${fmt(n)} parcels`, value: k, unit: 'ms', ...(kGoal && kind === 'realistic' ? { goal: { on: 'value' as const, max: kGoal } } : {}) });
        if (kind === 'realistic') {
          record({ name: `realistic: empty popup vs static page, rounds of the ${fmt(n)} figure`, value: e, unit: 'ms', ratio: e / s, baseline: `static extension page, same rounds (${s.toFixed(0)} ms)` });
          // One more open, traced (not counted: tracing slows the page), summarized into bench/profiles/.
          const traced = await coldOpen(withData, 'popup.html', query, `Popup cold open + first keystroke, realistic ${fmt(n)} parcels (one traced run)`);
          mkdirSync(resolve(root, 'bench/profiles'), { recursive: true });
          writeFileSync(resolve(root, `bench/profiles/popup-realistic-${n}.md`), `${traced.profile}\nThis run: first row painted at ${traced.shown.toFixed(0)} ms, keystroke → result ${traced.keystroke!.toFixed(0)} ms (tracing on). Marks: ${Object.entries(traced.marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}\n\n${seeding}`);
          const stages = [...new Set(r.marks.flatMap((m) => Object.keys(m)))];
          if (stages.length) profiles.set(`${kind} ${fmt(n)}`, stages.map((st) => `${st} ${median(r.marks.map((m) => m[st] ?? NaN).filter(Number.isFinite)).toFixed(0)}`).join(', '));
        }
      }
    }
    if (run.totals) {
      const s = median(staticMs);
      const e = median(emptyMs);
      record({ name: 'popup: static extension page (no script) → painted, all rounds', value: s, unit: 'ms' });
      record({ name: 'popup: empty popup cold open → empty state painted, all rounds', value: e, unit: 'ms', ratio: e / s, baseline: 'static extension page, same rounds', goal: { on: 'ratio', max: 2 } });
    }
  } finally {
    await floor.close();
    await withData.close();
  }
  if (profiles.size) writeMarks(profiles);
  if (run.totals) {
    const { files, bytes } = pageGzipBytes(resolve(root, 'extension'), 'popup.html');
    record({ name: `popup first load: JS+CSS gzipped (${files.length} files)`, value: bytes / KB, unit: 'KB', goal: { on: 'value', max: 60 } });
  }
}

const MARKS_FILE = resolve(root, 'bench/profiles/popup-marks.md');

/** bench/profiles/popup-marks.md: one line per data set; lines of data sets not measured this time (the other
 * bench's sizes) stay. */
function writeMarks(fresh: Map<string, string>) {
  const old = new Map<string, string>();
  if (existsSync(MARKS_FILE)) {
    for (const m of readFileSync(MARKS_FILE, 'utf8').matchAll(/^\| ((?:realistic|synthetic) [\d,]+) \| (.*) \|$/gm)) old.set(m[1], m[2]);
  }
  const all = new Map([...old, ...fresh]);
  const size = (label: string) => Number(label.replace(/\D/g, ''));
  const lines = [...all].sort(([a], [b]) => a.split(' ')[0].localeCompare(b.split(' ')[0]) || size(a) - size(b)).map(([label, marks]) => `| ${label} | ${marks} |`);
  mkdirSync(resolve(root, 'bench/profiles'), { recursive: true });
  writeFileSync(MARKS_FILE, `# Popup start-up marks (median ms from navigation start, cold opens)\n\n| data | marks |\n|---|---|\n${lines.join('\n')}\n`);
}
