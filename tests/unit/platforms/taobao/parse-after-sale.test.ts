// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { describe, expect, it } from 'vitest';
import { taobao } from '../../../../src/platforms/taobao/index';
import { parseAfterSaleDocument } from '../../../../src/platforms/taobao/parse-after-sale';
import { cst, docFrom, expectWellFormed, fixture, PAGE_URLS } from './helpers';

/** When the tests read the pages: relative times on them count from here. */
const NOW = cst('2026-11-20 20:00:00');
const read = (name: string) => parseAfterSaleDocument(docFrom(fixture(name)), new URL(PAGE_URLS[name]), NOW);

const url = new URL(PAGE_URLS['after-sale-return.html']);

describe('after-sale / refund page', () => {
  it('return waybill → direction return, linked to the order; refund state → refunding', () => {
    const r = read('after-sale-return.html');
    expectWellFormed(r);
    expect(r.source).toBe('after_sale');
    expect(r.orders).toEqual([
      {
        orderId: '3951178345520917360',
        statusText: '等待卖家确认收货',
        status: 'refunding',
        url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3951178345520917360',
        afterSale: {
          state: 'in_transit_back',
          // The labelled 退款状态 value speaks first.
          stateText: '等待卖家确认收货',
          kind: 'return',
          // "如果卖家在 9天23时 内未处理，系统将自动退款给您": the promised refund, counted from the page's time.
          refundDue: { at: NOW + (9 * 24 + 23) * 3600_000, text: '如果卖家在 9天23时 内未处理，系统将自动退款给您。' },
        },
      },
    ]);
    expect(r.parcels).toEqual([
      { trackingNo: 'JT5987654321098', carrierName: '极兔速递', direction: 'return', orderIds: ['3951178345520917360'] },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('refund completed, order id only in the page (Tmall host)', () => {
    const html = `<h2 class="status">退款成功</h2><dl><dt>订单编号：</dt><dd>4012556873190553821</dd></dl>`;
    const r = taobao.parseDocument(docFrom(html), new URL('https://refund2.tmall.com/dispute/detail.htm?disputeId=1'));
    expect(r.orders).toEqual([
      {
        orderId: '4012556873190553821',
        statusText: '退款成功',
        status: 'refunded',
        url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4012556873190553821',
        afterSale: { state: 'refunded', stateText: '退款成功' },
      },
    ]);
    expect(r.parcels).toEqual([]);
  });

  it('embedded JSON: return waybill found by key scan', () => {
    const data = JSON.stringify({ refund: { status: '退款中', returnLogistics: { logisticsCompanyName: '顺丰速运', mailNo: 'SF1423456789012' } } })
      .replace(/"/g, '\\"');
    const html = `<div id="app"></div><script>var data = JSON.parse('${data}');</script>`;
    const r = taobao.parseDocument(docFrom(html), url);
    expect(r.parcels).toEqual([
      { trackingNo: 'SF1423456789012', carrierName: '顺丰速运', direction: 'return', orderIds: ['3951178345520917360'] },
    ]);
    expect(r.orders[0].status).toBe('refunding');
  });

  it('an apply page with nothing yet gives nothing; a captcha page is reported', () => {
    const apply = new URL('https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=3951178345520917360');
    expect(taobao.parseDocument(docFrom('<form><select name="reason"></select></form>'), apply)).toEqual({
      source: 'after_sale',
      orders: [],
      parcels: [],
      diagnostics: [],
    });
    expect(taobao.parseDocument(docFrom(fixture('risk-slider.html')), apply).diagnostics[0].kind).toBe('risk_control');
  });
});

describe('after-sale page states (issue #16)', () => {
  const one = (name: string) => {
    const r = read(name);
    expectWellFormed(r);
    expect(r.diagnostics).toEqual([]);
    expect(r.orders).toHaveLength(1);
    return { order: r.orders[0], parcels: r.parcels };
  };

  it('requested: the state and the type, no parcel yet', () => {
    const { order, parcels } = one('after-sale-requested.html');
    expect(order.afterSale).toMatchObject({ state: 'requested', kind: 'return', stateText: '等待卖家同意' });
    expect(parcels).toEqual([]);
  });

  it('pickup booked: the window as the page shows it, in China time', () => {
    const { order, parcels } = one('after-sale-pickup-booked.html');
    expect(order.afterSale).toMatchObject({
      state: 'pickup_booked',
      pickupWindow: { from: cst('2026-11-21 09:00:00'), to: cst('2026-11-21 11:00:00'), text: '预约上门取件 11月21日 09:00-11:00' },
    });
    expect(parcels).toEqual([{ trackingNo: '73100059811111', carrierName: '中通快递', direction: 'return', orderIds: ['3951178345520917362'] }]);
  });

  it('picked up', () => {
    expect(one('after-sale-picked-up.html').order.afterSale).toMatchObject({ state: 'picked_up', stateText: '快递员已取件' });
  });

  it('received by the seller, with the promised refund date', () => {
    const { order } = one('after-sale-received.html');
    expect(order.afterSale).toMatchObject({ state: 'received', refundDue: { at: cst('2026-11-28 23:59:59'), text: '预计11月28日前退款到账。' } });
    expect(order.status).toBe('refunding');
  });

  it('refunded', () => {
    const { order } = one('after-sale-refunded.html');
    expect(order.afterSale).toMatchObject({ state: 'refunded', kind: 'return' });
    expect(order.status).toBe('refunded');
  });

  it('exchange: the new parcel to the shopper is outbound, flagged, on the same order; the return parcel stays a return', () => {
    const { order, parcels } = one('after-sale-exchange-shipped.html');
    expect(order.afterSale).toMatchObject({ state: 'received', kind: 'exchange' });
    expect(parcels).toEqual([
      { trackingNo: '4312345678901', carrierName: '韵达快递', direction: 'outbound', exchange: true, orderIds: ['3951178345520917366'] },
      { trackingNo: '73100059833333', carrierName: '中通快递', direction: 'return', orderIds: ['3951178345520917366'] },
    ]);
  });

  it('the adapter reads the same pages', () => {
    const r = taobao.parseDocument(docFrom(fixture('after-sale-pickup-booked.html')), new URL(PAGE_URLS['after-sale-pickup-booked.html']));
    expect(r.orders[0].afterSale?.state).toBe('pickup_booked');
  });
});

describe('refund pages as their page model (var disputeData, issue #16)', () => {
  it('pickup booked: window from the newest message, the main order from the 订单编号 row, the order’s own parcel outbound', () => {
    const r = read('after-sale-dispute-pickup.html');
    expectWellFormed(r);
    expect(r.diagnostics).toEqual([]);
    // Not the URL's sub-order id (…379).
    expect(r.orders.map((o) => o.orderId)).toEqual(['3951178345520917370']);
    expect(r.orders[0]).toMatchObject({
      status: 'refunding',
      url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3951178345520917370',
      afterSale: {
        state: 'pickup_booked',
        stateText: '买家已预约上门取件',
        kind: 'return',
        pickupWindow: { from: cst('2026-11-21 09:00:00'), to: cst('2026-11-21 11:00:00'), text: '取件时间：11月21日 09:00-11:00' },
      },
    });
    // logisticsDetail is the parcel the shopper received, not a return.
    expect(r.parcels).toEqual([{ trackingNo: 'YT7512345678070', carrierName: '圆通速递', direction: 'outbound', orderIds: ['3951178345520917370'] }]);
  });

  it('returned: the return parcel (logistics_*) is a return, the forward one outbound; the state from the newest message', () => {
    const r = read('after-sale-dispute-returned.html');
    expectWellFormed(r);
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({
      orderId: '3951178345520917371',
      url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=3951178345520917371',
      afterSale: { state: 'in_transit_back', kind: 'return' },
    });
    expect(r.parcels).toEqual([
      { trackingNo: 'YT7512345670071', carrierName: '圆通速递', direction: 'return', orderIds: ['3951178345520917371'] },
      { trackingNo: 'SF1423456789071', carrierName: '顺丰速运', direction: 'outbound', orderIds: ['3951178345520917371'] },
    ]);
  });

  it('the shopper’s refund list: one order per row, the status before <br/>, the type as the row says', () => {
    const r = read('after-sale-dispute-list.html');
    expectWellFormed(r);
    expect(r.diagnostics).toEqual([]);
    expect(r.parcels).toEqual([]);
    const by = new Map(r.orders.map((o) => [o.orderId, o]));
    expect(by.get('3951178345520917372')).toMatchObject({ statusText: '退款成功', status: 'refunded', afterSale: { state: 'refunded', kind: 'return' } });
    expect(by.get('3951178345520917373')).toMatchObject({ statusText: '等待卖家确认收货', status: 'refunding', afterSale: { state: 'in_transit_back', kind: 'return' } });
    expect(by.get('3951178345520917374')).toMatchObject({ statusText: '退款关闭', afterSale: { state: 'closed', kind: 'refund_only' } });
    expect(by.get('3951178345520917374')?.status).toBeUndefined();
    expect(r.orders).toHaveLength(3);
  });

  it('the process bar speaks when no message does: 退款完毕 done is a refund, a step in progress is awaited', () => {
    const model = (steps: { title: string; type: string }[]) =>
      `<script>var disputeData = ${JSON.stringify({
        data: {
          processBarContainer_34: { tag: 'processBarContainer', type: 'processBar', fields: { steps } },
          orderDetailRows_18: { tag: 'orderDetailRows', type: 'orderDetailRow', fields: { title: '订单编号', valueOptions: [{ text: '3951178345520917375' }] } },
        },
      })};</script>`;
    const done = taobao.parseDocument(docFrom(model([{ title: '买家申请仅退款', type: 'done' }, { title: '退款完毕', type: 'done' }])), url);
    expect(done.orders[0]).toMatchObject({ orderId: '3951178345520917375', status: 'refunded', afterSale: { state: 'refunded', stateText: '退款完毕' } });
    const doing = taobao.parseDocument(docFrom(model([{ title: '买家申请仅退款', type: 'done' }, { title: '卖家处理退款申请', type: 'doing' }, { title: '退款完毕', type: 'todo' }])), url);
    expect(doing.orders[0].afterSale).toMatchObject({ state: 'requested', stateText: '等待卖家处理退款申请' });
    // A step in progress is awaited, not done: "卖家确认收货" doing means the return is still on its way.
    const awaiting = taobao.parseDocument(docFrom(model([{ title: '买家退货', type: 'done' }, { title: '卖家确认收货', type: 'doing' }, { title: '退款完毕', type: 'todo' }])), url);
    expect(awaiting.orders[0].afterSale).toMatchObject({ state: 'in_transit_back', stateText: '等待卖家确认收货' });
  });
});
