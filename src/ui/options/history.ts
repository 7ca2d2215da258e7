// History rows for the options page (pure): one entry per parcel × order, per order without parcels and per
// parcel without orders (the same shape as the CSV export), newest first; filters, sort, the export subset and
// the window of rows to draw.
import { shownStatus, type Direction, type OrderRecord, type ParcelRecord, type Platform } from '../../core/model';

export interface HistoryEntry {
  id: string;
  order?: OrderRecord;
  parcel?: ParcelRecord;
  time: number;
}

export function historyEntries(orders: readonly OrderRecord[], parcels: readonly ParcelRecord[]): HistoryEntry[] {
  const byKey = new Map(orders.map((o) => [o.key, o]));
  const out: HistoryEntry[] = [];
  const linked = new Set<string>();
  for (const p of parcels) {
    const os = p.orderKeys.map((k) => byKey.get(k)).filter((o): o is OrderRecord => !!o);
    if (os.length === 0) out.push({ id: p.key, parcel: p, time: p.latestEvent?.time ?? p.firstSeen });
    for (const o of os) {
      linked.add(o.key);
      out.push({ id: `${p.key}|${o.key}`, parcel: p, order: o, time: o.createdAt ?? o.paidAt ?? p.firstSeen });
    }
  }
  for (const o of orders) if (!linked.has(o.key)) out.push({ id: o.key, order: o, time: o.createdAt ?? o.paidAt ?? o.firstSeen });
  return out.sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
}

/** What a row shows of the order's contents: the first titled item (its picture) and how many lines in all. */
export interface ItemSummary {
  title: string;
  imageUrl?: string;
  count: number;
}

export function itemSummary(e: HistoryEntry): ItemSummary | undefined {
  const items = e.order?.items ?? [];
  const first = items.find((i) => i.title.trim()) ?? items[0];
  if (!first) return undefined;
  return { title: first.title, imageUrl: first.imageUrl ?? items.find((i) => i.imageUrl)?.imageUrl, count: items.length };
}

/** The text the filter searches: ids, shop, every item title and SKU, carrier, code, latest event, note. */
const haystack = (e: HistoryEntry): string =>
  [
    e.order?.orderId,
    e.order?.shopName,
    ...(e.order?.items.flatMap((i) => [i.title, i.sku]) ?? []),
    e.parcel?.trackingNo,
    e.parcel?.carrierName,
    e.parcel?.carrier,
    e.parcel?.pickupCode,
    e.parcel?.latestEvent?.text,
    e.parcel?.note,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();

export function filterEntries(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const h = haystack(e);
    return words.every((w) => h.includes(w));
  });
}

// ---- filters and sort ------------------------------------------------------------------------

export interface HistoryFilter {
  text: string;
  platform: Platform | '';
  /** Carrier id. */
  carrier: string;
  /** `p:<ParcelStatus>` or `o:<OrderStatus>` (orders without parcels). */
  status: string;
  direction: Direction | '';
  /** Local dates "YYYY-MM-DD", inclusive; '' = open. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: HistoryFilter = { text: '', platform: '', carrier: '', status: '', direction: '', from: '', to: '' };

export const SORT_KEYS = ['time', 'platform', 'shop', 'amount', 'carrier', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface HistorySort {
  key: SortKey;
  desc: boolean;
}

export const entryPlatform = (e: HistoryEntry): Platform | undefined => e.order?.platform ?? e.parcel?.platforms[0];
export const entryStatus = (e: HistoryEntry): string => (e.parcel ? `p:${shownStatus(e.parcel)}` : e.order ? `o:${e.order.status}` : '');

/** Local midnight of a "YYYY-MM-DD" date (+ days). */
const dayStart = (date: string, plusDays = 0): number => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).getTime();
};

export function applyFilter(entries: readonly HistoryEntry[], f: HistoryFilter): HistoryEntry[] {
  const from = /^\d{4}-\d{2}-\d{2}$/.test(f.from) ? dayStart(f.from) : -Infinity;
  const to = /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? dayStart(f.to, 1) : Infinity;
  const base = filterEntries(entries, f.text);
  return base.filter(
    (e) =>
      (!f.platform || entryPlatform(e) === f.platform) &&
      (!f.carrier || e.parcel?.carrier === f.carrier) &&
      (!f.status || entryStatus(e) === f.status) &&
      (!f.direction || e.parcel?.direction === f.direction) &&
      e.time >= from &&
      e.time < to,
  );
}

/** Sort by a column; `label` gives the text a column sorts by (localized names). Ties: newest first, then id. */
export function sortEntries(entries: readonly HistoryEntry[], sort: HistorySort, label: (key: SortKey, e: HistoryEntry) => string | number): HistoryEntry[] {
  const dir = sort.desc ? -1 : 1;
  const keyed = entries.map((e) => ({ e, k: sort.key === 'time' ? e.time : label(sort.key, e) }));
  keyed.sort((a, b) => {
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), 'zh-CN');
    return c * dir || b.e.time - a.e.time || a.e.id.localeCompare(b.e.id);
  });
  return keyed.map((x) => x.e);
}

/** The orders and parcels behind some entries, for an export of exactly those rows (a parcel keeps only the
 * order links whose rows are included, so the CSV has the same rows as the filtered table). */
export function entriesData(entries: readonly HistoryEntry[]): { orders: OrderRecord[]; parcels: ParcelRecord[] } {
  const orders = new Map<string, OrderRecord>();
  const parcels = new Map<string, ParcelRecord>();
  for (const e of entries) {
    if (e.order) orders.set(e.order.key, e.order);
    if (e.parcel) {
      const prev = parcels.get(e.parcel.key);
      const keys = prev ? prev.orderKeys : [];
      parcels.set(e.parcel.key, { ...e.parcel, orderKeys: e.order ? [...keys, e.order.key] : keys });
    }
  }
  return { orders: [...orders.values()], parcels: [...parcels.values()] };
}

/** Rows to draw for a scroll position: windowed rendering with a fixed row height and some overscan. */
export function visibleRange(total: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 10): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
