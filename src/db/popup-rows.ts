// Every row of the popup's sections, read in bounded chunks (the popup's all-rows.ts, loaded after the first
// screen is painted): the same answer as loadSections(db, now) (./popup-data.ts), read a page at a time so a
// key pressed meanwhile is handled between two pages. Kept apart from popup-data.ts, which the first screen
// loads, so that this code is not part of the popup's first load.
import { DEFAULT_ALERT_PREFS, type AlertPrefs } from '../core/alert-prefs';
import type { OrderRecord } from '../core/model';
import { compareEntries, inRange, mergeEntries, orderEntry, parcelEntry, parcelTime, SECTION_ORDER, sectionRanges, type SectionEntry, type SectionId } from '../core/sections';
import { bounds, NO_MISSED, noUrgentReads, readSpecial, readWaiting, WAITING_ALL, waitingOrders, type PopupData } from './popup-data';
import { waitAtOf, type ParcelHubDb } from './schema';

/** Parcels read per chunk by loadSectionsInChunks: reading, decoding and placing one chunk is a short task, so
 * a key pressed meanwhile is handled between two chunks rather than after every row is read. */
export const CHUNK_ROWS = 50;

export interface RowsChunk {
  /** Every row read so far, each section in order; on the last chunk `complete` and the same as loadSections(db, now). */
  data: PopupData;
  /** The rows this chunk added (the first chunk: the records placed one by one). */
  added: SectionEntry[];
}

/** The time a parcel is indexed by in [archived+status+sortAt] (readers never see `sortAt` itself). */
const sortAtOf = parcelTime;

/**
 * loadSections(db, now) read in bounded chunks. One short transaction counts every range (and reads the
 * records placed one by one, unless `from` — the first screen, read at `now` — has them); then each range
 * is read newest first, a page of at most `chunk` parcels (one getAll of the range index) with the orders
 * they link to, in a transaction of its own. The caller decides the pause between chunks (a task, so input
 * runs). A write between two chunks can leave a row placed by stale facts: the caller reads again on every
 * change, as it does for loadSections.
 */
