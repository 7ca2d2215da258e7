// The popup in real Chromium, beyond the basics of popup.test.ts: the look in both languages and both colour
// schemes (screenshots as artifacts), the reasons in needs attention (missed promise, unshipped too long,
// a parcel with no events yet), the archive, the toolbar badge after an ingest, and the windowed list at
// 5,000 parcels.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveDemo, URLS } from '../fixtures/demo';
import { artifactPath, dbSnapshot, launch, type Harness } from './harness';

const H = 3600_000;

/** Demo shop pages visited, plus two orders only the database holds: a missed 极速达 and one unshipped for 60 h. */
async function seedDemo(h: Harness) {
  serveDemo(h);
  await h.openShopPage(URLS.douyinList);
  await h.openShopPage(URLS.kuaishouList);
  await h.waitFor(async () => (await dbSnapshot(h)).parcels.length, (n) => n >= 8);
  await h.sw(async (H) => {
    type Db = Record<string, { bulkPut(rows: unknown[]): Promise<unknown> }>;
    const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
    const now = Date.now();
    const order = (id: string, title: string, paidAt: number, promise?: unknown) => ({
      key: `douyin:${id}`, platform: 'douyin', orderId: id, shopName: '极速生鲜旗舰店', items: [{ title }], status: 'unshipped', parcelKeys: [], paidAt, firstSeen: paidAt, lastSeen: now, sources: {}, ...(promise ? { promise } : {}),
    });
    await db.orders.bulkPut([
      order('7000000000000000001', '现摘草莓 2斤', now - 10 * H, { kind: 'ship_by', text: '极速达', at: now - 3 * H }),
      order('7000000000000000002', '纯棉四件套', now - 60 * H),
    ]);
  }, H);
}

async function paste(popup: Page, text: string, button: RegExp, submit: RegExp) {
  await popup.getByRole('button', { name: button }).click();
  await popup.locator('form.paste textarea').fill(text);
  await popup.locator('form.paste').getByRole('button', { name: submit }).click();
}

const LOOKS = [
  { locale: 'zh-CN', lang: 'zh_CN', scheme: 'light', paste: /粘贴添加/, submit: /^添加$/, attention: '需要留意', promise: '没有兑现承诺“极速达”，已超时 3 小时', late: '已付款 60 小时，仍未发货', noEvent: '已记录运单号，等待第一条物流信息' },
  { locale: 'zh-CN', lang: 'zh_CN', scheme: 'dark', paste: /粘贴添加/, submit: /^添加$/, attention: '需要留意', promise: '没有兑现承诺“极速达”，已超时 3 小时', late: '已付款 60 小时，仍未发货', noEvent: '已记录运单号，等待第一条物流信息' },
  { locale: 'en-US', lang: 'en', scheme: 'light', paste: /Add by paste/, submit: /^Add$/, attention: 'Needs attention', promise: 'Promise missed: “极速达”, 3 h overdue', late: 'Paid 60 h ago and still not shipped', noEvent: 'Tracking number saved, waiting for the first scan' },
  { locale: 'en-US', lang: 'en', scheme: 'dark', paste: /Add by paste/, submit: /^Add$/, attention: 'Needs attention', promise: 'Promise missed: “极速达”, 3 h overdue', late: 'Paid 60 h ago and still not shipped', noEvent: 'Tracking number saved, waiting for the first scan' },
] as const;

