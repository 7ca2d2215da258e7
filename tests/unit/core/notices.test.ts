import { describe, expect, it } from 'vitest';
import { alertAsOfNow, currentNotices, deliveryId, planDelivery, statusNotice, STATUS_NOTICE_FRESH_MS, wanted, type Notice } from '../../../src/core/notices';
import { afterSaleAlerts, DEFAULT_THRESHOLDS } from '../../../src/core/alerts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';

const NOW = Date.UTC(2026, 10, 22, 4); // 12:00 in China
const H = 3600_000;
const parcel = (p: Partial<ParcelRecord>): ParcelRecord => ({
  key: 'zto:73100059800035',
  carrier: 'zto',
  trackingNo: '73100059800035',
  direction: 'outbound',
  orderKeys: ['taobao:1'],
  platforms: ['taobao'],
  status: 'in_transit',
  nextCheckAt: 0,
  archived: 0,
  firstSeen: NOW - 50 * H,
  lastSeen: NOW,
  updatedAt: NOW - H,
  sources: {},
  ...p,
});

describe('statusNotice', () => {
  it('keys out-for-delivery by China day, so a second attempt the next day notifies again', () => {
    const a = statusNotice(parcel({ status: 'out_for_delivery', latestEvent: { time: NOW - H, text: '派送中' } }), NOW);
    const b = statusNotice(parcel({ status: 'out_for_delivery', latestEvent: { time: NOW - 2 * H, text: '派送中' } }), NOW);
    const nextDay = statusNotice(parcel({ status: 'out_for_delivery', latestEvent: { time: NOW + 20 * H, text: '再次派送' } }), NOW + 21 * H);
    expect(a?.key).toBe('out_for_delivery:zto:73100059800035:2026-11-22');
    expect(b?.key).toBe(a?.key);
    expect(nextDay?.key).toBe('out_for_delivery:zto:73100059800035:2026-11-23');
  });

  it('says nothing of a parcel delivered only because its order ended (no carrier line, no time), but does of a real sign-off', () => {
    expect(statusNotice(parcel({ status: 'delivered', updatedAt: NOW }), NOW)).toBeUndefined();
    expect(statusNotice(parcel({ status: 'delivered', deliveredAt: NOW - H, latestEvent: { time: NOW - H, text: '已签收，签收人：本人' } }), NOW)?.kind).toBe('delivered');
  });

  it('keys a station arrival by its pickup code', () => {
    const n = statusNotice(parcel({ status: 'awaiting_collection', pickupCode: '4-6-7602', station: '菜鸟驿站', latestEvent: { time: NOW - H, text: '已到驿站' } }), NOW);
    expect(n).toMatchObject({ key: 'awaiting_collection:zto:73100059800035:4-6-7602', pickupCode: '4-6-7602', station: '菜鸟驿站', type: 'awaiting_collection' });
  });

  it('does not notify old history (first capture of a parcel delivered last week) or archived parcels', () => {
    expect(statusNotice(parcel({ status: 'delivered', deliveredAt: NOW - STATUS_NOTICE_FRESH_MS - 1 }), NOW)).toBeUndefined();
    expect(statusNotice(parcel({ status: 'delivered', deliveredAt: NOW - STATUS_NOTICE_FRESH_MS + 1 }), NOW)?.key).toBe('delivered:zto:73100059800035');
    expect(statusNotice(parcel({ status: 'delivered', deliveredAt: NOW, archived: 1 }), NOW)).toBeUndefined();
  });

  it('has nothing to say about moving parcels', () => {
    expect(statusNotice(parcel({ status: 'in_transit', latestEvent: { time: NOW, text: '运输中' } }), NOW)).toBeUndefined();
  });
});

describe('currentNotices', () => {
  it('includes parcel alerts with their evidence and order alerts', () => {
    const stalled = parcel({ latestEvent: { time: NOW - 52 * H, text: '已发出', location: '杭州转运中心' } });
    const order: OrderRecord = { key: 'douyin:9', platform: 'douyin', orderId: '9', items: [], status: 'unshipped', paidAt: NOW - 50 * H, parcelKeys: [], firstSeen: NOW - 50 * H, lastSeen: NOW, sources: {} };
    const ns = currentNotices([stalled], [{ order, parcels: [] }], NOW, DEFAULT_THRESHOLDS);
    expect(ns.map((n) => n.alert?.kind)).toEqual(['stalled', 'not_shipped']);
    expect(ns[0].alert?.evidence).toMatchObject({ hours: 52, location: '杭州转运中心' });
    // at the threshold: not yet
    expect(currentNotices([parcel({ latestEvent: { time: NOW - 48 * H, text: '已发出' } })], [], NOW, DEFAULT_THRESHOLDS)).toEqual([]);
  });
});

describe('delivery plan', () => {
  const n = (key: string, at: number): Notice => ({ key, kind: 'delivered', type: 'delivered', at });
  it('shows one or two separately, three or more as one summary, newest first', () => {
    expect(planDelivery([n('a', 1), n('b', 2)]).map((d) => (d.kind === 'single' ? d.notice.key : ''))).toEqual(['b', 'a']);
    const [summary, ...rest] = planDelivery([n('a', 1), n('b', 3), n('c', 2)]);
    expect(rest).toEqual([]);
    expect(summary.kind === 'summary' && summary.notices.map((x) => x.key)).toEqual(['b', 'c', 'a']);
  });

  it('gives a summary a stable id that depends on its contents', () => {
    const d1 = planDelivery([n('a', 1), n('b', 2), n('c', 3)])[0];
    const d2 = planDelivery([n('c', 3), n('a', 1), n('b', 2)])[0];
    const d3 = planDelivery([n('a', 1), n('b', 2), n('d', 3)])[0];
    expect(deliveryId(d1)).toBe(deliveryId(d2));
    expect(deliveryId(d1)).not.toBe(deliveryId(d3));
  });

  it('respects the master switch and per-type switches', () => {
    const s = DEFAULT_SETTINGS.notifications;
    expect(wanted(n('a', 1), s)).toBe(true);
    expect(wanted(n('a', 1), { ...s, types: { ...s.types, delivered: false } })).toBe(false);
    expect(wanted(n('a', 1), { ...s, enabled: false })).toBe(false);
  });
});

describe('alertAsOfNow (a notification\'s evidence button, pressed later)', () => {
  const o: OrderRecord = {
    key: 'taobao:1', platform: 'taobao', orderId: '1', items: [], status: 'refunding', parcelKeys: [], firstSeen: NOW - 100 * H, lastSeen: NOW, sources: {},
    afterSale: { state: 'in_transit_back', since: { in_transit_back: NOW - 50 * H }, observedAt: NOW - H, refundDue: { at: NOW - 5 * H, text: '预计11月22日前退款' } },
  };
  const notified = afterSaleAlerts(o, [], NOW)[0];
  it('is the same alert recomputed while it holds (how late grows), and as notified once it cleared', () => {
    expect(notified).toMatchObject({ kind: 'refund_late', evidence: { hours: 5 } });
    expect(alertAsOfNow(notified, [o], [], NOW + 20 * H)).toMatchObject({ key: notified.key, evidence: { hours: 25 } });
    const refunded = { ...o, afterSale: { ...o.afterSale!, state: 'refunded' as const } };
    expect(alertAsOfNow(notified, [refunded], [], NOW + 20 * H)).toBe(notified);
    // another order's alert with another key is never taken for it
    expect(alertAsOfNow(notified, [{ ...o, key: 'taobao:2' }], [], NOW + 20 * H)).toBe(notified);
  });
});
