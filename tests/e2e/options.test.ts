// The options page in real Chromium: history from captured demo data, CSV export (BOM, numbers as text),
// JSON export → delete all → restore round trip, and a bad backup file that changes nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES, serveDemo } from '../fixtures/demo';
import { dbSnapshot, launch, type Harness } from './harness';

let h: Harness;

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

describe('options page', () => {
  it('shows the history and exports a CSV for Excel', async () => {
    const snap = await dbSnapshot(h);
    const page = await h.openOptions();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(snap.parcels.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^parcel-hub-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    for (const p of snap.parcels) expect(text).toContain(`\t${p.trackingNo}`);

    const first = snap.parcels[0];
    await page.getByRole('searchbox').fill(first.trackingNo);
    await page.waitForFunction((no) => [...document.querySelectorAll('tbody tr')].every((r) => r.textContent!.includes(no)), first.trackingNo);
    await page.close();
  });

  it('JSON backup → delete all → restore brings everything back; a bad file changes nothing', async () => {
    const before = await dbSnapshot(h);
    const page = await h.openOptions();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const backup = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(backup)).toMatchObject({ format: 'parcel-hub-backup', version: 1 });

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
});
