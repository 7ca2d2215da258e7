// @vitest-environment happy-dom
// JD after-sale (返修/退换货, issue #16): the PC service list (myjd.jd.com/afs/indexNew.action) and one service's page
// (/afs/view/detailById.action), read from their visible text. URLs sourced, markup composed (fixture headers).
import { describe, expect, it } from 'vitest';
import { jd } from '../../../../src/platforms/jd';
import { JD_FACTS } from '../../../../src/platforms/jd/facts';
import { parseJdAfterSaleDocument } from '../../../../src/platforms/jd/parse-after-sale';
import { jdPageKind } from '../../../../src/platforms/jd/urls';
import { htmlDocument, invariantProblems, readFixture } from '../shared/fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0); // 2024-11-25 12:00 China time
const cn = (s: string) => Date.parse(`${s}+08:00`);
const LIST = new URL('https://myjd.jd.com/afs/indexNew.action?entry=1');
const detail = (id: string) => new URL(`https://myjd.jd.com/afs/view/detailById.action?afsServiceId=${id}`);
const PRIVATE = /王五|赵六|138\*|137\*|某某路|朝阳区|浦东新区/;
const read = (name: string, url: URL) => parseJdAfterSaleDocument(htmlDocument(readFixture('jd', name)), url, NOW);

describe('JD after-sale URLs', () => {
  it.each([
    ['https://myjd.jd.com/afs/indexNew.action?entry=1', 'after_sale'],
    ['https://myjd.jd.com/afs/view/detailById.action?afsServiceId=1400000021', 'after_sale'],
    ['https://myjd.jd.com/afs/ajax/getOrderAfsServiceOp.action?orderId=1', null],
    ['https://myjd.jd.com/user/info.action', null],
    ['https://tuihuan.jd.com/afs/orders', null],
  ])('%s → %s', (url, kind) => expect(jdPageKind(new URL(url))).toBe(kind));

  it('myjd.jd.com is the one after-sale host matched; the mobile after-sale hosts are not', () => {
    expect(JD_FACTS.matches).toContain('https://myjd.jd.com/*');
    expect(JD_FACTS.pageHosts).toContain('myjd.jd.com');
    expect(JD_FACTS.matches.join(' ')).not.toMatch(/tuihuan|afs\.m\.jd/);
  });

  it('a sign-in redirect from an after-sale page says "signed out"', () => {
    const url = new URL(`https://passport.jd.com/new/login.aspx?ReturnUrl=${encodeURIComponent(LIST.href)}`);
    expect(jdPageKind(url)).toBe('after_sale');
    expect(jd.parseDocument(htmlDocument('<html><body>登录</body></html>'), url).diagnostics[0].kind).toBe('signed_out');
  });
});

describe('the service list (indexNew.action)', () => {
  const r = read('afs-list.html', LIST);
  const order = (id: string) => r.orders.find((o) => o.orderId === id);

  it('one order per return or exchange service, by the 订单号 shown; no service number becomes an order', () => {
    expect(invariantProblems(r)).toEqual([]);
    expect(r.source).toBe('after_sale');
    expect(r.diagnostics).toEqual([]);
    expect(r.orders.map((o) => o.orderId).sort()).toEqual(['290145678911', '290145678912', '290145678913', '290145678914']);
    expect(JSON.stringify(r)).not.toMatch(/14000000\d\d/);
  });

  it('pickup booked with its window; picked up with the return waybill; refunded; exchange with the new parcel', () => {
    expect(order('290145678911')).toMatchObject({ status: 'refunding', afterSale: { kind: 'return', state: 'pickup_booked', pickupWindow: { from: cn('2024-11-26T09:00:00'), to: cn('2024-11-26T11:00:00') } } });
    expect(order('290145678912')).toMatchObject({ status: 'refunding', afterSale: { kind: 'return', state: 'picked_up', stateText: '已取件' } });
    expect(order('290145678913')).toMatchObject({ status: 'refunded', afterSale: { kind: 'return', state: 'refunded', stateText: '退款成功' } });
    expect(order('290145678914')).toMatchObject({ afterSale: { kind: 'exchange', state: 'received' } });
    expect(r.parcels).toEqual([
      { trackingNo: 'JDVA22233344455', carrierName: '京东快递', orderIds: ['290145678912'], direction: 'return' },
      { trackingNo: 'SF1423456789088', carrierName: '顺丰速运', orderIds: ['290145678914'], direction: 'outbound', exchange: true },
    ]);
  });

  it('a repair (维修) is not a return: neither its order nor its parcel is recorded', () => {
    expect(order('290145678915')).toBeUndefined();
    expect(r.parcels.some((p) => p.trackingNo === 'JDVA33344455566')).toBe(false);
  });

  it('the pickup address and phone are never read', () => expect(JSON.stringify(r)).not.toMatch(PRIVATE));
});

