// When to look at a parcel again: by how fast its status changes, with exponential backoff on errors and
// jitter so parcels found at the same moment (e.g. after the computer slept) do not all come due together.
import type { ParcelStatus } from './model';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Base interval per status; 0 = never (final states). */
export const REFRESH_INTERVAL_MS: Readonly<Record<ParcelStatus, number>> = {
  out_for_delivery: 30 * MIN,
  awaiting_collection: 4 * HOUR,
  in_transit: 2 * HOUR,
  picked_up: 2 * HOUR,
  customs: 6 * HOUR,
  pending_pickup: 4 * HOUR,
  exception: 4 * HOUR,
  returning: 6 * HOUR,
  unknown: 3 * HOUR,
  delivered: 0,
  returned: 0,
  rejected: 0,
  cancelled: 0,
};

export const MAX_BACKOFF_MS = 24 * HOUR;
export const JITTER = 0.1;

/**
 * Next check time in ms, or 0 for never. `errors` = consecutive failed refreshes of this parcel;
 * `random` in [0, 1) (injected so tests are exact).
 */
export function nextCheckAt(status: ParcelStatus, now: number, errors = 0, random = Math.random()): number {
  const base = REFRESH_INTERVAL_MS[status];
  if (!base) return 0;
  const backedOff = Math.min(base * 2 ** Math.min(Math.max(errors, 0), 10), MAX_BACKOFF_MS);
  const jitter = 1 + JITTER * (2 * random - 1);
  return now + Math.round(backedOff * jitter);
}

/** After a long sleep many parcels are overdue at once: spread them over `spreadMs` in due order. */
export function spreadOverdue<T extends { nextCheckAt: number }>(items: T[], now: number, perWake: number, wakeEveryMs: number): { due: T[]; deferred: { item: T; at: number }[] } {
  const overdue = items.filter((i) => i.nextCheckAt > 0 && i.nextCheckAt <= now).sort((a, b) => a.nextCheckAt - b.nextCheckAt);
  const due = overdue.slice(0, perWake);
  const deferred = overdue.slice(perWake).map((item, i) => ({ item, at: now + (Math.floor(i / perWake) + 1) * wakeEveryMs }));
  return { due, deferred };
}
