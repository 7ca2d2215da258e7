import { describe, expect, it } from 'vitest';
import { PARCEL_STATUSES, type OrderStatus, type ParcelStatus } from '../../../src/core/model';
import {
  eventStatus,
  isForwardMove,
  isOrderForwardMove,
  isTerminal,
  joinOrderStatus,
  joinStatus,
  ORDER_STATUS_RANK,
  orderStatusFromText,
  STATUS_RANK,
  statusFromEvents,
  statusFromEventText,
  statusFromKuaidi100State,
} from '../../../src/core/status';

// Real event texts quoted in reference/carriers.md §3.3–§3.5 and the traces it cites (S4, S7, S15–S18, S20).
// Phone numbers are masked.
const ZTO_TRACE = [
  ['【上海市】 【外高桥北部】（021-8037****） 的 爱文琪（186****9757） 已揽收', 'picked_up'],
  ['【上海市】 快件离开 【外高桥北部】 已发往 【上海浦东中心】', 'in_transit'],
  ['【上海市】 快件已经到达 【上海浦东中心】', 'in_transit'],
  ['【上海市】 快件离开 【上海浦东中心】 已发往 【昆常转运中心】', 'in_transit'],
  ['【苏州市】 快件已经到达 【昆常转运中心】', 'in_transit'],
  ['【苏州市】 快件离开 【昆常转运中心】 已发往 【常熟天下淘宝四】', 'in_transit'],
  ['【苏州市】 快件已经到达 【常熟天下淘宝四】', 'in_transit'],
  [
    '【苏州市】 【常熟天下淘宝四】 的王翔（137****4974） 正在第1次派件, 请保持电话畅通,并耐心等待（95720为中通快递员外呼专属号码，请放心接听）',
    'out_for_delivery',
  ],
  [
    '【苏州市】 快件已被【丰巢的索特传动设备西门丰巢柜2号柜(丰巢智能快递柜)】代收，如有问题请电联（400063****,137****4974），感谢使用中通快递，期待再次为您服务！',
    'awaiting_collection',
  ],
  [
    '【苏州市】 您的快递已签收, 签收人在【丰巢的索特传动设备西门丰巢柜2号柜(丰巢智能快递柜)】(索特传动设备西门丰巢柜2号柜)领取。如有疑问请电联:（137****4974）, 投诉电话:（400063****,137****4974）, 您的快递已经妥投。风里来雨里去, 只为客官您满意。上有老下有小, 赏个好评好不好？【请在评价快递员处帮忙点亮五颗星星哦~】',
    'delivered',
  ],
] as const;

const YTO_MAMA_TRACE = [
  ['【河南省郑州市市场部公司】 已收件 取件人: 河南省郑州市市场部3 (95554)', 'picked_up'],
  ['【郑州转运中心公司】 已收入', 'in_transit'],
  ['【郑州转运中心】 已发出 下一站 【漯河转运中心公司】', 'in_transit'],
  ['【河南省商丘市】 已发出 下一站 【河南省商丘市梁园区谢集镇公司】', 'in_transit'],
  ['快件已到达世纪联华超市圆通速递妈妈驿站联系电话137****3122', 'awaiting_collection'],
  ['世纪联华超市圆通速递妈妈驿站已发出自提短信请上门自提联系电话137****3122', 'awaiting_collection'],
  // The 签收 trap: "signed" by the station, parcel still waiting (note the carrier's typo 己暂放).
  [
    '客户签收人: 他人代签世纪联华超市圆通快递公司己暂放尽快来取拿件电话137****3122 已签收  感谢使用圆通速递，期待再次为您服务 如有疑问请联系：137****3122，投诉电话：137****3122',
    'awaiting_collection',
  ],
] as const;

