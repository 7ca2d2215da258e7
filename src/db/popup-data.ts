// The popup's reads, indexed. loadSections(db, now, rows) answers the popup's sections with their exact
// counts and the first `rows` rows, reading only those rows: each section is a few [archived+status+sortAt]
// ranges (sectionRanges), counted and read newest-first with a limit. The few records whose section
// depends on more than their own status and time (status 'unknown', parcels of orders with a missed
// promise, unshipped orders) are read whole. With rows = Infinity it reads every row of every section:
// the same answer buildSections() gives over all records, without touching archived or old parcels.
import Dexie from 'dexie';
import type { OrderRecord, ParcelRecord } from '../core/model';
import { OPEN_RETURN_STATES } from '../core/after-sale';
import { DEFAULT_ALERT_PREFS, type AlertPrefs } from '../core/alert-prefs';
import type { Alert, AlertThresholds } from '../core/alerts';
import {
  afterSaleEntry,
  compareEntries,
  missedPromises,
  orderEntry,
  parcelEntry,
  promiseParcels,
  inRange,
  PROMISE_STATUSES,
  SECTION_ORDER,
  sectionRanges,
  type SectionEntry,
  type SectionId,
  type StatusRange,
} from '../core/sections';
import { waitAtOf, type ParcelHubDb } from './schema';

export interface LoadedSection {
  id: SectionId;
  /** Rows in the section (may be more than `entries`). */
  count: number;
  /** The section's first rows, in order. */
  entries: SectionEntry[];
}

export interface PopupData {
  loaded: boolean;
  /** Every row of every section is in `entries`. */
  complete: boolean;
  now: number;
  sections: LoadedSection[];
  /** Orders linked to the loaded parcels (titles, shops, platforms). */
  orders: Map<string, OrderRecord>;
  /** The records placed one by one, as read at `now`: loadSectionsInChunks starts from them. */
  special?: Special;
  /** The alert settings the rows were placed by. */
  prefs?: AlertPrefs;
}

export const EMPTY_DATA: PopupData = { loaded: false, complete: false, now: 0, sections: [], orders: new Map() };

export const bounds = (r: StatusRange) =>
  [[0, r.status, r.from ?? -Infinity], [0, r.status, r.to ?? Infinity], true, r.to === undefined] as [unknown[], unknown[], boolean, boolean];

type Special = Awaited<ReturnType<typeof readSpecial>>;

/** The unshipped orders without a parcel (the 待发货 rows, and those of them whose promise is missed), longest
 * waiting first: the `waitAt` index (src/db/schema.ts v4). */
export const waitingOrders = (db: ParcelHubDb) => db.orders.where('waitAt');
export const WAITING_ALL: [number, number, boolean, boolean] = [-Infinity, Infinity, true, true];

/** The records placed one by one, not by range: unknown statuses, parcels and orders with a missed promise, open
 * after-sales. The other unshipped orders are rows of the 待发货 section, read by range (waitingOrders). Read
 * inside the caller's transaction. */
export async function readSpecial(db: ParcelHubDb, now: number, prefs: AlertPrefs) {
  const t = prefs.thresholds;
  const [unknowns, promising, afterSales] = await Promise.all([
    db.parcels.where('[archived+status]').equals([0, 'unknown']).toArray(),
    Promise.all(
      PROMISE_STATUSES.map((s) =>
        db.orders
          .where('[status+promise.at]')
          .between([s, -Infinity], [s, now], true, false)
          .toArray(),
      ),
    ).then((x) => x.flat()),
    db.orders.where('afterSale.state').anyOf(OPEN_RETURN_STATES).toArray(),
  ]);
  // Orders with a missed promise, judged with all their parcels (archived ones included).
  const promiseKeys = [...new Set(promising.flatMap((o) => o.parcelKeys))];
  const promiseParcelRows = (await db.parcels.bulkGet(promiseKeys)).filter((p): p is ParcelRecord => !!p);
  const byKey = new Map(promiseParcelRows.map((p) => [p.key, p]));
  const orderMap = new Map(promising.map((o) => [o.key, o]));
  // Open after-sales (issue #16) with their parcels: a return parcel's scans count as the return's progress.
  const afterSaleParcels = new Map(
    (await db.parcels.bulkGet([...new Set(afterSales.flatMap((o) => o.parcelKeys))])).filter((p): p is ParcelRecord => !!p).map((p) => [p.key, p]),
  );
  for (const o of afterSales) if (!orderMap.has(o.key)) orderMap.set(o.key, o);
  const missed = missedPromises(promising, byKey, now, t);
  const promises = promiseParcels(missed, orderMap, byKey, now, t);

  const placed = new Map<SectionId, SectionEntry[]>(SECTION_ORDER.map((id) => [id, []]));
  const one = new Map([...unknowns, ...[...promises.keys()].map((k) => byKey.get(k)!)].map((p) => [p.key, p]));
  for (const p of one.values()) {
    const r = parcelEntry(p, promises, now, t);
    if (r) placed.get(r.section)!.push(r.entry);
  }
  for (const o of orderMap.values()) {
    const r = orderEntry(o, missed, now, t) ?? afterSaleEntry(o, o.parcelKeys.map((k) => afterSaleParcels.get(k)).filter((p): p is ParcelRecord => !!p), now, prefs);
    // An unshipped order whose promise still holds is a 待发货 row like the others: read by range.
    if (r && r.section !== 'unshipped') placed.get(r.section)!.push(r.entry);
  }
  const special = [...promises.keys()].map((k) => byKey.get(k)!);
  // Waiting orders in attention (a missed promise): not rows of 待发货, though the waitAt index holds them.
  const missedWaiting = new Set([...missed.keys()].filter((k) => waitAtOf(orderMap.get(k)!) !== undefined));
  return { placed, special, promises, orderMap, missedWaiting };
}

