// One group of a streamed backup → the database, in ONE read-write transaction (all of it or none of it).
// First a cheap look: when the database holds nothing within the group's key spans, the group is written
// as it is, without reading a record (restoring into an empty database, every group goes this way).
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
  /** true when a look at key ranges showed nothing of the group here, so it was written without reading. */
  absent: boolean;
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

/** Smallest and largest of some strings (undefined for none). */
function span(keys: readonly string[]): [string, string] | undefined {
  if (!keys.length) return undefined;
  let lo = keys[0];
  let hi = keys[0];
  for (const k of keys) {
    if (k < lo) lo = k;
    else if (k > hi) hi = k;
  }
  return [lo, hi];
}

/**
 * One cheap look before the exact reads: does the database hold anything within the group's spans of order
 * keys, parcel keys and tracking numbers? (A backup lists parcels in key order, so a group is a narrow span;
 * restoring into an empty database, or past what is stored, every span is empty.) Three counts of a key
 * range instead of a read per record; any hit sends the group the exact way.
 */
async function surelyAbsent(db: ParcelHubDb, g: CheckedGroup): Promise<boolean> {
  const orders = span(g.orders.map((o) => o.key));
  const parcels = span(g.parcels.map((p) => p.key));
  const numbers = span(g.parcels.map((p) => p.trackingNo));
  const counts = await Promise.all([
    orders ? db.orders.where('key').between(orders[0], orders[1], true, true).count() : 0,
    parcels ? db.parcels.where('key').between(parcels[0], parcels[1], true, true).count() : 0,
    numbers ? db.parcels.where('trackingNo').between(numbers[0], numbers[1], true, true).count() : 0,
  ]);
  return counts.every((n) => n === 0);
}

export async function writeGroup(db: ParcelHubDb, g: CheckedGroup, now = Date.now(), opts: { probe?: boolean } = {}): Promise<GroupOutcome> {
  return db.transaction('rw', db.orders, db.parcels, db.events, async () => {
    if (opts.probe !== false && (await surelyAbsent(db, g))) {
      // Nothing of the group is here: written as it is, as the exact way below would write it. (An event id
      // is made of its parcel's key, so a parcel that is not here has no events here either.)
      if (g.orders.length) await db.orders.bulkPut(g.orders);
      if (g.parcels.length) await db.parcels.bulkPut(g.parcels);
      if (g.events.length) await db.events.bulkPut(g.events);
      return {
        orders: tally(g.orders.length, 0, 0),
        parcels: tally(g.parcels.length, 0, 0),
        events: tally(g.events.length, 0, 0),
        rejected: g.rejected,
        merged: false,
        absent: true,
      };
    }
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
      absent: false,
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
  return { orders: r.orders, parcels: r.parcels, events: r.events, rejected: [...g.rejected, ...plan.rejected], merged: true, absent: false };
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