const YTO_K100_TRACE = [
  ['【河北省唐山市曹妃甸综合保税区公司】 已揽收 取件人: 刘亚军 (181****1332)', 'picked_up'],
  ['【天津转运中心公司】 已收入', 'in_transit'],
  ['【济南转运中心】 已发出 下一站 【山东省济南市孙村公司】', 'in_transit'],
  [
    '【山东省济南市孙村公司】 派件中 派件人: 方彪 电话 185****8021 。 圆通快递小哥每天已测体温，请放心收寄快递 如有疑问，请联系：188****1893',
    'out_for_delivery',
  ],
  ['快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件，如有疑问请联系155****2271', 'awaiting_collection'],
  [
    '客户签收人: 已签收，签收人凭取货码签收。 已签收 感谢使用圆通速递，期待再次为您服务 如有疑问请联系：185****8021，投诉电话：188****1890。疫情期间圆通每天对网点多次消毒，快递小哥每天测量体温，佩戴口罩',
    'delivered',
  ],
] as const;

const TABLE: readonly (readonly [string, ParcelStatus])[] = [
  ...ZTO_TRACE,
  ...YTO_MAMA_TRACE,
  ...YTO_K100_TRACE,
  // §3.5 quoted fragments
  ['快件已被【丰巢的…丰巢柜2号柜(丰巢智能快递柜)】代收', 'awaiting_collection'],
  ['…郭** 派件中 派件员电话…', 'out_for_delivery'],
  ['到【青岛转运中心】', 'in_transit'],
  ['【青岛转运中心】，正发往【广州番禺转运中心】', 'in_transit'],
  ['【MKT-山东恒伊项目】已揽收', 'picked_up'],
  ['客户签收人: 他人代签…己暂放尽快来取拿件', 'awaiting_collection'],
  // SF opCodes (S7)
  ['顺丰已收件', 'picked_up'],
  ['已装车准备发往', 'in_transit'],
  ['到达【集散中心】', 'in_transit'],
  ['准备送往下一站', 'in_transit'],
  ['正送往顺丰店/站', 'in_transit'],
  ['到达顺丰店/站', 'in_transit'],
  ['正在派送途中,请您准备签收', 'out_for_delivery'],
  ['正在派送途中(派件人/电话)', 'out_for_delivery'],
  ['代理收件', 'awaiting_collection'],
  ['已签收,感谢使用顺丰', 'delivered'],
  ['可查看签收人', 'delivered'],
  ['派件异常原因', 'exception'],
  ['由于XXX原因 派件不成功', 'exception'],
  ['应客户要求,快件正在转寄中', 'in_transit'],
  ['快件已退回/转寄,新单号为SF1234567890123', 'returning'],
  // JD
  ['下单', 'pending_pickup'],
  ['揽收中', 'pending_pickup'],
  ['已揽收', 'picked_up'],
  ['运输中', 'in_transit'],
  ['派件', 'out_for_delivery'],
  ['已签收', 'delivered'],
  ['拒收', 'rejected'],
  ['已取消', 'cancelled'],
  // Yunda
  ['收件扫描', 'picked_up'],
  ['已揽件', 'picked_up'],
  ['入中转', 'in_transit'],
  ['出中转', 'in_transit'],
  ['派件中', 'out_for_delivery'],
  ['第三方代收入库', 'awaiting_collection'],
  ['第三方代收快递员取出', 'exception'],
  ['问题件', 'exception'],
  ['转单', 'in_transit'],
  // ZTO scan types
  ['收件', 'picked_up'],
  ['发件', 'in_transit'],
  ['到件', 'in_transit'],
  ['签收', 'delivered'],
  ['第三方签收', 'awaiting_collection'],
  ['退件', 'returning'],
  ['退件签收', 'returned'],
  ['驿站代收', 'awaiting_collection'],
  ['收件人已从第三方代理点签收', 'delivered'],
  // J&T
  ['快件揽收', 'picked_up'],
  ['发件扫描', 'in_transit'],
  ['到件扫描', 'in_transit'],
  ['出仓扫描', 'in_transit'],
  ['代理点收入扫描', 'awaiting_collection'],
  ['快件取出扫描', 'delivered'],
  ['快件签收', 'delivered'],
  ['问题件扫描', 'exception'],
  // STO
  ['装袋', 'in_transit'],
  ['客户签收', 'delivered'],
  // BEST
  ['代理点签收', 'awaiting_collection'],
  ['特殊签收', 'delivered'],
  ['百世邻里', 'awaiting_collection'],
  ['入柜', 'awaiting_collection'],
  ['用户提货', 'delivered'],
  ['转同行', 'in_transit'],
  ['快递员取出包裹', 'exception'],
  ['管理员取出包裹', 'exception'],
  ['客户拒收', 'rejected'],
  ['二次派件', 'out_for_delivery'],
  ['货物破损', 'exception'],
  // §3.4 consumer labels
  ['已下单', 'pending_pickup'],
  ['已发货', 'pending_pickup'],
  ['派送中', 'out_for_delivery'],
  ['待取件', 'awaiting_collection'],
  ['快件已送达菜鸟驿站，凭取件码【10-2-1020】取件', 'awaiting_collection'],
  // §3.1/§3.2 sub-state labels used as text
  ['到达派件城市', 'in_transit'],
  ['到达派件网点', 'in_transit'],
  ['干线', 'in_transit'],
  ['转递', 'in_transit'],
  ['投柜或驿站', 'awaiting_collection'],
  ['本人签收', 'delivered'],
  ['派件异常后签收', 'delivered'],
  ['轨迹异常后最终签收', 'delivered'],
  ['代签', 'awaiting_collection'],
  ['投柜或站签收', 'awaiting_collection'],
  ['快递柜或驿站签收', 'awaiting_collection'],
  ['已放入快递柜或驿站', 'awaiting_collection'],
  ['已销单', 'cancelled'],
  ['单号已拦截', 'cancelled'],
  ['客户取消发货', 'cancelled'],
  // 快递鸟 files 402 超时未签收 / 403 超时未更新 under 4 问题件 (idx:8590212550): an overdue parcel is an exception.
  ['超时未签收', 'exception'],
  ['退货签收', 'returned'],
  ['退货未签收', 'returning'],
  ['待清关', 'customs'],
  ['清关异常', 'customs'],
  ['海关查验', 'customs'],
  ['待揽件', 'pending_pickup'],
  ['无法联系收件人', 'exception'],
  ['收货地址不详细', 'exception'],
  // keyword priorities (§3.5, §7.12) and the brief's extras
  ['派件异常', 'exception'],
  ['【杭州市】快件派件异常，原因：收件人电话无人接听', 'exception'],
  ['快件已退件签收', 'returned'],
  ['收件人拒签，快件将退回', 'rejected'],
  ['快件转投中通快递，新单号73100000000000', 'in_transit'],
  ['已拦截', 'cancelled'],
  ['您的快件已取件，感谢使用菜鸟驿站', 'delivered'],
  ['您的包裹已从驿站取出', 'delivered'],
  ['快件已到达【xx驿站】，请及时取件，逾期将退回', 'awaiting_collection'],
  ['快递员张三已取件', 'picked_up'],
  ['', 'unknown'],
  ['感谢使用', 'unknown'],
];

