// Pasted text → a manual batch (popup's add-by-paste, options' import). Its own module so the popup loads the
// number and pickup-code readers only when the shopper pastes something.
import { autoCarrier, findTrackingNumbers } from './tracking-number';
import { extractPickupCodes } from './pickup-code';
import type { ObservationBatch, ParcelObservation } from './model';

/** Parcels one paste adds at most (one manual/add message); the rest are reported, not dropped silently. */
export const MAX_PASTE_PARCELS = 1000;

export interface PasteRead {
  /** null when no number is found. */
  batch: ObservationBatch | null;
  /** Distinct tracking numbers found in the text; more than `batch.parcels.length` when the cap cut them. */
  found: number;
}

/**
 * Pasted text (SMS, copied order, plain numbers) → a manual observation batch: every tracking number found
 * (the first `limit`), with the pickup code, station and carrier of the message it appears in.
 */
export function readPaste(text: string, now: number, limit = MAX_PASTE_PARCELS): PasteRead {
  const messages = text
    .split(/\n+|(?<=[。！!？?])\s*(?=【)/)
    .map((m) => m.trim())
    .filter(Boolean);
  const parcels = new Map<string, ParcelObservation>();
  for (const msg of messages) {
    const pickup = extractPickupCodes(msg);
    const found = findTrackingNumbers(msg, pickup.carrierHint);
    for (const f of found) {
      const carrier = pickup.carrierHint ?? autoCarrier(f.candidates) ?? undefined;
      const obs: ParcelObservation = { trackingNo: f.trackingNo, orderIds: [] };
      if (carrier) obs.carrierId = carrier;
      // One code per parcel is certain only when the message names one number; several numbers share nothing.
      if (pickup.codes.length && found.length === 1) {
        obs.pickupCode = pickup.codes.join(' ');
        if (pickup.station) obs.station = pickup.station.slice(0, 200);
        obs.status = 'awaiting_collection';
        obs.events = [{ time: now, text: msg.slice(0, 1000), status: 'awaiting_collection' }];
      }
      const prev = parcels.get(f.trackingNo);
      if (!prev || (obs.pickupCode && !prev.pickupCode)) parcels.set(f.trackingNo, obs);
    }
  }
  if (!parcels.size) return { batch: null, found: 0 };
  const kept = [...parcels.values()].slice(0, limit);
  return { batch: { platform: 'manual', source: 'manual', url: '', observedAt: now, orders: [], parcels: kept }, found: parcels.size };
}

/** `readPaste`'s batch alone: the first MAX_PASTE_PARCELS parcels, or null when no number is found. */
export function parsePaste(text: string, now: number): ObservationBatch | null {
  return readPaste(text, now).batch;
}
