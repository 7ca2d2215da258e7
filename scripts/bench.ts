// `npm run bench`: figures, not pass/fail. Each figure is the median of several runs; ratios are against a
// baseline measured in the same run, so they hold on a noisy machine. Writes bench/results.json.
//  - parse time of a 50-order list payload per platform, and its ratio to JSON.parse of the same text;
//  - the MAIN-world hook's overhead on a page fetch (real Chromium, with vs without the hook).
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { douyin } from '../src/platforms/douyin';
import { kuaishou } from '../src/platforms/kuaishou';
import { taobao } from '../src/platforms/taobao';
import type { PlatformAdapter } from '../src/platforms/types';

const root = resolve(import.meta.dirname, '..');
const fixture = (p: string) => readFileSync(resolve(root, 'tests/fixtures', p), 'utf8');

interface Result {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
  baseline?: string;
}
const results: Result[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs = 30, inner = 5): number {
  for (let i = 0; i < 5; i++) fn(); // warm up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push((performance.now() - t) / inner);
  }
  return median(samples);
}

/** Repeat a fixture's orders with fresh ids until there are `n`. */
function grow<T>(list: T[], n: number, reId: (o: T, i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => reId(structuredClone(list[i % list.length]), i));
}

const reIdJson = (o: unknown, i: number) => JSON.parse(JSON.stringify(o).replace(/"(\d{15,19})"/g, (_m, id: string) => `"${id.slice(0, -3)}${String(i).padStart(3, '0')}"`));

function payloads(): { platform: PlatformAdapter; body: string; url: string; page: string }[] {
  const dy = JSON.parse(fixture('douyin/order-list-page1.json'));
  dy.data.orders = grow(dy.data.orders, 50, reIdJson);
  const ks = JSON.parse(fixture('kuaishou/order-list-page1.json'));
  ks.data.orderList = grow(ks.data.orderList, 50, reIdJson);
  const tbText = fixture('taobao/mtop-boughtlist-components.jsonp');
  const tb = JSON.parse(tbText.slice(tbText.indexOf('(') + 1, tbText.lastIndexOf(')')));
  const comps = tb.data.data as Record<string, unknown>;
  const ids = [...new Set(Object.keys(comps).filter((k) => k.startsWith('shopInfo_')).map((k) => k.slice(9)))];
  const grown: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) {
    const id = ids[i % ids.length];
    const newId = `${id.slice(0, -3)}${String(i).padStart(3, '0')}`;
    for (const [k, v] of Object.entries(comps)) if (k.includes(id)) grown[k.replace(id, newId)] = JSON.parse(JSON.stringify(v).split(id).join(newId));
  }
  tb.data.data = grown;
  return [
    { platform: taobao, body: `/**/mtopjsonp3(${JSON.stringify(tb)});`, url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=jsonp&callback=mtopjsonp3', page: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm' },
    { platform: douyin, body: JSON.stringify(dy), url: 'https://haohuo.jinritemai.com/api/order/list?page=1', page: 'https://haohuo.jinritemai.com/views/order/list' },
    { platform: kuaishou, body: JSON.stringify(ks), url: 'https://app.kwaixiaodian.com/rest/app/grocery/order/list', page: 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list' },
  ];
}

function benchParsers() {
  for (const p of payloads()) {
    const url = new URL(p.url);
    const page = new URL(p.page);
    const out = p.platform.parsePayload(p.body, url, page);
    const orders = out?.orders.length ?? 0;
    const parse = time(() => p.platform.parsePayload(p.body, url, page));
    const json = time(() => JSON.parse(p.body.slice(p.body.indexOf('{'), p.body.lastIndexOf('}') + 1)));
    results.push({ name: `parse ${p.platform.id} 50-order list (${orders} orders read, ${(p.body.length / 1024).toFixed(0)} KiB)`, value: parse, unit: 'ms', ratio: parse / json, baseline: 'JSON.parse of the same text' });
  }
}

async function benchHook() {
  execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const { launch } = await import('../tests/e2e/harness');
  const h = await launch();
  try {
    const body = JSON.stringify(JSON.parse(fixture('douyin/order-list-page1.json')));
    h.serve(/\/api\/order\/list/, { body, contentType: 'application/json' });
    h.serve(/\/(blank|plain)\.html/, { body: '<!doctype html><title>bench</title>' });
    // Same fetch loop on a platform page (hook installed) and on a non-platform host (no hook).
    const loop = async (pageUrl: string, api: string) => {
      const page = await h.openShopPage(pageUrl);
      const ms: number[] = [];
      for (let round = 0; round < 7; round++) {
        ms.push(
          await page.evaluate(async (u) => {
            const t = performance.now();
            for (let i = 0; i < 40; i++) await (await fetch(`${u}?i=${i}`)).text();
            return (performance.now() - t) / 40;
          }, api),
        );
      }
      await page.close();
      return median(ms);
    };
    // Alternate the two and keep the best median of each, so warm-up and drift do not favour either side.
    const withouts: number[] = [];
    const withs: number[] = [];
    for (let i = 0; i < 3; i++) {
      withouts.push(await loop('https://bench.example.test/plain.html', 'https://bench.example.test/api/order/list'));
      withs.push(await loop('https://haohuo.jinritemai.com/blank.html', 'https://haohuo.jinritemai.com/api/order/list'));
    }
    const without = Math.min(...withouts);
    const withHook = Math.min(...withs);
    results.push({ name: 'page fetch of an order list with the hook (Chromium, via context.route)', value: withHook, unit: 'ms', ratio: withHook / without, baseline: 'same fetch on a page without the hook' });
  } finally {
    await h.close();
  }
}

