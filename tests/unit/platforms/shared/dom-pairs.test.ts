// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractLabelledPairs, findPickupCode } from '../../../../src/platforms/shared/dom-pairs';
import { htmlDocument } from './fixture-helpers';

const pairs = (html: string) => extractLabelledPairs(htmlDocument(`<body>${html}</body>`).body);
const parcels = (html: string) => pairs(html).parcels;

describe('extractLabelledPairs', () => {
  it.each([
    ['same element', '<p>快递公司：中通快递</p><p>运单号：73512345678901</p>'],
    ['sibling elements', '<div><span>物流公司</span><span>中通快递</span></div><div><span>快递单号：</span><span>73512345678901</span><button>复制</button></div>'],
    ['dt/dd', '<dl><dt>承运公司</dt><dd>中通快递</dd><dt>物流单号</dt><dd>73512345678901</dd></dl>'],
    ['table td.label + td', '<table><tr><td class="label">快递公司</td><td>中通快递</td></tr><tr><td class="label">运单号</td><td>7351 2345 6789 01</td></tr></table>'],
    ['one line, no label', '<p>中通快递 73512345678901</p>'],
    ['one line after a carrier label', '<p>物流公司：中通快递 73512345678901</p>'],
    ['both labels in one element', '<p>物流公司：中通快递 运单号：73512345678901 复制</p>'],
    ['number before the carrier', '<p>运单号：73512345678901</p><p>快递公司：中通快递</p>'],
    ['full-width colon and nested value', '<p>运单号码：<b>73512345678901</b></p><p>配送公司：<i>中通快递</i></p>'],
  ])('%s', (_name, html) => {
    expect(parcels(html)).toEqual([{ trackingNo: '73512345678901', carrierName: '中通快递' }]);
  });

  it('pairs several parcels in page order and links each to the nearest order id before it', () => {
    const r = pairs(`
      <section><p>订单号：4900000001</p><p>快递公司：圆通速递</p><p>运单号：YT7512345678901</p></section>
      <section><p>订单编号：4900000002</p><p>运单号：JT5261234567890</p><p>快递公司：极兔速递</p>
        <p>快递公司：顺丰速运</p><p>运单号：SF1234567890123</p></section>`);
    expect(r.orderIds).toEqual(['4900000001', '4900000002']);
    expect(r.parcels).toEqual([
      { trackingNo: 'YT7512345678901', carrierName: '圆通速递', orderId: '4900000001' },
      { trackingNo: 'JT5261234567890', carrierName: '极兔速递', orderId: '4900000002' },
      { trackingNo: 'SF1234567890123', carrierName: '顺丰速运', orderId: '4900000002' },
    ]);
    expect(r.orderFields).toEqual({});
  });

  it('a single order id anywhere on the page owns every parcel', () => {
    const r = pairs('<p>运单号：73512345678901</p><footer>订单号：4900000001 下单时间：2024-11-22 10:05:00</footer>');
    expect(r.parcels).toEqual([{ trackingNo: '73512345678901', orderId: '4900000001' }]);
    expect(r.orderFields).toEqual({ createdText: '2024-11-22 10:05:00' });
  });

  it('reads 取件码 labels and sentences, and 退货 labels as return parcels', () => {
    const r = pairs(`
      <p>运单号：73512345678901</p><p><span>取件码</span><b>3-2-1024</b></p>
      <p>退货物流公司：顺丰速运</p><p>退货运单号：SF1234567890123</p><p>已到丰巢，凭取件码『25363454』至3号柜取件</p>`);
    expect(r.parcels).toEqual([
      { trackingNo: '73512345678901', pickupCode: '3-2-1024' },
      { trackingNo: 'SF1234567890123', carrierName: '顺丰速运', direction: 'return', pickupCode: '25363454' },
    ]);
  });

  it('ignores script/style text, unknown one-liners, and 订单号 values that are not ids', () => {
    const r = pairs(`
      <script>var s = "运单号：SF1234567890123";</script><style>.a::after{content:"运单号：JT5261234567890"}</style>
      <p>保温杯 12345678901234</p><p>订单号：——</p><p>运单号：暂无</p>`);
    expect(r).toEqual({ orderIds: [], parcels: [], orderFields: {} });
  });

  it('does not duplicate a number printed twice', () => {
    expect(parcels('<p>运单号：73512345678901</p><p>中通快递 73512345678901</p>')).toEqual([
      { trackingNo: '73512345678901', carrierName: '中通快递' },
    ]);
  });

  it('reads order status and amount labels', () => {
    expect(pairs('<p>订单状态：待发货</p><p>实付款 ¥29.90</p>').orderFields).toEqual({ statusText: '待发货', amountText: '¥29.90' });
  });

  it('works on an element root and on huge pages', () => {
    const doc = htmlDocument('<div id="a"><p>运单号：73512345678901</p></div><div id="b"><p>运单号：SF1234567890123</p></div>');
    expect(extractLabelledPairs(doc.getElementById('b')!).parcels).toEqual([{ trackingNo: 'SF1234567890123' }]);
    const big = htmlDocument(`<body>${'<div><span>x</span></div>'.repeat(12_000)}<p>运单号：SF1234567890123</p></body>`);
    expect(() => extractLabelledPairs(big)).not.toThrow();
  });
});

describe('findPickupCode', () => {
  it.each([
    ['【菜鸟驿站】您的包裹已到站，凭4-6-7602到新郑龙湖店取件。', '4-6-7602'],
    ['取件码为2-3-05025，地址:兴龙湾30号楼102', '2-3-05025'],
    ['凭取件码『25363454』至华润万家丰巢柜取件', '25363454'],
    ['取货码：A88123', 'A88123'],
    ['请17:30前凭1-1-6200及时取', '1-1-6200'],
    ['【银行】您的验证码 858822', undefined],
    ['【某App】动态验证码 33-3-0444', undefined],
    ['快件已签收', undefined],
  ])('%s → %s', (text, want) => expect(findPickupCode(text)).toBe(want));
});
