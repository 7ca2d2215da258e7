// The whole path in real Chromium: shop page → MAIN-world hook and content script → background → IndexedDB
// → popup. Fixture pages are served at the platforms' real URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo, URLS } from '../fixtures/demo';
import { artifactPath, dbSnapshot, launch, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await launch();
  serveDemo(h);
});

afterAll(async () => {
  await h?.close();
});

const parcelCount = () =>
  h.sw(() => (globalThis as unknown as { __parcelHub: { getDb(): { parcels: { count(): Promise<number> } } } }).__parcelHub.getDb().parcels.count());

describe('capture → database → popup', () => {
  it('loads the extension with a service worker and no errors', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    expect(await h.errors()).toEqual([]);
  });

  it('imports a Douyin order list the page fetches, and the popup shows its tracking numbers', async () => {
    await h.openShopPage(URLS.douyinList);
    await h.waitFor(parcelCount, (n) => n >= 4);
    const snap = await dbSnapshot(h);
    const numbers = snap.parcels.map((p) => p.trackingNo);
    expect(numbers).toEqual(expect.arrayContaining(['73512345678901', 'YT7512345678901', 'JT5261234567890', 'SF1234567890123']));
    // unshipped orders are kept as orders without parcels
    expect(snap.orders.some((o) => o.status === 'unshipped' && o.parcelKeys.length === 0)).toBe(true);

    const popup = await h.openPopup();
    await popup.waitForSelector('[data-tracking="YT7512345678901"]');
    const text = await popup.locator('main').innerText();
    expect(text).toContain('73512345678901');
    // the unshipped order is a row of its own (in needs attention: its 48-hour shipping promise is long past)
    const unshipped = snap.orders.find((o) => o.status === 'unshipped' && o.parcelKeys.length === 0)!;
    expect(await popup.locator(`[data-order="${unshipped.orderId}"]`).count()).toBe(1);
    await popup.screenshot({ path: artifactPath('smoke-popup.png'), fullPage: true });
    expect(await h.errors()).toEqual([]);
  });

  it('imports a Kuaishou list loaded by XHR and a Taobao list loaded by JSONP', async () => {
    const before = await parcelCount();
    await h.openShopPage(URLS.kuaishouList);
    await h.waitFor(parcelCount, (n) => n >= before + 4);
    await h.openShopPage(URLS.taobaoListCurrent);
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.map((p) => p.trackingNo), (nos) => nos.includes('73100059801234'));
    expect(await h.errors()).toEqual([]);
  });

  it('reads the legacy Taobao list and asks transit_step.do for shipped orders without a number', async () => {
    await h.openShopPage(URLS.taobaoList);
    await h.waitFor(async () => (await dbSnapshot(h)).orders.filter((o) => o.key.startsWith('taobao:')).length, (n) => n >= 8);
    await h.waitFor(async () => h.requests.filter((r) => r.url.includes('transit_step.do')).length, () => h.requests.some((r) => r.url.includes('transit_step.do')), 10_000);
    const calls = h.requests.filter((r) => r.url.includes('transit_step.do'));
    expect(calls.length).toBeGreaterThan(0);
    expect(await h.errors()).toEqual([]);
  });
});
