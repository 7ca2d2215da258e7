// ingest(): one observation batch → the database, in one read-write transaction, returning change records.
// The rows a batch touches are read inside the same transaction, merged in memory by the pure merge
// (src/core/merge.ts), and only the changed rows are written back. Two tabs ingesting at once are
// serialized by IndexedDB's transaction, so they yield one copy, never two.
import { batchKeys, MemoryMergeState, mergeBatch, type MergeResult, type NormalizedBatch } from '../core/merge';
import type { Change, ObservationBatch } from '../core/model';
import { normalizeBatch, type NormalizeReport } from '../core/normalize';
import type { ParcelHubDb } from './schema';

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
  const { orderKeys, trackingNos } = batchKeys(batch);
  const parcels = trackingNos.length ? await db.parcels.where('trackingNo').anyOf(trackingNos).toArray() : [];
  const linkedOrderKeys = new Set(orderKeys);
  for (const p of parcels) for (const k of p.orderKeys) linkedOrderKeys.add(k);
  const orders = (await db.orders.bulkGet([...linkedOrderKeys])).filter((o) => !!o);
  const events = parcels.length ? await db.events.where('parcelKey').anyOf(parcels.map((p) => p.key)).toArray() : [];
  const state = new MemoryMergeState();
  state.apply({ orders, parcels, events, removedParcelKeys: [], changes: [] });
  return state;
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