/** No missed promises: a 待发货 row is placed by its own age alone (the missed ones are attention rows). */
export const NO_MISSED: ReadonlyMap<string, Alert> = new Map();

/** The 待发货 rows: how many, and the first `limit` of them (longest waiting first), from the waitAt index. The
 * waiting orders whose promise is missed (`missedWaiting`) are attention rows, placed by readSpecial. */
export async function readWaiting(db: ParcelHubDb, missedWaiting: ReadonlySet<string>, now: number, t: AlertThresholds, limit: number) {
  const all = () => waitingOrders(db).between(...WAITING_ALL);
  const [total, orders] = await Promise.all([all().count(), limit > 0 ? (limit === Infinity ? all().toArray() : all().limit(limit + missedWaiting.size).toArray()) : []]);
  const entries: SectionEntry[] = [];
  for (const o of orders) {
    if (missedWaiting.has(o.key) || entries.length >= limit) continue;
    const r = orderEntry(o, NO_MISSED, now, t);
    if (r) entries.push(r.entry);
  }
  return { count: total - missedWaiting.size, entries };
}

/** `prefs`: the alert kinds switched on and the thresholds (settings alertKinds and alerts, read by
 * shared/alert-prefs.ts); the defaults unless given. */
export async function loadSections(db: ParcelHubDb, now: number, rows = Infinity, prefs: AlertPrefs = DEFAULT_ALERT_PREFS): Promise<PopupData> {
  return db.transaction('r', db.parcels, db.orders, async () => {
    const ranges = sectionRanges(now, prefs.thresholds);
    const prelude = await readSpecial(db, now, prefs);
    const { placed, special, promises, orderMap } = prelude;

    const out: LoadedSection[] = [];
    const waitingRows: OrderRecord[] = [];
    let shown = 0;
    for (const id of SECTION_ORDER) {
      const own = placed.get(id)!;
      const want = Math.max(0, rows - shown);
      const rangeRows = await Promise.all(
        ranges[id].map(async (r) => {
          const coll = () => db.parcels.where('[archived+status+sortAt]').between(...bounds(r));
          const excluded = special.filter((p) => !p.archived && inRange(p, r)).length;
          if (rows === Infinity) return { count: -1, rows: await coll().toArray() };
          const [count, top] = await Promise.all([coll().count(), want > 0 ? coll().reverse().limit(want + special.length).toArray() : []]);
          return { count: count - excluded, rows: top };
        }),
      );
      const entries: SectionEntry[] = [...own];
      let waiting = 0;
      if (id === 'unshipped') {
        const w = await readWaiting(db, prelude.missedWaiting, now, prefs.thresholds, rows === Infinity ? Infinity : want);
        entries.push(...w.entries);
        waiting = w.count;
        for (const e of w.entries) if (e.kind === 'order') waitingRows.push(e.order);
      }
      for (const { rows: rs } of rangeRows) {
        for (const p of rs) {
          if (promises.has(p.key)) continue;
          const r = parcelEntry(p, promises, now, prefs.thresholds);
          if (r?.section === id) entries.push(r.entry);
        }
      }
      entries.sort(compareEntries);
      const count = rows === Infinity ? entries.length : own.length + waiting + rangeRows.reduce((n, r) => n + r.count, 0);
      if (count === 0) continue;
      const first = entries.slice(0, want);
      shown += first.length;
      out.push({ id, count, entries: first });
    }

    // Orders of the parcels on show, for titles, shops and platforms.
    const need = new Set<string>();
    for (const s of out) for (const e of s.entries) if (e.kind === 'parcel') for (const k of e.parcel.orderKeys) if (!orderMap.has(k)) need.add(k);
    const linked = (await db.orders.bulkGet([...need])).filter((o): o is OrderRecord => !!o);
    const orders = new Map(orderMap);
    for (const o of [...waitingRows, ...linked]) orders.set(o.key, o);
    return { loaded: true, complete: rows === Infinity || out.every((s) => s.entries.length === s.count), now, sections: out, orders, special: prelude, prefs };
  });
}

