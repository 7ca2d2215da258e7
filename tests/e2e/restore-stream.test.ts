// A streamed backup restored through the options page in real Chromium: progress while it is checked and
// written, a cancel part-way that leaves whole parcels (each with its events and order) and says how far it
// got, and the same file restored again completing the job — the same database as one uninterrupted restore.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRecords, streamBackupText } from '../../src/core/backup-stream';
import { bigHistory } from '../fixtures/big-history';
import { launch, type Harness } from './harness';

const PARCELS = 4_000;
const EVENTS_PER = 8;

let h: Harness;
beforeAll(async () => {
  h = await launch({ locale: 'en' });
});
afterAll(async () => {
  await h?.close();
});

type Dump = { orders: { key: string }[]; parcels: { key: string; orderKeys: string[] }[]; events: { parcelKey: string }[] };
const dump = () =>
  h.sw(async () => {
    const db = (globalThis as unknown as { __parcelHub: { getDb(): Record<string, { orderBy(k: string): { toArray(): Promise<unknown[]> } }> } }).__parcelHub.getDb();
    const [orders, parcels, events] = await Promise.all([db.orders.orderBy('key').toArray(), db.parcels.orderBy('key').toArray(), db.events.orderBy('id').toArray()]);
    return { orders, parcels, events } as Dump;
  });

describe('streamed restore in the options page (real Chromium)', () => {
  it('shows progress, cancels part-way leaving whole parcels, and the same file again finishes the job', async () => {
    const s = bigHistory({ orders: PARCELS, eventsPer: EVENTS_PER });
    const text = streamBackupText(groupRecords([...s.orders.values()], [...s.parcels.values()], s.allEvents()), Date.UTC(2026, 10, 21));
    const file = join(mkdtempSync(join(tmpdir(), 'parcel-hub-backup-')), 'parcel-hub-backup.json');
    writeFileSync(file, text);

    const page = await h.openOptions();
    await page.getByTestId('tab-data').click();
    await page.getByTestId('restore-file').setInputFiles(file);
    // Writing has started (some parcels written, not all): cancel.
    const written = page.getByTestId('restore-written');
    await expect.poll(async () => Number((await written.textContent().catch(() => ''))?.replace(/,/g, '').match(/\d+/)?.[0] ?? 0), { timeout: 120_000, interval: 20 }).toBeGreaterThan(0);
    await page.getByTestId('restore-cancel').click();
    const stopped = page.getByTestId('restore-stopped');
    await stopped.waitFor({ timeout: 120_000 });
    const n = Number((await stopped.textContent())!.replace(/,/g, '').match(/after (\d+) of (\d+)/)![1]);
    expect((await stopped.textContent())!.replace(/,/g, '')).toContain(`of ${PARCELS} parcels`);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(PARCELS);

    // Every parcel written is whole: its events and its order are there, and the count matches the message.
    const part = await dump();
    expect(part.parcels.length).toBe(n);
    expect(part.events.length).toBe(n * EVENTS_PER);
    const orderKeys = new Set(part.orders.map((o) => o.key));
    for (const p of part.parcels) for (const k of p.orderKeys) expect(orderKeys.has(k)).toBe(true);

    // The same file again completes it.
    await page.getByTestId('restore-file').setInputFiles(file);
    await page.getByTestId('restore-report').waitFor({ timeout: 300_000 });
    const report = (await page.getByTestId('restore-report').textContent())!.replace(/,/g, '');
    expect(report).toContain(`${PARCELS - n} added`);
    const full = await dump();
    expect(full.parcels.length).toBe(PARCELS);
    expect(full.events.length).toBe(PARCELS * EVENTS_PER);
    expect(full.orders.length).toBe(PARCELS);
    // …and is the same database as one uninterrupted restore: the records as exported.
    const exported = JSON.parse(text) as { groups: { parcels: unknown[] }[] };
    const parcels = exported.groups.flatMap((g) => g.parcels as { key: string }[]).sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(full.parcels).toEqual(parcels);
    expect(await h.errors()).toEqual([]);
    await page.close();
  }, 600_000);
});
