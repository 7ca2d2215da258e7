// Turns a parser's result into a batch the background will accept: each observation is validated on its
// own, so one odd order does not cost the rest of the page. Dropped observations become a diagnostic.
import * as v from 'valibot';
import type { ObservationBatch, Platform } from '../core/model';
import { OrderObservationSchema, ParcelObservationSchema } from '../core/observation-schema';
import type { ParseDiagnostic, ParseResult } from '../platforms/types';

export function toBatch(
  platform: Exclude<Platform, 'manual'>,
  result: ParseResult,
  url: string,
  now = Date.now(),
): { batch: ObservationBatch; batches: ObservationBatch[]; diagnostics: ParseDiagnostic[] } {
  const diagnostics = [...result.diagnostics];
  const orders: ObservationBatch['orders'] = [];
  const parcels: ObservationBatch['parcels'] = [];
  let dropped = 0;
  for (const o of result.orders) {
    const r = v.safeParse(OrderObservationSchema, o);
    if (r.success) orders.push(r.output);
    else dropped++;
  }
  for (const p of result.parcels) {
    const r = v.safeParse(ParcelObservationSchema, p);
    if (r.success) parcels.push(r.output);
    else dropped++;
  }
  if (dropped) diagnostics.push({ kind: 'partial', message: `${dropped} observation(s) failed validation and were skipped` });
  const batches: ObservationBatch[] = [];
  // A batch holds at most BATCH_MAX orders and parcels (the message schema's limit): a larger result is
  // sent as several batches, never cut short.
  for (let i = 0; i === 0 || i < Math.max(orders.length, parcels.length); i += BATCH_MAX) {
    batches.push({ platform, source: result.source, url, observedAt: now, orders: orders.slice(i, i + BATCH_MAX), parcels: parcels.slice(i, i + BATCH_MAX) });
  }
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const more = diagnostics.length - (MAX_DIAGNOSTICS - 1);
    diagnostics.splice(MAX_DIAGNOSTICS - 1, diagnostics.length, { kind: 'partial', message: `${more} more diagnostic(s) of this response not kept` });
  }
  return { batch: batches[0], batches, diagnostics };
}

export const BATCH_MAX = 1000;
const MAX_DIAGNOSTICS = 50;

/** A stable fingerprint of what a batch says, so re-reading an unchanged page sends nothing. */
export function fingerprint(batch: ObservationBatch): string {
  return JSON.stringify([batch.source, batch.orders, batch.parcels]);
}
