// @vitest-environment happy-dom
// Issue #16 on the generic-scan platforms (Douyin, Kuaishou): every after-sale page state and a door promise.
import { describe, expect, it } from 'vitest';
import { createDouyinAdapter } from '../../../../src/platforms/douyin/index';
import { createKuaishouAdapter } from '../../../../src/platforms/kuaishou/index';
import { expectValidObservations, htmlDocument, readFixture } from './fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0); // 2024-11-25 12:00 China time
const H = 3600_000;
const cn = (s: string) => Date.parse(`${s}+08:00`);
const douyin = createDouyinAdapter({ now: () => NOW });
const kuaishou = createKuaishouAdapter({ now: () => NOW });

describe('Douyin after-sale states (aftersale-states.json)', () => {
  const r = douyin.parsePayload(readFixture('douyin', 'aftersale-states.json'), new URL('https://haohuo.jinritemai.com/ecom/aftersale/list?page=1'), new URL('https://haohuo.jinritemai.com/views/aftersale/list'))!;
  const byId = new Map(r.orders.map((o) => [o.orderId, o]));

  it('is a well-formed after-sale result', () => {
    expect(r.source).toBe('after_sale');
    expectValidObservations(r);
    expect(r.diagnostics).toEqual([]);
  });

  it('requested', () => {
    expect(byId.get('6928104417280213601')).toMatchObject({ status: 'refunding', afterSale: { state: 'requested', kind: 'return', stateText: '待商家处理' } });
  });

  it('pickup booked, with the window as the page shows it', () => {
    expect(byId.get('6928104417280213602')?.afterSale).toMatchObject({
      state: 'pickup_booked',
      pickupWindow: { from: cn('2024-11-25T14:00:00'), to: cn('2024-11-25T16:00:00'), text: expect.stringContaining('14:00-16:00') },
    });
  });

  it('picked up: the return parcel carries its pickup scan', () => {
    expect(byId.get('6928104417280213603')?.afterSale?.state).toBe('picked_up');
    expect(r.parcels.find((p) => p.trackingNo === 'YT7512345670002')).toMatchObject({ direction: 'return', orderIds: ['6928104417280213603'] });
  });

  it('received by the shop, with the promised refund date', () => {
    expect(byId.get('6928104417280213604')?.afterSale).toMatchObject({ state: 'received', refundDue: { at: cn('2024-11-27T23:59:59'), text: '预计11月27日前退款到账' } });
  });

  it('exchange: the new parcel to the shopper is outbound and flagged on the same order, the returned one is a return', () => {
    expect(byId.get('6928104417280213605')?.afterSale).toMatchObject({ state: 'received', kind: 'exchange' });
    expect(r.parcels.find((p) => p.trackingNo === '4312345678902')).toMatchObject({ direction: 'outbound', exchange: true, orderIds: ['6928104417280213605'] });
    expect(r.parcels.find((p) => p.trackingNo === '73587654320001')).toMatchObject({ direction: 'return', orderIds: ['6928104417280213605'] });
    expect(r.parcels.find((p) => p.trackingNo === '73587654320001')?.exchange).toBeUndefined();
  });
});

describe('Douyin door promise (order-detail-door.html)', () => {
  it('records 音尊达 · 送货上门 as shown, and the 签收-at-station line is among the parcel events', () => {
    const r = douyin.parseDocument(htmlDocument(readFixture('douyin', 'order-detail-door.html')), new URL('https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213620'));
    expectValidObservations(r);
    expect(r.orders[0]).toMatchObject({ orderId: '6928104417280213620', service: { text: '音尊达 · 送货上门', door: true } });
    expect(r.parcels[0].events?.map((e) => e.text)).toContain('已签收，签收人：菜鸟驿站，如有疑问请联系');
  });
});

