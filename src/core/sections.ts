// Groups parcels and orders into the popup's sections, most urgent first (design §1). Pure.
import { parcelAlerts, type Alert } from './alerts';
import type { OrderRecord, ParcelRecord, ParcelStatus } from './model';

export type SectionId = 'awaiting_collection' | 'attention' | 'out_for_delivery' | 'in_transit' | 'unshipped' | 'delivered';

export const SECTION_ORDER: SectionId[] = ['awaiting_collection', 'attention', 'out_for_delivery', 'in_transit', 'unshipped', 'delivered'];

export const RECENTLY_DELIVERED_MS = 7 * 24 * 3600_000;

const SECTION_OF: Partial<Record<ParcelStatus, SectionId>> = {
  awaiting_collection: 'awaiting_collection',
  exception: 'attention',
  returning: 'attention',
  rejected: 'attention',
  out_for_delivery: 'out_for_delivery',
  pending_pickup: 'in_transit',
  picked_up: 'in_transit',
  in_transit: 'in_transit',
  customs: 'in_transit',
  unknown: 'in_transit',
};

export type SectionEntry = { kind: 'parcel'; parcel: ParcelRecord } | { kind: 'order'; order: OrderRecord };

export interface Section {
  id: SectionId;
  entries: SectionEntry[];
}

/** Activity time used to sort rows: newest first. */
const parcelTime = (p: ParcelRecord) => p.latestEvent?.time ?? p.updatedAt;

/** Alerts that move a moving parcel into "needs attention": stalled, no pickup scan, out for delivery too long. */
const ATTENTION_ALERTS = new Set<Alert['kind']>(['stalled', 'no_pickup_scan', 'out_for_delivery_long']);

export function attentionAlert(p: ParcelRecord, now: number): Alert | undefined {
  return parcelAlerts(p, now).find((a) => ATTENTION_ALERTS.has(a.kind));
}

export function sectionOf(p: ParcelRecord, now: number): SectionId | null {
  if (p.archived) return null;
  if (SECTION_OF[p.status] && SECTION_OF[p.status] !== 'attention' && SECTION_OF[p.status] !== 'awaiting_collection' && attentionAlert(p, now)) return 'attention';
  if (p.status === 'delivered') {
    const at = p.deliveredAt ?? p.latestEvent?.time ?? p.updatedAt;
    return now - at <= RECENTLY_DELIVERED_MS ? 'delivered' : null;
  }
  return SECTION_OF[p.status] ?? null;
}

export function buildSections(parcels: ParcelRecord[], orders: OrderRecord[], now = Date.now()): Section[] {
  const map = new Map<SectionId, SectionEntry[]>(SECTION_ORDER.map((id) => [id, []]));
  for (const p of parcels) {
    const s = sectionOf(p, now);
    if (s) map.get(s)!.push({ kind: 'parcel', parcel: p });
  }
  for (const o of orders) {
    // Paid but not shipped: an order with no outbound parcel yet.
    if (o.status === 'unshipped' && o.parcelKeys.length === 0) map.get('unshipped')!.push({ kind: 'order', order: o });
  }
  const time = (e: SectionEntry) => (e.kind === 'parcel' ? parcelTime(e.parcel) : (e.order.paidAt ?? e.order.createdAt ?? e.order.firstSeen));
  return SECTION_ORDER.map((id) => {
    const entries = map.get(id)!;
    // Unshipped orders: the longest-waiting first; everything else: latest activity first.
    entries.sort((a, b) => (id === 'unshipped' ? time(a) - time(b) : time(b) - time(a)));
    return { id, entries };
  }).filter((s) => s.entries.length > 0);
}

/** Parcels that need the shopper: waiting for pickup + needs attention (the toolbar badge). */
export function needsUserCount(parcels: ParcelRecord[], now = Date.now()): number {
  return parcels.filter((p) => {
    const s = sectionOf(p, now);
    return s === 'awaiting_collection' || s === 'attention';
  }).length;
}
