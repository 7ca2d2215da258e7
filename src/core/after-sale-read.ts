// Reading the last mile from the pages' own words (issue #16): the delivery service an order promises, the
// after-sale state and type, the booked pickup window and the refund a page promises. Platform parsers call
// these; the facts they produce (states, ranks, refund windows) are in after-sale.ts.
import { inTimeRange } from './bounds';
import type { AfterSaleKind, DeliveryService, PickupWindow, RefundDue, ReturnState } from './after-sale';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Every platform's page times are China time (UTC+8, no DST). */
const CN_OFFSET = 8 * HOUR;

// ---- door-delivery promises ------------------------------------------------------------------------------

/**
 * Services that promise the parcel to the door. 音尊达 is Douyin's (service code SVC-WBHOMEDELIVERY, order tag
 * key sug_home_deliver in 抖店 open-platform models [S]); 音需达 its on-demand variant; 送货上门 is Tmall's and
 * the carriers' own wording; 京准达 / 211限时达 are JD delivery services by its own couriers (to the address).
 * "承诺…上门" / "上门服务" without 取件 count too. Pickup words (上门取件, 驿站自提) never do.
 */
const DOOR_RE = /送货上门|送件上门|配送上门|派送上门|送货到家|送到家|送至家门|音尊达|音需达|京准达|211限时达|按需上门|上门配送|上门派送/;
const NOT_DOOR_RE = /建议(?:使用)?音尊达|推荐音尊达|上门取件|上门揽收|预约取件|驿站自提|到店自提|自提点|可自提|不支持送货上门|暂不支持.{0,6}上门|无法送货上门/;
/** Speed services (no door promise by themselves): recorded as shown, alerts ignore them. */
const SPEED_RE = /极速达|次日达|当日达|隔日达|半日达|小时达|今日达|明日达|限时达|准时达/;

/** The delivery service a text names, or undefined. */
export function readDeliveryService(text: string | undefined): DeliveryService | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 120) return undefined;
  if (NOT_DOOR_RE.test(t)) return undefined;
  if (DOOR_RE.test(t)) return { text: t, door: true };
  if (SPEED_RE.test(t) && t.length <= 40) return { text: t, door: false };
  return undefined;
}

/** The strongest service among texts: a door promise beats a speed one; the first of each kind wins. */
export function serviceFrom(texts: readonly (string | undefined)[]): DeliveryService | undefined {
  let speed: DeliveryService | undefined;
  for (const x of texts) {
    const s = readDeliveryService(x);
    if (s?.door) return s;
    speed ??= s;
  }
  return speed;
}

// ---- after-sale state --------------------------------------------------------------------------------------

/**
 * After-sale words → state, first match wins (ends first, then the furthest step). Taobao's refund states
 * (WAIT_SELLER_AGREE, WAIT_BUYER_RETURN_GOODS, WAIT_SELLER_CONFIRM_GOODS, SUCCESS, CLOSED; opentaobao Order
 * model [S]) and the texts their pages show ("退款完毕", the refund page's last process step, and "…创建了退款申请",
 * its first message, from a public capture of refund2's page model). The status names of the sellers' open
 * platforms [S], in case the buyers' pages reuse them: Douyin aftersale_status (待商家处理 / 待买家退货 / 待商家收货 /
 * 售后成功 / 换货待买家收货 / 换货成功 / 售后关闭; doudian SDKs), Kuaishou refund status (买家仅退款申请 …
 * 商品回寄信息待买家更新 / 商品回寄信息待卖家确认 / 卖家已经发货，等待买家确认收货 / 退款成功 / 退款失败;
 * open.seller.order.refund.*), Pinduoduo after_sales_status (买家申请退款，待商家处理 … 已同意退货退款,待用户发货 /
 * 退款成功 / 买家撤销 / 换货补寄成功; pdd.refund.*). Buyer-page words beyond those are the same phrases [G].
 */
const STATE_WORDS: readonly (readonly [ReturnState, RegExp])[] = [
  ['closed', /(?:退款|售后|退货|换货)\S{0,3}(?:关闭|撤销|已取消|失败|被拒|驳回)|已撤销|买家撤销|售后关闭|^CLOSED$|SELLER_REFUSE_BUYER/],
  ['refunded', /退款成功|退款完成|退款完毕|退款已完成|已退款|退款已到账|已原路退回|退货退款成功|^售后成功$|^SUCCESS$/],
  ['exchanged', /换货成功|换货完成|换货已完成|换货补寄成功|已确认收到换货/],
  ['received', /(?<!待)(?:商家|卖家|仓库)(?:已)?(?:确认)?(?:收货|收到|签收)(?!后)|已收到(?:退货|退回)|退货已签收|待(?:商家|卖家)退款|等待(?:商家|卖家)退款|换货商品已发出|换货待买家收货|(?:商家|卖家)已经?(?:重新)?发货/],
  ['in_transit_back', /待(?:商家|卖家)收货|等待(?:商家|卖家)(?:确认)?收货|回寄信息待(?:商家|卖家)确认|买家已退货|已(?:寄回|寄出|退回商品)|退货(?:运输|在途)中|退货物流|^WAIT_SELLER_CONFIRM_GOODS$/],
  ['picked_up', /(?:快递员|快递小哥|骑手)(?:已)?(?:上门)?取件|已上门取件|上门取件成功|取件成功|已揽收|已取件/],
  ['pickup_booked', /已预约(?:上门)?取件|预约(?:上门)?取件(?:成功|时间)|待(?:上门)?取件|等待快递员上门|上门取件时间|取件时间/],
  ['requested', /申请(?:退款|退货|换货|售后)|(?:退款|退货|换货|售后)申请|待(?:商家|卖家)(?:处理|审核|同意)|等待(?:商家|卖家)(?:处理|同意)|(?:商家|卖家)已同意|待买家退货|待(?:买家|用户)(?:发货|更新)|回寄信息待买家|请(?:您)?退货|待寄回|^WAIT_SELLER_AGREE$|^WAIT_BUYER_RETURN_GOODS$/],
];

