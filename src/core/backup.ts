// JSON backup (pure): the format, its validation, and restore as observation batches so a restore goes
// through the normal merge rules (source 'import': old data only fills gaps, never overwrites newer data).
// A backup holds orders, parcels and events only — never settings or keys.
import * as v from 'valibot';
import { carrierById } from './carriers';
import { eventId, normalizeEventText, type MergeResult, type MergeState, type NormalizedBatch, type NormalizedParcelObservation } from './merge';
import {
  ORDER_STATUSES,
  orderKey,
  PARCEL_STATUSES,
  parcelKey,
  PLATFORMS,
  SOURCES,
  UNKNOWN_CARRIER,
  type AfterSaleObservation,
  type EventRecord,
  type OrderObservation,
  type OrderRecord,
  type ParcelRecord,
  type ParcelStatus,
  type Platform,
} from './model';
import type { ReturnState } from './after-sale';
import { AfterSaleRecordSchema, describeIssues, ItemSchema, PromiseSchema, ServiceSchema } from './observation-schema';
import { MAX_TIME, MIN_TIME } from './bounds';
import { stripBidi } from './bidi';
import { isOrderLinkOf, ORDER_ID_SHAPE } from './normalize';
import { normalizeTrackingNumber } from './tracking-number';

export const BACKUP_FORMAT = 'parcel-hub-backup';
export const BACKUP_VERSION = 1;
/** Largest backup file restored. The extension's own export of 20,000 parcels × 8 events is ~60 MB, so
 * the limit leaves room for several times that history; the file travels in chunks (BACKUP_CHUNK_CHARS). */
export const DEFAULT_MAX_BACKUP_BYTES = 400 * 1024 * 1024;
/** A backup's text crosses to the background in pieces of at most this many characters: one runtime
 * message has a size limit (64 MiB in Chrome) that a large history exceeds. */
export const BACKUP_CHUNK_CHARS = 4 * 1024 * 1024;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: number;
  orders: OrderRecord[];
  parcels: ParcelRecord[];
  events: EventRecord[];
}

/** The receiver phone's last 4 digits (for SF/ZTO queries) stay out of a backup unless the shopper asks. */
export function createBackup(
  orders: readonly OrderRecord[],
  parcels: readonly ParcelRecord[],
  events: readonly EventRecord[],
  now: number,
  opts: { phoneTails?: boolean } = {},
): Backup {
  const ps = opts.phoneTails ? [...parcels] : parcels.map((p) => (p.phoneTail === undefined ? p : (({ phoneTail: _t, ...rest }) => rest)(p)));
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, orders: [...orders], parcels: ps, events: [...events] };
}

export const backupToJson = (b: Backup): string => JSON.stringify(b);

// ---- schema ------------------------------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.transform(stripBidi), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.transform(stripBidi), v.trim(), v.minLength(1), v.maxLength(max));
const time = v.pipe(v.number(), v.integer(), v.minValue(MIN_TIME), v.maxValue(MAX_TIME));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TIME));
const sources = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(40)), v.picklist(SOURCES)),
  v.check((r) => Object.keys(r).length <= 40, 'too many sources'),
);

export const OrderRecordSchema = v.pipe(
  v.object({
    key: nonEmpty(120),
    platform: v.picklist(PLATFORMS),
    orderId: nonEmpty(64),
    shopName: v.optional(text(200)),
    shopId: v.optional(text(64)),
    items: v.pipe(v.array(ItemSchema), v.maxLength(200)),
    amount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))),
    createdAt: v.optional(time),
    paidAt: v.optional(time),
    statusText: v.optional(text(100)),
    status: v.picklist(ORDER_STATUSES),
    url: v.optional(v.pipe(v.string(), v.maxLength(4096), v.check((u) => /^https:\/\//.test(u), 'must be an https URL'))),
    tmall: v.optional(v.boolean()),
    promise: v.optional(PromiseSchema),
    // Issue #16: the delivery service the order promised and its after-sale, so a restore keeps them.
    service: v.optional(ServiceSchema),
    afterSale: v.optional(AfterSaleRecordSchema),
    parcelKeys: v.pipe(v.array(nonEmpty(120)), v.maxLength(200)),
    firstSeen: time,
    lastSeen: time,
    sources,
  }),
  v.check((o) => o.key === orderKey(o.platform, o.orderId), 'key does not match platform:orderId'),
);

