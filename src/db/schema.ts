// The Parcel Hub database. Only the background writes it; the popup and options page read it (liveQuery).
// Every version() declaration stays here forever: Dexie needs the history to upgrade old installs.
import Dexie, { type DBCore, type DBCoreCursor, type DBCoreMutateRequest, type EntityTable, type Middleware } from 'dexie';
import type { Diagnostic, EventRecord, OrderRecord, ParcelRecord } from '../core/model';
import { parcelTime } from '../core/sections';
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
    this.use(sortAtMiddleware);
  }
}

const withSortAt = (v: unknown) => (v && typeof v === 'object' && 'status' in v ? { ...(v as ParcelRecord), sortAt: parcelTime(v as ParcelRecord) } : v);

/** Readers get the record as written: `sortAt` lives in the index only (and never reaches a backup). */
function withoutSortAt<T>(v: T): T {
  if (!v || typeof v !== 'object' || !('sortAt' in v)) return v;
  const { sortAt: _sortAt, ...rest } = v as T & { sortAt: unknown };
  return rest as T;
}

/** The cursor as it is (a native IDBCursor underneath: its methods need it as `this`), but `value` clean. */
const cursorWithoutSortAt = (cursor: DBCoreCursor): DBCoreCursor =>
  new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'value') return withoutSortAt(target.value);
      const v: unknown = Reflect.get(target, prop, target);
      // A cursor Dexie made for a virtual (compound-prefix) index has fixed own methods, which a proxy must
      // hand out as they are; they need no `this`.
      const own = Object.getOwnPropertyDescriptor(target, prop);
      if (own && !own.configurable && !own.writable && 'value' in own) return v;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });

/**
 * `parcels` rows carry `sortAt` = parcelTime(): added on every put/add, whoever writes (ingest, user
 * actions, restore, tests), and taken off again on every read.
 */
const sortAtMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'parcel-sortAt',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'parcels') return table;
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) => (req.type === 'put' || req.type === 'add' ? table.mutate({ ...req, values: req.values.map(withSortAt) }) : table.mutate(req)),
        get: (req) => table.get(req).then(withoutSortAt),
        getMany: (req) => table.getMany(req).then((vs) => vs.map(withoutSortAt)),
        query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(withoutSortAt) } : res)),
        openCursor: (req) => table.openCursor(req).then((cursor) => (cursor && req.values ? cursorWithoutSortAt(cursor) : cursor)),
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
