// Streamed JSON backup (version 2), pure. The file is a header and a list of groups; each group holds whole
// parcels with their events and the orders they link to (connected parcels stay in one group), so a group
// can be checked on its own and written in one transaction, and a restore stopped between groups leaves
// every written group complete. The text is read in pieces of any size: only the group being read is held.
//
//   {"format":"parcel-hub-backup","version":2,"exportedAt":…,"groups":[{"orders":[…],"parcels":[…],"events":[…]},…]}
//
// Version 1 files (three flat arrays) are still restored whole by core/backup.ts.
import * as v from 'valibot';
import { carrierById } from './carriers';
import { BACKUP_FORMAT, EventRecordSchema, FORBIDDEN_KEYS, OrderRecordSchema, ParcelRecordSchema, type RejectedRecord } from './backup';
import { eventId, normalizeEventText } from './merge';
import { UNKNOWN_CARRIER, type EventRecord, type OrderRecord, type ParcelRecord } from './model';
import { describeIssues } from './observation-schema';
import { isOrderLinkOf, ORDER_ID_SHAPE } from './normalize';
import { normalizeTrackingNumber } from './tracking-number';

export const STREAM_BACKUP_VERSION = 2;
/** Parcels per group when exporting (a group grows past it only to keep linked parcels together). */
export const GROUP_PARCELS = 250;
/** Limits of one group and of a whole file (the same totals as version 1). */
const MAX_GROUP_TEXT = 64 * 1024 * 1024;
const MAX_HEAD_TEXT = 64 * 1024;
export const MAX_TOTAL = { orders: 200_000, parcels: 200_000, events: 2_000_000 } as const;

export interface BackupGroup {
  orders: OrderRecord[];
  parcels: ParcelRecord[];
  events: EventRecord[];
}

// ---- writing -------------------------------------------------------------------------------------------

export const streamHead = (exportedAt: number): string => `{"format":"${BACKUP_FORMAT}","version":${STREAM_BACKUP_VERSION},"exportedAt":${exportedAt},"groups":[`;
export const STREAM_TAIL = ']}';

/** One group's text; `first` says whether it opens the list (no comma before it). Phone tails stay out
 * unless asked for, as in version 1. */
export function groupText(g: BackupGroup, first: boolean, opts: { phoneTails?: boolean } = {}): string {
  const parcels = opts.phoneTails ? g.parcels : g.parcels.map((p) => (p.phoneTail === undefined ? p : (({ phoneTail: _t, ...rest }) => rest)(p)));
  return (first ? '' : ',') + JSON.stringify({ orders: g.orders, parcels, events: g.events });
}

/** A whole streamed backup as one string (tests and the bench; the options page builds a Blob from parts). */
export const streamBackupText = (groups: readonly BackupGroup[], exportedAt: number, opts: { phoneTails?: boolean } = {}): string =>
  streamHead(exportedAt) + groups.map((g, i) => groupText(g, i === 0, opts)).join('') + STREAM_TAIL;

/**
 * Records → groups: parcels in the given order, `per` at a time, each group closed over order links (a
 * parcel's orders and those orders' other parcels join it), then the orders no parcel links to.
 */
export function groupRecords(orders: readonly OrderRecord[], parcels: readonly ParcelRecord[], events: readonly EventRecord[], per = GROUP_PARCELS): BackupGroup[] {
  const orderByKey = new Map(orders.map((o) => [o.key, o]));
  const parcelByKey = new Map(parcels.map((p) => [p.key, p]));
  const eventsOf = new Map<string, EventRecord[]>();
  for (const e of events) {
    let l = eventsOf.get(e.parcelKey);
    if (!l) eventsOf.set(e.parcelKey, (l = []));
    l.push(e);
  }
  const done = new Set<string>();
  const doneOrders = new Set<string>();
  const groups: BackupGroup[] = [];
  for (let i = 0; i < parcels.length; ) {
    const g: BackupGroup = { orders: [], parcels: [], events: [] };
    const queue: ParcelRecord[] = [];
    while (i < parcels.length && g.parcels.length + queue.length < per) {
      const p = parcels[i++];
      if (!done.has(p.key)) {
        done.add(p.key);
        queue.push(p);
      }
      while (queue.length) {
        const q = queue.shift()!;
        g.parcels.push(q);
        g.events.push(...(eventsOf.get(q.key) ?? []));
        for (const ok of q.orderKeys) {
          const o = orderByKey.get(ok);
          if (!o || doneOrders.has(ok)) continue;
          doneOrders.add(ok);
          g.orders.push(o);
          for (const pk of o.parcelKeys) {
            const other = parcelByKey.get(pk);
            if (other && !done.has(pk)) {
              done.add(pk);
              queue.push(other);
            }
          }
        }
      }
    }
    if (g.parcels.length) groups.push(g);
  }
  const rest = orders.filter((o) => !doneOrders.has(o.key));
  for (let i = 0; i < rest.length; i += per) groups.push({ orders: rest.slice(i, i + per), parcels: [], events: [] });
  return groups;
}