export async function* loadSectionsInChunks(db: ParcelHubDb, now: number, chunk = CHUNK_ROWS, from?: PopupData, prefs: AlertPrefs = DEFAULT_ALERT_PREFS): AsyncGenerator<RowsChunk> {
  const ranges = sectionRanges(now, prefs.thresholds);
  const head = await db.transaction('r', db.parcels, db.orders, async () => {
    const reuse = from?.special && from.now === now && from.prefs === prefs;
    const special = reuse ? from.special! : await readSpecial(db, now, prefs);
    const counts = await Promise.all(SECTION_ORDER.map((id) => Promise.all(ranges[id].map((r) => db.parcels.where('[archived+status+sortAt]').between(...bounds(r)).count()))));
    const waiting = (await readWaiting(db, special.missedWaiting, now, prefs.thresholds, 0)).count;
    // The orders of the parcels placed one by one (the first screen has those of its rows).
    const orders = new Map(special.orderMap);
    if (reuse) for (const [k, o] of from.orders) orders.set(k, o);
    const need = new Set<string>();
    for (const es of special.placed.values()) for (const e of es) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) if (!orders.has(k)) need.add(k);
    for (const o of await db.orders.bulkGet([...need])) if (o) orders.set(o.key, o);
    return { ...special, counts, orders, waiting };
  });
  const { placed, promises, orders } = head;
  // Counts as loadSections gives them (a parcel with a missed promise is placed one by one, not by range).
  const expected = new Map(
    SECTION_ORDER.map((id, i) => [
      id,
      placed.get(id)!.length + (id === 'unshipped' ? head.waiting : 0) + ranges[id].reduce((n, r, j) => n + head.counts[i][j] - head.special.filter((p) => !p.archived && inRange(p, r)).length, 0),
    ]),
  );
  const rows = new Map(SECTION_ORDER.map((id) => [id, [...placed.get(id)!].sort(compareEntries)]));
  const snapshot = (complete: boolean): PopupData => {
    const count = (id: SectionId) => (complete ? rows.get(id)!.length : Math.max(expected.get(id)!, rows.get(id)!.length));
    const sections = SECTION_ORDER.filter((id) => count(id) > 0).map((id) => ({ id, count: count(id), entries: rows.get(id)! }));
    return { loaded: true, complete, now, sections, orders };
  };
  // The pages to read: every range with rows, in section order (待发货's rows are orders, by waitAt).
  const todo = SECTION_ORDER.flatMap((id, i) => [
    ...ranges[id].filter((_, j) => head.counts[i][j] > 0).map((range) => ({ id, range })),
    ...(id === 'unshipped' && head.waiting > 0 ? [{ id, range: undefined }] : []),
  ]);
  yield { data: snapshot(todo.length === 0), added: SECTION_ORDER.flatMap((id) => placed.get(id)!) };

  for (const [t, { id, range }] of todo.entries()) {
    if (!range) {
      // 待发货: the waiting orders, longest waiting first, a page at a time (above the last page's newest time,
      // skipping the rows already read at it); those with a missed promise are attention rows, placed already.
      let lower = -Infinity;
      let seenAtLower = new Set<string>();
      for (;;) {
        await noUrgentReads();
        const limit = chunk + seenAtLower.size;
        const page: OrderRecord[] = await db.transaction('r', db.orders, () => waitingOrders(db).between(lower, WAITING_ALL[1], true, true).limit(limit).toArray());
        const added: SectionEntry[] = [];
        for (const o of page) {
          if (seenAtLower.has(o.key) || head.missedWaiting.has(o.key)) continue;
          orders.set(o.key, o);
          const r = orderEntry(o, NO_MISSED, now, prefs.thresholds);
          if (r?.section === id) added.push(r.entry);
        }
        rows.set(id, mergeEntries(rows.get(id)!, added.sort(compareEntries)));
        const done = page.length < limit;
        if (!done) {
          const newest = waitAtOf(page[page.length - 1])!;
          if (newest !== lower) seenAtLower = new Set();
          for (const o of page) if (waitAtOf(o) === newest) seenAtLower.add(o.key);
          lower = newest;
        }
        yield { data: snapshot(done && t === todo.length - 1), added };
        if (done) break;
      }
      continue;
    }
    // Newest first, a page at a time: below the last page's oldest time, skipping the rows already read at it.
    let upper = bounds(range)[1];
    let upperOpen = !bounds(range)[3];
    let seenAtUpper = new Set<string>();
    for (;;) {
      await noUrgentReads();
      const limit = chunk + seenAtUpper.size;
      const page = await db.transaction('r', db.parcels, db.orders, async () => {
        const parcels = await db.parcels.where('[archived+status+sortAt]').between(bounds(range)[0], upper, true, !upperOpen).reverse().limit(limit).toArray();
        const need = new Set<string>();
        for (const p of parcels) for (const k of p.orderKeys) if (!orders.has(k)) need.add(k);
        for (const o of await db.orders.bulkGet([...need])) if (o) orders.set(o.key, o);
        return parcels;
      });
      const added: SectionEntry[] = [];
      for (const p of page) {
        if (seenAtUpper.has(p.key) || promises.has(p.key)) continue;
        const r = parcelEntry(p, promises, now, prefs.thresholds);
        if (r?.section === id) added.push(r.entry);
      }
      rows.set(id, mergeEntries(rows.get(id)!, added.sort(compareEntries)));
      const done = page.length < limit;
      if (!done) {
        const oldest = sortAtOf(page[page.length - 1]);
        if (oldest !== upper[2]) seenAtUpper = new Set();
        for (const p of page) if (sortAtOf(p) === oldest) seenAtUpper.add(p.key);
        upper = [0, range.status, oldest];
        upperOpen = false;
      }
      yield { data: snapshot(done && t === todo.length - 1), added };
      if (done) break;
    }
  }
}