describe('Kuaishou after-sale states (refund-states.json)', () => {
  const r = kuaishou.parsePayload(readFixture('kuaishou', 'refund-states.json'), new URL('https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list'), new URL('https://app.kwaixiaodian.com/page/kwaishop-buyer-refund-list'))!;
  const state = (oid: string) => r.orders.find((o) => o.orderId === oid)?.afterSale;

  it('reads every state', () => {
    expectValidObservations(r);
    expect(r.source).toBe('after_sale');
    expect(state('2411221234567901')).toMatchObject({ state: 'requested', kind: 'return' });
    expect(state('2411221234567902')).toMatchObject({ state: 'pickup_booked', pickupWindow: { from: cn('2024-11-25T09:00:00'), to: cn('2024-11-25T11:00:00') } });
    expect(state('2411221234567903')).toMatchObject({ state: 'in_transit_back' });
    expect(state('2411221234567904')).toMatchObject({ state: 'received', refundDue: { at: NOW + 48 * H } });
    expect(state('2411221234567905')).toMatchObject({ state: 'refunded', kind: 'refund_only' });
    expect(r.orders.find((o) => o.orderId === '2411221234567905')?.status).toBe('refunded');
  });
});

describe('seller open-platform names, in case buyer answers reuse them (docs/after-sale-sources.md)', () => {
  it('Douyin aftersale_status codes give the state where no words do; words win over the code', () => {
    const r = douyin.parsePayload(readFixture('douyin', 'aftersale-seller-names.json'), new URL('https://haohuo.jinritemai.com/ecom/aftersale/list?page=1'), new URL('https://haohuo.jinritemai.com/views/aftersale/list'))!;
    expectValidObservations(r);
    const a = (id: string) => r.orders.find((o) => o.orderId === id)?.afterSale;
    expect(a('6928104417280213701')).toEqual({ state: 'requested', kind: 'return' });
    expect(a('6928104417280213702')).toEqual({ state: 'in_transit_back', kind: 'return' });
    // logistics_code is the return waybill in 抖店's after-sale record.
    expect(r.parcels).toEqual([{ trackingNo: 'YT7512345670702', carrierName: '圆通速递', direction: 'return', orderIds: ['6928104417280213702'] }]);
    expect(a('6928104417280213703')).toEqual({ state: 'refunded', kind: 'refund_only' });
    expect(a('6928104417280213704')).toEqual({ state: 'exchanged', kind: 'exchange' });
    // 27 (商家一次拒绝) leaves the shopper a next step: not read.
    expect(a('6928104417280213705')).toBeUndefined();
    expect(a('6928104417280213706')).toMatchObject({ state: 'refunded', stateText: '退款成功' });
    expect(r.orders.find((o) => o.orderId === '6928104417280213703')?.status).toBe('refunded');
  });

  it('Kuaishou refund status codes, only on a refund record (an order with its own status code is not one)', () => {
    const r = kuaishou.parsePayload(readFixture('kuaishou', 'refund-seller-names.json'), new URL('https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list'), new URL('https://app.kwaixiaodian.com/page/kwaishop-buyer-refund-list'))!;
    expectValidObservations(r);
    const a = (id: string) => r.orders.find((o) => o.orderId === id)?.afterSale;
    expect(a('2411221234567911')?.state).toBe('requested');
    expect(a('2411221234567912')?.state).toBe('in_transit_back');
    expect(a('2411221234567913')?.state).toBe('received');
    expect(a('2411221234567914')?.state).toBe('refunded');
    expect(a('2411221234567915')).toBeUndefined();
    expect(a('2411221234567916')).toBeUndefined();
  });

  it('each platform reads its own code keys only', () => {
    const body = JSON.stringify({ data: { list: [{ aftersale_id: '7301234567890123799', order_id: '6928104417280213799', aftersale_status: 12 }] } });
    const r = douyin.parsePayload(body, new URL('https://haohuo.jinritemai.com/ecom/aftersale/list'), new URL('https://haohuo.jinritemai.com/views/aftersale/list'));
    expect(r?.orders.find((o) => o.orderId === '6928104417280213799')?.afterSale?.state).toBe('refunded');
    const k = kuaishou.parsePayload(body, new URL('https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list'), new URL('https://app.kwaixiaodian.com/page/kwaishop-buyer-refund-list'));
    // Kuaishou's table is keyed by status / refund_status, not aftersale_status.
    expect(k?.orders.find((o) => o.orderId === '6928104417280213799')?.afterSale).toBeUndefined();
  });
});
