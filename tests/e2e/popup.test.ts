// The popup in real Chromium: data seeded by visiting the demo shop pages, then search, keyboard-only copy,
// add-by-paste of a station SMS and the detail view with its timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveDemo, URLS } from '../fixtures/demo';
import { artifactPath, dbSnapshot, launch, type Harness } from './harness';

let h: Harness;
let popup: Page;
let shopParcel = '';

const SMS = '【菜鸟驿站】您的中通快递包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。运单号73100059800035';

beforeAll(async () => {
  h = await launch();
  serveDemo(h);
  // Chromium refuses an origin-scoped grant for chrome-extension:// ("opaque origin"), so grant for all pages.
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await h.openShopPage(URLS.douyinList);
  await h.openShopPage(URLS.kuaishouList);
  await h.waitFor(async () => (await dbSnapshot(h)).parcels.length, (n) => n >= 8);
  popup = await h.openPopup();
  await popup.waitForSelector('[data-tracking="YT7512345678901"]');
});

afterAll(async () => {
  await h?.close();
});

const rowCount = () => popup.locator('.row').count();

describe('popup', () => {
  it('focuses the search box on open and narrows the list to one parcel', async () => {
    expect(await popup.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    // The whole list, once every row is read (the first screen's placeholders can still change in number).
    await popup.waitForFunction(() => performance.getEntriesByName('popup:all-rows-read').length > 0);
    const all = await rowCount();
    expect(all).toBeGreaterThan(3);
    await popup.keyboard.type('YT7512345678901');
    await popup.waitForFunction(() => document.querySelectorAll('.row').length === 1);
    expect(await popup.locator('.row').first().getAttribute('data-tracking')).toBe('YT7512345678901');
    await popup.keyboard.press('Escape');
    await popup.waitForFunction((n) => document.querySelectorAll('.row').length === n, all);
    expect(await h.errors()).toEqual([]);
  });

  it('adds a parcel from a pasted 菜鸟驿站 SMS, with its pickup code and station', async () => {
    await popup.getByRole('button', { name: /粘贴添加/ }).click();
    await popup.locator('form.paste textarea').fill(SMS);
    await popup.locator('form.paste button[type=submit]').click();
    await popup.waitForSelector('[data-tracking="73100059800035"]');
    const parcel = (await dbSnapshot(h)).parcels.find((p) => p.trackingNo === '73100059800035');
    expect(parcel).toMatchObject({ pickupCode: '4-6-7602', status: 'awaiting_collection', carrier: 'zto' });
    const row = popup.locator('[data-tracking="73100059800035"]');
    expect(await row.innerText()).toContain('4-6-7602');
    expect(await popup.locator('[data-section="awaiting_collection"]').innerText()).toContain('待取件');
    await popup.screenshot({ path: artifactPath('popup-pickup.png'), fullPage: true });
    expect(await h.errors()).toEqual([]);
  });

  it('copies a pickup code with the keyboard only', async () => {
    await popup.locator('.row').first().focus();
    await popup.keyboard.press('/');
    expect(await popup.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await popup.keyboard.type('4-6-7602');
    await popup.waitForFunction(() => document.querySelectorAll('.row').length === 1);
    await popup.keyboard.press('ArrowDown');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-tracking'))).toBe('73100059800035');
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-copy'))).toBe('4-6-7602');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => document.querySelector('.row .copied')?.textContent?.includes('已复制'));
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('4-6-7602');
    // the row shortcut "c" copies too
    await popup.evaluate(() => navigator.clipboard.writeText(''));
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('c');
    await h.waitFor(() => popup.evaluate(() => navigator.clipboard.readText()), (v) => v === '4-6-7602');
  });

  it('opens the detail view with Enter and shows the timeline newest first; Esc goes back', async () => {
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.detail .timeline li');
    const detail = await popup.locator('.detail').innerText();
    expect(detail).toContain('物流轨迹');
    expect(detail).toContain('新郑龙湖富田兴龙湾31号楼店');
    expect(detail).toContain('73100059800035');
    await popup.keyboard.press('Escape');
    // Focus comes back to the row it was opened from (waited for: the row can be drawn a frame before it is focused).
    await popup.waitForFunction(() => document.activeElement?.getAttribute('data-tracking') === '73100059800035', undefined, { timeout: 5000 });

    // A parcel from a shop page with the longest history: all its events, newest first.
    const snap = await dbSnapshot(h);
    const counts = new Map<string, number>();
    for (const e of snap.events) counts.set(e.parcelKey, (counts.get(e.parcelKey) ?? 0) + 1);
    const [bestKey, n] = [...counts.entries()].filter(([k]) => !k.endsWith('73100059800035')).sort((a, b) => b[1] - a[1])[0];
    expect(n).toBeGreaterThan(1);
    shopParcel = snap.parcels.find((p) => p.key === bestKey)!.trackingNo;
    await popup.keyboard.press('Escape');
    await popup.locator('input[type=search]').fill(shopParcel);
    await popup.waitForFunction(() => document.querySelectorAll('.row').length === 1);
    await popup.locator('.row').first().click();
    await popup.waitForSelector('.detail .timeline li');
    expect(await popup.locator('.detail .timeline li').count()).toBe(n);
    const times = await popup.locator('.detail .timeline time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // this SF parcel carries two Douyin orders (a merged shipment): both are listed under one heading
    const detailText = await popup.locator('.detail').innerText();
    expect(detailText).toContain('合并发货：2 个订单');
    expect(detailText).toContain('6928104417280213505');
    expect(detailText).toContain('6928104417280213506');
    await popup.screenshot({ path: artifactPath('popup-detail.png'), fullPage: true });
    expect(await h.errors()).toEqual([]);
  });

  it('archives from the detail view and marks a parcel collected', async () => {
    await popup.getByRole('button', { name: '归档', exact: true }).click();
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.find((p) => p.trackingNo === shopParcel), (p) => (p as unknown as { archived: number }).archived === 1);
    await popup.getByRole('button', { name: /返回/ }).click();
    await popup.locator('input[type=search]').fill('');
    await popup.waitForSelector('[data-tracking="73100059800035"]');
    expect(await popup.locator(`[data-tracking="${shopParcel}"]`).count()).toBe(0);
    await popup.locator('[data-tracking="73100059800035"] button', { hasText: '我已取件' }).click();
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.find((p) => p.trackingNo === '73100059800035')?.status, (s) => s === 'delivered');
    expect(await h.errors()).toEqual([]);
  });

  it('has no horizontal scroll at 800 px and in dark mode', async () => {
    const wide = await h.openPopup({ width: 800, height: 600 });
    await wide.emulateMedia({ colorScheme: 'dark' });
    await wide.waitForSelector('.row');
    expect(await wide.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await wide.screenshot({ path: artifactPath('popup-dark.png'), fullPage: true });
    expect(await h.errors()).toEqual([]);
  });
});
