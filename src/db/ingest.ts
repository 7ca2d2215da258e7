// ingest(): one observation batch → the database, in one read-write transaction, returning change records.
// The rows a batch touches are read inside the same transaction, merged in memory by the pure merge
// (src/core/merge.ts), and only the changed rows are written back. Two tabs ingesting at once are
// serialized by IndexedDB's transaction, so they yield one copy, never two.
import { batchKeys, MemoryMergeState, mergeBatch, type MergeResult, type NormalizedBatch } from '../core/merge';
import type { Change, ObservationBatch, ParcelRecord } from '../core/model';
import { normalizeBatch, type NormalizeReport } from '../core/normalize';
import type { ParcelHubDb } from './schema';
import { isTerminal } from '../core/status';
import { nextCheckAt } from '../core/schedule';

export interface IngestResult {
  changes: Change[];
  written: { orders: number; parcels: number; events: number };
  rejected: NormalizeReport['rejected'];
}

/** Ingest a validated batch (see validateBatch / the router). */
export async function ingest(db: ParcelHubDb, batch: ObservationBatch, now = Date.now()): Promise<IngestResult> {
  const { batch: normalized, rejected } = normalizeBatch(batch);
  const result = await ingestNormalized(db, normalized, now);
  return { ...result, rejected };
}

export async function ingestNormalized(db: ParcelHubDb, batch: NormalizedBatch, now = Date.now()): Promise<Omit<IngestResult, 'rejected'>> {
  return db.transaction('rw', db.orders, db.parcels, db.events, async () => {
    const state = await loadState(db, batch);
    const result = mergeBatch(state, batch, now);
    scheduleChanged(result, now);
    await write(db, result);
    return {
      changes: result.changes,
      written: { orders: result.orders.length, parcels: result.parcels.length, events: result.events.length },
    };
  });
}

/** Everything the merge may read for this batch: its orders, parcels with its tracking numbers, the
 * orders linked to those parcels (so a minimal order never overwrites a full one), and their events. */
async function loadState(db: ParcelHubDb, batch: NormalizedBatch): Promise<MemoryMergeState> {
  const { orderKeys, trackingNos, finishedOrderKeys } = batchKeys(batch);
  return loadKeys(db, orderKeys, trackingNos, finishedOrderKeys);
}

/** News about a parcel (new, new events, new status) restarts its refresh clock; a final one is never checked. */
function scheduleChanged(r: MergeResult, now: number): void {
  const news = new Set(r.changes.flatMap((c) => ('parcelKey' in c ? [c.parcelKey] : [])));
  for (const p of r.parcels) {
    if (isTerminal(p.status)) p.nextCheckAt = 0;
    else if (news.has(p.key) || p.nextCheckAt === 0) p.nextCheckAt = nextCheckAt(p.status, now);
  }
}

async function write(db: ParcelHubDb, r: MergeResult): Promise<void> {
  if (r.removedParcelKeys.length) {
    // Re-keyed parcels (carrier became known): their events come back in r.events under the new key.
    await db.events.where('parcelKey').anyOf(r.removedParcelKeys).delete();
    await db.parcels.bulkDelete(r.removedParcelKeys);
  }
  if (r.orders.length) await db.orders.bulkPut(r.orders);
  if (r.parcels.length) await db.parcels.bulkPut(r.parcels);
  if (r.events.length) await db.events.bulkPut(r.events);
}

/**
 * Ingest many normalized batches (a backup restore) in ONE transaction: everything any batch may read is
 * preloaded once, the batches are merged in order in memory, and the final rows are written back. If
 * anything throws, the transaction aborts and nothing is written. Returns each batch's merge result.
 */
