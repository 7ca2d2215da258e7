// The step between a validated batch and the merge: tracking numbers normalized, carriers resolved to
// canonical ids (from the page's carrier name first, then from the number's format), ambiguous numbers
// kept as 'unknown' with their candidates — never a silent guess.
import { carrierById, carrierSignedIn, resolveCarrierName } from './carriers';
import type { NormalizedBatch, NormalizedParcelObservation } from './merge';
import { UNKNOWN_CARRIER, type ObservationBatch, type ParcelObservation, type Platform } from './model';
import { extractPickupCodes } from './pickup-code';
import { eventStatus } from './status';
import { autoCarrier, detectCarriers, normalizeTrackingNumber } from './tracking-number';
import { PLATFORM_FACTS } from '../platforms/facts';
import type { ShopPlatform } from './settings';

export interface NormalizeReport {
  batch: NormalizedBatch;
  /** Parcels dropped because their number is not a tracking number at all. */
  rejected: { trackingNo: string; reason: string }[];
}

export function resolveParcelCarrier(p: ParcelObservation, trackingNo: string): { carrierId: string; carrierCandidates?: string[]; station?: string } {
  if (p.carrierId && carrierById(p.carrierId)) return { carrierId: p.carrierId };
  const named = p.carrierName ? resolveCarrierName(p.carrierName) : null;
  if (named?.kind === 'carrier') return { carrierId: named.id };
  // No name on the page: a carrier's own sign-off in its trace lines is a name too (the number must still fit it).
  const signed = named ? undefined : (p.events ?? []).map((e) => carrierSignedIn(e.text)).find(Boolean);
  const plain = detectCarriers(trackingNo);
  const candidates = signed && plain.some((c) => c.carrier === signed) ? detectCarriers(trackingNo, signed) : plain;
  const station = named?.kind === 'station' ? named.name : undefined;
  const auto = autoCarrier(candidates);
  // One candidate of at least medium confidence is the number's own format speaking (e.g. ZTO's 73…14 digits).
  const single = candidates.length === 1 && candidates[0].confidence !== 'low' ? candidates[0].carrier : null;
  const chosen = auto ?? single;
  if (chosen) return { carrierId: chosen, station };
  return { carrierId: UNKNOWN_CARRIER, carrierCandidates: candidates.length ? [...new Set(candidates.map((c) => c.carrier))] : undefined, station };
}

/**
 * A pickup code stated in the newest event ("请凭取件码 6-2-3018 及时取件"), when the source did not give one
 * as a field (tracking services and logistics pages only have the text). Only the newest event counts: an
 * older code may have been collected already.
 */
export function pickupFromEvents(p: ParcelObservation): { code: string; station?: string } | undefined {
  const newest = (p.events ?? []).reduce<ParcelObservation['events'] extends (infer E)[] | undefined ? E | undefined : never>(
    (a, e) => (!a || e.time > a.time ? e : a),
    undefined,
  );
  if (!newest || eventStatus(newest) !== 'awaiting_collection') return undefined;
  const x = extractPickupCodes(newest.text);
  return x.codes[0] ? { code: x.codes[0], ...(x.station ? { station: x.station } : {}) } : undefined;
}

/** Order ids as the platforms write them (digits, or letters, digits, - and _): never a formula or markup. */
export const ORDER_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Hosts an order's link may point to, per platform: the host suffixes of the platform's own match patterns
 * (src/platforms/<id>/facts.ts). */
const ORDER_LINK_HOSTS: Record<Platform, readonly string[]> = {
  ...(Object.fromEntries(PLATFORM_FACTS.map((f) => [f.id, [...new Set(f.matches.map((m) => m.replace(/^https:\/\/(\*\.)?/, '').split('/')[0]))]])) as Record<ShopPlatform, string[]>),
  manual: [],
};

/** True when `url` is an https link on one of `platform`'s own hosts. */
export function isOrderLinkOf(platform: Platform, url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && ORDER_LINK_HOSTS[platform].some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

export function normalizeBatch(batch: ObservationBatch): NormalizeReport {
  const rejected: NormalizeReport['rejected'] = [];
  const parcels: NormalizedParcelObservation[] = [];
  for (const p of batch.parcels) {
    const trackingNo = normalizeTrackingNumber(p.trackingNo);
    if (!trackingNo) {
      rejected.push({ trackingNo: p.trackingNo, reason: 'not a tracking number' });
      continue;
    }
    const { carrierId, carrierCandidates, station } = resolveParcelCarrier(p, trackingNo);
    const fromEvent = p.pickupCode ? undefined : pickupFromEvents(p);
    parcels.push({
      ...p,
      trackingNo,
      carrierId,
      carrierCandidates,
      station: p.station ?? fromEvent?.station ?? station,
      ...(fromEvent ? { pickupCode: fromEvent.code } : {}),
    });
  }
  // Orders: ids in a platform's shape only; a link off the order's own platform is dropped (the order kept).
  const orders = batch.orders
    .filter((o) => typeof o.orderId === 'string' && ORDER_ID_SHAPE.test(o.orderId.trim()))
    .map((o) => (o.url !== undefined && !isOrderLinkOf(batch.platform, o.url) ? { ...o, url: undefined } : o));
  return { batch: { ...batch, orders, parcels }, rejected };
}
