// Issue #16: door-delivery promises and return / refund alerts — readers, merge monotonicity, each rule at and
// around its threshold, once-per-fact notices and the settings switches.
import { describe, expect, it } from 'vitest';
import { REFUND_AFTER_RECEIPT, REFUND_WINDOW_SOURCES, RETURN_STATES, stationEnd, type ReturnState } from '../../../src/core/after-sale';
import { readAfterSaleKind, readDeliveryService, readPickupWindow, readRefundDue, readReturnState, serviceFrom } from '../../../src/core/after-sale-read';
import { afterSaleAlerts, DEFAULT_THRESHOLDS, doorPromiseAlert, orderAlerts, effectiveReturn } from '../../../src/core/alerts';
import { mergeAfterSale, MemoryMergeState, type NormalizedBatch } from '../../../src/core/merge';
import type { AfterSaleRecord, OrderRecord, ParcelRecord } from '../../../src/core/model';
import { currentNotices } from '../../../src/core/notices';
import { alertKindOn, DEFAULT_SETTINGS, parseSettings } from '../../../src/core/settings';
import { eventStatus } from '../../../src/core/status';

const H = 3600_000;
const NOW = Date.UTC(2026, 10, 22, 4); // 12:00 in China
const cn = (s: string) => Date.parse(`${s}+08:00`);

