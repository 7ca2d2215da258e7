// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { describe, expect, it } from 'vitest';
import { taobao } from '../../../../src/platforms/taobao/index';
import { cst, docFrom, expectWellFormed, fixture, LIST_URL, PAGE_URLS } from './helpers';

const parsePage = (name: string, url = PAGE_URLS[name]) => taobao.parseDocument(docFrom(fixture(name)), new URL(url));
const tbDetail = (id: string) => `https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=${id}`;

describe('Taobao trade_order_detail (var data = JSON.parse)', () => {
  it('split shipment: one order, two parcels from packageInfos.list', () => {
    const r = parsePage('detail-taobao-multi-package.html');
    expectWellFormed(r);
    expect(r.source).toBe('detail');
    expect(r.orders).toEqual([
      {
        orderId: '4107721093356402117',
        shopId: '2408160291',
        items: [
          { title: '奥特斯OTS-A3对讲机大功率 迷你小型', sku: '颜色分类：标配（发1台）', quantity: 1, price: 12000, imageUrl: 'https://img.alicdn.com/imgextra/i1/2408160291/O1CN01ME7I4c1E1KG7ydduo_!!2408160291.png_sum.jpg' },
          { title: '对讲机耳机 K头耳麦', sku: '颜色分类：黑色；大小：均码', quantity: 1, price: 3300, imageUrl: 'https://img.alicdn.com/imgextra/i2/2408160291/O1CN01earphone_!!2408160291.jpg_sum.jpg' },
        ],
        amount: 15300,
        createdAt: cst('2024-11-06 11:55:26'),
        paidAt: cst('2024-11-06 11:55:54'),
        statusText: '卖家已发货',
        status: 'shipped',
        url: tbDetail('4107721093356402117'),
        promise: { kind: 'ship_by', text: '11月08日 11:56前发货', at: cst('2024-11-08 11:56:00') },
      },
    ]);
    expect(r.parcels).toEqual([
      { trackingNo: '73100059805678', carrierName: '中通快递', orderIds: ['4107721093356402117'], shippedAt: cst('2024-11-07 12:39:38') },
      { trackingNo: 'YT7461234567890', carrierName: '圆通速递', orderIds: ['4107721093356402117'], shippedAt: cst('2024-11-08 09:10:00') },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('merged shipment: two orders, one waybill, seen on two detail pages', () => {
    const a = parsePage('detail-taobao-merged-a.html');
    const b = parsePage('detail-taobao-merged-b.html');
    const sf = (id: string) => ({ trackingNo: 'SF1423456789012', carrierName: '顺丰速运', orderIds: [id], shippedAt: cst('2024-11-04 17:45:10') });
    expect(a.parcels).toEqual([sf('4108835502719330218')]);
    expect(b.parcels).toEqual([sf('4108835502719330219')]);
    expect(a.orders[0]).toMatchObject({ orderId: '4108835502719330218', amount: 6800, status: 'shipped' });
    expect(b.orders[0]).toMatchObject({ orderId: '4108835502719330219', amount: 2590, status: 'shipped' });
  });

  it('a sub-order in refund marks the order refunding', () => {
    const html = fixture('detail-taobao-merged-a.html').replace('\\u672A\\u786E\\u8BA4\\u6536\\u8D27', '\\u9000\\u6B3E\\u4E2D'); // 未确认收货 → 退款中
    const r = taobao.parseDocument(docFrom(html), new URL(PAGE_URLS['detail-taobao-merged-a.html']));
    expect(r.orders[0].status).toBe('refunding');
  });
});

describe('Tmall orderDetail (var detailData = {…})', () => {
  it('reads order, parcel and delivery promise; the id comes from text, not the rounded number', () => {
    const r = parsePage('detail-tmall.html');
    expectWellFormed(r);
    expect(r.orders).toEqual([
      {
        orderId: '4109912200348857764',
        shopName: '小米官方旗舰店',
        items: [{ title: '米家声波电动牙刷 T302 全身水洗', itemId: '819225492008', sku: '颜色分类：银灰色', quantity: 1, price: 14980, imageUrl: 'https://img.alicdn.com/imgextra/i2/2211900559174/O1CN01J5OdOj2HdkX3L9OSn_!!2211900559174.jpg' }],
        amount: 12680,
        createdAt: cst('2024-11-07 14:42:42'),
        paidAt: cst('2024-11-07 14:42:51'),
        statusText: '待确认收货',
        status: 'shipped',
        url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4109912200348857764',
        tmall: true,
        promise: { kind: 'deliver_by', text: '预计11月10日送达', at: cst('2024-11-10 23:59:59') },
      },
    ]);
    // listed twice on the page (orders.list[].logistic and overStatus.prompt): one parcel
    expect(r.parcels).toEqual([
      { trackingNo: 'JT5123456789012', carrierName: '极兔速递', orderIds: ['4109912200348857764'], shippedAt: cst('2024-11-07 15:34:47') },
    ]);
  });
});

describe('archived order and fallbacks', () => {
  it('tradearchive table: td.label 物流公司： / 运单号：', () => {
    const r = parsePage('detail-archive.html');
    expect(r.orders).toEqual([
      { orderId: '3310045577820154433', url: 'https://tradearchive.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3310045577820154433' },
    ]);
    expect(r.parcels).toEqual([{ trackingNo: '4312345678901', carrierName: '韵达快递', orderIds: ['3310045577820154433'] }]);
  });

  it('visible text only (scripts ignored), reported as partial', () => {
    const r = parsePage('detail-dom-only.html');
    expect(r.parcels).toEqual([{ trackingNo: '773012345678901', carrierName: '申通快递', orderIds: ['4111122223333444455'] }]);
    expect(r.orders).toEqual([{ orderId: '4111122223333444455', url: tbDetail('4111122223333444455') }]);
    expect(r.diagnostics).toEqual([{ kind: 'partial', message: 'detail page read from visible text only' }]);
  });

  it('a page with nothing to read, and a captcha page', () => {
    const url = new URL(PAGE_URLS['detail-dom-only.html']);
    expect(taobao.parseDocument(docFrom('<p>加载中</p>'), url).diagnostics).toEqual([
      { kind: 'unrecognized', message: 'detail page: no order data found' },
    ]);
    expect(taobao.parseDocument(docFrom(fixture('risk-slider.html')), url).diagnostics[0].kind).toBe('risk_control');
  });

  it('detailData that is not JSON is reported, not evaluated', () => {
    const html = "<script>var detailData = {orders: {list: []}, note: 'js object'};</script>";
    const r = taobao.parseDocument(docFrom(html), new URL(PAGE_URLS['detail-tmall.html']));
    expect(r.diagnostics[0]).toEqual({ kind: 'unrecognized', message: 'Tmall detail: detailData is not JSON' });
  });
});

describe('mtop order.query.detail (no public sample: key scan)', () => {
  it('finds waybills by key and ties them to the order in the request', () => {
    const url = new URL(
      `https://h5api.m.taobao.com/h5/mtop.taobao.order.query.detailv2/1.0/?data=${encodeURIComponent('{"bizOrderId":"4107721093356402117"}')}`,
    );
    const body = JSON.stringify({
      api: 'mtop.taobao.order.query.detailV2',
      ret: ['SUCCESS::调用成功'],
      data: { data: { logisticsHolder_1: { fields: { cpName: '中通快递', mailNo: '73100059805678' } } } },
    });
    const r = taobao.parsePayload(body, url, LIST_URL)!;
    expect(r.parcels).toEqual([{ trackingNo: '73100059805678', carrierName: '中通快递', orderIds: ['4107721093356402117'] }]);
    const none = taobao.parsePayload('{"ret":["SUCCESS::调用成功"],"data":{"x":{"y":1}}}', url, LIST_URL)!;
    expect(none.diagnostics).toEqual([{ kind: 'unrecognized', message: 'order.query.detail: no tracking number found', shape: ['x.y'] }]);
  });
});
