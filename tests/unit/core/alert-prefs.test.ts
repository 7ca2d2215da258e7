// Issue #16: each last-mile alert can be switched off everywhere — notifications (notices.test / last-mile.test),
// and here the popup's sections, rows, detail view and the toolbar badge count. A switched-off alert leaves the
// parcel in its own section (待取件, 已签收); an after-sale order whose alerts are all off is no row at all.
import { describe, expect, it } from 'vitest';
import { alertKindsOff, alertOnFrom, alertPrefsOf, alertThresholdsOf, DEFAULT_ALERT_PREFS, type AlertPrefs } from '../../../src/core/alert-prefs';
import { ALERT_KINDS, DEFAULT_THRESHOLDS, LAST_MILE_ALERTS, type AlertKind, type AlertThresholds } from '../../../src/core/alerts';
import type { AfterSaleRecord, OrderRecord, ParcelRecord } from '../../../src/core/model';
import { buildSections, type SectionEntry } from '../../../src/core/sections';
import { alertKindOn, DEFAULT_SETTINGS, parseSettings } from '../../../src/core/settings';
import { findByTrackingPrefix, needsUserTotal, loadSections, type PopupData } from '../../../src/db/popup-data';
import { loadSectionsInChunks } from '../../../src/db/popup-rows';
import { ParcelHubDb } from '../../../src/db/schema';
import { detailAlerts } from '../../../src/ui/popup/evidence-block';
import { doorAlertOf } from '../../../src/ui/popup/row';
import { rowHeight } from '../../../src/ui/popup/virtual-list';

const H = 3600_000;
const NOW = Date.UTC(2026, 10, 22, 4);

const stationEvent = { time: NOW - 3 * H, text: '【菜鸟驿站】您的快件已到站，请凭取件码取件', location: '杭州' };
const doorParcel: ParcelRecord = {
  key: 'zto:73100059800035', carrier: 'zto', trackingNo: '73100059800035', direction: 'outbound', orderKeys: ['douyin:1'], platforms: ['douyin'],
  status: 'awaiting_collection', latestEvent: stationEvent, stationEvent, nextCheckAt: 0, archived: 0, firstSeen: NOW - 50 * H, lastSeen: NOW, updatedAt: NOW - 3 * H, sources: {},
};
const doorOrder: OrderRecord = {
  key: 'douyin:1', platform: 'douyin', orderId: '1', items: [{ title: '电饭煲' }], status: 'shipped', parcelKeys: [doorParcel.key],
  service: { text: '音尊达 · 送货上门', door: true }, firstSeen: NOW - 72 * H, lastSeen: NOW, sources: {},
};
// Received by the seller 500 h ago (past every platform's refund window) and a refund promised 5 h ago: two alerts.
const afterSale: AfterSaleRecord = { state: 'received', since: { received: NOW - 500 * H }, observedAt: NOW - H, stateText: '商家已收货', refundDue: { at: NOW - 5 * H, text: '预计11月22日前退款' } };
const refundOrder: OrderRecord = {
  key: 'taobao:2', platform: 'taobao', orderId: '2', items: [{ title: '羽绒服' }], status: 'refunding', parcelKeys: [], afterSale,
  firstSeen: NOW - 600 * H, lastSeen: NOW, sources: {},
};

const off = (...kinds: AlertKind[]): AlertPrefs => ({ ...DEFAULT_ALERT_PREFS, on: alertOnFrom(kinds) });
const rows = (prefs = DEFAULT_ALERT_PREFS) =>
  buildSections([doorParcel], [doorOrder, refundOrder], NOW, prefs).map((s) => [s.id, s.entries.map((e) => (e.kind === 'parcel' ? e.parcel.key : `${e.order.key}:${e.alert?.kind}`))]);

describe('reading the switches without the validator', () => {
  it('agrees with parseSettings on every kind, for good, missing and bad stored values', () => {
    const raws: unknown[] = [
      undefined, null, 'x', [], {}, { alertKinds: null }, { alertKinds: [] }, { alertKinds: 'off' },
      { alertKinds: { door_promise_broken: false } },
      { alertKinds: { refund_late: 'no', refund_overdue: false, return_pickup_missed: 0, door_promise_broken: true } },
      { alertKinds: Object.fromEntries(LAST_MILE_ALERTS.map((k) => [k, false])) },
      { ...DEFAULT_SETTINGS, alertKinds: { ...DEFAULT_SETTINGS.alertKinds, return_pickup_missed: false } },
    ];
    for (const raw of raws) {
      const on = alertOnFrom(alertKindsOff(raw));
      const parsed = parseSettings(raw);
      for (const k of ALERT_KINDS) expect(on(k), `${JSON.stringify(raw)} ${k}`).toBe(alertKindOn(parsed, k));
    }
    expect(alertKindsOff({ alertKinds: { refund_late: false, stalled: false } })).toEqual(['refund_late']); // only last-mile kinds have switches
  });
});