const order = (o: Partial<OrderRecord> = {}): OrderRecord => ({
  key: 'taobao:1',
  platform: 'taobao',
  orderId: '1',
  items: [],
  status: 'shipped',
  parcelKeys: ['zto:73100059800035'],
  firstSeen: NOW - 72 * H,
  lastSeen: NOW,
  sources: {},
  ...o,
});
const parcel = (p: Partial<ParcelRecord> = {}): ParcelRecord => ({
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
const ev = (time: number, text: string, location?: string) => ({ time, text, location, status: eventStatus({ time, text }) });
const afterSale = (a: Partial<AfterSaleRecord> & { state: ReturnState }): AfterSaleRecord => ({ since: { [a.state]: NOW - 100 * H }, observedAt: NOW - H, ...a });

describe('door-delivery services', () => {
  it('reads door promises in the page words, and not pickups or refusals', () => {
    expect(readDeliveryService('送货上门')).toEqual({ text: '送货上门', door: true });
    expect(readDeliveryService(' 音尊达 · 送货上门 ')).toEqual({ text: '音尊达 · 送货上门', door: true });
    expect(readDeliveryService('音需达')?.door).toBe(true);
    expect(readDeliveryService('京准达')?.door).toBe(true);
    expect(readDeliveryService('211限时达')?.door).toBe(true);
    expect(readDeliveryService('次日达')).toEqual({ text: '次日达', door: false });
    expect(readDeliveryService('上门取件')).toBeUndefined();
    expect(readDeliveryService('该地区暂不支持送货上门')).toBeUndefined();
    expect(readDeliveryService('快递到驿站自提')).toBeUndefined();
    expect(readDeliveryService('明前龙井 250g 礼盒装')).toBeUndefined();
  });

  it('prefers a door promise to a speed one among several texts', () => {
    expect(serviceFrom(['次日达', undefined, '送货上门'])).toEqual({ text: '送货上门', door: true });
    expect(serviceFrom(['极速达'])).toEqual({ text: '极速达', door: false });
  });
});

describe('stationEnd', () => {
  it('finds the station drop, including 签收 at a station (the trap) and a locker pick-up line', () => {
    const t0 = NOW - 30 * H;
    expect(stationEnd([ev(t0, '【杭州】派送中'), ev(t0 + H, '已签收，签收人：菜鸟驿站')])?.text).toBe('已签收，签收人：菜鸟驿站');
    expect(stationEnd([ev(t0, '快件已被【丰巢的文一路店丰巢柜】代收，请及时取件')])?.text).toContain('丰巢');
    expect(stationEnd([ev(t0, '您的快递已签收, 签收人在【丰巢智能柜】领取')])?.text).toContain('丰巢');
    expect(stationEnd([ev(t0, '快件已到达兔喜生活文一路店，请凭取件码 5-3858 取件', '杭州')])).toEqual({ time: t0, text: '快件已到达兔喜生活文一路店，请凭取件码 5-3858 取件', location: '杭州' });
  });

  it('keeps the first event of the stay when the shopper takes it out later', () => {
    const t0 = NOW - 30 * H;
    const end = stationEnd([ev(t0 + 2 * H, '已取件'), ev(t0, '已放入菜鸟驿站，请凭1-2-3333取件'), ev(t0 - H, '派送中')]);
    expect(end?.time).toBe(t0);
  });

  it('is none for a door delivery, and none once a courier takes it on from the station', () => {
    const t0 = NOW - 30 * H;
    expect(stationEnd([ev(t0, '派送中'), ev(t0 + H, '已签收，签收人：本人')])).toBeUndefined();
    expect(stationEnd([ev(t0, '已签收，签收人：家人代收')])).toBeUndefined();
    expect(stationEnd([ev(t0, '已放入菜鸟驿站'), ev(t0 + H, '快递员正在派送，应客户要求送货上门')])).toBeUndefined();
  });
});

describe('after-sale readers', () => {
  it('reads each state from page words (and Taobao refund codes)', () => {
    const cases: [string, ReturnState][] = [
      ['买家申请退货退款，等待商家处理', 'requested'],
      ['商家已同意，请退货', 'requested'],
      ['WAIT_SELLER_AGREE', 'requested'],
      ['已预约上门取件', 'pickup_booked'],
      ['快递员已上门取件', 'picked_up'],
      ['买家已退货，等待卖家确认收货', 'in_transit_back'],
      ['待商家收货', 'in_transit_back'],
      ['商家已收货，待商家退款', 'received'],
      ['退款成功', 'refunded'],
      ['SUCCESS', 'refunded'],
      ['换货成功', 'exchanged'],
      ['退款关闭', 'closed'],
      ['售后已撤销', 'closed'],
    ];
    for (const [text, state] of cases) expect([text, readReturnState(text)]).toEqual([text, state]);
    expect(readReturnState('卖家已发货')).toBe('received'); // an exchange's new parcel leaves only after the return arrived
    expect(readReturnState('明前龙井 250g')).toBeUndefined();
    expect(readAfterSaleKind('退货退款')).toBe('return');
    expect(readAfterSaleKind('换货')).toBe('exchange');
    expect(readAfterSaleKind('仅退款')).toBe('refund_only');
  });

  it('reads a booked pickup window in China time, year and relative day from the page time', () => {
    const ref = cn('2026-11-22T12:00:00');
    expect(readPickupWindow('预约上门取件时间：11月23日 09:00-11:00', ref)).toEqual({
      from: cn('2026-11-23T09:00:00'),
      to: cn('2026-11-23T11:00:00'),
      text: '预约上门取件时间：11月23日 09:00-11:00',
    });
    expect(readPickupWindow('快递员将于明天 14:00~16:00 上门取件', ref)?.to).toBe(cn('2026-11-23T16:00:00'));
    expect(readPickupWindow('预约取件 2026-11-24', ref)?.to).toBe(cn('2026-11-24T23:59:59'));
    expect(readPickupWindow('上门取件', ref)).toBeUndefined();
    expect(readPickupWindow('11月23日 09:00-11:00 发货', ref)).toBeUndefined();
    // A year no real page shows is no window (fuzzing found "9999-12-31").
    expect(readPickupWindow('预约取件 9999-12-31 09:00-11:00', ref)).toBeUndefined();
  });

  it('reads a refund promise: a date, or a countdown rounded to the hour', () => {
    const ref = cn('2026-11-22T12:20:00');
    expect(readRefundDue('预计11月25日前退款到账', ref)?.at).toBe(cn('2026-11-25T23:59:59'));
    expect(readRefundDue('如果卖家在 9天23时 内未处理，系统将自动退款给您。', ref)?.at).toBe(cn('2026-12-02T12:00:00'));
    expect(readRefundDue('退款成功', ref)).toBeUndefined();
  });

  it('has a refund window with a source mark for every platform', () => {
    for (const [platform, hours] of Object.entries(REFUND_AFTER_RECEIPT)) {
      expect(hours).toBeGreaterThan(0);
      expect(REFUND_WINDOW_SOURCES[platform as keyof typeof REFUND_WINDOW_SOURCES]).toMatch(/^\[(?:G|V|V\?|S)\]/);
    }
  });
});

describe('door_promise_broken', () => {
  const stationEvent = { time: NOW - 3 * H, text: '已签收，签收人：菜鸟驿站', location: '杭州' };
  it('fires for a door promise and a station end, naming the event and the station', () => {
    const a = doorPromiseAlert(order({ service: { text: '送货上门', door: true } }), parcel({ status: 'awaiting_collection', stationEvent }), NOW);
    expect(a).toMatchObject({
      kind: 'door_promise_broken',
      key: 'door_promise_broken:zto:73100059800035',
      since: stationEvent.time,
      evidence: { eventText: '已签收，签收人：菜鸟驿站', eventTime: stationEvent.time, location: '杭州', promiseText: '送货上门', station: '菜鸟驿站', hours: 3 },
    });
  });

  it('does not fire without the door promise (speed service only), without a station end, for returns or archived parcels', () => {
    expect(doorPromiseAlert(order({ service: { text: '次日达', door: false } }), parcel({ stationEvent }), NOW)).toBeUndefined();
    expect(doorPromiseAlert(order({ service: { text: '送货上门', door: true } }), parcel({ status: 'delivered' }), NOW)).toBeUndefined();
    expect(doorPromiseAlert(order({ service: { text: '送货上门', door: true } }), parcel({ stationEvent, direction: 'return' }), NOW)).toBeUndefined();
    expect(doorPromiseAlert(order({ service: { text: '送货上门', door: true } }), parcel({ stationEvent, archived: 1 }), NOW)).toBeUndefined();
  });

  it('is part of orderAlerts', () => {
    const kinds = orderAlerts(order({ service: { text: '音尊达', door: true } }), [parcel({ stationEvent })], NOW).map((a) => a.kind);
    expect(kinds).toEqual(['door_promise_broken']);
  });
});

describe('return_pickup_missed at its threshold', () => {
  const to = NOW - 10 * H;
  const o = (state: ReturnState = 'pickup_booked') => order({ status: 'refunding', afterSale: afterSale({ state, pickupWindow: { from: to - 2 * H, to, text: '11月22日 00:00-02:00' } }) });
  const grace = DEFAULT_THRESHOLDS.pickupGraceHours! * H;
  const kinds = (x: OrderRecord, now: number, ps: ParcelRecord[] = []) => afterSaleAlerts(x, ps, now).map((a) => a.kind);

  it('fires just after the window plus grace, not at it or before', () => {
    expect(kinds(o(), to + grace - 1)).toEqual([]);
    expect(kinds(o(), to + grace)).toEqual([]);
    expect(kinds(o(), to + grace + 1)).toEqual(['return_pickup_missed']);
  });

  it('names the booked window and is keyed by it (a rebooked window is a new fact)', () => {
    const a = afterSaleAlerts(o(), [], to + grace + H)[0];
    expect(a).toMatchObject({ key: `return_pickup_missed:taobao:1:${to}`, evidence: { promiseText: '11月22日 00:00-02:00', deadline: to } });
  });

  it('clears when the page says picked up, or a return parcel has a pickup scan', () => {
    expect(kinds(o('picked_up'), NOW)).toEqual([]);
    const ret = parcel({ key: 'jt:JT5987654321098', direction: 'return', status: 'picked_up' });
    expect(effectiveReturn(o(), [ret])?.state).toBe('picked_up');
    expect(kinds(o(), NOW, [ret])).toEqual([]);
  });
});

describe('refund_overdue at the platform window', () => {
  const received = NOW - 500 * H;
  const mk = (platform: OrderRecord['platform'], state: ReturnState = 'received', kind?: AfterSaleRecord['kind']) =>
    order({ key: `${platform}:1`, platform, status: 'refunding', afterSale: afterSale({ state, kind, since: { received } }) });

  it('fires just after each platform window from the seller receiving it', () => {
    for (const platform of ['taobao', 'douyin', 'jd', 'pdd', 'kuaishou'] as const) {
      const edge = received + REFUND_AFTER_RECEIPT[platform] * H;
      expect(afterSaleAlerts(mk(platform), [], edge - 1)).toEqual([]);
      expect(afterSaleAlerts(mk(platform), [], edge)).toEqual([]);
      const a = afterSaleAlerts(mk(platform), [], edge + 1);
      expect(a.map((x) => x.kind)).toEqual(['refund_overdue']);
      expect(a[0].evidence.eventTime).toBe(received);
    }
  });

  it('takes the received time from a return parcel signed by the seller when the page has not said so', () => {
    const o = order({ platform: 'douyin', key: 'douyin:1', afterSale: afterSale({ state: 'in_transit_back', since: { in_transit_back: NOW - 100 * H } }) });
    const ret = parcel({ key: 'zto:73587654321098', direction: 'return', status: 'delivered', deliveredAt: NOW - 49 * H });
    expect(afterSaleAlerts(o, [ret], NOW).map((a) => [a.kind, a.since])).toEqual([['refund_overdue', NOW - 49 * H]]);
  });

  it('clears once refunded or closed; an exchange is never "not refunded"', () => {
    const late = received + 1000 * H;
    expect(afterSaleAlerts(mk('taobao', 'refunded'), [], late)).toEqual([]);
    expect(afterSaleAlerts(mk('taobao', 'closed'), [], late)).toEqual([]);
    expect(afterSaleAlerts(mk('taobao', 'received', 'exchange'), [], late)).toEqual([]);
  });
});

describe('refund_late at the promised time', () => {
  const at = NOW - 5 * H;
  const o = (state: ReturnState) => order({ status: 'refunding', afterSale: afterSale({ state, refundDue: { at, text: '预计11月22日前退款到账' } }) });
  it('fires just after the promised time, not at it or before, and clears when refunded', () => {
    expect(afterSaleAlerts(o('in_transit_back'), [], at - 1)).toEqual([]);
    expect(afterSaleAlerts(o('in_transit_back'), [], at)).toEqual([]);
    expect(afterSaleAlerts(o('in_transit_back'), [], at + 1).map((a) => [a.kind, a.evidence.promiseText])).toEqual([['refund_late', '预计11月22日前退款到账']]);
    expect(afterSaleAlerts(o('refunded'), [], at + 100 * H)).toEqual([]);
  });
});

describe('merge of the new fields is monotonic', () => {
  const batch = (observedAt: number, o: NormalizedBatch['orders'][number], parcels: NormalizedBatch['parcels'] = []): NormalizedBatch => ({
    platform: 'taobao',
    source: 'after_sale',
    url: 'https://refund2.taobao.com/dispute/detail.htm',
    observedAt,
    orders: [o],
    parcels,
  });

  it('never drops a captured door promise (a page without it, or with only a speed service, says nothing)', () => {
    const s = new MemoryMergeState();
    s.ingest(batch(NOW - 5 * H, { orderId: '1', service: { text: '送货上门', door: true } }));
    s.ingest(batch(NOW - 4 * H, { orderId: '1', statusText: '卖家已发货' }));
    s.ingest(batch(NOW - 3 * H, { orderId: '1', service: { text: '次日达', door: false } }));
    expect(s.orders.get('taobao:1')?.service).toEqual({ text: '送货上门', door: true });
    s.ingest(batch(NOW - 2 * H, { orderId: '1', service: { text: '音尊达 送货上门', door: true } }));
    expect(s.orders.get('taobao:1')?.service).toEqual({ text: '音尊达 送货上门', door: true });
  });

  it('never downgrades a return state, in any arrival order, and keeps the first time of each state', () => {
    const states = (['requested', 'pickup_booked', 'picked_up', 'received'] as const).map((state, i) => ({ state, t: NOW - (10 - i) * H }));
    const orders = [states, [...states].reverse(), [states[2], states[0], states[3], states[1]]];
    const results = orders.map((seq) => {
      const s = new MemoryMergeState();
      for (const x of seq) s.ingest(batch(x.t, { orderId: '1', afterSale: { state: x.state, stateText: x.state } }));
      return s.orders.get('taobao:1')?.afterSale;
    });
    for (const r of results) {
      expect(r?.state).toBe('received');
      expect(r?.since).toEqual(Object.fromEntries(states.map((x) => [x.state, x.t])));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('a stale page read late does not replace a newer pickup window, but fills a missing one', () => {
    const w1 = { to: NOW + 2 * H, text: '新的时间' };
    const w0 = { to: NOW - 20 * H, text: '旧的时间' };
    let r = mergeAfterSale(undefined, { state: 'pickup_booked', pickupWindow: w1 }, NOW);
    r = mergeAfterSale(r, { state: 'pickup_booked', pickupWindow: w0 }, NOW - 24 * H);
    expect(r?.pickupWindow).toEqual(w1);
    let r2 = mergeAfterSale(undefined, { state: 'pickup_booked' }, NOW);
    r2 = mergeAfterSale(r2, { state: 'pickup_booked', pickupWindow: w0 }, NOW - 24 * H);
    expect(r2?.pickupWindow).toEqual(w0);
    expect(mergeAfterSale(r, { state: 'bogus' as ReturnState }, NOW)).toEqual(r);
  });

  it('keeps an exchange parcel flagged and linked to the order, and records the station evidence from events', () => {
    const s = new MemoryMergeState();
    s.ingest({
      ...batch(NOW, { orderId: '1', service: { text: '送货上门', door: true } }),
      source: 'logistics',
      parcels: [
        {
          trackingNo: '73100059800035',
          carrierId: 'zto',
          orderIds: ['1'],
          exchange: true,
          events: [
            { time: NOW - 5 * H, text: '【杭州】派送中' },
            { time: NOW - 4 * H, text: '已签收，签收人：菜鸟驿站' },
          ],
        },
      ],
    });
    const p = s.parcels.get('zto:73100059800035')!;
    expect(p.exchange).toBe(true);
    expect(p.stationEvent).toEqual({ time: NOW - 4 * H, text: '已签收，签收人：菜鸟驿站' });
    expect(s.orders.get('taobao:1')?.parcelKeys).toEqual(['zto:73100059800035']);
    // A later line showing the courier took it on to the door clears the station end.
    s.ingest({ ...batch(NOW + H, { orderId: '1' }), source: 'logistics', parcels: [{ trackingNo: '73100059800035', carrierId: 'zto', orderIds: ['1'], events: [{ time: NOW - 3 * H, text: '快递员正在派送' }] }] });
    expect(s.parcels.get('zto:73100059800035')?.stationEvent).toBeUndefined();
    expect(RETURN_STATES).toContain('in_transit_back');
  });
});

describe('notices and switches', () => {
  const o = order({ service: { text: '送货上门', door: true } });
  const p = parcel({ status: 'awaiting_collection', stationEvent: { time: NOW - H, text: '已放入菜鸟驿站' } });

  it('one notice per fact, even when the parcel comes with two orders promising the door', () => {
    const o2 = order({ key: 'taobao:2', orderId: '2', service: { text: '送货上门', door: true } });
    const n = currentNotices([], [{ order: o, parcels: [p] }, { order: o2, parcels: [p] }], NOW, DEFAULT_THRESHOLDS);
    expect(n.filter((x) => x.alert?.kind === 'door_promise_broken').map((x) => x.key)).toEqual(['alert:door_promise_broken:zto:73100059800035']);
    const again = currentNotices([], [{ order: o, parcels: [p] }], NOW + 5 * H, DEFAULT_THRESHOLDS);
    expect(again.map((x) => x.key)).toEqual(n.map((x) => x.key).filter((k) => k.includes('door')));
  });

  it('a kind switched off gives no notice', () => {
    const off = parseSettings({ ...DEFAULT_SETTINGS, alertKinds: { ...DEFAULT_SETTINGS.alertKinds, door_promise_broken: false } });
    expect(alertKindOn(off, 'door_promise_broken')).toBe(false);
    expect(alertKindOn(off, 'refund_overdue')).toBe(true);
    expect(alertKindOn(off, 'stalled')).toBe(true);
    expect(currentNotices([], [{ order: o, parcels: [p] }], NOW, off.alerts, (k) => alertKindOn(off, k))).toEqual([]);
  });

  it('settings: switches default on, bad stored values fall back, the grace hours are a validated threshold', () => {
    const s = parseSettings({ alertKinds: { refund_late: 'no', refund_overdue: false }, alerts: { pickupGraceHours: 0 } });
    expect(s.alertKinds).toEqual({ door_promise_broken: true, return_pickup_missed: true, refund_overdue: false, refund_late: true });
    expect(s.alerts.pickupGraceHours).toBe(DEFAULT_THRESHOLDS.pickupGraceHours);
  });
});

describe('statistics of the last mile', () => {
  it('counts door promises kept and broken per platform and carrier, and return pickup / refund waits', async () => {
    const { deliveryStats } = await import('../../../src/core/stats');
    const door = order({ service: { text: '送货上门', door: true }, parcelKeys: ['zto:73100059800035', 'yto:YT7512345678901'] });
    const broken = parcel({ status: 'awaiting_collection' });
    const kept = parcel({ key: 'yto:YT7512345678901', carrier: 'yto', trackingNo: 'YT7512345678901', status: 'delivered', deliveredAt: NOW - 2 * H });
    const moving = parcel({ key: 'sto:773000000001', carrier: 'sto', trackingNo: '773000000001', orderKeys: ['taobao:1'], status: 'in_transit' });
    const mkEv = (pk: string, time: number, text: string) => ({ id: `${pk}|${time}|${text}`, parcelKey: pk, time, text, status: eventStatus({ time, text }) });
    const ret = order({
      key: 'douyin:7',
      platform: 'douyin',
      orderId: '7',
      parcelKeys: ['zto:73587654321098'],
      afterSale: afterSale({ state: 'refunded', since: { pickup_booked: NOW - 100 * H, picked_up: NOW - 90 * H, received: NOW - 60 * H, refunded: NOW - 12 * H } }),
    });
    const retParcel = parcel({ key: 'zto:73587654321098', trackingNo: '73587654321098', direction: 'return', orderKeys: ['douyin:7'], platforms: ['douyin'], status: 'delivered' });
    const events = [
      mkEv(broken.key, NOW - 10 * H, '已签收，签收人：菜鸟驿站'),
      mkEv(kept.key, NOW - 2 * H, '已签收，签收人：本人'),
      mkEv(moving.key, NOW - 2 * H, '运输中'),
    ];
    const s = deliveryStats([door, ret], [broken, kept, moving, retParcel], events, NOW);
    expect(s.lastMile.byPlatform.find((g) => g.key === 'taobao')).toMatchObject({ doorPromised: 2, doorBroken: 1, doorBrokenShare: 0.5 });
    expect(s.lastMile.byCarrier.find((g) => g.key === 'zto')).toMatchObject({ doorPromised: 1, doorBroken: 1 });
    expect(s.lastMile.byCarrier.find((g) => g.key === 'yto')).toMatchObject({ doorPromised: 1, doorBroken: 0 });
    expect(s.lastMile.byCarrier.find((g) => g.key === 'sto')).toBeUndefined(); // not arrived yet
    const dy = s.lastMile.byPlatform.find((g) => g.key === 'douyin')!;
    expect(dy.pickupWait).toEqual({ count: 1, median: 10, p90: 10 });
    expect(dy.refundWait).toEqual({ count: 1, median: 48, p90: 48 });
  });
});