export async function ingestMany(
  db: ParcelHubDb,
  batches: readonly NormalizedBatch[],
  now = Date.now(),
  /** Runs after the merges, inside the transaction: extra parcel rows to put (e.g. a restore's notes). */
  finish?: (state: MemoryMergeState, results: MergeResult[]) => ParcelRecord[],
): Promise<MergeResult[]> {
  return db.transaction('rw', db.orders, db.parcels, db.events, async () => {
    const orderKeys = new Set<string>();
    const trackingNos = new Set<string>();
    const finishedOrderKeys = new Set<string>();
    for (const b of batches) {
      const k = batchKeys(b);
      k.orderKeys.forEach((x) => orderKeys.add(x));
      k.trackingNos.forEach((x) => trackingNos.add(x));
      k.finishedOrderKeys.forEach((x) => finishedOrderKeys.add(x));
    }
    const state = await loadKeys(db, [...orderKeys], [...trackingNos], [...finishedOrderKeys]);
    const results: MergeResult[] = [];
    const orders = new Set<string>();
    const parcels = new Set<string>();
    const removed = new Set<string>();
    const eventParcels = new Set<string>();
    for (const b of batches) {
      const r = state.ingest(b, now);
      results.push(r);
      r.orders.forEach((o) => orders.add(o.key));
      r.parcels.forEach((p) => parcels.add(p.key));
      r.removedParcelKeys.forEach((k) => removed.add(k));
      r.events.forEach((e) => eventParcels.add(e.parcelKey));
    }
    if (finish) {
      const extra = finish(state, results);
      state.apply({ orders: [], parcels: extra, events: [], removedParcelKeys: [], changes: [] });
      extra.forEach((p) => parcels.add(p.key));
    }
    const gone = [...removed].filter((k) => !state.parcels.has(k));
    // Keys removed at some point get their events rewritten from memory (it holds all of them).
    if (removed.size) await db.events.where('parcelKey').anyOf([...removed]).delete();
    if (gone.length) await db.parcels.bulkDelete(gone);
    if (orders.size) await db.orders.bulkPut([...orders].map((k) => state.orders.get(k)!).filter(Boolean));
    const keep = [...parcels].filter((k) => state.parcels.has(k));
    if (keep.length) await db.parcels.bulkPut(keep.map((k) => state.parcels.get(k)!));
    const evKeys = new Set([...eventParcels, ...[...removed].filter((k) => state.parcels.has(k))]);
    const events = [...evKeys].flatMap((k) => state.getEvents(k));
    if (events.length) await db.events.bulkPut(events);
    return results;
  });
}

async function loadKeys(db: ParcelHubDb, orderKeys: string[], trackingNos: string[], finishedOrderKeys: string[] = []): Promise<MemoryMergeState> {
  const parcels = trackingNos.length ? await db.parcels.where('trackingNo').anyOf(trackingNos).toArray() : [];
  // Parcels of orders the batch says have ended: the ones not yet delivered may become delivered
  // (see finishParcel in core/merge). Delivered ones stay unread, which keeps a long history page cheap.
  if (finishedOrderKeys.length) {
    const have = new Set(parcels.map((p) => p.key));
    const finished = (await db.orders.bulkGet(finishedOrderKeys)).flatMap((o) => o?.parcelKeys ?? []).filter((k) => !have.has(k));
    if (finished.length) {
      for (const p of await db.parcels.bulkGet([...new Set(finished)])) {
        if (p && p.status !== 'delivered') parcels.push(p);
      }
    }
  }
  const linkedOrderKeys = new Set(orderKeys);
  for (const p of parcels) for (const k of p.orderKeys) linkedOrderKeys.add(k);
  const orders = (await db.orders.bulkGet([...linkedOrderKeys])).filter((o) => !!o);
  // One index lookup per parcel, all sent at once: anyOf() walks a single cursor over the index, one round trip
  // to the database per step, which made re-reading a known list page (every parcel found) several times slower.
  const events = (await Promise.all(parcels.map((p) => db.events.where('parcelKey').equals(p.key).toArray()))).flat();
  const state = new MemoryMergeState();
  state.apply({ orders, parcels, events, removedParcelKeys: [], changes: [] });
  return state;
}