describe('a switched-off alert is not shown', () => {
  it('an after-sale order: its first alert switched on is the row, none on is no row', () => {
    expect(rows()).toEqual([
      ['awaiting_collection', ['zto:73100059800035']],
      ['attention', ['taobao:2:refund_overdue']],
    ]);
    expect(rows(off('refund_overdue'))).toEqual([
      ['awaiting_collection', ['zto:73100059800035']],
      ['attention', ['taobao:2:refund_late']],
    ]);
    expect(rows(off('refund_overdue', 'refund_late'))).toEqual([['awaiting_collection', ['zto:73100059800035']]]);
    // switching an unrelated kind off changes nothing
    expect(rows(off('return_pickup_missed', 'door_promise_broken'))).toEqual(rows());
  });

  it('a broken door promise: the row keeps its section (待取件) and loses the alert; the detail view has no evidence for it', () => {
    const entry = { kind: 'parcel' as const, parcel: doorParcel };
    expect(doorAlertOf(entry, [doorOrder], NOW)?.kind).toBe('door_promise_broken');
    expect(doorAlertOf(entry, [doorOrder], NOW, off('door_promise_broken').on)).toBeUndefined();
    expect(doorAlertOf(entry, [doorOrder], NOW, off('refund_late').on)?.kind).toBe('door_promise_broken');
    expect(detailAlerts(doorParcel, [doorOrder], [], NOW).map((a) => a.kind)).toEqual(['door_promise_broken']);
    expect(detailAlerts(doorParcel, [doorOrder], [], NOW, off('door_promise_broken'))).toEqual([]);
    expect(detailAlerts(undefined, [refundOrder], [], NOW, off('refund_overdue')).map((a) => a.kind)).toEqual(['refund_late']);
  });

  it('the door row is laid out with its reason line only while the alert is on (nothing of the row is cut off)', () => {
    const row = { kind: 'entry' as const, section: 'awaiting_collection' as const, entry: { kind: 'parcel' as const, parcel: doorParcel } };
    const reasonWith = (prefs = DEFAULT_ALERT_PREFS) => (e: SectionEntry) => !!doorAlertOf(e, [doorOrder], NOW, prefs.on);
    const plain = rowHeight(row);
    expect(rowHeight(row, reasonWith())).toBe(plain + 19);
    expect(rowHeight(row, reasonWith(off('door_promise_broken')))).toBe(plain);
  });

  it('the indexed popup read and the badge count follow the switches', async () => {
    const db = new ParcelHubDb(`alert-prefs-${Math.random()}`);
    await db.parcels.bulkPut([doorParcel]);
    await db.orders.bulkPut([doorOrder, refundOrder]);
    const shape = async (prefs = DEFAULT_ALERT_PREFS) => (await loadSections(db, NOW, Infinity, prefs)).sections.map((s) => [s.id, s.count]);
    expect(await shape()).toEqual([['awaiting_collection', 1], ['attention', 1]]);
    expect(await needsUserTotal(db, NOW)).toBe(2);
    expect(await shape(off('refund_overdue', 'refund_late'))).toEqual([['awaiting_collection', 1]]);
    expect(await needsUserTotal(db, NOW, off('refund_overdue', 'refund_late'))).toBe(1);
    expect(await needsUserTotal(db, NOW, off('refund_overdue'))).toBe(2);
    // The first screen (a few rows, exact counts) agrees.
    expect((await loadSections(db, NOW, 1, off('refund_overdue', 'refund_late'))).sections.map((s) => [s.id, s.count])).toEqual([['awaiting_collection', 1]]);
    db.close();
  });
});

