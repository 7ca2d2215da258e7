// @vitest-environment happy-dom
// A query typed before every row is read (the popup reads them in chunks after the first screen): answered
// over what is read so far plus the tracking-number index, "still searching" meanwhile and never "no
// matches", and the right final answer once the last chunk is in, a title whose row comes last included.
// The chunks are the real loadSectionsInChunks over a fake-indexeddb database, handed to the popup one by one.
import { render } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';
import { getMessageFor } from './locale';

vi.mock('../../../src/shared/browser', () => ({
  browser: {
    i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor('zh_CN')(k, s), getUILanguage: () => 'zh-CN' },
    runtime: { sendMessage: async () => ({ ok: true }), openOptionsPage: async () => undefined },
  },
}));

const { App, FIRST_ROWS } = await import('../../../src/ui/popup/app');
const { allRows } = await import('../../../src/ui/popup/all-rows');
const { addToSearchIndex } = await import('../../../src/core/popup-query');
const { loadSections } = await import('../../../src/db/popup-data');
const { loadSectionsInChunks } = await import('../../../src/db/popup-rows');
const { getDb } = await import('../../../src/db/schema');
type AllRows = import('../../../src/ui/popup/all-rows').AllRows;

const H = 3600_000;
const NOW = Date.now();
const N = 90;
// Parcel i is i × 20 minutes old (all in transit, none stalled): the oldest is read in the last chunk.
const parcel = (i: number): ParcelRecord => ({
  key: `zto:7310${String(i).padStart(8, '0')}`, carrier: 'zto', trackingNo: `7310${String(i).padStart(8, '0')}`, direction: 'outbound', orderKeys: [`douyin:${i}`], platforms: ['douyin'],
  status: 'in_transit', latestEvent: { time: NOW - (i * H) / 3 - 60_000, text: `【杭州】已发出 ${i}` }, nextCheckAt: 0, archived: 0, firstSeen: NOW - (i * H) / 3 - 2 * H, lastSeen: NOW, updatedAt: NOW, sources: {},
});
const order = (i: number): OrderRecord => ({
  key: `douyin:${i}`, platform: 'douyin', orderId: `66${i}`, shopName: `店铺${i % 5}`, status: 'shipped', parcelKeys: [parcel(i).key], firstSeen: NOW, lastSeen: NOW, sources: {},
  items: [{ title: i === N - 1 ? '钛合金保温杯 最后一件' : `商品 ${i}` }],
});
const last = parcel(N - 1);

