// The extension's own backup of a large history restores in a fresh profile: 20,000 parcels × 8 events
// (~60 MB of JSON), all first seen at once, written in the streamed format by the export's own code
// (groupRecords + groupText, as the options page does) and restored through the options page's file input. This used to fail with
// "Maximum call stack size exceeded"; the file also exceeded the old 50 MB limit and one message's size.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRecords, streamBackupText } from '../../src/core/backup-stream';
import { bigHistory } from '../fixtures/big-history';
import { launch, type Harness } from './harness';

const PARCELS = Number(process.env.RESTORE_PARCELS ?? 20_000);
const EVENTS_PER = 8;

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('restore at scale (real Chromium)', () => {
  it('restores its own export of 20,000 parcels × 8 events into a fresh profile', async () => {
    const s = bigHistory({ orders: PARCELS, eventsPer: EVENTS_PER });
    const text = streamBackupText(groupRecords([...s.orders.values()], [...s.parcels.values()], s.allEvents()), Date.UTC(2026, 10, 21));
    const file = join(mkdtempSync(join(tmpdir(), 'parcel-hub-backup-')), 'parcel-hub-backup.json');
    writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(PARCELS * 2_500);

    const page = await h.openOptions();
    await page.getByTestId('tab-data').click();
    const t0 = Date.now();
    await page.getByTestId('restore-file').setInputFiles(file);
    await page.getByTestId('restore-report').waitFor({ timeout: 500_000 });
    const ms = Date.now() - t0;
    const heap = await h.sw(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1);
    console.log(`restore of ${(bytes / 1e6).toFixed(1)} MB (${PARCELS} parcels × ${EVENTS_PER} events): ${(ms / 1000).toFixed(1)} s; worker heap after: ${(heap / 1e6).toFixed(0)} MB`);
    const counts = await h.sw(async () => {
      const db = (globalThis as unknown as { __parcelHub: { getDb(): Record<string, { count(): Promise<number> }> } }).__parcelHub.getDb();
      const [orders, parcels, events] = await Promise.all([db.orders.count(), db.parcels.count(), db.events.count()]);
      return { orders, parcels, events };
    });
    expect(counts).toEqual({ orders: PARCELS, parcels: PARCELS, events: PARCELS * EVENTS_PER });
    expect((await page.getByTestId('restore-report').textContent())?.replace(/[,\s]/g, '')).toContain(String(PARCELS * EVENTS_PER));
    expect(await h.errors()).toEqual([]);
    await page.close();
  }, 600_000);
});
