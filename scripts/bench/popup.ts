// Popup speed and size.
import { resolve } from 'node:path';
import { KB, pageGzipBytes } from '../sizes';
import { median, root, type Recorder } from './common';

/** Popup: time from opening to the first rows drawn, at 0, 2,000 and 10,000 parcels in one run; and one
 * search keystroke at 10,000. Synthetic parcels are written straight into the extension's database. */
export async function benchPopup(record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
  const h = await launch();
  try {
    const seed = (n: number) =>
      h.sw(async (count) => {
        type Db = Record<string, { clear(): Promise<void>; bulkPut(rows: unknown[]): Promise<unknown> }>;
        const db = (globalThis as unknown as { __parcelHub: { getDb(): Db } }).__parcelHub.getDb();
        await Promise.all([db.parcels.clear(), db.orders.clear(), db.events.clear()]);
        const now = Date.now();
        const statuses = ['in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered', 'picked_up'];
        const parcels = [];
        const orders = [];
        for (let i = 0; i < count; i++) {
          const no = `YT${String(1_000_000_000_000 + i)}`;
          const t = now - (i % 40) * 3_600_000;
          parcels.push({ key: `yto:${no}`, carrier: 'yto', trackingNo: no, direction: 'outbound', orderKeys: [`douyin:${i}`], platforms: ['douyin'], status: statuses[i % 5], latestEvent: { time: t, text: `【杭州转运中心】已发出 ${i}` }, pickupCode: i % 5 === 2 ? `${i % 9}-${i % 7}-${1000 + (i % 9000)}` : undefined, nextCheckAt: 0, archived: 0, firstSeen: t, lastSeen: t, updatedAt: t, sources: {} });
          orders.push({ key: `douyin:${i}`, platform: 'douyin', orderId: String(i), shopName: `店铺${i % 97}`, items: [{ title: `商品 ${i} 号 保温杯` }], status: 'shipped', parcelKeys: [`yto:${no}`], firstSeen: t, lastSeen: t, sources: {} });
        }
        await db.parcels.bulkPut(parcels);
        await db.orders.bulkPut(orders);
      }, n);
    const open = async (n: number) => {
      const page = await h.openPopup();
      const samples: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        await page.reload();
        await page.waitForSelector(n ? '.row' : '.empty', { timeout: 30_000 });
        samples.push(performance.now() - t);
      }
      return { page, ms: median(samples) };
    };
    const figures: Record<number, number> = {};
    for (const n of [0, 2000, 10000]) {
      await seed(n);
      const { page, ms } = await open(n);
      figures[n] = ms;
      if (n === 10000) {
        const input = page.locator('input[type="search"]');
        const typed: number[] = [];
        for (let r = 0; r < 5; r++) {
          await input.fill('');
          await page.waitForFunction(() => document.querySelectorAll('.row').length > 1);
          const t = performance.now();
          await input.fill(`YT100000000${String(4321 + r)}`);
          await page.waitForFunction(() => document.querySelectorAll('.row').length === 1);
          typed.push(performance.now() - t);
        }
        record({ name: 'popup search keystroke → one result at 10,000 parcels', value: median(typed), unit: 'ms' });
      }
      await page.close();
    }
    record({ name: 'popup open → first rows, 0 parcels (empty state)', value: figures[0], unit: 'ms' });
    record({ name: 'popup open → first rows, 2,000 parcels', value: figures[2000], unit: 'ms', ratio: figures[2000] / figures[0], baseline: 'empty popup', goal: { on: 'ratio', max: 1.5 } });
    record({ name: 'popup open → first rows, 10,000 parcels', value: figures[10000], unit: 'ms', ratio: figures[10000] / figures[0], baseline: 'empty popup' });
  } finally {
    await h.close();
  }
  const { files, bytes } = pageGzipBytes(resolve(root, 'extension'), 'popup.html');
  record({ name: `popup JS+CSS gzipped (${files.length} files)`, value: bytes / KB, unit: 'KB', goal: { on: 'value', max: 60 } });
}