/** Popup: time from opening to the first rows drawn, at 0, 2,000 and 10,000 parcels in one run; and one
 * search keystroke at 10,000. Synthetic parcels are written straight into the extension's database. */
async function benchPopup() {
  const { launch } = await import('../tests/e2e/harness');
  const h = await launch();
  try {
    const seed = (n: number) =>
      h.sw(async (count) => {
        type Db = Record<string, { clear(): Promise<void>; bulkPut(rows: unknown[]): Promise<unknown> }>;
        const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
        await Promise.all([db.parcels.clear(), db.orders.clear(), db.events.clear()]);
        const now = Date.now();
        const statuses = ['in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered', 'picked_up'];
        const parcels = [];
        const orders = [];
        for (let i = 0; i < count; i++) {
          const no = `YT${String(1_000_000_000_000 + i)}`;
          const t = now - (i % 40) * 3_600_000;
          parcels.push({ key: `yto:${no}`, carrier: 'yto', trackingNo: no, direction: 'outbound', orderKeys: [`douyin:${i}`], platforms: ['douyin'], status: statuses[i % 5], latestEvent: { time: t, text: `【杭州转运中心】已发出 ${i}` }, pickupCode: i % 5 === 2 ? `${i % 9}-${i % 7}-${1000 + (i % 9000)}` : undefined, nextCheckAt: 0, archived: 0, firstSeen: t, lastSeen: t, updatedAt: t, sources: {} });
          orders.push({ key: `douyin:${i}`, platform: 'douyin', orderId: String(i), shopName: `店铺${i % 97}`, items: [{ title: `商品 ${i} 号 保温杯` }], status: 'shipped', parcelKeys: [`yto:${no}`], firstSeen: t, lastSeen: t, sources: {} });
        }
        await db.parcels.bulkPut(parcels);
        await db.orders.bulkPut(orders);
      }, n);
    const open = async (n: number) => {
      const page = await h.openPopup();
      const samples: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        await page.reload();
        await page.waitForSelector(n ? '.row' : '.empty', { timeout: 30_000 });
        samples.push(performance.now() - t);
      }
      return { page, ms: median(samples) };
    };
    const figures: Record<number, number> = {};
    for (const n of [0, 2000, 10000]) {
      await seed(n);
      const { page, ms } = await open(n);
      figures[n] = ms;
      if (n === 10000) {
        const input = page.locator('input[type="search"]');
        const typed: number[] = [];
        for (let r = 0; r < 5; r++) {
          await input.fill('');
          await page.waitForFunction(() => document.querySelectorAll('.row').length > 1);
          const t = performance.now();
          await input.fill(`YT100000000${String(4321 + r)}`);
          await page.waitForFunction(() => document.querySelectorAll('.row').length === 1);
          typed.push(performance.now() - t);
        }
        results.push({ name: 'popup search keystroke → one result at 10,000 parcels', value: median(typed), unit: 'ms' });
      }
      await page.close();
    }
    results.push({ name: 'popup open → first rows, 0 parcels (empty state)', value: figures[0], unit: 'ms' });
    results.push({ name: 'popup open → first rows, 2,000 parcels', value: figures[2000], unit: 'ms', ratio: figures[2000] / figures[0], baseline: 'empty popup' });
    results.push({ name: 'popup open → first rows, 10,000 parcels', value: figures[10000], unit: 'ms', ratio: figures[10000] / figures[0], baseline: 'empty popup' });
  } finally {
    await h.close();
  }
  const assets = resolve(root, 'extension/assets');
  const { readdirSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const html = readFileSync(resolve(root, 'extension/popup.html'), 'utf8');
  const files = new Set<string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    const code = readFileSync(resolve(assets, f), 'utf8');
    for (const m of code.matchAll(/["'(]\.?\/?(?:assets\/)?([\w.-]+\.(?:js|css))["')]/g)) if (readdirSync(assets).includes(m[1])) visit(m[1]);
  };
  for (const m of html.matchAll(/assets\/([\w.-]+\.(?:js|css))/g)) visit(m[1]);
  const gz = [...files].reduce((n, f) => n + gzipSync(readFileSync(resolve(assets, f))).length, 0);
  results.push({ name: `popup JS+CSS gzipped (${files.size} files)`, value: gz / 1024, unit: 'KB', ratio: gz / 1024 / 60, baseline: 'budget 60 KB' });
}

benchParsers();
if (!process.argv.includes('--no-browser')) {
  await benchHook();
  await benchPopup();
}

mkdirSync(resolve(root, 'bench'), { recursive: true });
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2));
console.log('\nbenchmark                                                                    value      ratio');
for (const r of results) console.log(`${r.name.padEnd(76)} ${r.value.toFixed(3).padStart(8)} ${r.unit.padEnd(3)} ${r.ratio ? `${r.ratio.toFixed(2)}× ${r.baseline}` : ''}`);
console.log('\nwritten: bench/results.json');