// Reads the shopper is waiting on (a tracking number typed while every row is being read) go first: the
// chunked read starts no chunk while one is under way, so its requests do not queue behind whole chunks.
let urgentReads = 0;
const afterUrgent: (() => void)[] = [];
async function urgent<T>(read: () => Promise<T>): Promise<T> {
  urgentReads++;
  try {
    return await read();
  } finally {
    if (--urgentReads === 0) for (const go of afterUrgent.splice(0)) go();
  }
}
export const noUrgentReads = () => (urgentReads ? new Promise<void>((r) => afterUrgent.push(r)) : Promise.resolve());

/** Archived parcels, newest change first (the archive view). */
export async function loadArchived(db: ParcelHubDb): Promise<{ loaded: true; parcels: ParcelRecord[]; orders: Map<string, OrderRecord> }> {
  return db.transaction('r', db.parcels, db.orders, async () => {
    const parcels = await db.parcels.where('[archived+updatedAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).reverse().toArray();
    const keys = [...new Set(parcels.flatMap((p) => p.orderKeys))];
    const orders = (await db.orders.bulkGet(keys)).filter((o): o is OrderRecord => !!o);
    return { loaded: true, parcels, orders: new Map(orders.map((o) => [o.key, o])) };
  });
}

/** Parcels and orders that need the shopper: waiting for pickup + needs attention (the toolbar badge), counting
 * only the alerts switched on. */
export async function needsUserTotal(db: ParcelHubDb, now = Date.now(), prefs: AlertPrefs = DEFAULT_ALERT_PREFS): Promise<number> {
  const d = await loadSections(db, now, 0, prefs);
  return d.sections.filter((s) => s.id === 'awaiting_collection' || s.id === 'attention').reduce((n, s) => n + s.count, 0);
}

/**
 * The popup's list narrowed to parcels whose tracking number starts with `prefix` (upper case, as stored),
 * read through the trackingNo index: a search answered before every row is read (typed right after the
 * popup opens). Placed in their sections as loadSections places them, missed promises included; the rows
 * are a subset of what the full list's search shows for the same text, which replaces them once read.
 */
export function findByTrackingPrefix(db: ParcelHubDb, prefix: string, now: number, limit = 50, prefs: AlertPrefs = DEFAULT_ALERT_PREFS): Promise<PopupData> {
  const t = prefs.thresholds;
  return urgent(() => db.transaction('r', db.parcels, db.orders, async () => {
    const found = (await db.parcels.where('trackingNo').startsWith(prefix).limit(limit).toArray()).filter((p) => !p.archived);
    const orders = (await db.orders.bulkGet([...new Set(found.flatMap((p) => p.orderKeys))])).filter((o): o is OrderRecord => !!o);
    // A missed promise is judged with all of an order's parcels.
    const siblings = [...new Set(orders.flatMap((o) => o.parcelKeys))].filter((k) => !found.some((p) => p.key === k));
    const byKey = new Map(found.map((p) => [p.key, p]));
    for (const p of await db.parcels.bulkGet(siblings)) if (p) byKey.set(p.key, p);
    const orderMap = new Map(orders.map((o) => [o.key, o]));
    const promises = promiseParcels(missedPromises(orders, byKey, now, t), orderMap, byKey, now, t);
    const placed = new Map<SectionId, SectionEntry[]>();
    for (const p of found) {
      const r = parcelEntry(p, promises, now, t);
      if (r) placed.set(r.section, [...(placed.get(r.section) ?? []), r.entry]);
    }
    const sections = SECTION_ORDER.filter((id) => placed.has(id)).map((id) => {
      const entries = placed.get(id)!.sort(compareEntries);
      return { id, count: entries.length, entries };
    });
    return { loaded: true, complete: false, now, sections, orders: orderMap };
  }));
}
