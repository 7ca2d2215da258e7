// The MAIN-world hook's overhead on a page fetch (real Chromium, with vs without the hook).
import { fixture, median, type Recorder } from './common';

export async function benchHook(record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
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
    record({ name: 'page fetch of an order list with the hook (Chromium, via context.route)', value: withHook, unit: 'ms', ratio: withHook / without, baseline: 'same fetch on a page without the hook', goal: { on: 'ratio', max: 1.05 } });
  } finally {
    await h.close();
  }
}

