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

benchParsers();
if (!process.argv.includes('--no-browser')) await benchHook();

mkdirSync(resolve(root, 'bench'), { recursive: true });
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2));
console.log('\nbenchmark                                                                    value      ratio');
for (const r of results) console.log(`${r.name.padEnd(76)} ${r.value.toFixed(3).padStart(8)} ${r.unit.padEnd(3)} ${r.ratio ? `${r.ratio.toFixed(2)}× ${r.baseline}` : ''}`);
console.log('\nwritten: bench/results.json');