describe('statusFromEventText', () => {
  it.each(TABLE)('%s → %s', (text, expected) => {
    expect(statusFromEventText(text)).toBe(expected);
  });

  it('ignores whitespace differences', () => {
    expect(statusFromEventText('  已签收\n ')).toBe('delivered');
  });
});

describe('statusFromEvents', () => {
  const trace = (rows: readonly (readonly [string, ParcelStatus])[]) => rows.map(([text], i) => ({ time: 1000 + i * 60_000, text }));

  it('takes the newest event, whatever the array order', () => {
    expect(statusFromEvents(trace(ZTO_TRACE))).toBe('delivered');
    expect(statusFromEvents(trace(ZTO_TRACE).reverse())).toBe('delivered');
    expect(statusFromEvents(trace(YTO_MAMA_TRACE))).toBe('awaiting_collection');
    expect(statusFromEvents(trace(YTO_K100_TRACE))).toBe('delivered');
  });

  it('a station 代收 followed by nothing is awaiting collection', () => {
    expect(statusFromEvents(trace(ZTO_TRACE.slice(0, 9)))).toBe('awaiting_collection');
  });

  it("an event's own status wins over its text, except the 签收 / station refinements", () => {
    expect(statusFromEvents([{ time: 1, text: '【济南转运中心】 已发出', status: 'out_for_delivery' }])).toBe('out_for_delivery');
    // kuaidi100 per-event status: the station drop comes as 在途, the trap 签收 as 签收.
    expect(eventStatus({ time: 1, text: YTO_K100_TRACE[4][0], status: 'in_transit' })).toBe('awaiting_collection');
    expect(eventStatus({ time: 1, text: YTO_MAMA_TRACE[6][0], status: 'delivered' })).toBe('awaiting_collection');
    expect(eventStatus({ time: 1, text: YTO_K100_TRACE[5][0], status: 'delivered' })).toBe('delivered');
    expect(eventStatus({ time: 1, text: 'x', status: 'unknown' })).toBe('unknown');
  });

  it('skips events that say nothing, and is unknown for none', () => {
    expect(statusFromEvents([])).toBe('unknown');
    expect(statusFromEvents([{ time: 1, text: '派件中' }, { time: 2, text: '感谢使用' }])).toBe('out_for_delivery');
    expect(statusFromEvents([{ time: 2, text: '感谢使用' }])).toBe('unknown');
  });

  it('breaks equal times the same way in any order', () => {
    const a = { time: 5, text: '派件中' };
    const b = { time: 5, text: '已签收' };
    expect(statusFromEvents([a, b])).toBe('delivered');
    expect(statusFromEvents([b, a])).toBe('delivered');
  });
});

