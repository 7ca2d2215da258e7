// The options page in real Chromium: history from captured demo data (filters, windowed rows), CSV export (BOM,
// numbers as text), JSON export → delete all → restore round trip, a bad backup file that changes nothing,
// settings saved and read back (keys masked), import by paste, parser health report, a backup restored into a
// fresh English profile that fills the popup, and screenshots of history and statistics in zh_CN and en.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES, serveDemo } from '../fixtures/demo';
import { artifactPath, dbSnapshot, launch, type Harness } from './harness';

let h: Harness;
let backup = '';

beforeAll(async () => {
  h = await launch();
  serveDemo(h);
  for (const p of DEMO_PAGES.slice(2)) {
    const page = await h.openShopPage(p.url);
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.length, (n) => n >= 4);
    await page.close();
  }
});
afterAll(async () => {
  await h?.close();
});

const historyRows = (page: Page) => page.locator('[data-testid="history"] tbody tr[data-key]');

async function openSection(harness: Harness, id: string): Promise<Page> {
  const page = await harness.openOptions();
  await page.getByTestId(`tab-${id}`).click();
  await page.getByTestId(id === 'history' ? 'history' : `section-${id}`).waitFor();
  return page;
}

async function screenshots(harness: Harness, lang: string) {
  const page = await harness.openOptions();
  await page.setViewportSize({ width: 1200, height: 900 });
  await historyRows(page).first().waitFor();
  await page.screenshot({ path: artifactPath(`options-history-${lang}.png`), fullPage: true });
  await page.getByTestId('tab-stats').click();
  await page.locator('[data-testid="chart-month"] canvas').waitFor();
  await page.locator('[data-testid="chart-platform"] canvas').waitFor();
  await page.screenshot({ path: artifactPath(`options-stats-${lang}.png`), fullPage: true });
  for (const id of ['settings', 'import', 'health']) {
    await page.getByTestId(`tab-${id}`).click();
    await page.getByTestId(`section-${id}`).waitFor();
    await page.screenshot({ path: artifactPath(`options-${id}-${lang}.png`), fullPage: true });
  }
  await page.close();
}

