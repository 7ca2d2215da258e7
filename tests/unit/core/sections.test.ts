import { describe, expect, it } from 'vitest';
import type { OrderRecord, ParcelRecord, ParcelStatus } from '../../../src/core/model';
import { buildSections, needsUserCount } from '../../../src/core/sections';

const NOW = Date.UTC(2026, 10, 22, 4);
const H = 3600_000;

const parcel = (no: string, status: ParcelStatus, at: number, extra: Partial<ParcelRecord> = {}): ParcelRecord => ({
  key: `zto:${no}`, carrier: 'zto', trackingNo: no, direction: 'outbound', orderKeys: [], platforms: ['taobao'], status,
  latestEvent: { time: at, text: 'x' }, nextCheckAt: 0, archived: 0, firstSeen: at, lastSeen: at, updatedAt: at, sources: {}, ...extra,
});
const order = (id: string, status: OrderRecord['status'], paidAt: number, parcelKeys: string[] = []): OrderRecord => ({
  key: `douyin:${id}`, platform: 'douyin', orderId: id, items: [], status, paidAt, parcelKeys, firstSeen: paidAt, lastSeen: paidAt, sources: {},
});

describe('buildSections', () => {
  it('orders sections by urgency, hides empty ones and sorts rows', () => {
    const sections = buildSections(
      [
        parcel('1', 'in_transit', NOW - 5 * H),
        parcel('2', 'awaiting_collection', NOW - 2 * H),
        parcel('3', 'in_transit', NOW - 1 * H),
        parcel('4', 'exception', NOW - 30 * H),
        parcel('5', 'delivered', NOW - 3 * 24 * H),
        parcel('6', 'delivered', NOW - 8 * 24 * H), // older than a week: history only
        parcel('7', 'out_for_delivery', NOW - H, { archived: 1 }), // archived: hidden
        parcel('8', 'cancelled', NOW - H),
      ],
      [order('a', 'unshipped', NOW - 50 * H), order('b', 'unshipped', NOW - 70 * H), order('c', 'unshipped', NOW - H, ['zto:1']), order('d', 'unpaid', NOW)],
      NOW,
    );
    expect(sections.map((s) => s.id)).toEqual(['awaiting_collection', 'attention', 'in_transit', 'unshipped', 'delivered']);
    const ids = (i: number) => sections[i].entries.map((e) => (e.kind === 'parcel' ? e.parcel.trackingNo : e.order.orderId));
    expect(ids(2)).toEqual(['3', '1']);
    expect(ids(3)).toEqual(['b', 'a']); // longest waiting first
    expect(ids(4)).toEqual(['5']);
  });

  it('counts parcels that need the user for the badge', () => {
    expect(needsUserCount([parcel('1', 'awaiting_collection', NOW), parcel('2', 'rejected', NOW), parcel('3', 'in_transit', NOW), parcel('4', 'exception', NOW, { archived: 1 })], NOW)).toBe(2);
  });
});

describe('needs attention from alerts', () => {
  it('moves a stalled or never-scanned parcel into needs attention, and back when it moves on', () => {
    const stalled = parcel('9', 'in_transit', NOW - 52 * H);
    expect(buildSections([stalled], [], NOW).map((s) => s.id)).toEqual(['attention']);
    expect(buildSections([{ ...stalled, latestEvent: { time: NOW - H, text: '到达【杭州转运中心】' } }], [], NOW).map((s) => s.id)).toEqual(['in_transit']);
    const noScan = parcel('10', 'unknown', NOW, { latestEvent: undefined, firstSeen: NOW - 30 * H });
    expect(buildSections([noScan], [], NOW).map((s) => s.id)).toEqual(['attention']);
    // waiting at a station stays in the pickup section, however long
    expect(buildSections([parcel('11', 'awaiting_collection', NOW - 72 * H)], [], NOW).map((s) => s.id)).toEqual(['awaiting_collection']);
    expect(needsUserCount([stalled], NOW)).toBe(1);
  });
});
