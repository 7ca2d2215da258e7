import { describe, expect, it } from 'vitest';
import { orderAlerts, parcelAlerts } from '../../../src/core/alerts';
import type { OrderRecord, ParcelRecord, ParcelStatus } from '../../../src/core/model';
import { nextCheckAt, spreadOverdue } from '../../../src/core/schedule';

const NOW = Date.UTC(2026, 10, 22, 4);
const H = 3600_000;

const parcel = (status: ParcelStatus, lastEventAgoH: number | null, extra: Partial<ParcelRecord> = {}): ParcelRecord => ({
  key: 'zto:73100059800035', carrier: 'zto', trackingNo: '73100059800035', direction: 'outbound', orderKeys: ['taobao:1'], platforms: ['taobao'], status,
  latestEvent: lastEventAgoH === null ? undefined : { time: NOW - lastEventAgoH * H, text: '快件已到达【杭州转运中心】', location: '杭州转运中心' },
  nextCheckAt: 0, archived: 0, firstSeen: NOW - 100 * H, lastSeen: NOW, updatedAt: NOW, sources: {}, ...extra,
});
const order = (extra: Partial<OrderRecord> = {}): OrderRecord => ({
  key: 'douyin:1', platform: 'douyin', orderId: '1', items: [], status: 'unshipped', paidAt: NOW - 10 * H, parcelKeys: [], firstSeen: NOW - 10 * H, lastSeen: NOW, sources: {}, ...extra,
});
const kinds = (a: { kind: string }[]) => a.map((x) => x.kind);

describe('parcel alerts at and around their thresholds', () => {
  it.each([
    ['in_transit', 47.9, []],
    ['in_transit', 48.1, ['stalled']],
    ['picked_up', 49, ['stalled']],
    ['out_for_delivery', 11.9, []],
    ['out_for_delivery', 12.1, ['out_for_delivery_long']],
    ['awaiting_collection', 23.9, []],
    ['awaiting_collection', 24.1, ['awaiting_collection_long']],
    ['pending_pickup', 23, []],
    ['pending_pickup', 25, ['no_pickup_scan']],
    ['exception', 1, ['exception']],
    ['rejected', 1, ['rejected']],
    ['returning', 1, ['returning']],
    ['delivered', 500, []],
  ] as const)('%s with last event %s h ago → %j', (status, ago, expected) => {
    expect(kinds(parcelAlerts(parcel(status, ago), NOW))).toEqual(expected);
  });

  it('shipped with no scan at all: fake-shipment warning after 24 h from first sight', () => {
    expect(kinds(parcelAlerts(parcel('unknown', null, { firstSeen: NOW - 23 * H }), NOW))).toEqual([]);
    expect(kinds(parcelAlerts(parcel('unknown', null, { firstSeen: NOW - 25 * H }), NOW))).toEqual(['no_pickup_scan']);
  });

  it('carries its evidence, and a new event makes a new stalled alert (key changes)', () => {
    const [a] = parcelAlerts(parcel('in_transit', 52), NOW);
    expect(a.evidence).toMatchObject({ hours: 52, location: '杭州转运中心', eventText: '快件已到达【杭州转运中心】' });
    const [b] = parcelAlerts(parcel('in_transit', 52), NOW + 8 * H);
    expect(b.key).toBe(a.key); // same stall, same key: never notified twice
    const [c] = parcelAlerts(parcel('in_transit', 49), NOW);
    expect(c.key).not.toBe(a.key);
    expect(parcelAlerts(parcel('in_transit', 52, { archived: 1 }), NOW)).toEqual([]);
  });
});

describe('order alerts', () => {
  it('paid but not shipped after 48 h', () => {
    expect(kinds(orderAlerts(order({ paidAt: NOW - 47 * H }), [], NOW))).toEqual([]);
    expect(kinds(orderAlerts(order({ paidAt: NOW - 49 * H }), [], NOW))).toEqual(['not_shipped']);
    expect(kinds(orderAlerts(order({ paidAt: NOW - 49 * H, status: 'cancelled' }), [], NOW))).toEqual([]);
  });

  it('a ship-by promise missed replaces the generic alert; a deliver-by promise checks the parcels', () => {
    const shipBy = order({ paidAt: NOW - 50 * H, promise: { kind: 'ship_by', text: '承诺48小时内发货', at: NOW - 2 * H } });
    expect(kinds(orderAlerts(shipBy, [], NOW))).toEqual(['promise_missed']);
    expect(kinds(orderAlerts({ ...shipBy, promise: { ...shipBy.promise!, at: NOW + H } }, [], NOW))).toEqual(['not_shipped']);
    const nextDay = order({ status: 'shipped', parcelKeys: ['zto:73100059800035'], promise: { kind: 'deliver_by', text: '次日达', at: NOW - H } });
    expect(kinds(orderAlerts(nextDay, [parcel('in_transit', 3)], NOW))).toEqual(['promise_missed']);
    expect(kinds(orderAlerts(nextDay, [parcel('delivered', 3)], NOW))).toEqual([]);
  });
});

describe('refresh schedule', () => {
  it('checks fast-moving parcels more often and final ones never', () => {
    expect(nextCheckAt('out_for_delivery', NOW, 0, 0.5)).toBe(NOW + 30 * 60_000);
    expect(nextCheckAt('in_transit', NOW, 0, 0.5)).toBe(NOW + 2 * H);
    expect(nextCheckAt('delivered', NOW)).toBe(0);
    expect(nextCheckAt('cancelled', NOW)).toBe(0);
  });
  it('backs off exponentially on errors up to 24 h, with ±10 % jitter', () => {
    expect(nextCheckAt('in_transit', NOW, 2, 0.5)).toBe(NOW + 8 * H);
    expect(nextCheckAt('in_transit', NOW, 9, 0.5)).toBe(NOW + 24 * H);
    expect(nextCheckAt('in_transit', NOW, 0, 0)).toBe(NOW + 2 * H * 0.9);
    expect(nextCheckAt('in_transit', NOW, 0, 0.999999)).toBeLessThanOrEqual(NOW + 2 * H * 1.1);
  });
  it('spreads an overdue backlog over later wake-ups instead of a storm', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ id: i, nextCheckAt: NOW - (25 - i) * H }));
    const { due, deferred } = spreadOverdue(items, NOW, 10, 60_000);
    expect(due.map((d) => d.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(deferred.map((d) => d.at - NOW)).toEqual([...Array(10).fill(60_000), ...Array(5).fill(120_000)]);
  });
});
