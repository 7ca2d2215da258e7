// "复制投诉凭证 / Copy evidence" in real Chromium: the button on an alert row of the popup and in the detail view
// copies the evidence text; the test reads the clipboard back and checks the facts (in both languages) and that
// nothing internal is in it. Records are written straight into the extension's database.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chinaTime } from '../../src/core/evidence';
import { artifactPath, launch, type Harness } from './harness';

const H = 3600_000;
const ORDER = '3512894410023456789';
const TRACKING = '73100059800035';
const UNSHIPPED = '3512894410000000777';

async function seed(h: Harness, now: number) {
  await h.sw(
    async ({ now, H, ORDER, TRACKING, UNSHIPPED }) => {
      type Db = Record<string, { bulkPut(rows: unknown[]): Promise<unknown> }>;
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
      const pkey = `zto:${TRACKING}`;
      await db.orders.bulkPut([
        {
          key: `taobao:${ORDER}`, platform: 'taobao', orderId: ORDER, shopName: '山野良品旗舰店', shopId: 'shop-88231', items: [{ title: '云南高山红茶 250g', itemId: 'item-7731902' }],
          status: 'shipped', paidAt: now - 100 * H, parcelKeys: [pkey], firstSeen: now - 100 * H, lastSeen: now, sources: {},
        },
        {
          key: `taobao:${UNSHIPPED}`, platform: 'taobao', orderId: UNSHIPPED, shopName: '纯棉家纺店', items: [{ title: '纯棉四件套' }],
          status: 'unshipped', paidAt: now - 60 * H, parcelKeys: [], firstSeen: now - 60 * H, lastSeen: now, sources: {},
        },
      ]);
      const events = [
        { time: now - 80 * H, text: '【杭州市】中通快递 杭州余杭 已揽收', location: '杭州市', status: 'picked_up' },
        { time: now - 52 * H, text: '快件已到达【杭州转运中心】', location: '杭州转运中心', status: 'in_transit' },
      ];
      await db.parcels.bulkPut([
        {
          key: pkey, carrier: 'zto', carrierName: '中通快递', trackingNo: TRACKING, direction: 'outbound', orderKeys: [`taobao:${ORDER}`], platforms: ['taobao'],
          status: 'in_transit', latestEvent: { time: events[1].time, text: events[1].text, location: events[1].location }, shippedAt: now - 90 * H, phoneTail: '4821',
          nextCheckAt: now + 3600_000, archived: 0, firstSeen: now - 90 * H, lastSeen: now, updatedAt: now - 52 * H, sources: {},
        },
      ]);
      await db.events.bulkPut(events.map((e) => ({ ...e, id: `${pkey}|${e.time}|${e.text}`, parcelKey: pkey })));
    },
    { now, H, ORDER, TRACKING, UNSHIPPED },
  );
}

const clipboard = (p: Page) => p.evaluate(() => navigator.clipboard.readText());

const CASES = [
  {
    locale: 'zh-CN',
    lang: 'zh_CN',
    copy: '复制投诉凭证',
    stalled: ['淘宝 订单号：3512894410023456789（店铺：山野良品旗舰店）', '问题：物流已 52 小时没有更新', '商品：云南高山红茶 250g', '最新物流：', '首次揽收：', '以上时间均为北京时间。'],
    unshipped: ['淘宝 订单号：3512894410000000777（店铺：纯棉家纺店）', '问题：付款后 60 小时仍未发货', '付款时间：'],
  },
  {
    locale: 'en-US',
    lang: 'en',
    copy: 'Copy evidence',
    stalled: ['Taobao order no. 3512894410023456789 (shop: 山野良品旗舰店)', 'Problem: no tracking update for 52 h', 'Item: 云南高山红茶 250g', 'Latest scan: ', 'First scan: ', 'China Standard Time'],
    unshipped: ['Taobao order no. 3512894410000000777 (shop: 纯棉家纺店)', 'Problem: not shipped 60 h after payment', 'Paid: '],
  },
] as const;

describe('copy evidence', () => {
  it.each(CASES)('$lang: from an alert row and from the detail view, read back from the clipboard', async (c) => {
    const h = await launch({ locale: c.locale });
    try {
      // Chromium refuses an origin-scoped grant for chrome-extension:// ("opaque origin"), so grant for all pages.
      await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const now = Date.now();
      await seed(h, now);
      const popup = await h.openPopup();
      const row = popup.locator(`[data-tracking="${TRACKING}"]`);
      await row.waitFor();

      // The stalled parcel's row: its evidence button copies the whole text.
      await popup.evaluate(() => navigator.clipboard.writeText(''));
      await row.locator('.copy.evidence').click();
      const text = await h.waitFor(() => clipboard(popup), (v) => v.length > 0);
      for (const fact of c.stalled) expect(text, fact).toContain(fact);
      expect(text).toContain(chinaTime(now - 52 * H));
      expect(text).toContain(chinaTime(now - 80 * H));
      expect(text).toContain('快件已到达【杭州转运中心】');
      expect(text).toContain(`https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=${ORDER}`);
      for (const bad of [TRACKING, 'zto:', 'taobao:', '4821', 'shop-88231', 'item-7731902', 'undefined', 'stalled']) expect(text, bad).not.toContain(bad);
      // The row's own copy shortcut still copies the tracking number, not the evidence.
      await row.focus();
      await popup.keyboard.press('c');
      await h.waitFor(() => clipboard(popup), (v) => v === TRACKING);

      // The order unshipped for 60 h: an order row with its own evidence.
      await popup.locator('input[type=search]').fill(UNSHIPPED);
      const orderRow = popup.locator(`[data-order="${UNSHIPPED}"]`);
      await orderRow.locator('.copy.evidence').click();
      const orderText = await h.waitFor(() => clipboard(popup), (v) => v.includes(UNSHIPPED));
      for (const fact of c.unshipped) expect(orderText, fact).toContain(fact);
      expect(orderText).toContain(chinaTime(now - 60 * H));
      expect(orderText).not.toMatch(/首次揽收|First scan/);
      await popup.locator('input[type=search]').fill('');

      // The detail view: the same text, shown and copied, with the after-sale link.
      await row.click();
      const block = popup.locator('[data-testid="evidence"]');
      await block.waitFor();
      const shown = await block.locator('.evidence-text').first().innerText();
      expect(shown).toBe(text);
      await popup.evaluate(() => navigator.clipboard.writeText(''));
      await block.getByRole('button', { name: c.copy }).first().click();
      expect(await h.waitFor(() => clipboard(popup), (v) => v.length > 0)).toBe(text);
      expect(await block.locator('a').first().getAttribute('href')).toBe(`https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=${ORDER}&type=1`);
      await popup.screenshot({ path: artifactPath(`evidence-detail-${c.lang}.png`), fullPage: true });
      expect(await h.errors()).toEqual([]);
    } finally {
      await h.close();
    }
  }, 120_000);
});
