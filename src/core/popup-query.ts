// Pure helpers for the popup: search, filter chips, the flat (windowed) row list, and add-by-paste parsing.
import { carrierById, resolveCarrierId } from './carriers';
import { UNKNOWN_CARRIER, type OrderRecord, type ParcelRecord, type Platform } from './model';
import { mergeEntries, SECTION_ORDER, type Section, type SectionEntry, type SectionId } from './sections';

/** Platform shown for an entry: 'tmall' for Tmall orders, else the order's / parcel's platform. */
export type PlatformTag = Platform | 'tmall';

export interface Filters {
  q: string;
  platform?: PlatformTag;
  carrier?: string;
  section?: SectionId;
}

export const entryKey = (e: SectionEntry): string => (e.kind === 'parcel' ? e.parcel.key : e.order.key);

export function entryOrders(e: SectionEntry, orders: ReadonlyMap<string, OrderRecord>): OrderRecord[] {
  if (e.kind === 'order') return [e.order];
  return e.parcel.orderKeys.map((k) => orders.get(k)).filter((o): o is OrderRecord => !!o);
}

export function entryPlatform(e: SectionEntry, orders: ReadonlyMap<string, OrderRecord>): PlatformTag {
  const o = entryOrders(e, orders)[0];
  if (o?.tmall) return 'tmall';
  return o?.platform ?? (e.kind === 'parcel' ? (e.parcel.platforms[0] ?? 'manual') : 'manual');
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Text a query is matched against: item titles, shop, tracking number, pickup code, order ids, station, note. */
export function searchText(e: SectionEntry, orders: ReadonlyMap<string, OrderRecord>): string {
  const parts: (string | undefined)[] = [];
  for (const o of entryOrders(e, orders)) {
    parts.push(o.orderId, o.shopName, ...o.items.map((i) => i.title));
  }
  if (e.kind === 'parcel') {
    const p = e.parcel;
    parts.push(p.trackingNo, p.pickupCode, p.station, p.carrierName, p.note);
  }
  return fold(parts.filter(Boolean).join('\n'));
}

const terms = (q: string) => fold(q).split(/\s+/).filter(Boolean);

/** Every whitespace-separated term must occur (case- and width-insensitive). */
export function matchesQuery(e: SectionEntry, orders: ReadonlyMap<string, OrderRecord>, q: string): boolean {
  const ts = terms(q);
  if (!ts.length) return true;
  const hay = searchText(e, orders);
  return ts.every((t) => hay.includes(t));
}

/** Search text per entry key, built once per data set (lazily, after the first rows are drawn). */
export type SearchIndex = ReadonlyMap<string, string>;

export function buildSearchIndex(sections: Section[], orders: ReadonlyMap<string, OrderRecord>): SearchIndex {
  const index = new Map<string, string>();
  for (const s of sections) addToSearchIndex(index, s.entries, orders);
  return index;
}

/** The index grown by rows as they are read (a chunk at a time), so no single pass covers every row. */
export function addToSearchIndex(index: Map<string, string>, entries: readonly SectionEntry[], orders: ReadonlyMap<string, OrderRecord>): void {
  for (const e of entries) index.set(entryKey(e), searchText(e, orders));
}

/** Two answers to one query (rows read so far, rows found through an index) as one: per section, in order,
 * each row once. */
export function mergeSections(a: Section[], b: Section[]): Section[] {
  const ids = new Set([...a, ...b].map((s) => s.id));
  const entries = (xs: Section[], id: SectionId) => xs.find((s) => s.id === id)?.entries ?? [];
  // The same row read twice may differ (changed in between): the first answer's copy stays.
  const inA = new Set(a.flatMap((s) => s.entries.map(entryKey)));
  return SECTION_ORDER.filter((id) => ids.has(id)).map((id) => ({ id, entries: mergeEntries(entries(a, id), entries(b, id).filter((e) => !inA.has(entryKey(e)))) }));
}

/**
 * The carrier a chip stands for: the registry id; an id or page name the registry knows under another
 * spelling ("ZTO", "中通") resolves to its canonical id; anything else is one "unknown carrier" chip.
 */
export function canonicalCarrier(p: Pick<ParcelRecord, 'carrier' | 'carrierName'>): string {
  if (carrierById(p.carrier)) return p.carrier;
  return resolveCarrierId(p.carrier) ?? resolveCarrierId(p.carrierName) ?? UNKNOWN_CARRIER;
}

export function applyFilters(sections: Section[], orders: ReadonlyMap<string, OrderRecord>, f: Filters, index?: SearchIndex): Section[] {
  const ts = terms(f.q);
  const matches = (e: SectionEntry) => {
    if (!ts.length) return true;
    const hay = index?.get(entryKey(e)) ?? searchText(e, orders);
    return ts.every((t) => hay.includes(t));
  };
  return sections
    .filter((s) => !f.section || s.id === f.section)
    .map((s) => ({
      id: s.id,
      entries: s.entries.filter(
        (e) =>
          (!f.platform || entryPlatform(e, orders) === f.platform) &&
          (!f.carrier || (e.kind === 'parcel' && canonicalCarrier(e.parcel) === f.carrier)) &&
          matches(e),
      ),
    }))
    .filter((s) => s.entries.length > 0);
}

/** Chip values present in the data (so no chip ever filters to nothing), most frequent first; one chip
 * per canonical carrier. */
export function facets(sections: Section[], orders: ReadonlyMap<string, OrderRecord>): { platforms: PlatformTag[]; carriers: string[]; sections: SectionId[] } {
  const platforms = new Map<PlatformTag, number>();
  const carriers = new Map<string, number>();
  for (const s of sections) {
    for (const e of s.entries) {
      const p = entryPlatform(e, orders);
      platforms.set(p, (platforms.get(p) ?? 0) + 1);
      if (e.kind === 'parcel') {
        const c = canonicalCarrier(e.parcel);
        carriers.set(c, (carriers.get(c) ?? 0) + 1);
      }
    }
  }
  const byCount = <T>(m: Map<T, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return { platforms: byCount(platforms), carriers: byCount(carriers), sections: sections.map((s) => s.id) };
}

/** A list section: one of the popup's sections, or the archive. */
export type ListSection = SectionId | 'archived';

/** `entry` is absent for a row whose record is not loaded yet (the first screen knows counts only). */
export type FlatRow = { kind: 'header'; section: ListSection; count: number } | { kind: 'entry'; section: ListSection; entry?: SectionEntry };

/** Sections as one flat list (headers + rows), the unit the popup windows over. `count` may exceed the
 * entries loaded so far: the rest are placeholders. */
export function flatten(sections: { id: ListSection; entries: SectionEntry[]; count?: number }[]): FlatRow[] {
  const out: FlatRow[] = [];
  for (const s of sections) {
    const count = Math.max(s.count ?? 0, s.entries.length);
    out.push({ kind: 'header', section: s.id, count });
    for (const entry of s.entries) out.push({ kind: 'entry', section: s.id, entry });
    for (let i = s.entries.length; i < count; i++) out.push({ kind: 'entry', section: s.id });
  }
  return out;
}

/** The order page link of an entry, if it has one and it is https. */
export function orderUrl(o: OrderRecord | undefined): string | undefined {
  return o?.url && /^https:\/\//.test(o.url) ? o.url : undefined;
}

export const itemsOf = (os: OrderRecord[]) => os.flatMap((o) => o.items);