describe('options page', () => {
  it('shows the history, filters it and exports a CSV for Excel', async () => {
    const snap = await dbSnapshot(h);
    const page = await h.openOptions();
    await historyRows(page).first().waitFor();
    expect(await historyRows(page).count()).toBeGreaterThanOrEqual(snap.parcels.length);

    await page.getByTestId('tab-data').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^parcel-hub-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    for (const p of snap.parcels) expect(text).toContain(`\t${p.trackingNo}`);

    await page.getByTestId('tab-history').click();
    const first = snap.parcels[0];
    await page.getByRole('searchbox').fill(first.trackingNo);
    await page.waitForFunction(
      (no) => {
        const rows = [...document.querySelectorAll('[data-testid="history"] tbody tr[data-key]')];
        return rows.length > 0 && rows.every((r) => r.textContent!.includes(no));
      },
      first.trackingNo,
    );
    // Export of the current filter holds that parcel only.
    const [filtered] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-filtered').click()]);
    const ftext = readFileSync((await filtered.path())!, 'utf8');
    expect(ftext).toContain(`\t${first.trackingNo}`);
    for (const p of snap.parcels.filter((x) => x.trackingNo !== first.trackingNo && !first.orderKeys.some((k) => x.orderKeys.includes(k))))
      expect(ftext).not.toContain(p.trackingNo);

    // Platform filter: every row left belongs to that platform.
    await page.getByRole('searchbox').fill('');
    await page.getByTestId('filter-platform').selectOption('douyin');
    const douyinOrders = snap.orders.filter((o) => o.key.startsWith('douyin:')).length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="history"] tbody tr[data-key]').length >= n, douyinOrders);
    const keys = await historyRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    const douyinParcels = new Set(snap.parcels.filter((p) => p.orderKeys.some((k) => k.startsWith('douyin:'))).map((p) => p.key));
    for (const k of keys) expect(k!.startsWith('douyin:') || douyinParcels.has(k!), k!).toBe(true);
    await page.close();
  });

  it('history rows show thumbnail, first item (+ how many more) and shop; an item word finds the row', async () => {
    const mug = 'https://p3-ecom.ecombdimg.com/img/ecom-shop-material/mug_blue~tplv-resize:300:300.jpeg';
    const api = 'https://haohuo.jinritemai.com/api/order/list?tab=items';
    const order = (id: string, shop: string, no: string, items: { product_name: string; img: string }[]) => ({
      shop_order_id: id, shop_name: shop, create_time: 1760000000, pay_time: 1760000060, order_status: 5, order_status_desc: '已完成', pay_amount: 8600,
      product_item: items.map((i, n) => ({ product_id: `37012345678901234${n}`, combo_num: 1, pay_amount: 2000, ...i })),
      logistics_info: { company_name: '中通快递', tracking_no: no },
    });
    const payload = {
      status_code: 0,
      data: {
        orders: [
          order('6928100000000012001', '悠然家居', '73599900011122', [
            { product_name: '陶瓷马克杯 北欧风 带盖勺', img: mug },
            { product_name: '软木杯垫 4片装', img: 'https://p3-ecom.ecombdimg.com/img/ecom-shop-material/coaster~tplv-resize:300:300.jpeg' },
            { product_name: '不锈钢搅拌勺', img: '' },
          ]),
          // Its picture is not on a platform CDN: dropped at ingest, the row shows the platform's initial.
          order('6928100000000012002', '云岭茶园', '73599900011133', [{ product_name: '滇红 金芽 罐装 100g', img: 'https://evil.example/tea.jpg' }]),
        ],
      },
    };
    h.serve(api, { body: JSON.stringify(payload), contentType: 'application/json' });
    h.serve('https://haohuo.jinritemai.com/views/order/list?tab=items', { body: `<!doctype html><meta charset="utf-8"><script>fetch(${JSON.stringify(api)})</script>` });
    const shop = await h.openShopPage('https://haohuo.jinritemai.com/views/order/list?tab=items');
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.map((p) => p.trackingNo), (nos) => nos.includes('73599900011122') && nos.includes('73599900011133'));
    await shop.close();

    const page = await h.openOptions();
    await historyRows(page).first().waitFor();
    await page.getByRole('searchbox').fill('马克杯');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="history"] tbody tr[data-key]')];
      return rows.length === 1 && rows[0].textContent!.includes('马克杯');
    });
    const row = historyRows(page).first();
    expect(await row.locator('td.item .item-title').innerText()).toBe('陶瓷马克杯 北欧风 带盖勺');
    expect(await row.locator('td.item .more').innerText()).toMatch(/^(等 3 件|\+2 more)$/);
    expect(await row.locator('td.shop').innerText()).toBe('悠然家居');
    expect(await row.locator('td.item .thumb').evaluate((el) => getComputedStyle(el).backgroundImage)).toContain(mug);
    expect(await row.evaluate((el) => el.getBoundingClientRect().height)).toBeCloseTo(32, 0);
    // The column is really there to see (a fixed table layout can squeeze an auto column to nothing).
    expect(await row.locator('td.item').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(200);
    expect(await row.locator('td.item .item-title').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(100);
    // A later item and the shop find it too; words combine.
    await page.getByRole('searchbox').fill('杯垫 悠然');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] tbody tr[data-key]').length === 1);
    expect(await historyRows(page).first().getAttribute('data-key')).toContain('73599900011122');
    // Off-CDN picture: no background image at all, the platform's initial instead.
    await page.getByRole('searchbox').fill('滇红 云岭');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] tbody tr[data-key]').length === 1);
    const tea = historyRows(page).first().locator('td.item .thumb');
    expect(await tea.evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none');
    expect((await tea.innerText()).length).toBe(1);
    expect(await page.locator('[data-testid="history"] img').count()).toBe(0);
    expect(await h.errors()).toEqual([]);
    await page.close();
  });

  it('saves settings, reads them back after a reload, and never shows keys in plain text', async () => {
    const page = await openSection(h, 'settings');
    const secret = 'k100-SECRET-7f3a9c21';
    await page.getByTestId('set-k100-customer').fill('CUSTOMER-88812');
    await page.getByTestId('set-k100-key').fill(secret);
    await page.getByTestId('set-17track-key').fill('17T-SECRET-0042');
    await page.getByTestId('set-alert-stalledHours').fill('72');
    await page.getByTestId('set-alert-stalledHours').blur();
    await page.getByTestId('set-note-delivered').uncheck();
    await page.getByTestId('set-quiet').check();
    await page.getByTestId('set-quiet-start').fill('23:30');
    await page.getByTestId('set-visits-hours').fill('3');
    await page.getByTestId('set-visits-hours').blur();
    await page.getByTestId('set-platform-kuaishou').uncheck();
    await page.locator('[data-source="seventeen_track"] button').first().click(); // move up
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).not.toBe('');

    const stored = await h.sw(() => {
      type Chrome = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      return (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('settings');
    });
    expect(stored.settings).toMatchObject({
      services: { kuaidi100: { customer: 'CUSTOMER-88812', key: secret, enabled: false }, seventeenTrack: { apiKey: '17T-SECRET-0042' } },
      alerts: { stalledHours: 72 },
      notifications: { types: { delivered: false, out_for_delivery: true }, quietHours: { enabled: true, start: '23:30' } },
      pageVisits: { everyHours: 3 },
      platforms: { kuaishou: false, taobao: true },
      refresh: { sourceOrder: ['taobao', 'seventeen_track', 'kuaidi100', 'page_visit'] },
    });

    await page.reload();
    await page.getByTestId('tab-settings').click();
    const key = page.getByTestId('set-k100-key');
    await expect.poll(() => key.inputValue()).toBe(secret);
    expect(await key.getAttribute('type')).toBe('password');
    expect(await page.getByTestId('set-17track-key').getAttribute('type')).toBe('password');
    expect(await page.getByTestId('set-alert-stalledHours').inputValue()).toBe('72');
    expect(await page.getByTestId('set-note-delivered').isChecked()).toBe(false);
    expect(await page.getByTestId('set-platform-kuaishou').isChecked()).toBe(false);
    expect(await page.locator('[data-source]').evaluateAll((li) => li.map((x) => x.getAttribute('data-source')))).toEqual(['taobao', 'seventeen_track', 'kuaidi100', 'page_visit']);
    // Masked: not in the markup, not in the visible text.
    const html = await page.content();
    const visible = await page.locator('body').innerText();
    for (const s of [secret, '17T-SECRET-0042']) {
      expect(html).not.toContain(s);
      expect(visible).not.toContain(s);
    }
    // The show toggle reveals it on request.
    await key.locator('xpath=following-sibling::button').click();
    expect(await key.getAttribute('type')).toBe('text');

    // Parser health: the copied report never carries the keys or any tracking number.
    await page.getByTestId('tab-health').click();
    await page.getByTestId('health-copy').click();
    const report = (await page.getByTestId('health-report').textContent())!;
    expect(report).toContain('[taobao]');
    expect(report).toContain('[kuaishou] off');
    for (const p of (await dbSnapshot(h)).parcels) expect(report).not.toContain(p.trackingNo);
    expect(report).not.toContain(secret);
    expect(report).not.toContain('CUSTOMER-88812');
    await page.close();
  });

  it('imports pasted tracking numbers after a preview, as source import', async () => {
    const page = await openSection(h, 'import');
    await page.getByTestId('import-text').fill('顺丰 SF1385628716739\n圆通 YT8962646785389 和手机 13812345678');
    await page.getByTestId('import-text-preview').click();
    await page.getByTestId('import-preview').waitFor();
    expect((await dbSnapshot(h)).parcels.some((p) => p.trackingNo === 'SF1385628716739')).toBe(false);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-result').waitFor();
    const snap = await dbSnapshot(h);
    const added = snap.parcels.filter((p) => ['SF1385628716739', 'YT8962646785389'].includes(p.trackingNo));
    expect(added.map((p) => p.carrier).sort()).toEqual(['sf', 'yto']);
    expect(snap.parcels.some((p) => p.trackingNo === '13812345678')).toBe(false);

    // A CSV from another tool: the 运单号 column is found, the carrier column used, the order-id column ignored.
    const csv = '\uFEFF订单号,快递公司,运单号\r\n4925881223344556677,中通快递,73610555582883\r\n4925881223344556678,极兔速递,JT5261988016578\r\n';
    await page.getByTestId('import-file').setInputFiles({ name: 'other-tool.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-result').waitFor();
    const csvAdded = (await dbSnapshot(h)).parcels.filter((p) => ['73610555582883', 'JT5261988016578'].includes(p.trackingNo));
    expect(csvAdded.map((p) => p.carrier).sort()).toEqual(['jtexpress', 'zto']);
    expect((await dbSnapshot(h)).parcels.some((p) => p.trackingNo.includes('4925881223344556677'))).toBe(false);

    // A CSV without a tracking-number column shows its error and adds nothing.
    const before = (await dbSnapshot(h)).parcels.length;
    await page.getByTestId('import-file').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('name,city\n张三,杭州\n') });
    await page.getByRole('alert').waitFor();
    expect((await dbSnapshot(h)).parcels.length).toBe(before);
    await page.close();
  });

  it('screenshots history and statistics (zh_CN)', async () => {
    await screenshots(h, 'zh_CN');
    const page = await openSection(h, 'stats');
    const platforms = await page.locator('table.stats').first().locator('tbody th').allTextContents();
    expect(platforms.length).toBeGreaterThanOrEqual(2); // "all" + at least one platform
    await page.getByTestId('tab-data').click();
    await expect.poll(() => page.getByTestId('storage-info').textContent()).toMatch(/unlimitedStorage/);
    await page.close();
  });

  it('JSON backup → delete all → restore brings everything back; a bad file changes nothing', async () => {
    const before = await dbSnapshot(h);
    const page = await openSection(h, 'data');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    backup = readFileSync((await download.path())!, 'utf8');
    // The streamed format (version 2): groups of whole parcels with their events and orders.
    const parsed = JSON.parse(backup) as { groups: { parcels: { key: string }[]; events: { parcelKey: string }[] }[] };
    expect(parsed).toMatchObject({ format: 'parcel-hub-backup', version: 2 });
    expect(parsed.groups.flatMap((g) => g.parcels.map((p) => p.key)).sort()).toEqual(before.parcels.map((p) => p.key).sort());
    for (const g of parsed.groups) for (const e of g.events) expect(g.parcels.some((p) => p.key === e.parcelKey)).toBe(true);
    expect(backup).not.toContain('k100-SECRET');

    await page.getByTestId('delete-all').click();
    await page.getByTestId('delete-confirm').click();
    await h.waitFor(async () => (await dbSnapshot(h)).parcels.length, (n) => n === 0);

    await page.getByTestId('restore-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(backup.slice(0, 100)) });
    await page.getByRole('alert').waitFor();
    expect((await dbSnapshot(h)).parcels.length).toBe(0);

    await page.getByTestId('restore-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await page.getByTestId('restore-report').waitFor();
    const after = await dbSnapshot(h);
    expect(after.parcels.map((p) => p.key).sort()).toEqual(before.parcels.map((p) => p.key).sort());
    expect(after.orders.map((o) => o.key).sort()).toEqual(before.orders.map((o) => o.key).sort());
    expect(await h.errors()).toEqual([]);
    await page.close();
  });

  it('a backup restored in a fresh profile fills the popup (en), with screenshots', async () => {
    expect(backup).not.toBe('');
    const fresh = await launch({ locale: 'en' });
    serveDemo(fresh); // item pictures on the platforms' CDNs
    try {
      const page = await openSection(fresh, 'data');
      await page.getByTestId('restore-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
      await page.getByTestId('restore-report').waitFor();
      await page.close();
      const trackingNos = (JSON.parse(backup) as { groups: { parcels: { trackingNo: string; archived: number }[] }[] }).groups.flatMap((g) => g.parcels).filter((p) => !p.archived).map((p) => p.trackingNo);
      const popup = await fresh.openPopup();
      await popup.locator('.row').first().waitFor();
      // The list is windowed (only rows on screen are drawn): find each restored parcel by search.
      const search = popup.locator('input[type=search]');
      for (const no of trackingNos) {
        await search.fill(no);
        await popup.locator(`.row[data-tracking="${no}"]`).waitFor();
      }
      await popup.close();
      await screenshots(fresh, 'en');
      expect(await fresh.errors()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('draws only the rows in view at 20,000 parcels and scrolls to the last one', async () => {
    await h.sw(async (count) => {
      type Db = Record<string, { bulkPut(rows: unknown[]): Promise<unknown> }>;
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
      const t0 = Date.UTC(2020, 0, 1);
      // One parcel in ten belongs to an order with three items (thumbnail, title, "等 3 件" in its row).
      const orders: unknown[] = [];
      const parcels = Array.from({ length: count }, (_, i) => {
        const no = `YT${String(1_000_000_000_000 + i)}`;
        const t = t0 + i * 60_000;
        const orderKeys = i % 10 === 9 ? [`taobao:${5_000_000_000_000_000_000n + BigInt(i)}`] : [];
        for (const key of orderKeys) {
          const items = [1, 2, 3].map((n) => ({ title: `批量商品 ${i}-${n}`, imageUrl: `https://img.alicdn.com/imgextra/i1/O1CN01bulk${i}_${n}.jpg` }));
          orders.push({ key, platform: 'taobao', orderId: key.slice(7), shopName: `批量店铺 ${i % 50}`, items, status: 'shipped', createdAt: t, parcelKeys: [`yto:${no}`], firstSeen: t, lastSeen: t, sources: {} });
        }
        return { key: `yto:${no}`, carrier: 'yto', trackingNo: no, direction: 'outbound', orderKeys, platforms: [], status: 'in_transit', latestEvent: { time: t, text: `已发出 ${i}` }, nextCheckAt: 0, archived: 0, firstSeen: t, lastSeen: t, updatedAt: t, sources: {} };
      });
      await db.parcels.bulkPut(parcels);
      await db.orders.bulkPut(orders);
    }, 20_000);
    const page = await h.openOptions();
    await page.waitForFunction(() => /(^|\D)20,?\d{3}(\D|$)/.test(document.querySelector('[data-testid="history-count"]')?.textContent ?? ''));
    expect(await historyRows(page).count()).toBeLessThan(60);
    await page.locator('.history-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="history"] tbody tr[data-key]')].some((r) => r.getAttribute('data-key') === 'yto:YT1000000000000'));
    // Fixed row height with thumbnails and item titles: every drawn row is 32 px.
    const heights = await historyRows(page).evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(new Set(heights)).toEqual(new Set([32]));
    await page.getByRole('searchbox').fill('YT1000000019999');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] tbody tr[data-key]').length === 1);
    expect(await historyRows(page).count()).toBeLessThan(60);
    // An item word of one order among 20,000 finds its row.
    await page.getByRole('searchbox').fill('批量商品 19999-2');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] tbody tr[data-key]').length === 1);
    const row = historyRows(page).first();
    expect(await row.getAttribute('data-key')).toBe('yto:YT1000000019999');
    expect(await row.locator('td.item .item-title').innerText()).toBe('批量商品 19999-1');
    expect(await row.locator('td.item .more').innerText()).toMatch(/^(等 3 件|\+2 more)$/);
    expect(await h.errors()).toEqual([]);
    await page.close();
  }, 120_000); // storing 20,000 rows through the worker dominates; slow on a shared machine
});