export const ParcelRecordSchema = v.pipe(
  v.object({
    key: nonEmpty(120),
    carrier: nonEmpty(40),
    carrierName: v.optional(text(100)),
    carrierCandidates: v.optional(v.pipe(v.array(nonEmpty(40)), v.maxLength(20))),
    trackingNo: nonEmpty(64),
    direction: v.picklist(['outbound', 'return']),
    orderKeys: v.pipe(v.array(nonEmpty(120)), v.maxLength(50)),
    platforms: v.pipe(v.array(v.picklist(PLATFORMS)), v.maxLength(10)),
    status: v.picklist(PARCEL_STATUSES),
    statusText: v.optional(text(200)),
    latestEvent: v.optional(v.object({ time, text: text(1000), location: v.optional(text(200)) })),
    pickupCode: v.optional(text(40)),
    station: v.optional(text(200)),
    shippedAt: v.optional(time),
    deliveredAt: v.optional(time),
    phoneTail: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))),
    nextCheckAt: count,
    archived: v.picklist([0, 1]),
    note: v.optional(text(2000)),
    firstSeen: time,
    lastSeen: time,
    updatedAt: time,
    sources,
    statusClaims: v.optional(v.record(v.picklist(PARCEL_STATUSES), time)),
    pickupSeenAt: v.optional(v.object({ pickupCode: v.optional(time), station: v.optional(time) })),
    // Issue #16: an exchange's parcel back to the shopper, and the event that shows a parcel left at a station
    // (derived from the events on every merge; kept so a record written as-is still names its evidence).
    exchange: v.optional(v.literal(true)),
    stationEvent: v.optional(v.object({ time, text: text(1000), location: v.optional(text(200)) })),
  }),
  v.check((p) => p.key === parcelKey(p.carrier, p.trackingNo), 'key does not match carrier:trackingNo'),
);

export const EventRecordSchema = v.object({
  id: nonEmpty(1400),
  parcelKey: nonEmpty(120),
  time,
  text: nonEmpty(1000),
  location: v.optional(text(200)),
  status: v.picklist(PARCEL_STATUSES),
});

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: time,
  orders: v.pipe(v.array(OrderRecordSchema), v.maxLength(200_000)),
  parcels: v.pipe(v.array(ParcelRecordSchema), v.maxLength(200_000)),
  events: v.pipe(v.array(EventRecordSchema), v.maxLength(2_000_000)),
});

export type BackupValidation = { ok: true; backup: Backup } | { ok: false; error: string };

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Parse and check a backup file's text. Never throws; the error says what is wrong. */
export function validateBackup(textIn: string, maxBytes = DEFAULT_MAX_BACKUP_BYTES): BackupValidation {
  if (typeof textIn !== 'string') return { ok: false, error: 'not a text file' };
  if (textIn.length > maxBytes || byteLength(textIn) > maxBytes) return { ok: false, error: `file too large (limit ${Math.floor(maxBytes / 1024)} KB)` };
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  let raw: unknown;
  let forbidden: string | undefined;
  try {
    raw = JSON.parse(body, (k, val: unknown) => {
      if (FORBIDDEN_KEYS.has(k)) forbidden ??= k;
      return val;
    });
  } catch (e) {
    return { ok: false, error: `not valid JSON (truncated or damaged file): ${String((e as Error).message ?? e).slice(0, 120)}` };
  }
  if (forbidden !== undefined) return { ok: false, error: `forbidden key "${forbidden}" in file` };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'not a Parcel Hub backup' };
  const head = raw as { format?: unknown; version?: unknown };
  if (head.format !== BACKUP_FORMAT) return { ok: false, error: 'not a Parcel Hub backup (format field missing or wrong)' };
  if (head.version !== BACKUP_VERSION) return { ok: false, error: `unsupported backup version ${JSON.stringify(head.version)} (expected ${BACKUP_VERSION})` };
  const r = v.safeParse(BackupSchema, raw);
  if (!r.success) return { ok: false, error: `invalid backup: ${describeIssues(r.issues)}` };
  return { ok: true, backup: r.output as Backup };
}

