// The evidence text of every alert kind, in both languages, built from alerts the real rules raise: the facts a
// complaint needs appear, and nothing the shopper did not see on the platform's pages does (record keys, shop and
// item ids, the phone tail, the pickup code, the tracking number when an order is named). No snapshots: each
// assertion names a fact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, orderAlerts, parcelAlerts, type Alert, type AlertKind } from '../../../src/core/alerts';
import { chinaTime, EVIDENCE, evidenceText, type EvidenceEvent, type EvidenceInput } from '../../../src/core/evidence';
import type { OrderRecord, ParcelRecord, ParcelStatus } from '../../../src/core/model';
import { LINKS_BY_ID } from '../../../src/platforms/ui-facts';
import { getMessageFor, readLocale } from '../ui/locale';

const H = 3600_000;
// 2026-11-20 14:05 in China.
const NOW = Date.UTC(2026, 10, 20, 6, 5);
const LANGS = [
  { locale: 'zh_CN', lang: 'zh', msg: getMessageFor('zh_CN') },
  { locale: 'en', lang: 'en', msg: getMessageFor('en') },
] as const;

const ORDER_ID = '3512894410023456789';
const SHOP_ID = 'shop-88231';
const ITEM_ID = 'item-7731902';
const TRACKING = '73100059800035';
const PHONE_TAIL = '4821';
const PICKUP = '5-2-7602';

const order = (extra: Partial<OrderRecord> = {}): OrderRecord => ({
  key: `taobao:${ORDER_ID}`,
  platform: 'taobao',
  orderId: ORDER_ID,
  shopName: '山野良品旗舰店',
  shopId: SHOP_ID,
  items: [{ title: '云南高山红茶 250g', itemId: ITEM_ID, sku: '罐装', price: 8800 }],
  status: 'shipped',
  paidAt: NOW - 100 * H,
  parcelKeys: [`zto:${TRACKING}`],
  firstSeen: NOW - 100 * H,
  lastSeen: NOW,
  sources: {},
  ...extra,
});

const ev = (agoH: number, text: string, status: ParcelStatus, location?: string): EvidenceEvent => ({ time: NOW - agoH * H, text, status, ...(location ? { location } : {}) });

const parcel = (status: ParcelStatus, events: EvidenceEvent[], extra: Partial<ParcelRecord> = {}): ParcelRecord => {
  const last = [...events].sort((a, b) => b.time - a.time)[0];
  return {
    key: `zto:${TRACKING}`,
    carrier: 'zto',
    carrierName: '中通快递',
    trackingNo: TRACKING,
    direction: 'outbound',
    orderKeys: [`taobao:${ORDER_ID}`],
    platforms: ['taobao'],
    status,
    latestEvent: last ? { time: last.time, text: last.text, location: last.location } : undefined,
    shippedAt: NOW - 90 * H,
    phoneTail: PHONE_TAIL,
    nextCheckAt: 0,
    archived: 0,
    firstSeen: NOW - 90 * H,
    lastSeen: NOW,
    updatedAt: NOW,
    sources: {},
    ...extra,
  };
};

const PICKED = ev(80, '【杭州市】中通快递 杭州余杭 已揽收', 'picked_up', '杭州市');

interface Scenario {
  orders: OrderRecord[];
  parcel?: ParcelRecord;
  events: EvidenceEvent[];
  /** Facts both languages must state (page words, times). */
  facts: string[];
  /** Facts per language (the catalog's own wording). */
  words: { zh: string[]; en: string[] };
}

