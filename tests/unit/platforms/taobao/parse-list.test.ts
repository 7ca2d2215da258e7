// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { describe, expect, it } from 'vitest';
import { taobao } from '../../../../src/platforms/taobao/index';
import { MemoryMergeState } from '../../../../src/core/merge';
import { normalizeBatch } from '../../../../src/core/normalize';
import type { ParseResult } from '../../../../src/platforms/types';
import { ASYNC_URL, cst, docFrom, expectWellFormed, fixture, LIST_URL, MTOP_LIST_URL, RESPONSE_URLS } from './helpers';

const img = (itemId: number) =>
  `https://img.alicdn.com/imgextra/i3/2200000000001/O1CN01${itemId}_!!2200000000001.jpg_80x80.jpg`;
const tbDetail = (id: string) => `https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=${id}`;
const transit = (id: string, priority: 'open' | 'finished' = 'open') => ({
  kind: 'taobao_transit_step',
  orderId: id,
  url: `https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${id}`,
  priority,
});

describe('legacy list page (embedded var data = JSON.parse)', () => {
  const r = taobao.parseDocument(docFrom(fixture('list-legacy-page1.html')), LIST_URL);
  const byId = (id: string) => r.orders.find((o) => o.orderId === id);

  it('reads every order, no parcels (the list has no waybills), no diagnostics', () => {
    expectWellFormed(r);
    expect(r.source).toBe('list');
    expect(r.orders.map((o) => o.orderId)).toEqual([
      '3961847200516880417',
      '4012556873190553821',
      '3977015528341207781',
      '3980120394456011213',
      '3955512047783301192',
      '3949920183375521776',
      '3951178345520917360',
      '3930027815546102244',
      '3962004417789320055',
      '3944100257718830466',
      '3958830012475561938',
    ]);
    expect(r.parcels).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it('a shipped two-item order: money in 分, China time, CDN images only, detail link', () => {
    expect(byId('3961847200516880417')).toEqual({
      orderId: '3961847200516880417',
      shopName: '暖冬家居店',
      shopId: '2207731450061',
      items: [
        { title: '加厚珊瑚绒睡衣女冬季套装 可外穿家居服', itemId: '782215530921', sku: '颜色分类：燕麦色；尺码：L', quantity: 1, price: 3900, imageUrl: img(782215530921) },
        // its picture is on evil.example.com: dropped
        { title: '棉拖鞋 室内防滑加厚', itemId: '693320011846', sku: '尺码：38-39', quantity: 1, price: 1990 },
      ],
      amount: 5890,
      createdAt: cst('2024-11-08 10:15:30'),
      statusText: '卖家已发货',
      status: 'shipped',
      url: tbDetail('3961847200516880417'),
    });
  });

  it('a Tmall order is flagged and links to trade.tmall.com', () => {
    expect(byId('4012556873190553821')).toMatchObject({
      tmall: true,
      amount: 12680,
      status: 'shipped',
      url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4012556873190553821',
    });
    expect(byId('3961847200516880417')!.tmall).toBeUndefined();
  });

  it('statuses from trade codes and sub-order refund texts', () => {
    const statuses = Object.fromEntries(r.orders.map((o) => [o.orderId, o.status]));
    expect(statuses).toEqual({
      '3961847200516880417': 'shipped',
      '4012556873190553821': 'shipped',
      '3977015528341207781': 'unshipped',
      '3980120394456011213': 'unpaid',
      '3955512047783301192': 'cancelled',
      '3949920183375521776': 'refunded', // 交易关闭 + sub-order 退款成功
      '3951178345520917360': 'refunding', // shipped + sub-order 退款中
      '3930027815546102244': 'completed',
      '3962004417789320055': 'unshipped',
      '3944100257718830466': 'completed',
      '3958830012475561938': 'completed',
    });
  });

  it('ship-by promise from the item extra, dated from the order year', () => {
    expect(byId('3977015528341207781')!.promise).toEqual({
      kind: 'ship_by',
      text: '11月12日 14:44前发货',
      at: cst('2024-11-12 14:44:00'),
    });
  });

  it('HTML and script in a title stay plain text, exactly as written', () => {
    expect(byId('3962004417789320055')!.items![0].title).toBe(
      '<img src=x onerror=alert(1)>防晒霜 SPF50+ "清爽"款 </script><script>alert(2)</script> C:\\temp',
    );
    expect(byId('3962004417789320055')!.shopName).toBe("Lily's 美妆");
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('missing / renamed fields: the order survives with what is left', () => {
    expect(byId('3944100257718830466')).toEqual({
      orderId: '3944100257718830466',
      items: [{ title: '旧款手机壳 清仓', itemId: '600011112222', quantity: 1, price: 500 }],
      createdAt: cst('2024-10-12 07:07:07'),
      status: 'completed',
      url: tbDetail('3944100257718830466'),
    });
  });

  it('numbers where strings are usual', () => {
    expect(byId('3958830012475561938')).toMatchObject({
      amount: 2350,
      items: [{ title: '抽纸 3层100抽 6包', quantity: 2, price: 1175 }],
    });
  });

  it('transit_step follow-ups for orders with logistics but no waybill: open ones first, then finished ones', () => {
    expect(r.followUps).toEqual([
      transit('3961847200516880417'),
      transit('4012556873190553821'),
      transit('3951178345520917360'), // refunding, still shows 查看物流
      transit('3930027815546102244', 'finished'), // 交易成功 with 查看物流
    ]);
    // Finished orders without 查看物流 (3944100257718830466, 3958830012475561938) and closed ones are not asked.
  });
});

describe('asyncBought.htm page 2 (JSON)', () => {
  const r = taobao.parsePayload(fixture('async-bought-page2.json'), ASYNC_URL, LIST_URL)!;
  it('reads the page', () => {
    expectWellFormed(r);
    expect(r.orders.map((o) => [o.orderId, o.status, o.amount])).toEqual([
      ['3921148800317725506', 'shipped', 29900],
      ['3918830045571102937', 'completed', 1880],
      ['3919920011223344556', 'unpaid', 129900], // "￥1,299.00"
    ]);
    expect(r.orders[2].items).toEqual([
      { title: '降噪蓝牙耳机 头戴式', itemId: '734455667711', quantity: 3, price: 43300, imageUrl: img(734455667711) },
    ]);
    expect(r.followUps).toEqual([transit('3921148800317725506'), transit('3918830045571102937', 'finished')]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('finished orders are asked after the open ones, whatever the page order', () => {
  it('asyncBought.htm page with a 交易成功 order first', () => {
    const page = JSON.parse(fixture('async-bought-page2.json'));
    page.mainOrders.reverse(); // unpaid, 交易成功, 卖家已发货
    const r = taobao.parsePayload(JSON.stringify(page), ASYNC_URL, LIST_URL)!;
    expect(r.orders.map((o) => o.status)).toEqual(['unpaid', 'completed', 'shipped']);
    expect(r.followUps).toEqual([transit('3921148800317725506'), transit('3918830045571102937', 'finished')]);
  });

  it('mtop components: a TRADE_FINISHED order offering 查看物流 is asked, after the shipped one; one without is not', () => {
    const comp = (id: string, tradeTitle: string, ops: unknown[]) => ({
      [`shopInfo_${id}`]: { tag: 'shopInfo', fields: { orderId: id, createTime: '2024-10-21 19:02:11', shopName: '悠然家居', tradeTitle } },
      [`orderStatus_${id}`]: { tag: 'orderStatus', fields: { tradeStatus: tradeTitle === '交易成功' ? 'TRADE_FINISHED' : 'WAIT_BUYER_CONFIRM_GOODS', operations: ops } },
    });
    const logistics = [{ id: 'viewLogistic', text: '查看物流' }];
    const body = JSON.stringify({
      api: 'mtop.taobao.order.queryboughtlistv2',
      ret: ['SUCCESS::调用成功'],
      data: { data: { ...comp('4091234500011122233', '交易成功', logistics), ...comp('4091234500011122234', '交易成功', []), ...comp('4091234500011122235', '卖家已发货', logistics) } },
    });
    const r = taobao.parsePayload(body, MTOP_LIST_URL, LIST_URL)!;
    expect(r.orders.map((o) => o.status)).toEqual(['completed', 'completed', 'shipped']);
    expect(r.followUps).toEqual([transit('4091234500011122235'), transit('4091234500011122233', 'finished')]);
  });
});

describe('a list page of finished orders without waybills (issue #12)', () => {
  const r = taobao.parseDocument(docFrom(fixture('list-legacy-finished.html')), LIST_URL);

  it('asks transit_step.do for the open order first, then every finished one offering 查看物流', () => {
    expectWellFormed(r);
    expect(r.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['4125530017728840011', 'completed'],
      ['4127781203346650022', 'shipped'],
      ['4124409912203370033', 'completed'],
      ['4123308871102290044', 'completed'],
      ['4122207760091180055', 'completed'],
      ['4121106659980070066', 'completed'], // 话费充值: no 查看物流
      ['4120005548879960077', 'cancelled'],
    ]);
    expect(r.parcels).toEqual([]);
    expect(r.followUps).toEqual([
      transit('4127781203346650022'),
      transit('4125530017728840011', 'finished'),
      transit('4124409912203370033', 'finished'),
      transit('4123308871102290044', 'finished'),
      transit('4122207760091180055', 'finished'),
    ]);
  });

  it('their answers make the parcels of finished orders delivered (a 签收 keeps its time), the open one moving', () => {
    const s = new MemoryMergeState();
    const put = (res: ParseResult, url: string, at: number) =>
      s.ingest(normalizeBatch({ platform: 'taobao', source: res.source, url, observedAt: at, orders: res.orders, parcels: res.parcels }).batch);
    put(r, LIST_URL.href, cst('2025-11-22 09:00:00'));
    for (const [i, f] of ['transit-step-yto-in-transit.json', 'transit-step-yunda-unsigned.json', 'transit-step-jt-signed.json'].entries()) {
      put(taobao.parsePayload(fixture(f), RESPONSE_URLS[f], LIST_URL)!, RESPONSE_URLS[f].href, cst('2025-11-22 09:00:01') + i * 1000);
    }
    const byNo = (no: string) => [...s.parcels.values()].find((p) => p.trackingNo === no)!;
    expect(byNo('4318956402217')).toMatchObject({ carrier: 'yunda', status: 'delivered', orderKeys: ['taobao:4125530017728840011'] });
    expect(byNo('4318956402217').deliveredAt).toBeUndefined(); // the events stop at 派件: no time is made up
    expect(byNo('4318956402217').latestEvent?.text).toContain('正在为您派件');
    expect(byNo('JT3112207845563')).toMatchObject({ status: 'delivered', deliveredAt: cst('2025-10-05 13:26:51') });
    expect(byNo('YT7588102937714').status).toBe('in_transit');
    expect(s.orders.get('taobao:4125530017728840011')!.status).toBe('completed');
  });
});

describe('mtop queryboughtlistV2', () => {
  it('component map (JSONP): shopInfo_/orderItemInfo_/orderStatus_/orderPayment_', () => {
    const r = taobao.parsePayload(fixture('mtop-boughtlist-components.jsonp'), MTOP_LIST_URL, LIST_URL)!;
    expectWellFormed(r);
    expect(r.orders).toEqual([
      {
        orderId: '4102387766512009341',
        shopName: '晨光办公旗舰',
        shopId: '2208881234567',
        items: [
          { title: 'A4打印纸 70g 500张/包 5包装', itemId: '700123456789', sku: '规格：70g 5包', quantity: 1, price: 3990, imageUrl: 'https://img.alicdn.com/imgextra/i1/2208881234567/O1CN01paper_!!2208881234567.jpg' },
          { title: '订书机 省力型', itemId: '700123456790', sku: '颜色：蓝色', quantity: 2, price: 950, imageUrl: 'https://gw.alicdn.com/imgextra/i2/O1CN01stapler.jpg' },
        ],
        amount: 5890,
        createdAt: cst('2024-11-11 00:05:12'),
        statusText: '卖家已发货',
        status: 'shipped',
        url: tbDetail('4102387766512009341'),
      },
      {
        orderId: '4103398127750126602',
        shopName: '米家官方旗舰店',
        items: [{ title: '米家电动牙刷 T302 声波', itemId: '819900112233', sku: '颜色分类：银灰', quantity: 1, price: 9900, imageUrl: 'https://img.alicdn.com/imgextra/i4/O1CN01brush.jpg' }],
        amount: 8900,
        createdAt: cst('2024-11-10 20:31:40'),
        statusText: '卖家已发货',
        status: 'shipped',
        url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4103398127750126602',
        tmall: true,
      },
      {
        orderId: '4104456901337823143',
        shopName: '田园鲜果',
        items: [{ title: '赣南脐橙 5斤装 现摘', itemId: '800011223344', sku: '规格：5斤', quantity: 1, price: 2990, imageUrl: 'https://img.alicdn.com/imgextra/i2/O1CN01orange.jpg' }],
        amount: 2990,
        createdAt: cst('2024-11-11 09:00:00'),
        statusText: '买家已付款',
        status: 'unshipped',
        url: tbDetail('4104456901337823143'),
        promise: { kind: 'ship_by', text: '承诺48小时内发货', at: cst('2024-11-13 09:00:00') },
      },
    ]);
    // orderStatus_.fields.mailNo gives the waybill directly; the Tmall order without one gets a follow-up.
    expect(r.parcels).toEqual([{ trackingNo: '73100059801234', carrierName: '中通快递', orderIds: ['4102387766512009341'] }]);
    expect(r.followUps).toEqual([transit('4103398127750126602')]);
    expect(r.diagnostics).toEqual([]);
  });

  it('data.result as a JSON string holding mainOrders', () => {
    const r = taobao.parsePayload(fixture('mtop-boughtlist-result-string.json'), MTOP_LIST_URL, LIST_URL)!;
    expectWellFormed(r);
    expect(r.orders).toEqual([
      {
        orderId: '4098871234509871111',
        items: [{ title: '手机支架 桌面懒人', imageUrl: 'https://img.alicdn.com/imgextra/i1/O1CN01stand.jpg' }],
        amount: 1200,
        createdAt: cst('2024-11-02 08:00:00'),
        statusText: '卖家已发货',
        status: 'shipped',
        url: tbDetail('4098871234509871111'),
      },
      {
        orderId: '4097760012348760222',
        items: [{ title: '保温杯 316不锈钢 500ml', imageUrl: 'https://img.alicdn.com/imgextra/i2/O1CN01cup.jpg' }],
        amount: 8800,
        createdAt: cst('2024-10-01 12:00:00'),
        statusText: '交易成功',
        status: 'completed',
        url: tbDetail('4097760012348760222'),
      },
    ]);
    expect(r.followUps).toEqual([transit('4098871234509871111')]);
  });

  it('Main_<id> components (orderId / orderStatus only; id from the key when missing)', () => {
    const r = taobao.parsePayload(fixture('mtop-boughtlist-main.json'), MTOP_LIST_URL, LIST_URL)!;
    expectWellFormed(r);
    expect(r.orders).toEqual([
      { orderId: '4091110002223334441', statusText: '卖家已发货', status: 'shipped', url: tbDetail('4091110002223334441') },
      { orderId: '4091110002223334442', status: 'completed', url: tbDetail('4091110002223334442') },
      { orderId: '4091110002223334443', statusText: '等待买家付款', status: 'unpaid', url: tbDetail('4091110002223334443') },
    ]);
    expect(r.followUps).toEqual([transit('4091110002223334441')]);
  });

  it('merged shipment inside one answer: one parcel carrying both order ids', () => {
    const comp = (id: string) => ({
      [`shopInfo_${id}`]: { fields: { orderId: id, createTime: '2024-11-03 21:00:00', shopName: '喵星人宠物生活馆', tradeTitle: '卖家已发货' } },
      [`orderStatus_${id}`]: { fields: { mailNo: 'SF1423456789012', logisticsName: '顺丰速运' } },
    });
    const body = JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { data: { ...comp('4108835502719330218'), ...comp('4108835502719330219') } } });
    const r = taobao.parsePayload(body, MTOP_LIST_URL, LIST_URL)!;
    expect(r.orders.map((o) => o.orderId)).toEqual(['4108835502719330218', '4108835502719330219']);
    expect(r.parcels).toEqual([
      { trackingNo: 'SF1423456789012', carrierName: '顺丰速运', orderIds: ['4108835502719330218', '4108835502719330219'] },
    ]);
    expect(r.followUps).toBeUndefined();
  });

  it('risk control, sign-out and token refresh answers', () => {
    const risk = taobao.parsePayload(
      '/**/mtopjsonp7({"api":"mtop.taobao.order.queryboughtlistv2","data":{"url":"https://h5api.m.taobao.com:443//h5/_____tmd_____/punish?x5secdata=x"},"ret":["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试!"],"v":"1.0"})',
      MTOP_LIST_URL,
      LIST_URL,
    )!;
    expect(risk.diagnostics).toEqual([{ kind: 'risk_control', message: 'queryboughtlist: mtop RGV587 (anti-bot)' }]);
    const out = taobao.parsePayload('{"ret":["FAIL_SYS_SESSION_EXPIRED::SESSION失效"],"data":{}}', MTOP_LIST_URL, LIST_URL)!;
    expect(out.diagnostics.map((d) => d.kind)).toEqual(['signed_out']);
    const token = taobao.parsePayload('{"ret":["FAIL_SYS_TOKEN_EXOIRED::令牌过期"],"data":{}}', MTOP_LIST_URL, LIST_URL)!;
    expect(token).toEqual({ source: 'list', orders: [], parcels: [], diagnostics: [] });
  });

  it('unknown shapes give shape-only diagnostics, never values', () => {
    const r = taobao.parsePayload(
      JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { data: { newCard_4100000000000000009: { fields: { secretBuyerName: '张三' } } } } }),
      MTOP_LIST_URL,
      LIST_URL,
    )!;
    expect(r.orders).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].kind).toBe('unrecognized');
    expect(r.diagnostics[0].shape).toEqual(['newCard_#.fields.secretBuyerName']);
    expect(JSON.stringify(r.diagnostics)).not.toMatch(/张三|4100000000000000009/);
    const other = taobao.parsePayload('{"ret":["SUCCESS::调用成功"],"data":{"weird":[1]}}', MTOP_LIST_URL, LIST_URL)!;
    expect(other.diagnostics).toEqual([{ kind: 'unrecognized', message: 'queryboughtlist: unknown data shape', shape: ['weird[]'] }]);
  });
});

describe('list page without embedded data', () => {
  it('current ice.js shell: nothing to read yet, no noise', () => {
    const html = '<html><head><title>已买到的宝贝</title></head><body><div id="tbpc-trade-container"></div><script src="//g.alicdn.com/tbpc-bought-list/js/main.js"></script></body></html>';
    expect(taobao.parseDocument(docFrom(html), LIST_URL)).toEqual({ source: 'list', orders: [], parcels: [], diagnostics: [] });
  });
  it('old markup: data-id containers and view-logistics links', () => {
    const html = `<div id="J_bought_main"><div class="js-order-container" data-id="3961847200516880417"><span>订单号: 3961847200516880417</span>
      <a class="view-logistics" data-url="/trade/json/transit_step.do?bizOrderId=3961847200516880417" href="//wuliu.taobao.com/user/order_detail_new.htm?trade_id=3961847200516880417&seller_id=1">查看物流</a></div>
      <div class="js-order-container" data-id="3977015528341207781"></div></div>`;
    const r = taobao.parseDocument(docFrom(html), LIST_URL);
    expect(r.orders.map((o) => o.orderId).sort()).toEqual(['3961847200516880417', '3977015528341207781']);
    expect(r.followUps).toEqual([transit('3961847200516880417')]);
  });
  it('slider captcha and login redirect pages', () => {
    expect(taobao.parseDocument(docFrom(fixture('risk-slider.html')), LIST_URL).diagnostics).toEqual([
      { kind: 'risk_control', message: 'slider captcha' },
    ]);
    expect(taobao.parseDocument(docFrom(fixture('list-signed-out.html')), LIST_URL).diagnostics).toEqual([
      { kind: 'signed_out', message: 'redirect to login.taobao.com' },
    ]);
  });
  it('an embedded literal of the wrong shape is reported by shape', () => {
    const html = `<script>var data = JSON.parse('{\\"mainOrdersV3\\":[{\\"id\\":\\"1\\"}],\\"note\\":\\"mainOrders moved\\"}');</script>`;
    const r = taobao.parseDocument(docFrom(html), LIST_URL);
    expect(r.diagnostics[0]).toEqual({
      kind: 'unrecognized',
      message: 'list page: embedded data without mainOrders',
      shape: ['mainOrdersV3[].id', 'note'],
    });
  });
});
