// History rows for the options page (pure): one entry per parcel × order, per order without parcels and per
// parcel without orders (the same shape as the CSV export), newest first, filtered by free text.
import type { OrderRecord, ParcelRecord } from '../../core/model';

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

const haystack = (e: HistoryEntry): string =>
  [
    e.order?.orderId,
    e.order?.shopName,
    ...(e.order?.items.map((i) => i.title) ?? []),
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