/** One realistic record set per alert kind; the alert comes from the real rules (alerts.ts), not by hand. */
const SCENARIOS: Record<AlertKind, () => Scenario> = {
  not_shipped: () => ({
    orders: [order({ status: 'unshipped', parcelKeys: [], paidAt: NOW - 60 * H })],
    events: [],
    facts: [chinaTime(NOW - 60 * H), '2026-11-18 02:05'],
    words: { zh: ['付款后 60 小时仍未发货', '付款时间：2026-11-18 02:05'], en: ['not shipped 60 h after payment', 'Paid: 2026-11-18 02:05'] },
  }),
  no_pickup_scan: () => {
    const events: EvidenceEvent[] = [];
    return {
      orders: [order()],
      parcel: parcel('pending_pickup', events, { shippedAt: NOW - 30 * H }),
      events,
      facts: [chinaTime(NOW - 30 * H)],
      words: { zh: ['显示已发货 30 小时', '至今没有揽收记录', '发货时间：2026-11-19 08:05（中通快递）'], en: ['marked shipped 30 h ago', 'First scan: none so far', 'Shipped: 2026-11-19 08:05 (ZTO Express)'] },
    };
  },
  stalled: () => {
    const events = [PICKED, ev(52, '快件已到达【杭州转运中心】', 'in_transit', '杭州转运中心')];
    return {
      orders: [order()],
      parcel: parcel('in_transit', events),
      events,
      facts: ['快件已到达【杭州转运中心】', chinaTime(NOW - 52 * H), chinaTime(NOW - 80 * H), '中通快递 杭州余杭 已揽收'],
      words: { zh: ['物流已 52 小时没有更新', '最新物流：2026-11-18 10:05', '首次揽收：2026-11-17 06:05'], en: ['no tracking update for 52 h', 'Latest scan: 2026-11-18 10:05', 'First scan: 2026-11-17 06:05'] },
    };
  },
  out_for_delivery_long: () => {
    const events = [PICKED, ev(14, '【余杭区】快递员正在派送，电话：95311', 'out_for_delivery', '余杭区')];
    return {
      orders: [order()],
      parcel: parcel('out_for_delivery', events),
      events,
      facts: ['快递员正在派送', chinaTime(NOW - 14 * H)],
      words: { zh: ['派送中已超过 14 小时'], en: ['out for delivery for more than 14 h'] },
    };
  },
  awaiting_collection_long: () => {
    // The station's line carries the pickup code and the phone tail: both are masked in the text.
    const events = [PICKED, ev(30, `您的快件已放入菜鸟驿站(龙湖31号楼店)，请凭取件码 ${PICKUP} 取件，收件人尾号${PHONE_TAIL}`, 'awaiting_collection', '菜鸟驿站(龙湖31号楼店)')];
    return {
      orders: [order()],
      parcel: parcel('awaiting_collection', events, { pickupCode: PICKUP, station: '菜鸟驿站(龙湖31号楼店)' }),
      events,
      facts: ['菜鸟驿站(龙湖31号楼店)', chinaTime(NOW - 30 * H)],
      words: { zh: ['已在驿站/快递柜存放 30 小时', '放入驿站/快递柜：2026-11-19 08:05'], en: ['at a station or locker for 30 h', 'Left at a station or locker: 2026-11-19 08:05'] },
    };
  },
  promise_missed: () => {
    const events = [PICKED, ev(10, '快件已发往【郑州转运中心】', 'in_transit', '郑州转运中心')];
    return {
      orders: [order({ promise: { kind: 'deliver_by', text: '次日达 · 预计11月19日24:00前送达', at: NOW - 5 * H } })],
      parcel: parcel('in_transit', events),
      events,
      facts: ['次日达 · 预计11月19日24:00前送达', chinaTime(NOW - 5 * H), '郑州转运中心'],
      words: { zh: ['未兑现承诺“次日达 · 预计11月19日24:00前送达”，已超时 5 小时', '（截止 2026-11-20 09:05）'], en: ['the promise “次日达 · 预计11月19日24:00前送达” was not kept; 5 h overdue', '(by 2026-11-20 09:05)'] },
    };
  },
  exception: () => {
    const events = [PICKED, ev(6, '快件异常：收件地址不详，派送失败', 'exception')];
    return {
      orders: [order()],
      parcel: parcel('exception', events),
      events,
      facts: ['快件异常：收件地址不详，派送失败'],
      words: { zh: ['物流异常（6 小时前）'], en: ['delivery exception (6 h ago)'] },
    };
  },
  rejected: () => {
    const events = [PICKED, ev(3, '收件人拒收，快件将退回', 'rejected')];
    return {
      orders: [order()],
      parcel: parcel('rejected', events),
      events,
      facts: ['收件人拒收，快件将退回'],
      words: { zh: ['被拒收或退回（3 小时前）'], en: ['refused or sent back (3 h ago)'] },
    };
  },
  returning: () => {
    const events = [PICKED, ev(4, '快件正在退回寄件人', 'returning')];
    return {
      orders: [order()],
      parcel: parcel('returning', events),
      events,
      facts: ['快件正在退回寄件人'],
      words: { zh: ['正在退回（4 小时前）'], en: ['being returned (4 h ago)'] },
    };
  },
  // Issue #16: the last mile.
  door_promise_broken: () => {
    const events = [PICKED, ev(20, '【余杭区】快递员正在派送', 'out_for_delivery', '余杭区'), ev(18, '已签收，签收人：菜鸟驿站(龙湖31号楼店)', 'awaiting_collection', '余杭区')];
    const at = events[2];
    return {
      orders: [order({ service: { text: '送货上门', door: true } })],
      parcel: parcel('awaiting_collection', events, { stationEvent: { time: at.time, text: at.text, location: at.location } }),
      events,
      facts: ['送货上门', '已签收，签收人：菜鸟驿站(龙湖31号楼店)', chinaTime(NOW - 18 * H)],
      words: {
        zh: ['订单承诺“送货上门”，包裹却被放在了驿站/快递柜（2026-11-19 20:05 已签收，签收人：菜鸟驿站(龙湖31号楼店)），距今 18 小时'],
        en: ['the order promised “送货上门”, but the parcel was left at a station or locker (2026-11-19 20:05 已签收，签收人：菜鸟驿站(龙湖31号楼店)), 18 h ago'],
      },
    };
  },
  return_pickup_missed: () => ({
    orders: [
      order({
        status: 'refunding',
        afterSale: { kind: 'return', state: 'pickup_booked', stateText: '已预约上门取件', since: { pickup_booked: NOW - 30 * H }, observedAt: NOW - 30 * H, pickupWindow: { from: NOW - 12 * H, to: NOW - 10 * H, text: '11月20日 02:05-04:05' } },
      }),
    ],
    events: [],
    facts: ['11月20日 02:05-04:05', '已预约上门取件'],
    words: { zh: ['预约的上门取件（11月20日 02:05-04:05）时间已过 10 小时，快递员没有来取件', '售后状态（页面显示）：已预约上门取件'], en: ['the booked return pickup (11月20日 02:05-04:05) passed 10 h ago and no courier came', 'After-sale state (as shown on the page): 已预约上门取件'] },
  }),
  refund_overdue: () => ({
    orders: [order({ status: 'refunding', afterSale: { kind: 'return', state: 'received', stateText: '卖家已收货', since: { received: NOW - 250 * H }, observedAt: NOW - 250 * H } })],
    events: [],
    facts: [chinaTime(NOW - 250 * H), '卖家已收货'],
    words: { zh: ['商家 2026-11-10 04:05 已收到退货，10 天 后仍未退款'], en: ['the seller received the return on 2026-11-10 04:05 and has not refunded after 10 d'] },
  }),
  refund_late: () => ({
    orders: [order({ status: 'refunding', afterSale: { state: 'received', stateText: '卖家已收货', since: { received: NOW - 20 * H }, observedAt: NOW - 20 * H, refundDue: { at: NOW - 5 * H, text: '预计11月20日09:05前退款到账' } } })],
    events: [],
    facts: ['预计11月20日09:05前退款到账'],
    words: { zh: ['页面承诺“预计11月20日09:05前退款到账”，退款至今未到，已超时 5 小时'], en: ['the page promised “预计11月20日09:05前退款到账”; the refund has not arrived, 5 h late'] },
  }),
};