// ---- reading: split the text into its header and groups -------------------------------------------------

export type SplitItem = { kind: 'group'; text: string };

/**
 * Reads the file's text in pieces and hands out each group's text as soon as it is complete. Everything
 * outside the groups (the header) is kept, with each group replaced by 0, and parsed at the end.
 * Throws on text that is not one JSON object or a group too large.
 */
export class GroupSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private head = '';
  private group = '';
  private inGroup = false;
  private groupsArray = false;
  private lastKey = '';
  private ended = false;
  /** Characters read so far. */
  read = 0;

  push(piece: string): string[] {
    const out: string[] = [];
    let from = 0; // start of the current run of text that belongs to the head or to the group
    const n = piece.length;
    // Hot-loop state in locals (written back below); the inside of strings is skipped with indexOf.
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    let backslash = -1; // the next backslash at or after i; n when there is none; -1 before the first look
    let i = 0;
    while (i < n) {
      if (inString) {
        if (escape) {
          escape = false;
          i++;
          continue;
        }
        const quote = piece.indexOf('"', i);
        if (backslash < i && backslash !== n) {
          backslash = piece.indexOf('\\', i);
          if (backslash < 0) backslash = n;
        }
        if (backslash < n && (quote < 0 || backslash < quote)) {
          escape = true;
          i = backslash + 1;
        } else if (quote < 0) i = n;
        else {
          inString = false;
          i = quote + 1;
        }
        continue;
      }
      const c = piece.charCodeAt(i);
      if (c === 34) {
        if (depth === 0) throw new Error('not a JSON object');
        inString = true;
      } else if (c === 58 && depth === 1) {
        // key:value at the top: the last string read was the key
        const text = this.head + piece.slice(from, i);
        const m = /"((?:[^"\\]|\\.)*)"\s*$/.exec(text);
        this.lastKey = m ? m[1] : '';
      } else if (c <= 32 || c === 44 || c === 58) {
        // white space, commas, and colons below the top
      } else if (this.ended) throw new Error('text after the end of the backup');
      else if (c === 123 || c === 91) {
        if (depth === 0 && c !== 123) throw new Error('not a JSON object');
        if (depth === 1 && c === 91) this.groupsArray = this.lastKey === 'groups';
        if (depth === 2 && this.groupsArray && c === 123) {
          this.head += piece.slice(from, i) + '0';
          from = i;
          this.inGroup = true;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        depth--;
        if (depth < 0) throw new Error('unbalanced brackets');
        if (depth === 2 && this.inGroup) {
          const text = this.group + piece.slice(from, i + 1);
          this.group = '';
          this.inGroup = false;
          from = i + 1;
          out.push(text);
        } else if (depth === 1) this.groupsArray = false;
        else if (depth === 0) this.ended = true;
      } else if (depth === 0) throw new Error('not a JSON object');
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    if (this.inGroup) {
      this.group += piece.slice(from);
      if (this.group.length > MAX_GROUP_TEXT) throw new Error('a group of the backup is too large');
    } else {
      this.head += piece.slice(from);
      if (this.head.length > MAX_HEAD_TEXT) throw new Error('not a streamed backup (version 2): too much text outside its groups');
    }
    this.read += n;
    return out;
  }

  /** The header (format, version, exportedAt, number of groups) once the whole text is read. */
  finish(): { format: unknown; version: unknown; exportedAt: unknown; groups: number } {
    if (!this.ended || this.inString || this.depth !== 0) throw new Error('the file ends early (truncated or damaged)');
    const head = parseStrict(this.head);
    if (typeof head !== 'object' || head === null || Array.isArray(head)) throw new Error('not a Parcel Hub backup');
    const h = head as Record<string, unknown>;
    return { format: h.format, version: h.version, exportedAt: h.exportedAt, groups: Array.isArray(h.groups) ? h.groups.length : -1 };
  }
}

/** The first characters of a file say which version it is (the header comes first in both versions). */
export function sniffVersion(start: string): number | undefined {
  const m = /"version"\s*:\s*(\d+)/.exec(start.slice(0, 4096));
  return m ? Number(m[1]) : undefined;
}

