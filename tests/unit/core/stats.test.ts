import { describe, expect, it } from 'vitest';
import type { EventRecord, OrderRecord, ParcelRecord, ParcelStatus, Platform } from '../../../src/core/model';
import { deliveryStats, quantile, summarize } from '../../../src/core/stats';

const H = 3600_000;
const T0 = Date.UTC(2026, 2, 10, 0); // 2026-03-10
const NOW = T0 + 200 * H;

const order = (id: string, platform: Platform, o: Partial<OrderRecord> = {}): OrderRecord => ({
  key: `${platform}:${id}`,
  platform,
  orderId: id,
  items: [],
  status: 'shipped',
  paidAt: T0,
  parcelKeys: [],
  firstSeen: T0,
  lastSeen: T0,
  sources: {},
  ...o,
});
const parcel = (carrier: string, no: string, status: ParcelStatus, p: Partial<ParcelRecord> = {}): ParcelRecord => ({
  key: `${carrier}:${no}`,
  carrier,
  trackingNo: no,
  direction: 'outbound',
  orderKeys: [],
  platforms: [],
  status,
  nextCheckAt: 0,
  archived: 0,
  firstSeen: T0,
  lastSeen: T0,
  updatedAt: T0,
  sources: {},
  ...p,
});
const ev = (parcelKey: string, hours: number, status: ParcelStatus): EventRecord => ({
  id: `${parcelKey}|${hours}`,
  parcelKey,
  time: T0 + hours * H,
  text: `${status} at ${hours}`,
  status,
});

function fixture() {
  const o1 = order('1', 'taobao', { parcelKeys: ['zto:1', 'sf:4'], promise: { kind: 'ship_by', text: '24小时内发货', at: T0 + 24 * H } });
  const o2 = order('2', 'taobao', { parcelKeys: ['yto:2'], promise: { kind: 'deliver_by', text: '预计送达', at: T0 + 80 * H } });
  const o3 = order('3', 'douyin', { parcelKeys: ['zto:3'] });
  const o4 = order('4', 'douyin', { status: 'unshipped' });
  const o5 = order('5', 'kuaishou', { status: 'cancelled' });
  const p1 = parcel('zto', '1', 'delivered', { orderKeys: [o1.key], platforms: ['taobao'], shippedAt: T0 + 10 * H, deliveredAt: T0 + 110 * H });
  const p2 = parcel('yto', '2', 'delivered', { orderKeys: [o2.key], platforms: ['taobao'], shippedAt: T0 + 30 * H, deliveredAt: T0 + 100 * H });
  const p3 = parcel('zto', '3', 'delivered', { orderKeys: [o3.key], platforms: ['douyin'] });
  const p4 = parcel('sf', '4', 'exception', { orderKeys: [o1.key], platforms: ['taobao'], direction: 'return' });
  const p5 = parcel('jd', '5', 'in_transit', { shippedAt: Date.UTC(2026, 3, 15), firstSeen: Date.UTC(2026, 3, 15) });
  const events = [
    ev(p1.key, 12, 'picked_up'),
    ev(p1.key, 100, 'in_transit'), // out of order on purpose: stats sort
    ev(p1.key, 40, 'in_transit'),
    ev(p1.key, 110, 'delivered'),
    ev(p2.key, 60, 'picked_up'),
    ev(p2.key, 70, 'out_for_delivery'),
    ev(p2.key, 90, 'awaiting_collection'),
    ev(p2.key, 100, 'delivered'),
    ev(p3.key, 60, 'picked_up'),
    ev(p3.key, 70, 'delivered'),
    ev(p4.key, 120, 'exception'),
  ];
  return { orders: [o1, o2, o3, o4, o5], parcels: [p1, p2, p3, p4, p5], events };
}

describe('quantiles', () => {
  it('interpolates linearly between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(quantile([5], 0.9)).toBe(5);
    expect(summarize([30, 10, 60])).toEqual({ count: 3, median: 30, p90: 54 });
    expect(summarize([])).toBeNull();
  });
});