function alertOf(kind: AlertKind, s: Scenario): Alert {
  const all = [...(s.parcel ? parcelAlerts(s.parcel, NOW) : []), ...s.orders.flatMap((o) => orderAlerts(o, s.parcel ? [s.parcel] : [], NOW))];
  const a = all.find((x) => x.kind === kind);
  if (!a) throw new Error(`the scenario for ${kind} raises ${all.map((x) => x.kind).join(', ') || 'no alert'}`);
  return a;
}

const inputOf = (kind: AlertKind): { input: EvidenceInput; s: Scenario } => {
  const s = SCENARIOS[kind]();
  const o = s.orders[0];
  return { s, input: { alert: alertOf(kind, s), orders: s.orders, parcel: s.parcel, events: s.events, afterSaleUrl: LINKS_BY_ID.taobao.afterSale.url(o.orderId) } };
};

describe('evidence registry', () => {
  it('every alert kind has an evidence entry, a scenario here, and its problem line in both catalogs', () => {
    const catalogs = [readLocale('zh_CN'), readLocale('en')];
    for (const kind of ALERT_KINDS) {
      expect(EVIDENCE[kind], kind).toBeDefined();
      expect(EVIDENCE[kind].facts.length, kind).toBeGreaterThan(0);
      expect(SCENARIOS[kind], `tests/unit/core/evidence.test.ts needs a scenario for ${kind}`).toBeTypeOf('function');
      for (const c of catalogs) expect(c[`evidence_problem_${kind}`]?.message, kind).toBeTruthy();
    }
    expect(Object.keys(EVIDENCE).sort()).toEqual([...ALERT_KINDS].sort());
  });
});

