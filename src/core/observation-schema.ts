// Validation of untrusted observation batches (from content scripts, pasted text and backups) with valibot.
// Unknown keys are dropped, sizes are capped, and image URLs off the platforms' CDNs are removed, so a
// batch that passes can be merged as it is.
import * as v from 'valibot';
import { MAX_BATCH_ORDERS, MAX_BATCH_PARCELS, MAX_EVENTS, MAX_ITEMS, MAX_MONEY, MAX_ORDER_IDS, MAX_TIME, MAX_TRACKING_CHARS, MIN_TIME } from './bounds';
import { ORDER_STATUSES, PARCEL_STATUSES, PLATFORMS, SOURCES, type ObservationBatch } from './model';
// Data only (no parsers): the platforms' image CDNs are facts kept in src/platforms/<id>/facts.ts.
import { IMAGE_CDN_HOSTS, onHostSuffix } from '../platforms/facts';
import { stripBidi } from './bidi';
import { RETURN_STATES } from './after-sale';

/** Image hosts we accept: the platforms' own CDNs. Anything else is dropped, never fetched. */
export function isPlatformImageUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return false;
    return onHostSuffix(u.hostname, IMAGE_CDN_HOSTS);
  } catch {
    return false;
  }
}


const text = (max: number) => v.pipe(v.string(), v.transform(stripBidi), v.trim(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.transform(stripBidi), v.trim(), v.minLength(1), v.maxLength(max));
const time = v.pipe(v.number(), v.integer(), v.minValue(MIN_TIME), v.maxValue(MAX_TIME));
const money = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_MONEY));
const imageUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.transform((u) => (isPlatformImageUrl(u) ? u : undefined)),
);
const pageUrl = v.pipe(
  v.string(),
  v.maxLength(4096),
  v.check((u) => /^https:\/\//.test(u), 'must be an https URL'),
);

export const ItemSchema = v.object({
  title: text(500),
  itemId: v.optional(text(64)),
  sku: v.optional(text(300)),
  quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  price: v.optional(money),
  imageUrl: v.optional(imageUrl),
});

export const PromiseSchema = v.object({
  kind: v.picklist(['ship_by', 'deliver_by']),
  text: nonEmpty(200),
  at: v.optional(time),
});

export const ServiceSchema = v.object({ text: nonEmpty(120), door: v.boolean() });

export const PickupWindowSchema = v.object({ from: v.optional(time), to: time, text: nonEmpty(200) });

export const AfterSaleSchema = v.object({
  kind: v.optional(v.picklist(['refund_only', 'return', 'exchange'])),
  state: v.picklist(RETURN_STATES),
  stateText: v.optional(text(200)),
  at: v.optional(time),
  pickupWindow: v.optional(PickupWindowSchema),
  refundDue: v.optional(v.object({ at: time, text: nonEmpty(200) })),
});

/** What the database keeps of an after-sale (model AfterSaleRecord): checked the same way when a backup restores it. */
export const AfterSaleRecordSchema = v.object({
  kind: v.optional(v.picklist(['refund_only', 'return', 'exchange'])),
  state: v.picklist(RETURN_STATES),
  stateText: v.optional(text(200)),
  since: v.pipe(
    v.record(v.string(), time),
    v.check((r) => Object.keys(r).every((k) => (RETURN_STATES as readonly string[]).includes(k)), 'unknown after-sale state'),
  ),
  pickupWindow: v.optional(PickupWindowSchema),
  refundDue: v.optional(v.object({ at: time, text: nonEmpty(200) })),
  observedAt: time,
});

export const OrderObservationSchema = v.object({
  orderId: nonEmpty(64),
  shopName: v.optional(text(200)),
  shopId: v.optional(text(64)),
  items: v.optional(v.pipe(v.array(ItemSchema), v.maxLength(MAX_ITEMS))),
  amount: v.optional(money),
  createdAt: v.optional(time),
  paidAt: v.optional(time),
  statusText: v.optional(text(100)),
  status: v.optional(v.picklist(ORDER_STATUSES)),
  url: v.optional(pageUrl),
  tmall: v.optional(v.boolean()),
  promise: v.optional(PromiseSchema),
  service: v.optional(ServiceSchema),
  afterSale: v.optional(AfterSaleSchema),
});

export const EventObservationSchema = v.object({
  time,
  text: nonEmpty(1000),
  location: v.optional(text(200)),
  status: v.optional(v.picklist(PARCEL_STATUSES)),
});

export const ParcelObservationSchema = v.object({
  trackingNo: nonEmpty(MAX_TRACKING_CHARS),
  carrierName: v.optional(text(100)),
  carrierId: v.optional(text(40)),
  direction: v.optional(v.picklist(['outbound', 'return'])),
  orderIds: v.pipe(v.array(nonEmpty(64)), v.maxLength(MAX_ORDER_IDS)),
  status: v.optional(v.picklist(PARCEL_STATUSES)),
  statusText: v.optional(text(200)),
  events: v.optional(v.pipe(v.array(EventObservationSchema), v.maxLength(MAX_EVENTS))),
  pickupCode: v.optional(text(40)),
  station: v.optional(text(200)),
  shippedAt: v.optional(time),
  deliveredAt: v.optional(time),
  phoneTail: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))),
  exchange: v.optional(v.boolean()),
});

export const ObservationBatchSchema = v.object({
  platform: v.picklist(PLATFORMS),
  source: v.picklist(SOURCES),
  url: v.pipe(v.string(), v.maxLength(4096)),
  observedAt: time,
  orders: v.pipe(v.array(OrderObservationSchema), v.maxLength(MAX_BATCH_ORDERS)),
  parcels: v.pipe(v.array(ParcelObservationSchema), v.maxLength(MAX_BATCH_PARCELS)),
});

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Human-readable first issue with its path, e.g. "orders.0.orderId: Invalid length". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${path ? `${path}: ` : ''}${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`;
}

export function validateBatch(input: unknown): ValidationResult<ObservationBatch> {
  const r = v.safeParse(ObservationBatchSchema, input);
  return r.success ? { ok: true, value: r.output as ObservationBatch } : { ok: false, error: describeIssues(r.issues) };
}