/** The after-sale state a page's text states, or undefined. */
export function readReturnState(text: string | undefined): ReturnState | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.replace(/\s+/g, '').trim();
  if (!t || t.length > 200) return undefined;
  for (const [s, re] of STATE_WORDS) if (re.test(t)) return s;
  return undefined;
}

/** Refund only, return, or exchange, from the after-sale type text ("退货退款", "换货", "仅退款"). */
export function readAfterSaleKind(text: string | undefined): AfterSaleKind | undefined {
  if (!text) return undefined;
  if (/换货/.test(text)) return 'exchange';
  if (/退货/.test(text)) return 'return';
  if (/仅退款|未收到货.{0,4}退款/.test(text)) return 'refund_only';
  return undefined;
}

// ---- times on after-sale pages -----------------------------------------------------------------------------

const cnDayStart = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - CN_OFFSET;
const cnParts = (ms: number) => {
  const d = new Date(ms + CN_OFFSET);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

/** The day a text names (2024-12-03, 12月3日, 今天/明天/后天), as China midnight; year from `ref`. */
function dayOf(text: string, ref: number): number | undefined {
  let m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (m) return cnDayStart(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(?<!\d)(\d{1,2})\s*[月/-]\s*(\d{1,2})\s*[日号]?/.exec(text);
  if (m) {
    const r = cnParts(ref);
    let day = cnDayStart(r.y, Number(m[1]), Number(m[2]));
    // An after-sale date lies near the page's time: "1月2日" seen in late December is next year.
    if (day < ref - 180 * DAY) day = cnDayStart(r.y + 1, Number(m[1]), Number(m[2]));
    return day;
  }
  const rel = /(今天|今日|明天|明日|后天)/.exec(text);
  if (rel) {
    const r = cnParts(ref);
    return cnDayStart(r.y, r.m, r.d) + (/今/.test(rel[1]) ? 0 : /明/.test(rel[1]) ? 1 : 2) * DAY;
  }
  return undefined;
}

const RANGE_RE = /(\d{1,2})[:：](\d{2})\s*(?:-|~|～|—|至|到)\s*(\d{1,2})[:：](\d{2})/;

/**
 * A booked pickup window ("预约上门取件时间：12月3日 09:00-11:00", "明天 14:00~16:00"), anchored at `ref` (when the
 * page was read). A day without hours counts to its end. Undefined when the text names no day.
 */
export function readPickupWindow(text: string | undefined, ref: number): PickupWindow | undefined {
  if (typeof text !== 'string' || text.length > 200) return undefined;
  if (!/取件|上门|揽收|预约/.test(text)) return undefined;
  const day = dayOf(text, ref);
  if (day === undefined) return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  const r = RANGE_RE.exec(text);
  if (r) {
    const from = day + Number(r[1]) * HOUR + Number(r[2]) * 60_000;
    let to = day + Number(r[3]) * HOUR + Number(r[4]) * 60_000;
    if (to <= from) to += DAY;
    return inTimeRange(from) && inTimeRange(to) ? { from, to, text: clean } : undefined;
  }
  const to = day + DAY - 1000;
  return inTimeRange(to) ? { to, text: clean } : undefined;
}

/**
 * A refund the page promises by a time: "预计12月5日前退款到账", "如果卖家在 9天23时 内未处理，系统将自动退款"
 * (a countdown from `ref`, rounded to the hour so re-reading the page keeps the same deadline).
 */
export function readRefundDue(text: string | undefined, ref: number): RefundDue | undefined {
  if (typeof text !== 'string' || text.length > 200 || !/退款|到账|退回/.test(text)) return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  const countdown = /(?:(\d{1,3})\s*天)?\s*(?:(\d{1,2})\s*(?:小?时))?\s*(?:(\d{1,2})\s*分)?\s*内/.exec(text.replace(/\s+/g, ''));
  if (countdown && (countdown[1] || countdown[2]) && /自动退款|退款/.test(text)) {
    const ms = Number(countdown[1] ?? 0) * DAY + Number(countdown[2] ?? 0) * HOUR + Number(countdown[3] ?? 0) * 60_000;
    const at = Math.ceil((ref + ms) / HOUR) * HOUR;
    return inTimeRange(at) ? { at, text: clean } : undefined;
  }
  if (!/前|之前|内/.test(text) && !/预计/.test(text)) return undefined;
  const day = dayOf(text, ref);
  if (day === undefined) return undefined;
  const hm = /(\d{1,2})[:：](\d{2})/.exec(text);
  const at = hm ? day + Number(hm[1]) * HOUR + Number(hm[2]) * 60_000 : day + DAY - 1000;
  return inTimeRange(at) ? { at, text: clean } : undefined;
}