/** JSON.parse that refuses keys which could reach an object's prototype (checked only when they appear). */
function parseStrict(text: string): unknown {
  if (!/"(?:__proto__|constructor|prototype)"\s*:/.test(text)) return JSON.parse(text);
  let forbidden: string | undefined;
  const raw: unknown = JSON.parse(text, (k, val: unknown) => {
    if (FORBIDDEN_KEYS.has(k)) forbidden ??= k;
    return val;
  });
  if (forbidden !== undefined) throw new Error(`forbidden key "${forbidden}" in file`);
  return raw;
}

// ---- reading: check each group ---------------------------------------------------------------------------

const GroupSchema = v.object({
  orders: v.pipe(v.array(OrderRecordSchema), v.maxLength(50_000)),
  parcels: v.pipe(v.array(ParcelRecordSchema), v.maxLength(50_000)),
  events: v.pipe(v.array(EventRecordSchema), v.maxLength(500_000)),
});

export interface CheckedGroup extends BackupGroup {
  rejected: RejectedRecord[];
}

export interface StreamTotals {
  groups: number;
  orders: number;
  parcels: number;
  events: number;
}

/**
 * Checks groups in file order, the same way on every pass (so the check pass and the write pass agree):
 * the schema (any failure fails the file), then the rules restore shares with capture, which reject single
 * records (order ids in a platform shape, order links on the order's own hosts, normalised tracking numbers,
 * known carriers, each parcel once, each event with its parcel in the same group).
 */
export class GroupChecker {
  private parcelKeys = new Set<string>();
  readonly totals: StreamTotals = { groups: 0, orders: 0, parcels: 0, events: 0 };
  rejectedCount = 0;

  /** Throws (with a message for the shopper) when the group is not valid. */
  check(text: string): CheckedGroup {
    let raw: unknown;
    try {
      raw = parseStrict(text);
    } catch (e) {
      throw new Error(`not valid JSON in group ${this.totals.groups + 1}: ${String((e as Error).message ?? e).slice(0, 120)}`, { cause: e });
    }
    const r = v.safeParse(GroupSchema, raw);
    if (!r.success) throw new Error(`invalid backup (group ${this.totals.groups + 1}): ${describeIssues(r.issues)}`);
    const g = r.output as BackupGroup;
    const t = this.totals;
    t.groups++;
    t.orders += g.orders.length;
    t.parcels += g.parcels.length;
    t.events += g.events.length;
    if (t.orders > MAX_TOTAL.orders || t.parcels > MAX_TOTAL.parcels || t.events > MAX_TOTAL.events) throw new Error('invalid backup: more records than a backup may hold');

    const rejected: RejectedRecord[] = [];
    const orders = new Map<string, OrderRecord>();
    for (const o of g.orders) {
      if (orders.has(o.key)) rejected.push({ kind: 'order', key: o.key, reason: 'duplicate order' });
      else if (!ORDER_ID_SHAPE.test(o.orderId)) rejected.push({ kind: 'order', key: o.key, reason: 'order id not in a platform shape' });
      else orders.set(o.key, o.url !== undefined && !isOrderLinkOf(o.platform, o.url) ? (({ url: _u, ...rest }) => rest)(o) : o);
    }
    const parcels = new Map<string, ParcelRecord>();
    for (const p of g.parcels) {
      if (this.parcelKeys.has(p.key)) rejected.push({ kind: 'parcel', key: p.key, reason: 'duplicate parcel' });
      else if (normalizeTrackingNumber(p.trackingNo) !== p.trackingNo) rejected.push({ kind: 'parcel', key: p.key, reason: 'tracking number not in normalised form' });
      else if (p.carrier !== UNKNOWN_CARRIER && !carrierById(p.carrier)) rejected.push({ kind: 'parcel', key: p.key, reason: `unknown carrier "${p.carrier}"` });
      else if (p.orderKeys.some((k) => !/^[a-z]+:./.test(k))) rejected.push({ kind: 'parcel', key: p.key, reason: 'bad order link' });
      else {
        parcels.set(p.key, p);
        this.parcelKeys.add(p.key);
      }
    }
    const events = new Map<string, EventRecord>();
    for (const e of g.events) {
      const text = normalizeEventText(e.text);
      const id = eventId(e.parcelKey, e.time, text);
      if (!parcels.has(e.parcelKey)) rejected.push({ kind: 'event', key: e.id, reason: 'event of a parcel not in its group' });
      else if (!text) rejected.push({ kind: 'event', key: e.id, reason: 'empty event' });
      else if (!events.has(id)) {
        const location = e.location?.trim();
        events.set(id, { id, parcelKey: e.parcelKey, time: e.time, text, status: e.status, ...(location ? { location } : {}) });
      }
    }
    this.rejectedCount += rejected.length;
    return { orders: [...orders.values()], parcels: [...parcels.values()], events: [...events.values()], rejected };
  }
}