describe('statusFromKuaidi100State', () => {
  const CODES: readonly (readonly [string | number, ParcelStatus])[] = [
    [0, 'in_transit'],
    [1, 'picked_up'],
    [2, 'exception'],
    [3, 'delivered'],
    [4, 'returned'],
    [5, 'out_for_delivery'],
    [6, 'returning'],
    [7, 'in_transit'],
    [8, 'customs'],
    [10, 'customs'],
    [11, 'customs'],
    [12, 'customs'],
    [13, 'customs'],
    [14, 'rejected'],
    [101, 'pending_pickup'],
    [102, 'pending_pickup'],
    [103, 'picked_up'],
    [1001, 'in_transit'],
    [1002, 'in_transit'],
    [1003, 'in_transit'],
    [501, 'awaiting_collection'],
    [301, 'delivered'],
    [302, 'delivered'],
    [303, 'delivered'],
    [304, 'awaiting_collection'],
    [401, 'cancelled'],
    ['3', 'delivered'],
    [' 304 ', 'awaiting_collection'],
    ['201', 'exception'], // unverified 疑难 sub-code → its main state
    [9, 'unknown'],
    [99, 'unknown'],
    [-1, 'unknown'],
    ['abc', 'unknown'],
    ['', 'unknown'],
    ['在途', 'in_transit'],
    ['揽收', 'picked_up'],
    ['签收', 'delivered'],
    ['派件', 'out_for_delivery'],
    ['退回', 'returning'],
    ['拒签', 'rejected'],
  ];
  it.each(CODES)('%s → %s', (code, expected) => {
    expect(statusFromKuaidi100State(code)).toBe(expected);
  });
});

