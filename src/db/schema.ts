// The Parcel Hub database. Only the background writes it; the popup and options page read it (liveQuery).
// Every version() declaration stays here forever: Dexie needs the history to upgrade old installs.
import Dexie, { type EntityTable } from 'dexie';
import type { Diagnostic, EventRecord, OrderRecord, ParcelRecord, Platform } from '../core/model';

export interface DiagnosticRow extends Diagnostic {
  id?: number;
}

/** Small keyed state: per-platform capture health, notification de-dup keys, scheduler state. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface PlatformStateValue {
  platform: Platform;
  lastCaptureAt?: number;
  lastPageAt?: number;
  pagesRead: number;
  parcelsSeen: number;
  needsSignIn?: boolean;
  lastProblem?: { kind: Diagnostic['kind']; message: string; at: number };
}

export const DB_NAME = 'parcel-hub';

export class ParcelHubDb extends Dexie {
  orders!: EntityTable<OrderRecord, 'key'>;
  parcels!: EntityTable<ParcelRecord, 'key'>;
  events!: EntityTable<EventRecord, 'id'>;
  diagnostics!: EntityTable<DiagnosticRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // v1. Indexes are the ones queries use: the popup lists active parcels by status and recency, the
    // scheduler picks parcels by nextCheckAt, merge finds parcels by tracking number and by order.
    this.version(1).stores({
      orders: 'key, platform, status, createdAt, lastSeen, *parcelKeys',
      parcels: 'key, trackingNo, carrier, status, updatedAt, nextCheckAt, archived, *orderKeys, *platforms, [archived+updatedAt]',
      events: 'id, parcelKey, [parcelKey+time]',
      diagnostics: '++id, platform, at',
      meta: 'key',
    });
  }
}

let shared: ParcelHubDb | undefined;

/** The database of this extension context (one connection per context). */
export function getDb(): ParcelHubDb {
  shared ??= new ParcelHubDb();
  return shared;
}
