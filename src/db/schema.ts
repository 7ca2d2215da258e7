// The Parcel Hub database. Only the background writes it; the popup and options page read it (liveQuery).
// Every version() declaration stays here forever: Dexie needs the history to upgrade old installs.
import Dexie, { type DBCore, type DBCoreCursor, type DBCoreMutateRequest, type EntityTable, type Middleware } from 'dexie';
import type { Diagnostic, EventRecord, OrderRecord, ParcelRecord } from '../core/model';
import { orderTime, parcelTime } from '../core/sections';
import { ACTIVE_STATUSES } from '../core/model';

export interface DiagnosticRow extends Diagnostic {
  id?: number;
}

/** Small keyed state: per-platform capture health, notification de-dup keys, scheduler state. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** Per-platform capture state (meta `platform:<id>`); the type lives in core so core/health can read it. */
export type { PlatformStateValue } from '../core/model';

export const DB_NAME = 'parcel-hub';

/** Version 1's stores, exactly as shipped (kept for the upgrade path and its test). */
export const STORES_V1 = {
  orders: 'key, platform, status, createdAt, lastSeen, *parcelKeys',
  parcels: 'key, trackingNo, carrier, status, updatedAt, nextCheckAt, archived, *orderKeys, *platforms, [archived+updatedAt]',
  events: 'id, parcelKey, [parcelKey+time]',
  diagnostics: '++id, platform, at',
  meta: 'key',
};

/** Version 2's stores, exactly as shipped (kept for the upgrade test and the index bench). */
export const STORES_V2 = {
  orders: 'key, platform, status, createdAt, lastSeen, *parcelKeys, [status+promise.at]',
  parcels: 'key, trackingNo, carrier, status, updatedAt, nextCheckAt, archived, *orderKeys, *platforms, [archived+updatedAt], [archived+status], [archived+status+sortAt]',
};

/**
 * Version 3: only indexes a query uses (each store's users listed in bench/README.md "Indexes"). A compound
 * index serves its prefixes (Dexie's virtual indexes), and a compound index only holds rows that have every
 * part, so `status` stays for orders (most have no promise) while parcels (sortAt on every row) find
 * `[archived+status]` in `[archived+status+sortAt]`.
 */
export const STORES_V3 = {
  orders: 'key, status, [status+promise.at], afterSale.state',
  parcels: 'key, trackingNo, nextCheckAt, [archived+updatedAt], [archived+status+sortAt]',
  events: 'id, parcelKey',
  diagnostics: '++id, at',
};

/**
 * Version 4 (issue #15): unshipped orders without a parcel — the popup's 待发货 rows — carry `waitAt` =
 * orderTime() (kept by the middleware below, like parcels' `sortAt`; absent on every other order, so the index
 * holds only those rows). The popup counts that section and reads its first rows, longest waiting first, from
 * the index instead of reading every unshipped order (a thousand at 10,000 parcels) before its first paint.
 */
export const STORES_V4 = { ...STORES_V3, orders: `${STORES_V3.orders}, waitAt` };

export class ParcelHubDb extends Dexie {
  orders!: EntityTable<OrderRecord, 'key'>;
  parcels!: EntityTable<ParcelRecord, 'key'>;
  events!: EntityTable<EventRecord, 'id'>;
  diagnostics!: EntityTable<DiagnosticRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    // No live-query cache: in its default mode Dexie deep-clones every row a live query reads (the popup's
    // list, the options page's history) on every run, and no page here writes the rows it watches (writes are
    // messages to the background), so the cache would never serve a result. Live queries still re-run on change.
    super(name, { cache: 'disabled' });
    // v1. Indexes are the ones queries use: the popup lists active parcels by status and recency, the
    // scheduler picks parcels by nextCheckAt, merge finds parcels by tracking number and by order.
    this.version(1).stores(STORES_V1);
    // v2 (popup speed): parcels carry `sortAt` = parcelTime() (kept by the middleware below on every write),
    // so the popup reads each section's first rows and counts as [archived+status+sortAt] ranges instead of
    // every parcel; orders whose promise may be missed are found by [status+promise.at].
    this.version(2)
      .stores(STORES_V2)
      .upgrade((tx) =>
        tx
          .table('parcels')
          .toCollection()
          .modify((p: ParcelRecord & { sortAt?: number }) => {
            p.sortAt = parcelTime(p);
          }),
      );
    // v3: indexes no query used are dropped (each one costs every write; no data changes), and open
    // after-sales are found by their state (issue #16: return-pickup and refund alerts).
    this.version(3).stores(STORES_V3);
    // v4: the unshipped rows by how long they have waited (waitAt).
    this.version(4)
      .stores(STORES_V4)
      .upgrade((tx) =>
        tx
          .table('orders')
          .toCollection()
          .modify((o: OrderRecord & { waitAt?: number }) => {
            const w = waitAtOf(o);
            if (w !== undefined) o.waitAt = w;
          }),
      );
    this.use(sortAtMiddleware);
  }
}

