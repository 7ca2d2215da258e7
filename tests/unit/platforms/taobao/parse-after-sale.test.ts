// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { describe, expect, it } from 'vitest';
import { taobao } from '../../../../src/platforms/taobao/index';
import { docFrom, expectWellFormed, fixture, PAGE_URLS } from './helpers';

const url = new URL(PAGE_URLS['after-sale-return.html']);

describe('after-sale / refund page', () => {
  it('return waybill → direction return, linked to the order; refund state → refunding', () => {
    const r = taobao.parseDocument(docFrom(fixture('after-sale-return.html')), url);
    expectWellFormed(r);
    expect(r.source).toBe('after_sale');
    expect(r.orders).toEqual([
      {
        orderId: '3951178345520917360',
        statusText: '等待卖家确认收货',
        status: 'refunding',
        url: 'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3951178345520917360',
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