describe('parcel status order', () => {
  it('ranks the main chain', () => {
    const chain: ParcelStatus[] = ['unknown', 'pending_pickup', 'picked_up', 'in_transit', 'out_for_delivery', 'awaiting_collection', 'delivered'];
    for (let i = 1; i < chain.length; i++) expect(isForwardMove(chain[i - 1], chain[i])).toBe(true);
    expect(STATUS_RANK.customs).toBe(STATUS_RANK.in_transit);
    expect(isForwardMove('in_transit', 'customs')).toBe(false);
    expect(joinStatus('in_transit', 'customs')).toBe('customs');
    expect(joinStatus('customs', 'in_transit')).toBe('customs');
  });

  it('never leaves delivered, enters exception from any non-terminal state, keeps terminals terminal', () => {
    for (const s of PARCEL_STATUSES) {
      expect(isForwardMove('delivered', s)).toBe(false);
      if (!isTerminal(s) && s !== 'returning' && s !== 'exception') expect(isForwardMove(s, 'exception')).toBe(true);
      // A terminal state is never left for a non-terminal one.
      for (const t of PARCEL_STATUSES) if (isTerminal(s) && !isTerminal(t)) expect(isForwardMove(s, t)).toBe(false);
    }
    expect(isForwardMove('exception', 'in_transit')).toBe(false);
    expect(isForwardMove('rejected', 'returned')).toBe(true);
    expect(isForwardMove('returned', 'rejected')).toBe(false);
    expect(['delivered', 'returned', 'rejected', 'cancelled'].every((s) => isTerminal(s as ParcelStatus))).toBe(true);
    expect(isTerminal('exception')).toBe(false);
  });

  it('join is commutative, associative and idempotent', () => {
    for (const a of PARCEL_STATUSES)
      for (const b of PARCEL_STATUSES) {
        expect(joinStatus(a, b)).toBe(joinStatus(b, a));
        expect(joinStatus(a, a)).toBe(a);
        for (const c of PARCEL_STATUSES) expect(joinStatus(joinStatus(a, b), c)).toBe(joinStatus(a, joinStatus(b, c)));
      }
  });
});

describe('orderStatusFromText', () => {
  const ORDERS: readonly (readonly [string, OrderStatus])[] = [
    ['等待买家付款', 'unpaid'],
    ['待付款', 'unpaid'],
    ['买家已付款', 'unshipped'],
    ['待发货', 'unshipped'],
    ['等待卖家发货', 'unshipped'],
    ['卖家已发货', 'shipped'],
    ['待收货', 'shipped'],
    ['已发货', 'shipped'],
    ['运输中', 'shipped'],
    ['交易成功', 'completed'],
    ['已完成', 'completed'],
    // The parcel arrived but the trade is open until confirmed (one table for every platform: core/status.ts).
    ['已签收', 'shipped'],
    ['待评价', 'completed'],
    ['交易关闭', 'cancelled'],
    ['已取消', 'cancelled'],
    ['退款中', 'refunding'],
    ['售后中', 'refunding'],
    ['退款申请中', 'refunding'],
    ['退款成功', 'refunded'],
    ['已退款', 'refunded'],
    ['退款关闭', 'unknown'],
    ['', 'unknown'],
    ['奇怪的状态', 'unknown'],
  ];
  it.each(ORDERS)('%s → %s', (text, expected) => {
    expect(orderStatusFromText(text)).toBe(expected);
  });

  it('moves forward only: cancelled/refunded win, completed is not undone by shipped', () => {
    expect(joinOrderStatus('completed', 'shipped')).toBe('completed');
    expect(isOrderForwardMove('completed', 'shipped')).toBe(false);
    expect(joinOrderStatus('shipped', 'cancelled')).toBe('cancelled');
    expect(joinOrderStatus('cancelled', 'refunded')).toBe('refunded');
    expect(joinOrderStatus('refunded', 'completed')).toBe('refunded');
    expect(joinOrderStatus('refunding', 'completed')).toBe('completed');
    expect(joinOrderStatus('unshipped', 'refunding')).toBe('refunding');
    expect(Object.keys(ORDER_STATUS_RANK)).toHaveLength(8);
  });
});
