// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { describe, expect, it } from 'vitest';
import { taobao } from '../../../../src/platforms/taobao/index';
import { parseLogisticsDocument } from '../../../../src/platforms/taobao/parse-logistics';
import { cst, docFrom, expectWellFormed, fixture, LIST_URL, MTOP_LOGISTICS_URL, PAGE_URLS, RESPONSE_URLS, transitUrl } from './helpers';

const payload = (name: string) => taobao.parsePayload(fixture(name), RESPONSE_URLS[name], LIST_URL)!;

describe('transit_step.do', () => {
  it('ZTO waybill with its steps (newest first, as sent); "||" joins the two notes', () => {
    const r = payload('transit-step-zto.json');
    expectWellFormed(r);
    expect(r.source).toBe('logistics');
    expect(r.orders).toEqual([]);
    expect(r.parcels).toEqual([
      {
        trackingNo: '73100059809012',
        carrierName: '中通快递',
        orderIds: ['3961847200516880417'],
        events: [
          { time: cst('2024-11-10 14:02:11'), text: '【杭州市】快件已在【杭州滨江长河】完成签收，签收人：本人，如有疑问请电联快递员', location: '杭州市' },
          { time: cst('2024-11-10 08:35:40'), text: '【杭州市】【杭州滨江长河】的快递员正在为您派件', location: '杭州市' },
          { time: cst('2024-11-09 23:10:05'), text: '【杭州市】快件已到达【杭州中转部】', location: '杭州市' },
          { time: cst('2024-11-08 19:02:33'), text: '【金华市】【义乌分拨中心】已揽收', location: '金华市' },
          { time: cst('2024-11-08 16:20:00'), text: '您的订单开始处理 等待揽收中' },
          { time: cst('2024-11-08 16:19:58'), text: '卖家已发货' },
        ],
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('{"isSuccess":"false"} and {} mean no parcel, and are not errors', () => {
    expect(payload('transit-step-no-logistics.json')).toEqual({ source: 'logistics', orders: [], parcels: [], diagnostics: [] });
    expect(taobao.parsePayload('{}', transitUrl('1234567890123456'), LIST_URL)).toEqual({
      source: 'logistics',
      orders: [],
      parcels: [],
      diagnostics: [],
    });
  });

  it('risk control answer (RGV587 / FAIL_SYS_USER_VALIDATE)', () => {
    expect(payload('transit-step-risk.json')).toEqual({
      source: 'logistics',
      orders: [],
      parcels: [],
      diagnostics: [{ kind: 'risk_control', message: 'transit_step: mtop RGV587 (anti-bot)' }],
    });
  });

  it('HTML instead of JSON: captcha, login, or just unknown', () => {
    const url = transitUrl('3961847200516880417');
    expect(taobao.parsePayload('<html><body>请拖动下方滑块完成验证</body></html>', url, LIST_URL)!.diagnostics[0].kind).toBe('risk_control');
    expect(
      taobao.parsePayload('<script>location.href="https://login.taobao.com/member/login.jhtml"</script>', url, LIST_URL)!.diagnostics[0].kind,
    ).toBe('signed_out');
    expect(taobao.parsePayload('<html></html>', url, LIST_URL)!.diagnostics).toEqual([
      { kind: 'unrecognized', message: 'transit_step.do answer is not JSON' },
    ]);
  });

  it('a renamed field is reported by shape only', () => {
    const r = taobao.parsePayload('{"expressName":"中通快递","expressNo2":"73100059809012"}', transitUrl('3961847200516880417'), LIST_URL)!;
    expect(r.parcels).toEqual([]);
    expect(r.diagnostics).toEqual([
      { kind: 'partial', message: 'transit_step.do answer without a tracking number', shape: ['expressName', 'expressNo2'] },
    ]);
  });
});

describe('mtop logistics.detailorlist.query', () => {
  it('package list: mailNo and orderId from each package rightBtnUrl (tag "pakcage")', () => {
    const r = payload('mtop-logistics-package-list.json');
    expectWellFormed(r);
    expect(r.parcels).toEqual([
      { trackingNo: '73100059805678', orderIds: ['4107721093356402117'], statusText: '已签收' },
      { trackingNo: 'YT7461234567890', orderIds: ['4107721093356402117'], statusText: '运输中' },
    ]);
  });
  it('single package (popupBodyCompony), order id from the request data', () => {
    expect(payload('mtop-logistics-detail.jsonp').parcels).toEqual([
      { trackingNo: 'YT7461234567890', carrierName: '圆通速递', orderIds: ['4107721093356402117'] },
    ]);
  });
  it('unknown components fall back to a key scan; nothing at all is reported', () => {
    const scan = taobao.parsePayload(
      '{"ret":["SUCCESS::调用成功"],"data":{"data":{"pkgCard_1":{"fields":{"companyName":"申通快递","mailNo":"773012345678901","orderId":"4111122223333444455"}}}}}',
      MTOP_LOGISTICS_URL,
      LIST_URL,
    )!;
    expect(scan.parcels).toEqual([{ trackingNo: '773012345678901', carrierName: '申通快递', orderIds: ['4111122223333444455'] }]);
    const none = taobao.parsePayload('{"ret":["SUCCESS::调用成功"],"data":{"data":{}}}', MTOP_LOGISTICS_URL, LIST_URL)!;
    expect(none.diagnostics[0].kind).toBe('unrecognized');
  });
});

describe('SSR h5 logistics page (__ICE_SUSPENSE_LOADER__)', () => {
  const url = new URL(PAGE_URLS['logistics-h5-ssr.html']);
  it('reads carrier, waybill, state and stages; year-less stage times take the newest dated year', () => {
    const r = taobao.parseDocument(docFrom(fixture('logistics-h5-ssr.html')), url);
    expectWellFormed(r);
    expect(r.parcels).toEqual([
      {
        trackingNo: '73100059801234',
        carrierName: '中通快递',
        orderIds: ['4102387766512009341'],
        statusText: '派送中',
        events: [
          { time: cst('2024-11-12 08:35:40'), text: '【杭州市】快递员正在为您派件，请保持电话畅通', location: '杭州市' },
          { time: cst('2024-11-11 23:10:05'), text: '【杭州市】快件已到达【杭州中转部】', location: '杭州市' },
          { time: cst('2024-11-11 19:02:00'), text: '【金华市】【义乌分拨中心】已揽收', location: '金华市' },
        ],
      },
    ]);
  });
  it('year-less stages alone use the clock, never a future date', () => {
    const html = `<script>window['__ICE_SUSPENSE_LOADER__']['undefined'] = {"result":{"data":{"logisticsDetailH5":{"fields":{"mailNo":"SF1423456789012","logisticCompany":{"name":"顺丰速运"},"multiStage":[{"title":"已签收","subtitle":"12-30 10:00","labelDesc":{"text":"已签收"}}]}}}}};</script>`;
    const r = parseLogisticsDocument(docFrom(html), url, cst('2025-01-02 09:00:00'));
    expect(r.parcels[0].events).toEqual([{ time: cst('2024-12-30 10:00:00'), text: '已签收' }]);
  });
  it('legacy wuliu page: waybill from the visible text', () => {
    const wuliu = new URL('https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=3921148800317725506&seller_id=2205550001112');
    const r = taobao.parseDocument(docFrom('<div>物流公司：圆通速递 运单号：YT7461234567890</div>'), wuliu);
    expect(r.parcels).toEqual([{ trackingNo: 'YT7461234567890', carrierName: '圆通速递', orderIds: ['3921148800317725506'] }]);
  });
});