/** An unshipped order's place in the popup's 待发货 rows (orderTime), or undefined for any order that is not such a row. */
export const waitAtOf = (o: Pick<OrderRecord, 'status' | 'parcelKeys' | 'paidAt' | 'createdAt' | 'firstSeen'>): number | undefined =>
  o.status === 'unshipped' && !o.parcelKeys?.length ? orderTime(o) : undefined;

/** The field each store keeps in its index only, and how it is computed from the record. */
const INDEX_ONLY: Record<string, { field: string; of: (v: never) => number | undefined }> = {
  parcels: { field: 'sortAt', of: parcelTime },
  orders: { field: 'waitAt', of: waitAtOf },
};

function withIndexField(v: unknown, field: string, of: (v: never) => number | undefined): unknown {
  if (!v || typeof v !== 'object' || !('status' in v)) return v;
  const { [field]: _old, ...rest } = v as Record<string, unknown>;
  const at = of(v as never);
  return at === undefined ? rest : { ...rest, [field]: at };
}

/** Readers get the record as written: `sortAt` and `waitAt` live in the index only (and never reach a backup). */
function withoutIndexField<T>(v: T, field: string): T {
  if (!v || typeof v !== 'object' || !(field in v)) return v;
  const { [field]: _f, ...rest } = v as T & Record<string, unknown>;
  return rest as T;
}

/** The cursor as it is (a native IDBCursor underneath: its methods need it as `this`), but `value` clean. */
const cursorWithout = (cursor: DBCoreCursor, field: string): DBCoreCursor =>
  new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'value') return withoutIndexField(target.value, field);
      const v: unknown = Reflect.get(target, prop, target);
      // A cursor Dexie made for a virtual (compound-prefix) index has fixed own methods, which a proxy must
      // hand out as they are; they need no `this`.
      const own = Object.getOwnPropertyDescriptor(target, prop);
      if (own && !own.configurable && !own.writable && 'value' in own) return v;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });

/**
 * `parcels` rows carry `sortAt` = parcelTime(), and unshipped orders without a parcel `waitAt` = orderTime():
 * added on every put/add, whoever writes (ingest, user actions, restore, tests), and taken off again on every read.
 */
const sortAtMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'parcel-sortAt',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      const spec = INDEX_ONLY[name];
      if (!spec) return table;
      const { field, of } = spec;
      const strip = <T,>(v: T) => withoutIndexField(v, field);
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) => (req.type === 'put' || req.type === 'add' ? table.mutate({ ...req, values: req.values.map((v) => withIndexField(v, field, of)) }) : table.mutate(req)),
        get: (req) => table.get(req).then(strip),
        getMany: (req) => table.getMany(req).then((vs) => vs.map(strip)),
        query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(strip) } : res)),
        openCursor: (req) => table.openCursor(req).then((cursor) => (cursor && req.values ? cursorWithout(cursor, field) : cursor)),
      };
    },
  }),
};

/** Keys of `[archived+status]` for parcels still moving and not archived. */
export const activeUnarchived = (): [0, string][] => ACTIVE_STATUSES.map((s) => [0, s]);

let shared: ParcelHubDb | undefined;

/** The database of this extension context (one connection per context). */
export function getDb(): ParcelHubDb {
  shared ??= new ParcelHubDb();
  return shared;
}