// ---- restore as batches --------------------------------------------------------------------------------

export interface RejectedRecord {
  kind: 'order' | 'parcel' | 'event';
  key: string;
  reason: string;
}

/** What observations cannot carry: the user's own note and archive flag of a parcel. */
export interface UserFields {
  key: string;
  trackingNo: string;
  note?: string;
  archived: 0 | 1;
}

export interface RestorePlan {
  batches: NormalizedBatch[];
  rejected: RejectedRecord[];
  userFields: UserFields[];
}

const IMPORT_URL = 'parcel-hub:backup';
const clamp = (t: number, lo: number, hi: number) => Math.min(Math.max(t, lo), Math.max(lo, hi));

/**
 * Records → observation batches (source 'import'). Each record is observed at its firstSeen (full data) and
 * at its lastSeen (identity only), each status claim at its own time, each parcel–order link at a time both
 * had been seen; so restoring into an empty store rebuilds the same records. Batches with known carriers
 * come first: an unknown-carrier parcel then meets the known ones as it did when it was captured.
 */
export function backupToBatches(backup: Backup): RestorePlan {
  const rejected: RejectedRecord[] = [];
  const groups = new Map<string, NormalizedBatch>();
  const at = (phase: number, platform: Platform, t: number): NormalizedBatch => {
    const k = `${phase}|${String(t).padStart(16, '0')}|${platform}`;
    let b = groups.get(k);
    if (!b) groups.set(k, (b = { platform, source: 'import', url: IMPORT_URL, observedAt: t, orders: [], parcels: [] }));
    return b;
  };

  const orders = new Map<string, OrderRecord>();
  for (let o of backup.orders) {
    if (orders.has(o.key)) {
      rejected.push({ kind: 'order', key: o.key, reason: 'duplicate order' });
      continue;
    }
    // Restore validates like capture: an id in the shape the platforms use, a link on the order's own hosts.
    if (!ORDER_ID_SHAPE.test(o.orderId)) {
      rejected.push({ kind: 'order', key: o.key, reason: 'order id not in a platform shape' });
      continue;
    }
    if (o.url !== undefined && !isOrderLinkOf(o.platform, o.url)) o = { ...o, url: undefined };
    orders.set(o.key, o);
    const obs: OrderObservation = { orderId: o.orderId, items: o.items, status: o.status };
    for (const f of ['shopName', 'shopId', 'amount', 'createdAt', 'paidAt', 'statusText', 'url', 'tmall', 'promise'] as const) {
      if (o[f] !== undefined) (obs as unknown as Record<string, unknown>)[f] = o[f];
    }
    if (o.service) obs.service = o.service;
    at(0, o.platform, o.firstSeen).orders.push(obs);
    // The after-sale goes through the merge as the pages showed it: each state at the time it was first seen,
    // the furthest with its words, window and refund promise (seen when the record last changed).
    if (o.afterSale) {
      const a = o.afterSale;
      const seen = Object.entries(a.since).filter((e): e is [ReturnState, number] => e[1] !== undefined);
      for (const [state, t] of seen) if (state !== a.state) at(0, o.platform, t).orders.push({ orderId: o.orderId, afterSale: { state, at: t } });
      const last: AfterSaleObservation = { state: a.state, ...(a.since[a.state] !== undefined ? { at: a.since[a.state] } : {}) };
      if (a.kind) last.kind = a.kind;
      if (a.stateText) last.stateText = a.stateText;
      if (a.pickupWindow) last.pickupWindow = a.pickupWindow;
      if (a.refundDue) last.refundDue = a.refundDue;
      at(0, o.platform, a.observedAt).orders.push({ orderId: o.orderId, afterSale: last });
    }
    if (o.lastSeen !== o.firstSeen) at(0, o.platform, o.lastSeen).orders.push({ orderId: o.orderId });
  }

  const parcels = new Map<string, ParcelRecord>();
  for (const p of backup.parcels) {
    if (parcels.has(p.key)) rejected.push({ kind: 'parcel', key: p.key, reason: 'duplicate parcel' });
    else if (normalizeTrackingNumber(p.trackingNo) !== p.trackingNo) rejected.push({ kind: 'parcel', key: p.key, reason: 'tracking number not in normalised form' });
    else if (p.carrier !== UNKNOWN_CARRIER && !carrierById(p.carrier)) rejected.push({ kind: 'parcel', key: p.key, reason: `unknown carrier "${p.carrier}"` });
    else parcels.set(p.key, p);
  }
  const events = new Map<string, EventRecord[]>();
  for (const e of backup.events) {
    if (!parcels.has(e.parcelKey)) {
      rejected.push({ kind: 'event', key: e.id, reason: 'event of a parcel not in the backup' });
      continue;
    }
    let list = events.get(e.parcelKey);
    if (!list) events.set(e.parcelKey, (list = []));
    list.push(e);
  }

  const userFields: UserFields[] = [];
  for (const p of parcels.values()) {
    if (p.note || p.archived) userFields.push({ key: p.key, trackingNo: p.trackingNo, archived: p.archived, ...(p.note ? { note: p.note } : {}) });
    const phase = p.carrier === UNKNOWN_CARRIER ? 1 : 0;
    const platform: Platform = p.platforms[0] ?? 'manual';
    const id = (): NormalizedParcelObservation => ({
      trackingNo: p.trackingNo,
      carrierId: p.carrier,
      orderIds: [],
      ...(p.carrierCandidates?.length ? { carrierCandidates: [...p.carrierCandidates] } : {}),
    });
    const evs = (events.get(p.key) ?? []).map((e) => ({ time: e.time, text: e.text, status: e.status, ...(e.location ? { location: e.location } : {}) }));
    const claims = Object.entries(p.statusClaims ?? (p.status !== 'unknown' ? { [p.status]: p.updatedAt } : {})) as [ParcelStatus, number][];
    const full: NormalizedParcelObservation = { ...id(), events: evs };
    for (const f of ['carrierName', 'statusText', 'shippedAt', 'deliveredAt', 'phoneTail'] as const) {
      if (p[f] !== undefined) (full as unknown as Record<string, unknown>)[f] = p[f];
    }
    // A pickup code and station are observed at the time they were last seen, which later merges compare.
    for (const f of ['pickupCode', 'station'] as const) {
      if (p[f] === undefined) continue;
      const t = p.pickupSeenAt?.[f];
      if (t === undefined) (full as unknown as Record<string, unknown>)[f] = p[f];
      else at(phase, platform, clamp(t, p.firstSeen, p.lastSeen)).parcels.push({ ...id(), [f]: p[f] });
    }
    if (p.direction === 'return') full.direction = 'return';
    if (p.exchange) full.exchange = true;
    // Without events an observation is a status claim: make it one the record already has (no new claim).
    if (evs.length === 0 && claims.length) full.status = claims[0][0];
    at(phase, platform, p.firstSeen).parcels.push(full);
    if (p.lastSeen !== p.firstSeen) at(phase, platform, p.lastSeen).parcels.push(id());
    for (const [s, t] of claims) at(phase, platform, clamp(t, p.firstSeen, p.lastSeen)).parcels.push({ ...id(), status: s });
    for (const ok of p.orderKeys) {
      const sep = ok.indexOf(':');
      const op = ok.slice(0, sep) as Platform;
      const oid = ok.slice(sep + 1);
      if (sep < 1 || !oid || !(PLATFORMS as readonly string[]).includes(op)) {
        rejected.push({ kind: 'parcel', key: p.key, reason: `bad order link "${ok}"` });
        continue;
      }
      const o = orders.get(ok);
      const t = o ? clamp(Math.max(o.firstSeen, p.firstSeen), p.firstSeen, Math.min(o.lastSeen, p.lastSeen)) : p.firstSeen;
      at(phase, op, t).parcels.push({ ...id(), orderIds: [oid] });
    }
  }

  const batches = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
  return { batches, rejected, userFields };
}