describe.each(LANGS)('evidence text in $locale', ({ lang, msg }) => {
  it.each([...ALERT_KINDS])('%s: states the order, the problem and the facts, and nothing internal', (kind) => {
    const { s, input } = inputOf(kind);
    const text = evidenceText(input, msg, lang);

    // The order as the platform shows it, the shop, the item.
    expect(text).toContain(ORDER_ID);
    expect(text).toContain(lang === 'zh' ? '淘宝' : 'Taobao');
    expect(text).toContain('山野良品旗舰店');
    expect(text).toContain('云南高山红茶 250g');
    for (const f of [...s.facts, ...s.words[lang]]) expect(text, f).toContain(f);
    expect(text).toContain(`https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=${ORDER_ID}`);
    expect(text).toContain(lang === 'zh' ? '北京时间' : 'China Standard Time');

    // Nothing the shopper did not see on the platform's pages, and no unfilled template.
    // (a kind's id is forbidden where it is not also an English word: "exception" is one)
    const internal = [input.alert.key, ...(kind.includes('_') ? [kind] : [])];
    for (const bad of [`taobao:${ORDER_ID}`, `zto:${TRACKING}`, TRACKING, SHOP_ID, ITEM_ID, PHONE_TAIL, PICKUP, ...internal, 'undefined', 'NaN', '$', 'evidence_']) {
      expect(text, bad).not.toContain(bad);
    }
    // The other language's labels do not leak in.
    if (lang === 'en') expect(text).not.toMatch(/订单号|付款时间|问题：/);
    else expect(text).not.toMatch(/Order no\.|Problem:|Paid:/);
  });
});

