// Shared helpers for the Douyin / Kuaishou fixture tests: read fixture files and check the invariants every
// emitted observation must hold (the capture layer validates with the same schemas).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { expect } from 'vitest';
import { OrderObservationSchema, ParcelObservationSchema } from '../../../../src/core/observation-schema';
import type { OrderObservation, ParcelObservation } from '../../../../src/core/model';

// Plain paths: happy-dom replaces the global URL, which node:fs does not accept.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

export const fixturePath = (platform: string, name: string) => join(FIXTURES, platform, name);
export const readFixture = (platform: string, name: string) => readFileSync(fixturePath(platform, name), 'utf8');
export const fixtureNames = (platform: string, ext: string) =>
  readdirSync(join(FIXTURES, platform)).filter((f) => f.endsWith(ext)).sort();

export const htmlDocument = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** Non-empty ids and numbers, integer money and times, and a pass through the batch schemas. */
export function invariantProblems(r: { orders: OrderObservation[]; parcels: ParcelObservation[] }): string[] {
  const problems: string[] = [];
  const isInt = (n: unknown) => n === undefined || Number.isInteger(n);
  for (const o of r.orders) {
    if (typeof o.orderId !== 'string' || !o.orderId.trim()) problems.push('empty orderId');
    if (!isInt(o.amount) || !isInt(o.createdAt) || !isInt(o.paidAt) || !isInt(o.promise?.at)) problems.push(`non-integer in order ${o.orderId}`);
    for (const it of o.items ?? []) if (!isInt(it.price) || !isInt(it.quantity)) problems.push(`non-integer item in ${o.orderId}`);
    const s = v.safeParse(OrderObservationSchema, o);
    if (!s.success) problems.push(`order schema: ${s.issues[0].message} at ${s.issues[0].path?.map((p) => p.key).join('.')}`);
  }
  for (const p of r.parcels) {
    if (typeof p.trackingNo !== 'string' || !p.trackingNo.trim()) problems.push('empty trackingNo');
    if (p.orderIds.some((id) => typeof id !== 'string' || !id.trim())) problems.push('empty id in orderIds');
    if (!isInt(p.shippedAt) || !isInt(p.deliveredAt) || (p.events ?? []).some((e) => !Number.isInteger(e.time))) problems.push('non-integer time');
    const s = v.safeParse(ParcelObservationSchema, p);
    if (!s.success) problems.push(`parcel schema: ${s.issues[0].message} at ${s.issues[0].path?.map((x) => x.key).join('.')}`);
  }
  return problems;
}

export const expectValidObservations = (r: { orders: OrderObservation[]; parcels: ParcelObservation[] }) =>
  expect(invariantProblems(r)).toEqual([]);
