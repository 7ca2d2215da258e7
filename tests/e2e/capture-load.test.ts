// Capture under load, in real Chromium:
//  - a 10,000-order response adds no long task (> 50 ms) to the shop page: the hook only copies it, in
//    slices, and the background parses it. PerformanceObserver('longtask') in the page, installed before the
//    page's scripts; the page marks its own work, and the long tasks outside it are compared with the same
//    page without the extension (tests/fixtures/longtask-page.ts). All 10,000 orders are stored;
//  - the service worker stopped repeatedly during a burst of 20 order pages loses no order: the content
//    scripts keep each message until the background acknowledges it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness';
import { kuaishouList } from '../fixtures/kuaishou-big';
import { URLS } from '../fixtures/demo';
import { heavyOutside, type LongTaskSplit } from '../fixtures/longtask-page';
import { measureLongTasks, withCapture } from './longtask-trace';

const counts = (h: Harness) =>
  h.sw(async () => {
    const db = (globalThis as unknown as { __parcelHub: { getDb(): Record<string, { count(): Promise<number> }> } }).__parcelHub.getDb();
    return { orders: await db.orders.count(), parcels: await db.parcels.count() };
  });

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  expect(await h.errors()).toEqual([]);
  await h.close();
});

describe('capture under load', () => {
  it('a 10,000-order response: no long task over 50 ms added to the page, every order stored', async () => {
    const body = kuaishouList(10_000);
    h.serve((u) => u.pathname.endsWith('/order/big'), { body, contentType: 'application/json' });
    // The same page and answer on a host without the extension, alternating with the extension's, three
    // rounds: the machine's load comes and goes and inflates both alike; the best round of each is kept.
    const rounds: { without: LongTaskSplit; with: LongTaskSplit }[] = [];
    const t0 = Date.now();
    for (let round = 0; round < 3; round++) {
      const without = await measureLongTasks(h, `https://shop.example.test/order/list?r=${round}`, 'https://shop.example.test/rest/app/grocery/order/big', async () => {});
      const withExt = await withCapture(h, (settle) => measureLongTasks(h, `${URLS.kuaishouList}?big=${round}`, 'https://app.kwaixiaodian.com/rest/app/grocery/order/big', settle));
      rounds.push({ without, with: withExt });
    }
    const stored = (await h.waitFor(() => counts(h), (c) => c.orders >= 10_000, 300_000)).orders;
    console.log(`${stored} orders stored ${((Date.now() - t0) / 1000).toFixed(1)} s after the first page opened`);
    // Best round of each side: fewest heavy outside tasks, then the shortest longest one.
    const score = (s: LongTaskSplit) => heavyOutside(s).length * 1e6 + Math.max(0, ...heavyOutside(s));
    const best = (side: 'without' | 'with') => rounds.map((r) => r[side]).reduce((a, b) => (score(b) < score(a) ? b : a));
    const without = best('without');
    const withExt = best('with');
    console.log(`long tasks after the fetch (ms), per round — own, outside (wall), outside (CPU): ${JSON.stringify(rounds)}`);
    console.log(`best round, outside the page's own work: with the extension ${JSON.stringify(withExt.outside)} ms wall, ${JSON.stringify(withExt.outsideCpu)} ms CPU; without ${JSON.stringify(without.outside)} / ${JSON.stringify(without.outsideCpu)}`);
    expect(stored).toBe(10_000);
    // The goal: no long task of the capture's own. Outside the page's own work, the page with the extension
    // has no more long tasks that did over 50 ms of work than the page without it, and none longer than
    // the longest there is without it (or 50 ms). Tasks long only by the machine's load (little work, much
    // wall time) are listed above but are not the capture's.
    expect(heavyOutside(withExt).length).toBeLessThanOrEqual(heavyOutside(without).length);
    expect(Math.max(0, ...heavyOutside(withExt))).toBeLessThanOrEqual(Math.max(50, ...heavyOutside(without)));
    expect(await counts(h)).toEqual({ orders: 10_000, parcels: 10_000 });
  }, 900_000);

  it('the worker stopped four times during a burst of 20 pages: every order is found', async () => {
    const PAGES = 20;
    const PER = 25;
    const api = 'https://app.kwaixiaodian.com/rest/app/grocery/order/burst';
    h.serve((u) => u.href.startsWith(api), (route) => {
      const p = Number(new URL(route.request().url()).searchParams.get('p'));
      return { body: kuaishouList(PER, 100_000 + p * PER), contentType: 'application/json' };
    });
    const pageUrl = (p: number) => `${URLS.kuaishouList}?burst=${p}`;
    h.serve((u) => u.href.startsWith(`${URLS.kuaishouList}?burst=`), (route) => {
      const p = new URL(route.request().url()).searchParams.get('burst');
      return { body: `<!doctype html><meta charset="utf-8"><script>fetch(${JSON.stringify(api)} + '?p=${p}').then((r) => r.text());</script>` };
    });
    const before = (await counts(h)).orders;
    const opening = Promise.all(Array.from({ length: PAGES }, (_, p) => new Promise((r) => setTimeout(r, p * 100)).then(() => h.openShopPage(pageUrl(p)))));
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 400));
      await h.stopWorker();
    }
    const pages = await opening;
    const after = await h.waitFor(() => counts(h), (c) => c.orders >= before + PAGES * PER, 180_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(await counts(h))} of ${before + PAGES * PER}`);
    });
    console.log(`orders found after 4 worker stops during 20 pages: ${after.orders - before} of ${PAGES * PER}`);
    expect(after.orders - before).toBe(PAGES * PER);
    await Promise.all(pages.map((p) => p.close()));
  }, 360_000);
});