describe('one service (detailById.action)', () => {
  it('pickup booked: the status row wins over the step list; the window, the kind; no contact data', () => {
    const r = jd.parseDocument(htmlDocument(readFixture('jd', 'afs-detail-pickup.html')), detail('1400000021'));
    expect(invariantProblems(r)).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.orders).toHaveLength(1);
    const a = r.orders[0].afterSale!;
    expect(r.orders[0].orderId).toBe('290145678921');
    expect(a).toMatchObject({ kind: 'return', state: 'pickup_booked', stateText: '待取件' });
    expect(a.pickupWindow?.text).toContain('11月24日 15:00-17:00');
    expect(r.parcels).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(PRIVATE);
  });

  it('exchange: the return parcel and the new parcel, each by its label', () => {
    const r = read('afs-detail-exchange.html', detail('1400000022'));
    expect(r.diagnostics).toEqual([]);
    expect(r.orders).toMatchObject([{ orderId: '290145678922', afterSale: { kind: 'exchange', state: 'received', stateText: '换货商品已发出' } }]);
    expect(r.parcels).toEqual([
      { trackingNo: 'SF1423456789099', carrierName: '顺丰速运', orderIds: ['290145678922'], direction: 'outbound', exchange: true },
      { trackingNo: 'JDVA44455566677', carrierName: '京东快递', orderIds: ['290145678922'], direction: 'return' },
    ]);
  });

  it('an unknown layout gives an unrecognized diagnostic and nothing else; an empty list gives nothing', () => {
    const r = read('afs-changed-layout.html', LIST);
    expect(r.orders).toEqual([]);
    expect(r.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
    expect(JSON.stringify(r.diagnostics)).not.toMatch(/\d{6,}|待取件/);
    const empty = parseJdAfterSaleDocument(htmlDocument('<html><body><p>暂无服务单记录</p></body></html>'), LIST, NOW);
    expect(empty.orders).toEqual([]);
    expect(empty.diagnostics).toEqual([]);
  });

  it('a step list names steps not reached (商家收货): it never gives the state, the status text after it does', () => {
    const html = '<html><body><div><ol><li>提交申请</li><li>商家收货</li><li>退款</li></ol><p>服务单号：1400000051</p><p>订单号：290145678951</p><p>退货</p><p>已取件</p></div></body></html>';
    const r = parseJdAfterSaleDocument(htmlDocument(html), detail('1400000051'), NOW);
    expect(r.orders).toMatchObject([{ orderId: '290145678951', afterSale: { kind: 'return', state: 'picked_up', stateText: '已取件' } }]);
  });

  it('a service without an order number is not recorded, and says so', () => {
    const html = '<html><body><div><p>服务单号：1400000041</p><p>服务类型：退货</p><p>服务单状态：待取件</p></div></body></html>';
    const r = parseJdAfterSaleDocument(htmlDocument(html), detail('1400000041'), NOW);
    expect(r.orders).toEqual([]);
    expect(r.diagnostics.map((d) => d.kind)).toEqual(['partial']);
  });
});