describe('evidence details', () => {
  const zh = LANGS[0].msg;
  const en = LANGS[1].msg;

  it('formats times in China Standard Time whatever the machine zone (and across midnight)', () => {
    expect(chinaTime(Date.UTC(2026, 10, 20, 6, 5))).toBe('2026-11-20 14:05');
    expect(chinaTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01 00:30');
    expect(chinaTime(Date.UTC(2026, 6, 1, 0, 0))).toBe('2026-07-01 08:00');
  });

  it('the fixed UTC+8 offset agrees with the time-zone database for Asia/Shanghai at any instant since 1992', () => {
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const viaTz = (ms: number) => {
      const p = Object.fromEntries(tz.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2060, 0, 1) }), (ms) => chinaTime(ms) === viaTz(ms)), { numRuns: 500 });
  });

  it('a parcel with no order names its carrier and tracking number instead (the shopper typed them)', () => {
    const events = [ev(52, '快件已到达【郑州转运中心】', 'in_transit', '郑州转运中心')];
    const p = parcel('in_transit', events, { orderKeys: [], platforms: ['manual'] });
    const text = evidenceText({ alert: parcelAlerts(p, NOW)[0], orders: [], parcel: p, events }, en, 'en');
    expect(text.split('\n')[0]).toBe(`ZTO Express tracking no. ${TRACKING}`);
    expect(text).toContain('no tracking update for 52 h');
    expect(text).not.toContain(PHONE_TAIL);
  });

  it('a merged shipment names every order; a Tmall order reads 天猫; several items read "等 N 件"', () => {
    const a = order({ tmall: true, items: [{ title: '羊毛围巾' }, { title: '手套' }] });
    const b = order({ key: 'taobao:3512894410000000001', orderId: '3512894410000000001', tmall: true, items: [{ title: '帽子' }] });
    const events = [PICKED, ev(52, '快件已到达【杭州转运中心】', 'in_transit')];
    const p = parcel('in_transit', events, { orderKeys: [a.key, b.key] });
    const text = evidenceText({ alert: parcelAlerts(p, NOW)[0], orders: [a, b], parcel: p, events }, zh, 'zh');
    expect(text.split('\n')[0]).toBe(`天猫 订单号：${ORDER_ID}、3512894410000000001（店铺：山野良品旗舰店）`);
    expect(text).toContain('商品：羊毛围巾 等 3 件');
  });

  it('page text is one clean line: line breaks collapsed, bidi controls removed, long text cut', () => {
    const events = [PICKED, ev(52, '快件已到达\n【杭州\u202E转运中心】' + '很长'.repeat(100), 'in_transit')];
    const p = parcel('in_transit', events);
    const text = evidenceText({ alert: parcelAlerts(p, NOW)[0], orders: [order({ shopName: '店\u202E铺' })], parcel: p, events }, zh, 'zh');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(text).toContain('快件已到达 【杭州转运中心】');
    expect(text).toContain('（店铺：店铺）');
    const last = text.split('\n').find((l) => l.startsWith('最新物流'))!;
    expect(last.length).toBeLessThan(160);
    expect(last.endsWith('…')).toBe(true);
  });

  it('masks a standalone pickup code and phone tail but not the same digits inside a longer number', () => {
    const events = [PICKED, ev(30, `凭 ${PICKUP} 取件，尾号 ${PHONE_TAIL}；网点电话 0371-6648213，单号 9${PHONE_TAIL}77`, 'awaiting_collection')];
    const p = parcel('awaiting_collection', events, { pickupCode: PICKUP });
    const text = evidenceText({ alert: parcelAlerts(p, NOW)[0], orders: [order()], parcel: p, events }, zh, 'zh');
    expect(text).toContain('凭 *** 取件，尾号 ****');
    expect(text).toContain(`单号 9${PHONE_TAIL}77`);
    expect(text).toContain('0371-6648213');
  });

  it('an order of a platform without a per-order after-sale page links the page its links.ts names', () => {
    const o = order({ key: 'douyin:6931', platform: 'douyin', orderId: '6931', status: 'unshipped', parcelKeys: [], paidAt: NOW - 60 * H });
    const alert = orderAlerts(o, [], NOW)[0];
    const text = evidenceText({ alert, orders: [o], afterSaleUrl: LINKS_BY_ID.douyin.afterSale.url(o.orderId) }, en, 'en');
    expect(text).toContain('Douyin order no. 6931');
    expect(text.split('\n').at(-1)).toBe(`After-sale / complaint page: ${LINKS_BY_ID.douyin.afterSale.url('6931')}`);
    // An order alert with no parcel states no parcel facts.
    expect(text).not.toMatch(/First scan|Latest scan|Shipped/);
  });
});