// The thresholds (settings `alerts`): the popup, its detail view and the badge judge a parcel by the hours the
// shopper set, as the notifications do — not by the defaults.
describe('the thresholds the shopper set', () => {
  it('are read without the validator exactly as parseSettings reads them', () => {
    const raws: unknown[] = [
      undefined, null, 7, [], {}, { alerts: null }, { alerts: [] }, { alerts: 'x' },
      { alerts: { stalledHours: 72 } },
      { alerts: { stalledHours: 72.5, unshippedHours: '96', outForDeliveryHours: 0, awaitingCollectionHours: 721, noPickupScanHours: 720, pickupGraceHours: 1 } },
      { alerts: { stalledHours: Number.NaN, unshippedHours: Number.POSITIVE_INFINITY, outForDeliveryHours: -3, awaitingCollectionHours: null, noPickupScanHours: true } },
      { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, pickupGraceHours: 6, stalledHours: 24 } },
    ];
    for (const raw of raws) expect(alertThresholdsOf(raw), JSON.stringify(raw)).toEqual(parseSettings(raw).alerts);
    expect(alertThresholdsOf({ alerts: { stalledHours: 72 } }).stalledHours).toBe(72);
    expect(alertThresholdsOf({ alerts: { stalledHours: 0 } }).stalledHours).toBe(DEFAULT_THRESHOLDS.stalledHours);
  });

  it('change the id only when a switch or a threshold changes (the popup and the badge re-read then)', () => {
    const base = { ...DEFAULT_SETTINGS };
    const id = (raw: unknown) => alertPrefsOf(raw).id;
    expect(id(base)).toBe(id(undefined));
    expect(id({ ...base, language: 'en', notifications: { ...base.notifications, enabled: false } })).toBe(id(base));
    expect(id({ ...base, alerts: { ...base.alerts, stalledHours: 72 } })).not.toBe(id(base));
    expect(id({ ...base, alerts: { ...base.alerts, pickupGraceHours: 3 } })).not.toBe(id(base));
    expect(id({ ...base, alertKinds: { ...base.alertKinds, refund_late: false } })).not.toBe(id(base));
    expect(id({ ...base, alerts: { ...base.alerts, stalledHours: 0 } })).toBe(id(base)); // invalid: the default
  });

  // In transit, its last scan 60 hours ago: stalled by the default 48 h, not when the shopper allows 72 h.
  const scan = { time: NOW - 60 * H, text: '【金华转运中心】已发出，下一站【杭州转运中心】', location: '金华' };
  const slow: ParcelRecord = {
    key: 'yto:YT7512345678901', carrier: 'yto', trackingNo: 'YT7512345678901', direction: 'outbound', orderKeys: ['pdd:9'], platforms: ['pdd'],
    status: 'in_transit', latestEvent: scan, nextCheckAt: 0, archived: 0, firstSeen: NOW - 80 * H, lastSeen: NOW - H, updatedAt: NOW - 60 * H, sources: {},
  };
  const slowOrder: OrderRecord = { key: 'pdd:9', platform: 'pdd', orderId: '9', items: [{ title: '保温杯' }], status: 'shipped', parcelKeys: [slow.key], firstSeen: NOW - 90 * H, lastSeen: NOW - H, sources: {} };
  const patient = (t: Partial<AlertThresholds>): AlertPrefs => alertPrefsOf({ alerts: { ...DEFAULT_THRESHOLDS, ...t } }).prefs;

  it('place a parcel by them: stalled (needs attention) or still in transit', () => {
    const sectionIds = (prefs?: AlertPrefs) => buildSections([slow], [slowOrder], NOW, prefs).map((s) => [s.id, s.entries.map((e) => e.alert?.kind ?? '')]);
    expect(sectionIds()).toEqual([['attention', ['stalled']]]);
    expect(sectionIds(patient({ stalledHours: 72 }))).toEqual([['in_transit', ['']]]);
    expect(sectionIds(patient({ stalledHours: 24 }))).toEqual([['attention', ['stalled']]]);
    expect(detailAlerts(slow, [slowOrder], [], NOW).map((a) => a.kind)).toEqual(['stalled']);
    expect(detailAlerts(slow, [slowOrder], [], NOW, patient({ stalledHours: 72 }))).toEqual([]);
  });

  it('the indexed reads, the chunked read, the number lookup and the badge agree with buildSections', async () => {
    const db = new ParcelHubDb(`alert-prefs-t-${Math.random()}`);
    await db.parcels.bulkPut([slow]);
    await db.orders.bulkPut([slowOrder]);
    for (const prefs of [DEFAULT_ALERT_PREFS, patient({ stalledHours: 72 })]) {
      const want = buildSections([slow], [slowOrder], NOW, prefs).map((s) => [s.id, s.entries.length]);
      expect((await loadSections(db, NOW, Infinity, prefs)).sections.map((s) => [s.id, s.count])).toEqual(want);
      expect((await loadSections(db, NOW, 1, prefs)).sections.map((s) => [s.id, s.count])).toEqual(want);
      let last: PopupData | undefined;
      for await (const { data } of loadSectionsInChunks(db, NOW, 50, undefined, prefs)) last = data;
      expect(last!.sections.map((s) => [s.id, s.entries.length])).toEqual(want);
      expect((await findByTrackingPrefix(db, 'YT75', NOW, 50, prefs)).sections.map((s) => [s.id, s.count])).toEqual(want);
    }
    expect(await needsUserTotal(db, NOW)).toBe(1);
    expect(await needsUserTotal(db, NOW, patient({ stalledHours: 72 }))).toBe(0);
    db.close();
  });
});
