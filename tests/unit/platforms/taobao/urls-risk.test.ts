import { describe, expect, it } from 'vitest';
import { TAOBAO_FACTS } from '../../../../src/platforms/taobao/facts';
import { taobao } from '../../../../src/platforms/taobao/index';
import { detectRiskControl } from '../../../../src/platforms/taobao/risk-control';
import { orderIdFromUrl } from '../../../../src/platforms/taobao/urls';

describe('page kinds', () => {
  it.each([
    ['https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm?tabCode=waitSend', 'order_list'],
    ['https://buyertrade.tmall.com/trade/itemlist/list_bought_items.htm', 'order_list'],
    ['https://trade.taobao.com/trade/itemlist/listBoughtItems.htm?nekot=1', 'order_list'],
    ['https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4107721093356402117', 'order_detail'],
    ['https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=4107721093356402117', 'order_detail'],
    ['https://tradearchive.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3310045577820154433', 'order_detail'],
    ['https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4109912200348857764', 'order_detail'],
    ['https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=1&seller_id=2', 'logistics'],
    ['https://pages-g.m.taobao.com/wow/z/app/mtb/logisticsV2/h5-detail?x-ssr=true&bizOrderId=1', 'logistics'],
    ['https://market.m.taobao.com/app/dinamic/pc-trade-logistics/home.html?orderId=1&entrance=pc', 'logistics'],
    ['https://refund2.taobao.com/dispute/detail.htm?bizOrderId=1&type=1', 'after_sale'],
    ['https://refund2.tmall.com/dispute/applyRouter.htm?bizOrderId=1', 'after_sale'],
    ['https://www.taobao.com/', null],
    ['https://item.taobao.com/item.htm?id=1', null],
    ['https://login.taobao.com/member/login.jhtml', null],
    ['https://evil-taobao.com/trade/itemlist/list_bought_items.htm', null],
    ['https://buyertrade.taobao.com.evil.cn/trade/itemlist/list_bought_items.htm', null],
  ])('%s → %s', (url, kind) => expect(taobao.pageKind(new URL(url))).toBe(kind));
});

describe('interesting responses', () => {
  it.each([
    ['https://buyertrade.taobao.com/trade/itemlist/asyncBought.htm?action=itemlist/BoughtQueryAction&event_submit_do_query=1', true],
    ['https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=1', true],
    ['https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?api=mtop.taobao.order.queryboughtlistV2', true],
    ['https://h5api.m.taobao.com/h5/mtop.taobao.order.queryBoughtList/1.0/', true],
    ['https://h5api.m.taobao.com/h5/mtop.taobao.logistics.detailorlist.query/1.0/', true],
    ['https://h5api.m.taobao.com/h5/mtop.taobao.order.query.detailv2/1.0/', true],
    ['https://h5api.m.taobao.com/h5/mtop.taobao.cart.query/1.0/', false],
    ['https://g.alicdn.com/tbpc-bought-list/js/main.js', false],
  ])('%s → %s', (url, yes) => expect(taobao.isInterestingResponse(url)).toBe(yes));

  it("adapter identity: facts (matches, order list) are the registry's data", () => {
    expect(taobao.id).toBe('taobao');
    expect(taobao.facts).toBe(TAOBAO_FACTS);
    expect(taobao.facts.matches).toEqual(['https://*.taobao.com/*', 'https://*.tmall.com/*']);
    expect(taobao.facts.orderListUrl).toBe('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm');
    expect(taobao.pageKind(new URL(taobao.facts.orderListUrl))).toBe('order_list');
  });

  it('order ids from page and mtop request URLs', () => {
    expect(orderIdFromUrl(new URL('https://x.taobao.com/a?biz_order_id=4107721093356402117'))).toBe('4107721093356402117');
    expect(orderIdFromUrl(new URL(`https://h5api.m.taobao.com/h5/x/1.0/?data=${encodeURIComponent('{"orderId":"4107721093356402117"}')}`))).toBe(
      '4107721093356402117',
    );
    expect(orderIdFromUrl(new URL('https://x.taobao.com/a?bizOrderId=abc'))).toBeUndefined();
  });
});

describe('detectRiskControl', () => {
  it.each([
    ['{"ret":["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"]}', 'risk_control'],
    ['{"ret":["FAIL_SYS_USER_VALIDATE","RGV587_ERROR::SM"],"data":{"url":"https://x/_____tmd_____/punish?x5secdata=1&x5step=2"}}', 'risk_control'],
    ['<div class="warnning-text">亲，请拖动下方滑块完成验证</div>', 'risk_control'],
    ['<title>验证码拦截</title>', 'risk_control'],
    ['<h1>访问被拒绝</h1>', 'risk_control'],
    ['{"ret":["FAIL_SYS_SESSION_EXPIRED::SESSION失效"]}', 'signed_out'],
    ['<script>window.location.href = "https://login.taobao.com/member/login.jhtml?redirectURL=x";</script>', 'signed_out'],
    ['<meta http-equiv="refresh" content="0;url=https://login.taobao.com/member/login.jhtml">', 'signed_out'],
    ['{"url":"//login.taobao.com/member/login.jhtml"}', 'signed_out'],
  ])('%s → %s', (text, kind) => expect(detectRiskControl(text)?.kind).toBe(kind));

  it('ordinary pages and the "请登录" header link are not signals', () => {
    expect(detectRiskControl('<a href="//login.taobao.com/member/login.jhtml?f=top">亲，请登录</a>')).toBeNull();
    expect(detectRiskControl('{"ret":["SUCCESS::调用成功"],"data":{}}')).toBeNull();
    expect(detectRiskControl('')).toBeNull();
  });
});

describe('payload dispatch', () => {
  const page = new URL('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm');
  it('null for unrelated payloads, a diagnostic for a login redirect', () => {
    expect(taobao.parsePayload('{"a":1}', new URL('https://h5api.m.taobao.com/h5/mtop.taobao.cart.query/1.0/'), page)).toBeNull();
    expect(taobao.parsePayload('not json', new URL('https://g.alicdn.com/x.js'), page)).toBeNull();
    expect(taobao.parsePayload('<html>', new URL('https://login.taobao.com/member/login.jhtml?redirectURL=x'), page)!.diagnostics).toEqual([
      { kind: 'signed_out', message: 'response came from login.taobao.com' },
    ]);
  });
  it('sniffs a list payload arriving from an unexpected URL', () => {
    const r = taobao.parsePayload('{"mainOrders":[{"id":"3961847200516880417"}]}', new URL('https://buyertrade.taobao.com/other.htm'), page)!;
    expect(r.orders.map((o) => o.orderId)).toEqual(['3961847200516880417']);
  });
});
