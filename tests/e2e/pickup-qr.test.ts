// 取件码 → 手机 in real Chromium: twenty parcels waiting at stations, the view's QR codes screenshotted and decoded
// with a decoder library (jsQR, run on the screenshot's pixels), in light and dark mode. The decoded text must be
// exactly the codes shown in large type, in order; "已取件" from the view and from a list row still works.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, dbSnapshot, launch, type Harness } from './harness';

const H = 3600_000;
const require = createRequire(import.meta.url);
const JSQR = require.resolve('jsqr/dist/jsQR.js');

const STATIONS = ['菜鸟驿站(新郑龙湖富田兴龙湾31号楼店)', '丰巢快递柜(龙湖锦艺城东门)', '兔喜生活(龙湖大学城店)', '妈妈驿站(湖滨路店)'];

/** Twenty parcels waiting at four stations, with codes of every common shape and long item titles. */
async function seedTwenty(h: Harness) {
  await h.sw(
    async ({ H, STATIONS }) => {
      type Db = Record<string, { bulkPut(rows: unknown[]): Promise<unknown> }>;
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
      const now = Date.now();
      const orders = [];
      const parcels = [];
      for (let i = 0; i < 20; i++) {
        const no = `7310005980${String(i).padStart(4, '0')}`;
        const orderId = `69312000000000${String(i).padStart(5, '0')}`;
        const code = i % 3 === 0 ? `${(i % 9) + 1}-${(i % 4) + 1}-${7600 + i}` : i % 3 === 1 ? `A${88100 + i}` : `7652-58${String(i).padStart(2, '0')}`;
        orders.push({ key: `douyin:${orderId}`, platform: 'douyin', orderId, shopName: '山野良品旗舰店', items: [{ title: `云南高山红茶礼盒装 第${i + 1}款 250g` }], status: 'shipped', paidAt: now - 50 * H, parcelKeys: [`zto:${no}`], firstSeen: now - 50 * H, lastSeen: now, sources: {} });
        parcels.push({
          key: `zto:${no}`, carrier: 'zto', carrierName: '中通快递', trackingNo: no, direction: 'outbound', orderKeys: [`douyin:${orderId}`], platforms: ['douyin'], status: 'awaiting_collection',
          latestEvent: { time: now - (i + 1) * H, text: `快件已到${STATIONS[i % 4]}` }, pickupCode: code, station: STATIONS[i % 4], phoneTail: '4821',
          nextCheckAt: now + H, archived: 0, firstSeen: now - 40 * H, lastSeen: now, updatedAt: now - (i + 1) * H, sources: {},
        });
      }
      await db.orders.bulkPut(orders);
      await db.parcels.bulkPut(parcels);
    },
    { H, STATIONS },
  );
}

/** Screenshots each QR canvas and decodes it with jsQR in a blank page; returns the decoded UTF-8 texts. */
async function decodeQrs(h: Harness, popup: Page): Promise<string[]> {
  const shots = [];
  for (const canvas of await popup.locator('canvas.qr').all()) shots.push((await canvas.screenshot()).toString('base64'));
  const page = await h.context.newPage();
  try {
    await page.addScriptTag({ path: JSQR });
    return await page.evaluate(async (pngs) => {
      const out: string[] = [];
      for (const b64 of pngs) {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height);
        const jsQR = (globalThis as unknown as { jsQR(d: Uint8ClampedArray, w: number, h: number): { binaryData: number[] } | null }).jsQR;
        const r = jsQR(px.data, c.width, c.height);
        // Strict UTF-8: a phone reads the bytes as UTF-8 text, so they must be exactly that.
        out.push(r ? new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(r.binaryData)) : '<no QR found>');
      }
      return out;
    }, shots);
  } finally {
    await page.close();
  }
}

const shownCodes = (popup: Page) => popup.locator('.big-codes .big-code').allInnerTexts();
const codesOf = (texts: string[]) => texts.flatMap((t) => t.split('\n').slice(1).map((l) => l.split(' ')[0]));

describe('取件码 → 手机', () => {
  it.each(['light', 'dark'] as const)('%s: twenty waiting parcels decode from the QR codes to exactly the codes shown', async (scheme) => {
    const h = await launch({ colorScheme: scheme });
    try {
      await seedTwenty(h);
      const popup = await h.openPopup();
      await popup.locator('[data-section="awaiting_collection"]').waitFor();
      await popup.getByRole('button', { name: '取件码 → 手机' }).click();
      await popup.locator('canvas.qr').first().waitFor();

      const codes = await shownCodes(popup);
      expect(codes).toHaveLength(20);
      const texts = await decodeQrs(h, popup);
      expect(texts.length).toBeGreaterThan(1);
      expect(texts.length).toBeLessThanOrEqual(4);
      // Each part decodes to exactly the text the view drew, headed "n/N", and together to exactly the codes shown.
      const drawn = await popup.locator('canvas.qr').evaluateAll((els) => els.map((e) => e.getAttribute('data-qr-text')));
      expect(texts).toEqual(drawn);
      texts.forEach((t, i) => expect(t.split('\n')[0]).toBe(`取件码 ${i + 1}/${texts.length}（共 20 件）`));
      expect(codesOf(texts)).toEqual(codes);
      expect(await popup.locator('.qr-caption').allInnerTexts()).toEqual(texts.map((_, i) => `${i + 1}/${texts.length}`));
      // Station, carrier and item are in the text; the phone tail and record keys are not.
      expect(texts.join('\n')).toContain('菜鸟驿站(新郑龙湖富田兴龙湾31号');
      expect(texts.join('\n')).toContain('中通快递');
      expect(texts.join('\n')).not.toMatch(/4821|zto:|douyin:/);

      // Dark modules on white whatever the scheme; the page itself follows the scheme.
      const qrBg = await popup.locator('.qr-part').first().evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(qrBg).toBe('rgb(255, 255, 255)');
      const bodyBg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bodyBg).toBe(scheme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)');
      expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await popup.screenshot({ path: artifactPath(`pickup-qr-${scheme}.png`), fullPage: true });

      if (scheme === 'light') {
        // 已取件 from the view: the parcel leaves it, and the QR codes are drawn again without it.
        const first = codes[0];
        await popup.locator('.big-codes li').first().getByRole('button', { name: '我已取件' }).click();
        await popup.waitForFunction((c) => ![...document.querySelectorAll('.big-code')].some((e) => e.textContent === c), first);
        const after = await shownCodes(popup);
        expect(after).toEqual(codes.slice(1));
        await h.waitFor(async () => codesOf(await decodeQrs(h, popup)).join(','), (v) => v === after.join(','));
        const stored = (await dbSnapshot(h)).parcels.find((p) => p.pickupCode === first);
        expect(stored?.status).toBe('delivered');

        // 已取件 from a list row still works.
        await popup.getByRole('button', { name: /返回/ }).first().click();
        const row = popup.locator('.list .row[data-tracking]').first();
        const tracking = await row.getAttribute('data-tracking');
        await row.getByRole('button', { name: '我已取件' }).click();
        await h.waitFor(async () => (await dbSnapshot(h)).parcels.find((p) => p.trackingNo === tracking)?.status, (s) => s === 'delivered');
      }
      expect(await h.errors()).toEqual([]);
    } finally {
      await h.close();
    }
    // Two browsers' worth of work on a shared 2-core machine: the budget is for the load, not a speed goal.
  }, 180_000);
});