/**
 * After the batches are merged: the backup's note fills a parcel without one, and its archive flag is kept
 * for parcels this restore created (a parcel already here keeps the user's current choice). Returns the
 * parcels to put. Pure: reads through `getParcel` / `findParcelsByTrackingNo` (a MergeState).
 */
export function applyUserFields(
  state: Pick<MergeState, 'getParcel' | 'findParcelsByTrackingNo'>,
  fields: readonly UserFields[],
  createdKeys: ReadonlySet<string>,
): ParcelRecord[] {
  const out = new Map<string, ParcelRecord>();
  for (const f of fields) {
    let cur = out.get(f.key) ?? state.getParcel(f.key);
    if (!cur) {
      const same = state.findParcelsByTrackingNo(f.trackingNo);
      if (same.length !== 1) continue;
      cur = out.get(same[0].key) ?? same[0];
    }
    const next: ParcelRecord = { ...cur };
    if (f.note && !next.note) next.note = f.note;
    if (f.archived && createdKeys.has(next.key)) next.archived = 1;
    if (next.note !== cur.note || next.archived !== cur.archived) out.set(next.key, next);
  }
  return [...out.values()];
}

/** Parcel keys a restore created (parcel_new in its merge results). */
export const createdParcelKeys = (results: readonly Pick<MergeResult, 'changes'>[]): Set<string> =>
  new Set(results.flatMap((r) => r.changes.flatMap((c) => (c.type === 'parcel_new' ? [c.parcelKey] : []))));

