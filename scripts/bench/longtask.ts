// Long tasks a 10,000-order response adds to the shop page (real Chromium): a Kuaishou order-list page
// fetches the answer and only reads its text; PerformanceObserver('longtask') in the page sums the time of
// tasks over 50 ms. Baseline: the same page and answer on a host without the extension. Goal: the longest
// task is no longer than the page's own longest plus 50 ms (the extension adds no long task of its own).
import { median, type Recorder } from './common';

export async function benchLongTask(record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
  const { kuaishouList } = await import('../../tests/fixtures/kuaishou-big');
  const h = await launch();
  try {
    const body = kuaishouList(10_000);
    h.serve((u) => u.pathname.endsWith('/order/big'), { body, contentType: 'application/json' });
    const page = (api: string) => `<!doctype html><meta charset="utf-8"><div id="root"></div><script>
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      setTimeout(() => fetch(${JSON.stringify(api)}).then((r) => r.text()).then(() => { document.getElementById('root').textContent = 'loaded'; }), 300);</script>`;
    const run = async (pageUrl: string, api: string) => {
      h.serve((u) => u.href === pageUrl, { body: page(api) });
      const p = await h.openShopPage(pageUrl);
      await p.waitForFunction(() => document.getElementById('root')?.textContent === 'loaded', undefined, { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 3000)); // the hook's slices and the content script's parts
      const tasks = await p.evaluate(() => (window as unknown as { __long: number[] }).__long);
      await p.close();
      return Math.max(0, ...tasks);
    };
    const withouts: number[] = [];
    const withs: number[] = [];
    for (let i = 0; i < 3; i++) {
      withouts.push(await run(`https://shop.example.test/order/list?i=${i}`, 'https://shop.example.test/rest/order/big'));
      withs.push(await run(`https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list?bench=${i}`, 'https://app.kwaixiaodian.com/rest/app/grocery/order/big'));
    }
    const without = median(withouts);
    const withExt = median(withs);
    record({ name: 'longest task on a shop page loading 10,000 orders, with the extension (Chromium)', value: withExt, unit: 'ms', baseline: `same page without the extension: ${without.toFixed(0)} ms` });
    record({ name: 'longest task the extension adds over the page\'s own (10,000 orders)', value: Math.max(0, withExt - without), unit: 'ms', goal: { on: 'value', max: 50 } });
  } finally {
    await h.close();
  }
}