describe('deliveryStats', () => {
  const { orders, parcels, events } = fixture();
  const s = deliveryStats(orders, parcels, events, NOW);

  it('measures payment → shipment → pickup → delivery over outbound parcels', () => {
    expect(s.overall.parcels).toBe(4);
    const d = s.overall.durations;
    // payToShip 10 (shippedAt), 30 (shippedAt), 60 (first event, no shippedAt)
    expect(d.payToShip).toEqual({ count: 3, median: 30, p90: 54 });
    // shipToPickup 2, 30; zto:3 has no shippedAt and its first event is the pickup scan: not measured
    expect(d.shipToPickup!.count).toBe(2);
    expect(d.shipToPickup!.median).toBe(16);
    expect(d.shipToPickup!.p90).toBeCloseTo(27.2, 10);
    // pickupToDelivery 98, 40, 10 (first delivered event when deliveredAt is missing)
    expect(d.pickupToDelivery!.median).toBe(40);
    expect(d.pickupToDelivery!.p90).toBeCloseTo(86.4, 10);
  });

  it('groups by platform and by carrier, biggest first; return parcels are not shipping', () => {
    expect(s.byPlatform.map((g) => [g.key, g.parcels])).toEqual([
      ['taobao', 2],
      ['douyin', 1],
      ['manual', 1],
    ]);
    expect(s.byPlatform[0].durations.payToShip).toEqual({ count: 2, median: 20, p90: 28 });
    expect(s.byPlatform[1].durations.payToShip).toEqual({ count: 1, median: 60, p90: 60 });
    expect(s.byPlatform[2].durations).toEqual({ payToShip: null, shipToPickup: null, pickupToDelivery: null });
    expect(s.byCarrier.map((g) => [g.key, g.parcels])).toEqual([
      ['zto', 2],
      ['jd', 1],
      ['yto', 1],
    ]);
    const zto = s.byCarrier[0].durations.pickupToDelivery!; // 98 and 10
    expect([zto.count, zto.median]).toEqual([2, 54]);
    expect(zto.p90).toBeCloseTo(89.2, 10);
  });

  it('counts parcels per local month of shipment', () => {
    expect(s.perMonth).toEqual([
      { month: '2026-03', parcels: 4 },
      { month: '2026-04', parcels: 1 },
    ]);
  });

  it('replays history to find the alerts each parcel and order raised', () => {
    const byKind = Object.fromEntries(s.alerts.map((a) => [a.kind, [a.raised, a.of]]));
    expect(byKind).toEqual({
      no_pickup_scan: [1, 5], // yto:2 shipped at 30 h, first scan at 60 h
      stalled: [1, 5], // zto:1 in transit 40 h → 100 h
      out_for_delivery_long: [1, 5], // yto:2 out for delivery 70 h → 90 h
      awaiting_collection_long: [0, 5], // yto:2 waited 10 h only
      exception: [1, 5], // sf:4 now
      rejected: [0, 5],
      returning: [0, 5],
      not_shipped: [2, 4], // order 3 shipped after 60 h; order 4 still waiting at 200 h; cancelled order 5 not counted
      promise_missed: [1, 4], // order 2 promised by 80 h, parcel out for delivery then; order 1 shipped before its ship-by
    });
    expect(s.alerts.find((a) => a.kind === 'not_shipped')!.share).toBe(0.5);
  });

  it('measures shipment → pickup from an earlier event when shippedAt is missing', () => {
    const p = parcel('sto', '9', 'in_transit');
    const st = deliveryStats([], [p], [ev(p.key, 5, 'pending_pickup'), ev(p.key, 9, 'picked_up'), ev(p.key, 20, 'in_transit')], NOW);
    expect(st.overall.durations.shipToPickup).toEqual({ count: 1, median: 4, p90: 4 });
    expect(st.overall.durations.payToShip).toBeNull();
  });

  it('follows thresholds: a 72-hour stall limit clears the stalled alert', () => {
    const loose = deliveryStats(orders, parcels, events, NOW, { unshippedHours: 48, noPickupScanHours: 24, stalledHours: 72, outForDeliveryHours: 12, awaitingCollectionHours: 24 });
    expect(loose.alerts.find((a) => a.kind === 'stalled')!.raised).toBe(0);
  });

  it('is empty on no data', () => {
    const e = deliveryStats([], [], [], NOW);
    expect(e.overall.parcels).toBe(0);
    expect(e.perMonth).toEqual([]);
    expect(e.alerts.every((a) => a.raised === 0 && a.share === 0)).toBe(true);
  });
});
