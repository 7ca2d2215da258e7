// The step between a validated batch and the merge: tracking numbers normalized, carriers resolved to
// canonical ids (from the page's carrier name first, then from the number's format), ambiguous numbers
// kept as 'unknown' with their candidates — never a silent guess.
import { carrierById, resolveCarrierName } from './carriers';
import type { NormalizedBatch, NormalizedParcelObservation } from './merge';
import { UNKNOWN_CARRIER, type ObservationBatch, type ParcelObservation } from './model';
import { autoCarrier, detectCarriers, normalizeTrackingNumber } from './tracking-number';

export interface NormalizeReport {
  batch: NormalizedBatch;
  /** Parcels dropped because their number is not a tracking number at all. */
  rejected: { trackingNo: string; reason: string }[];
}

export function resolveParcelCarrier(p: ParcelObservation, trackingNo: string): { carrierId: string; carrierCandidates?: string[]; station?: string } {
  if (p.carrierId && carrierById(p.carrierId)) return { carrierId: p.carrierId };
  const named = p.carrierName ? resolveCarrierName(p.carrierName) : null;
  if (named?.kind === 'carrier') return { carrierId: named.id };
  const candidates = detectCarriers(trackingNo);
  const station = named?.kind === 'station' ? named.name : undefined;
  const auto = autoCarrier(candidates);
  // One candidate of at least medium confidence is the number's own format speaking (e.g. ZTO's 73…14 digits).
  const single = candidates.length === 1 && candidates[0].confidence !== 'low' ? candidates[0].carrier : null;
  const chosen = auto ?? single;
  if (chosen) return { carrierId: chosen, station };
  return { carrierId: UNKNOWN_CARRIER, carrierCandidates: candidates.length ? [...new Set(candidates.map((c) => c.carrier))] : undefined, station };
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
    parcels.push({ ...p, trackingNo, carrierId, carrierCandidates, station: p.station ?? station });
  }
  return { batch: { ...batch, parcels }, rejected };
}