// ---- restore report ------------------------------------------------------------------------------------

export interface RestoreReport {
  orders: { added: number; updated: number; unchanged: number };
  parcels: { added: number; updated: number; unchanged: number };
  events: { added: number; updated: number; unchanged: number };
  rejected: RejectedRecord[];
}

/** What a restore did, from the merge results of its batches (in order). */
export function restoreReport(backup: Backup, plan: RestorePlan, results: readonly Pick<MergeResult, 'orders' | 'parcels' | 'events' | 'changes'>[]): RestoreReport {
  const newOrders = new Set<string>();
  const newParcels = new Set<string>();
  const newEvents = new Set<string>();
  const wOrders = new Set<string>();
  const wParcels = new Set<string>();
  const wEvents = new Set<string>();
  for (const r of results) {
    for (const c of r.changes) {
      if (c.type === 'order_new') newOrders.add(c.orderKey);
      else if (c.type === 'parcel_new') newParcels.add(c.parcelKey);
      else if (c.type === 'event_new') newEvents.add(eventId(c.parcelKey, c.time, c.text));
    }
    for (const o of r.orders) wOrders.add(o.key);
    for (const p of r.parcels) wParcels.add(p.key);
    for (const e of r.events) wEvents.add(e.id);
  }
  const rejectedKeys = new Set(plan.rejected.filter((x) => !x.reason.startsWith('duplicate')).map((x) => `${x.kind}|${x.key}`));
  const tally = (kind: RejectedRecord['kind'], keys: Iterable<string>, isNew: Set<string>, written: Set<string>) => {
    const out = { added: 0, updated: 0, unchanged: 0 };
    for (const k of new Set(keys)) {
      if (rejectedKeys.has(`${kind}|${k}`)) continue;
      if (isNew.has(k)) out.added++;
      else if (written.has(k)) out.updated++;
      else out.unchanged++;
    }
    return out;
  };
  return {
    orders: tally('order', backup.orders.map((o) => o.key), newOrders, wOrders),
    parcels: tally('parcel', backup.parcels.map((p) => p.key), newParcels, wParcels),
    events: tally('event', backup.events.map((e) => eventId(e.parcelKey, e.time, normalizeEventText(e.text))), newEvents, wEvents),
    rejected: plan.rejected,
  };
}
