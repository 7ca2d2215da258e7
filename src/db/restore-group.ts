// One group of a streamed backup → the database, in ONE read-write transaction (all of it or none of it).
// Records this database does not have yet are written as they are (a backup of this extension holds
// records exactly as it stores them); records it already holds unchanged are skipped, so restoring the
// same file again writes nothing new. Any other case (a record here differs, or a parcel with the same
// tracking number under another carrier) sends the whole group through the merge, as version 1 restores
// do: old data only fills gaps, never overwrites newer data.
import { applyUserFields, BACKUP_FORMAT, backupToBatches, createdParcelKeys, restoreReport, type Backup, type RestoreReport } from '../core/backup';
import type { CheckedGroup } from '../core/backup-stream';
import type { EventRecord } from '../core/model';
import { ingestMany } from './ingest';
import type { ParcelHubDb } from './schema';

type Tally = RestoreReport['orders'];
export interface GroupOutcome {
  orders: Tally;
  parcels: Tally;
  events: Tally;
  rejected: RestoreReport['rejected'];
  /** true when the group went through the merge (something here already differed). */
  merged: boolean;
}

/** Same data, whatever the key order; an absent key equals one holding undefined. */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameRecord(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (ao[k] !== undefined && !sameRecord(ao[k], bo[k])) return false;
  for (const k in bo) if (bo[k] !== undefined && ao[k] === undefined) return false;
  return true;
}

const tally = (added: number, updated: number, unchanged: number): Tally => ({ added, updated, unchanged });

export async function writeGroup(db: ParcelHubDb, g: CheckedGroup, now = Date.now()): Promise<GroupOutcome> {
  return db.transaction('rw', db.orders, db.parcels, db.events, async () => {
    const parcelKeys = new Set(g.parcels.map((p) => p.key));
    const [haveOrders, haveParcels, sameNumber] = await Promise.all([
      db.orders.bulkGet(g.orders.map((o) => o.key)),
      db.parcels.bulkGet(g.parcels.map((p) => p.key)),
      g.parcels.length ? db.parcels.where('trackingNo').anyOf([...new Set(g.parcels.map((p) => p.trackingNo))]).primaryKeys() : Promise.resolve([]),
    ]);
    const differs =
      sameNumber.some((k) => !parcelKeys.has(k)) ||
      g.orders.some((o, i) => haveOrders[i] && !sameRecord(haveOrders[i], o)) ||
      g.parcels.some((p, i) => haveParcels[i] && !sameRecord(haveParcels[i], p));
    if (differs) return mergeGroup(db, g, now);

    const newOrders = g.orders.filter((_, i) => !haveOrders[i]);
    const newParcels = g.parcels.filter((_, i) => !haveParcels[i]);
    const fresh = new Set(newParcels.map((p) => p.key));
    // Events of parcels already here: only the missing ones are added (a parcel here keeps its own).
    const old = g.events.filter((e) => !fresh.has(e.parcelKey));
    const haveEvents = old.length ? await db.events.bulkGet(old.map((e) => e.id)) : [];
    const newEvents: EventRecord[] = g.events.filter((e) => fresh.has(e.parcelKey));
    old.forEach((e, i) => haveEvents[i] || newEvents.push(e));
    if (newOrders.length) await db.orders.bulkPut(newOrders);
    if (newParcels.length) await db.parcels.bulkPut(newParcels);
    if (newEvents.length) await db.events.bulkPut(newEvents);
    return {
      orders: tally(newOrders.length, 0, g.orders.length - newOrders.length),
      parcels: tally(newParcels.length, 0, g.parcels.length - newParcels.length),
      events: tally(newEvents.length, 0, g.events.length - newEvents.length),
      rejected: g.rejected,
      merged: false,
    };
  });
}

/** The group as a version 1 backup through the merge (inside the caller's transaction). */
async function mergeGroup(db: ParcelHubDb, g: CheckedGroup, now: number): Promise<GroupOutcome> {
  const backup: Backup = { format: BACKUP_FORMAT, version: 1, exportedAt: now, orders: g.orders, parcels: g.parcels, events: g.events };
  const plan = backupToBatches(backup);
  let extra: Awaited<ReturnType<typeof applyUserFields>> = [];
  const results = await ingestMany(db, plan.batches, now, (state, rs) => (extra = applyUserFields(state, plan.userFields, createdParcelKeys(rs))));
  const r = restoreReport(backup, plan, [...results, { orders: [], parcels: extra, events: [], changes: [] }]);
  return { orders: r.orders, parcels: r.parcels, events: r.events, rejected: [...g.rejected, ...plan.rejected], merged: true };
}

/** Adds one group's outcome to a running report (its rejected list kept to `maxRejected` entries). */
export function addOutcome(report: RestoreReport, o: GroupOutcome, maxRejected = 1000): void {
  for (const k of ['orders', 'parcels', 'events'] as const) {
    report[k].added += o[k].added;
    report[k].updated += o[k].updated;
    report[k].unchanged += o[k].unchanged;
  }
  for (const r of o.rejected) if (report.rejected.length < maxRejected) report.rejected.push(r);
}

export const emptyReport = (): RestoreReport => ({ orders: tally(0, 0, 0), parcels: tally(0, 0, 0), events: tally(0, 0, 0), rejected: [] });
