// The popup's evidence loader over a real (in-memory) database: which records an alert's text is made from, and
// the text in the shopper's language with the platform's after-sale link.
import { describe, expect, it, vi } from 'vitest';
import { orderAlerts, parcelAlerts } from '../../../src/core/alerts';
import type { EventRecord, OrderRecord, ParcelRecord } from '../../../src/core/model';
import { getMessageFor } from './locale';

vi.mock('../../../src/shared/browser', () => ({
  browser: { i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor('zh_CN')(k, s), getUILanguage: () => 'zh-CN' } },
}));

const { getDb } = await import('../../../src/db/schema');
const { evidenceFor, loadEvidenceRecords } = await import('../../../src/ui/popup/evidence-copy');

const H = 3600_000;
const NOW = Date.now();
const order: OrderRecord = {
  key: 'pdd:260101-123456789', platform: 'pdd', orderId: '260101-123456789', shopName: '果园直发店', items: [{ title: '赣南脐橙 5斤' }], status: 'shipped',
  paidAt: NOW - 70 * H, promise: { kind: 'deliver_by', text: '预计11月20日送达', at: NOW - 6 * H }, parcelKeys: ['yto:YT7512345678901', 'sf:SF1234567890123'],
  firstSeen: NOW - 70 * H, lastSeen: NOW, sources: {},
};
const base = { orderKeys: [order.key], platforms: ['pdd' as const], nextCheckAt: 0, archived: 0 as const, firstSeen: NOW - 60 * H, lastSeen: NOW, updatedAt: NOW, sources: {} };
const returned: ParcelRecord = { ...base, key: 'sf:SF1234567890123', carrier: 'sf', trackingNo: 'SF1234567890123', direction: 'return', status: 'in_transit' };
const outbound: ParcelRecord = {
  ...base, key: 'yto:YT7512345678901', carrier: 'yto', trackingNo: 'YT7512345678901', direction: 'outbound', status: 'in_transit', shippedAt: NOW - 60 * H,
  latestEvent: { time: NOW - 20 * H, text: '快件已到达【南昌转运中心】', location: '南昌转运中心' },
};
const events: EventRecord[] = [
  { id: 'a', parcelKey: outbound.key, time: NOW - 50 * H, text: '【赣州市】圆通速递 已揽收', status: 'picked_up' },
  { id: 'b', parcelKey: outbound.key, time: NOW - 20 * H, text: '快件已到达【南昌转运中心】', location: '南昌转运中心', status: 'in_transit' },
];

describe('evidence loader', () => {
  it('an order alert speaks of the order and its outbound parcel (not the return), with that parcel events', async () => {
    const db = getDb();
    await db.orders.put(order);
    await db.parcels.bulkPut([returned, outbound]);
    await db.events.bulkPut(events);
    const alert = orderAlerts(order, [outbound, returned], NOW).find((a) => a.kind === 'promise_missed')!;
    expect(alert.parcelKey).toBeUndefined();
    const r = await loadEvidenceRecords(alert);
    expect(r.orders.map((o) => o.key)).toEqual([order.key]);
    expect(r.parcel?.key).toBe(outbound.key);
    expect(r.events.map((e) => e.id).sort()).toEqual(['a', 'b']);

    const text = await evidenceFor(alert);
    expect(text.split('\n')[0]).toBe('拼多多 订单号：260101-123456789（店铺：果园直发店）');
    expect(text).toContain('未兑现承诺“预计11月20日送达”，已超时 6 小时');
    expect(text).toContain('首次揽收：');
    expect(text).toContain('【赣州市】圆通速递 已揽收');
    expect(text).toContain('售后/投诉入口：https://mobile.yangkeduo.com/complaint_list.html');
    expect(text).not.toContain('YT7512345678901');
  });

  it('a parcel alert reads the parcel, its orders and its events', async () => {
    const alert = parcelAlerts({ ...outbound, latestEvent: { ...outbound.latestEvent!, time: NOW - 50 * H } }, NOW)[0];
    expect(alert.kind).toBe('stalled');
    const r = await loadEvidenceRecords(alert);
    expect(r.parcel?.key).toBe(outbound.key);
    expect(r.orders.map((o) => o.key)).toEqual([order.key]);
    expect(r.events).toHaveLength(2);
  });
});
