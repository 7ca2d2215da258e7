// The Parcel Hub database. Only the background writes it; the popup and options page read it (liveQuery).
// Every version() declaration stays here forever: Dexie needs the history to upgrade old installs.
import Dexie, { type DBCore, type DBCoreCursor, type DBCoreMutateRequest, type EntityTable, type Middleware } from 'dexie';
import type { Diagnostic, EventRecord, OrderRecord, ParcelRecord } from '../core/model';
import { parcelTime } from '../core/sections';

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
      .stores({
        orders: 'key, platform, status, createdAt, lastSeen, *parcelKeys, [status+promise.at]',
        parcels: 'key, trackingNo, carrier, status, updatedAt, nextCheckAt, archived, *orderKeys, *platforms, [archived+updatedAt], [archived+status], [archived+status+sortAt]',
      })
      .upgrade((tx) =>
        tx
          .table('parcels')
          .toCollection()
          .modify((p: ParcelRecord & { sortAt?: number }) => {
            p.sortAt = parcelTime(p);
          }),
      );
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

let shared: ParcelHubDb | undefined;

/** The database of this extension context (one connection per context). */
export function getDb(): ParcelHubDb {
  shared ??= new ParcelHubDb();
  return shared;
}