/** A store the test advances by hand, one chunk at a time. */
function handStore() {
  let value: AllRows = { data: { loaded: false, complete: false, now: 0, sections: [], orders: new Map() }, index: new Map(), complete: false };
  const fns = new Set<(v: AllRows) => void>();
  return {
    get: () => value,
    subscribe: (fn: (v: AllRows) => void) => (fns.add(fn), () => fns.delete(fn)),
    set(v: AllRows) {
      value = v;
      for (const fn of fns) fn(v);
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
};
const shownKeys = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.row:not(.placeholder)')].map((r) => r.dataset.key);
const status = (root: HTMLElement) => [...root.querySelectorAll('[role="status"]')].map((e) => e.textContent);
const type = async (root: HTMLElement, q: string) => {
  const input = root.querySelector<HTMLInputElement>('input.search')!;
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
};
const STILL = getMessageFor('zh_CN')('stillSearching');
const NONE = getMessageFor('zh_CN')('noMatches');

beforeAll(async () => {
  const db = getDb();
  await db.parcels.bulkPut(Array.from({ length: N }, (_, i) => parcel(i)));
  await db.orders.bulkPut(Array.from({ length: N }, (_, i) => order(i)));
});
afterAll(() => document.body.replaceChildren());

describe('popup search before every row is read', () => {
  it('answers over the chunks read so far, says it is still searching, and finds a title whose row is in the last chunk', async () => {
    const db = getDb();
    const initial = await loadSections(db, Date.now(), FIRST_ROWS);
    const chunks: AllRows[] = [];
    const index = new Map<string, string>();
    for await (const { data, added } of loadSectionsInChunks(db, Date.now(), 20)) {
      addToSearchIndex(index, added, data.orders);
      chunks.push({ data, index: new Map(index), complete: data.complete });
    }
    expect(chunks.length).toBeGreaterThan(3);
    const beforeLast = chunks.at(-2)!;
    expect(beforeLast.data.sections.flatMap((s) => s.entries).some((e) => e.kind === 'parcel' && e.parcel.key === last.key)).toBe(false);

    const store = handStore();
    const root = document.createElement('div');
    document.body.append(root);
    render(<App initial={initial} rows={store} />, root);
    await settle();
    store.set(chunks[0]);
    await settle();

    // Typed before the last chunk: nothing matches yet, and the popup says it is still looking.
    await type(root, '钛合金保温杯');
    for (const c of chunks.slice(1, -1)) {
      store.set(c);
      await settle();
      expect(shownKeys(root)).toEqual([]);
      expect(status(root)).toContain(STILL);
      expect(status(root)).not.toContain(NONE);
    }
    store.set(chunks.at(-1)!);
    await settle();
    expect(shownKeys(root)).toEqual([last.key]);
    expect(status(root)).not.toContain(STILL);

    // A rows-read-so-far match (a shop name) shows at once, and grows to every match as chunks arrive.
    render(null, root);
    const store2 = handStore();
    render(<App initial={initial} rows={store2} />, root);
    await settle();
    store2.set(chunks[1]);
    await settle();
    await type(root, '店铺3');
    const early = shownKeys(root);
    expect(early.length).toBeGreaterThan(0);
    expect(status(root)).toContain(STILL);
    store2.set(chunks.at(-1)!);
    await settle();
    const every = Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 === 3).map((i) => parcel(i).key);
    // The list is windowed: the rows on screen are the first of every match, in order.
    expect(shownKeys(root)).toEqual(every.slice(0, shownKeys(root).length));
    expect(shownKeys(root).length).toBeGreaterThanOrEqual(early.length);
    expect(status(root)).not.toContain(STILL);

    // With every row read, a query that matches nothing says so.
    await type(root, '没有这个商品');
    expect(shownKeys(root)).toEqual([]);
    expect(status(root)).toContain(NONE);
    render(null, root);
  });

  it('finds a tracking number not read yet through the index, before the rows arrive', async () => {
    const db = getDb();
    const initial = await loadSections(db, Date.now(), FIRST_ROWS);
    const store = handStore();
    const root = document.createElement('div');
    document.body.append(root);
    render(<App initial={initial} rows={store} />, root);
    await settle();
    expect(initial.sections.flatMap((s) => s.entries).some((e) => e.kind === 'parcel' && e.parcel.key === last.key)).toBe(false);
    await type(root, last.trackingNo);
    await settle();
    expect(shownKeys(root)).toEqual([last.key]);
    expect(status(root)).toContain(STILL);
    render(null, root);
  });

  it('reads every row in chunks, then again after a change, keeping the last complete answer until the new one is complete', async () => {
    const store = allRows(Promise.resolve(), getDb);
    const seen: AllRows[] = [];
    store.subscribe((v) => seen.push(v));
    await vi.waitFor(() => expect(seen.at(-1)?.complete).toBe(true));
    const first = seen.at(-1)!;
    expect(first.data.sections.flatMap((s) => s.entries)).toHaveLength(N);
    expect(first.index.get(last.key)).toContain('钛合金保温杯');
    const n = seen.length;
    await getDb().orders.update(order(N - 1).key, { items: [{ title: '改名的水杯' }] });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(n));
    // After the first complete answer, only complete answers: the list never goes back to partial.
    expect(seen.slice(n).every((v) => v.complete)).toBe(true);
    expect(seen.at(-1)!.index.get(last.key)).toContain('改名的水杯');
  });
});