describe('popup look', () => {
  it.each(LOOKS)('$lang $scheme: sections, reasons and wording in the UI language; screenshot', async (look) => {
    const h = await launch({ locale: look.locale, colorScheme: look.scheme });
    try {
      await seedDemo(h);
      const popup = await h.openPopup();
      await popup.waitForSelector('[data-tracking="YT7512345678901"]');
      // A number with nothing else known: no events, status unknown.
      await paste(popup, 'YT9000000000001', look.paste, look.submit);
      // The list is windowed: the new parcel may sit below the first screen, so search brings it up.
      await popup.locator('input[type=search]').fill('YT9000000000001');
      const added = popup.locator('[data-tracking="YT9000000000001"]');
      await added.waitFor();
      expect(await added.locator('.event').innerText()).toContain(look.noEvent);
      await popup.locator('input[type=search]').fill('');
      await popup.waitForSelector('[data-section="attention"]');

      expect(await popup.locator('[data-section="attention"]').innerText()).toContain(look.attention);
      expect(await popup.locator('[data-order="7000000000000000001"] .reason-text').innerText()).toBe(look.promise);
      // The missed promise sits in needs attention: between its header and the next one.
      const order = await popup.locator('.list > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-section') ?? e.getAttribute('data-order') ?? ''));
      const at = order.indexOf('attention');
      expect(order.indexOf('7000000000000000001')).toBeGreaterThan(at);
      // (the next header may lie beyond the drawn window: then the section runs past it)
      const next = order.findIndex((x, i) => i > at && /^[a-z_]+$/.test(x));
      expect(order.indexOf('7000000000000000001')).toBeLessThan(next === -1 ? Infinity : next);

      // The order unshipped for 60 h is further down the list: search brings it up, with its reason.
      await popup.locator('input[type=search]').fill('7000000000000000002');
      expect(await popup.locator('[data-order="7000000000000000002"] .reason-text').innerText()).toBe(look.late);
      expect(await popup.locator('[data-section="unshipped"]').count()).toBe(1);
      await popup.locator('input[type=search]').fill('');
      await popup.waitForSelector('[data-order="7000000000000000001"]');
      const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(look.scheme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)');
      expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await popup.screenshot({ path: artifactPath(`popup-${look.lang}-${look.scheme}.png`), fullPage: true });
      expect(await h.errors()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('popup behaviour', () => {
  it('shows one chip per carrier, archives and unarchives from the archive view, and counts on the badge after an ingest', async () => {
    const h = await launch();
    try {
      await seedDemo(h);
      const badge = () => h.sw(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
      const popup = await h.openPopup();
      await popup.waitForSelector('[data-tracking="YT7512345678901"]');

      // Carrier chips: one per carrier, even when a parcel's carrier id is spelled another way.
      await h.sw(async () => {
        type Db = Record<string, { get(k: string): Promise<Record<string, unknown>>; put(r: unknown): Promise<unknown> }>;
        const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
        const p = await db.parcels.get('yto:YT7512345678901');
        await db.parcels.put({ ...p, key: 'YTO:YT7512345678902', carrier: 'YTO', trackingNo: 'YT7512345678902' });
        await (globalThis as unknown as { __parcelHub: { updateBadge(): Promise<number> } }).__parcelHub.updateBadge();
      });
      const before = Number((await badge()) || 0);
      await popup.waitForSelector('[data-tracking="YT7512345678902"]');
      const carriers = await popup.getByRole('group', { name: '快递' }).getByRole('button').allInnerTexts();
      expect(carriers.length).toBeGreaterThan(1);
      expect(new Set(carriers).size).toBe(carriers.length);
      expect(carriers.filter((c) => c === '圆通速递')).toHaveLength(1);
      await popup.getByRole('group', { name: '快递' }).getByRole('button', { name: '圆通速递' }).click();
      await popup.waitForFunction(() => [...document.querySelectorAll('.list .row .carrier')].every((c) => c.textContent === '圆通速递'));
      const yto = await popup.locator('.list .row').evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking')));
      expect(yto).toEqual(expect.arrayContaining(['YT7512345678901', 'YT7512345678902']));
      await popup.keyboard.press('Escape');

      // The badge: a station SMS adds a parcel waiting for pickup.
      await paste(popup, '【菜鸟驿站】您的中通快递包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。运单号73100059800035', /粘贴添加/, /^添加$/);
      await popup.waitForSelector('[data-tracking="73100059800035"]');
      expect(await h.waitFor(badge, (t) => Number(t) === before + 1)).toBe(String(before + 1));

      // Archive it from the detail view: off the list and the badge, into the archive; unarchive from there.
      await popup.locator('[data-tracking="73100059800035"]').click();
      await popup.getByRole('button', { name: '归档', exact: true }).click();
      await h.waitFor(badge, (t) => Number(t || 0) === before);
      await popup.getByRole('button', { name: /返回/ }).first().click();
      await popup.waitForSelector('[data-tracking="YT7512345678901"]');
      expect(await popup.locator('[data-tracking="73100059800035"]').count()).toBe(0);
      await popup.getByRole('button', { name: '查看已归档的包裹' }).click();
      const archived = popup.locator('[data-tracking="73100059800035"]');
      await archived.waitFor();
      expect(await popup.locator('[data-section="archived"]').innerText()).toContain('已归档');
      await archived.getByRole('button', { name: '取消归档' }).click();
      await archived.waitFor({ state: 'detached' });
      await popup.keyboard.press('Escape');
      await popup.waitForSelector('[data-tracking="73100059800035"]');
      expect(await h.waitFor(badge, (t) => Number(t) === before + 1)).toBe(String(before + 1));
      expect(await h.errors()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('keeps 5,000 parcels scrollable to the last row with few rows in the DOM, by mouse and by keyboard', async () => {
    const h = await launch();
    try {
      await h.sw(async (count) => {
        type Db = Record<string, { bulkPut(rows: unknown[]): Promise<unknown> }>;
        const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
        const now = Date.now();
        const parcels = [];
        const orders = [];
        for (let i = 0; i < count; i++) {
          const no = `YT${String(2_000_000_000_000 + i)}`;
          const t = now - i * 20_000; // newest first, all within a day: one section, in_transit
          parcels.push({ key: `yto:${no}`, carrier: 'yto', trackingNo: no, direction: 'outbound', orderKeys: [`douyin:${i}`], platforms: ['douyin'], status: 'in_transit', latestEvent: { time: t, text: `【杭州转运中心】已发出 ${i}` }, nextCheckAt: 0, archived: 0, firstSeen: t, lastSeen: t, updatedAt: t, sources: {} });
          orders.push({ key: `douyin:${i}`, platform: 'douyin', orderId: String(i), shopName: `店铺${i % 97}`, items: [{ title: `商品 ${i} 号` }], status: 'shipped', parcelKeys: [`yto:${no}`], firstSeen: t, lastSeen: t, sources: {} });
        }
        await db.parcels.bulkPut(parcels);
        await db.orders.bulkPut(orders);
      }, 5000);
      const last = `YT${2_000_000_000_000 + 4999}`;
      const popup = await h.openPopup();
      await popup.waitForSelector(`[data-tracking="YT${2_000_000_000_000}"]`);
      expect(await popup.locator('[data-section="in_transit"] .count').innerText()).toBe('5000');
      const rows = () => popup.locator('.list .row').count();
      expect(await rows()).toBeLessThan(60);

      // Mouse: scroll to the end; the last parcel is drawn and on screen.
      await popup.waitForFunction(() => !document.querySelector('.placeholder'));
      await popup.locator('main.popup').evaluate((el) => (el.scrollTop = el.scrollHeight));
      const lastRow = popup.locator(`[data-tracking="${last}"]`);
      await lastRow.waitFor();
      const inView = await popup.evaluate((no) => {
        const row = document.querySelector(`[data-tracking="${no}"]`)!.getBoundingClientRect();
        const box = document.querySelector('main.popup')!.getBoundingClientRect();
        return row.top >= box.top && row.bottom <= box.bottom + 0.5 && row.height > 50;
      }, last);
      expect(inView).toBe(true);
      expect(await lastRow.innerText()).toContain('商品 4999 号');
      expect(await rows()).toBeLessThan(60);

      // Keyboard: Home, then ArrowDown walks past the first window; End reaches the last row again.
      await popup.locator('main.popup').evaluate((el) => (el.scrollTop = 0));
      await popup.waitForSelector(`[data-tracking="YT${2_000_000_000_000}"]`);
      // (the search box has the focus since the popup opened)
      expect(await popup.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
      await popup.keyboard.press('ArrowDown');
      const focused = (no: string) => popup.waitForFunction((n) => document.activeElement?.getAttribute('data-tracking') === n, no, { timeout: 5000 });
      await focused(`YT${2_000_000_000_000}`);
      for (let i = 0; i < 30; i++) await popup.keyboard.press('ArrowDown');
      await focused(`YT${2_000_000_000_000 + 30}`);
      await popup.keyboard.press('End');
      await focused(last);
      await popup.keyboard.press('ArrowUp');
      await focused(`YT${2_000_000_000_000 + 4998}`);
      expect(await rows()).toBeLessThan(60);
      // Enter opens the focused row, Esc comes back to it.
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('.detail');
      await popup.keyboard.press('Escape');
      await focused(`YT${2_000_000_000_000 + 4998}`);

      // Search still covers every parcel, however far down.
      await popup.keyboard.press('/');
      await popup.keyboard.type('商品 4321 号');
      await popup.waitForFunction(() => document.querySelectorAll('.list .row').length === 1);
      expect(await popup.locator('.list .row').getAttribute('data-tracking')).toBe(`YT${2_000_000_000_000 + 4321}`);
      expect(await h.errors()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
