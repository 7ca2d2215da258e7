// Status vocabulary: event text / tracking-service codes / platform texts → normalized statuses, and the
// "forward only" orders the merge uses (design §4, reference/carriers.md §3). Pure.
import type { OrderStatus, ParcelStatus } from './model';

// ---- Parcel status order ------------------------------------------------------------------

/**
 * Progress rank used when a status is claimed without events (a list page, a platform status text).
 * Such a claim may only raise the rank; only newer tracking events may lower it.
 * - Main chain: unknown < pending_pickup < picked_up < in_transit = customs < out_for_delivery
 *   < awaiting_collection.
 * - exception ranks above every non-terminal chain state, so it can be entered from any of them, but a page
 *   cannot "resolve" it back into the chain (a newer event can). returning (a problem that is being sent back)
 *   ranks above exception.
 * - Terminal states come last: cancelled < rejected < returned < delivered. A terminal state is never left for
 *   a non-terminal one; among terminals only the "more final" one can follow (拒收 → 退件签收 is a real flow),
 *   and delivered is top, so no page ever undoes it.
 * The rank is total except in_transit/customs, so joining claims is order-independent (see joinStatus).
 */
export const STATUS_RANK: Readonly<Record<ParcelStatus, number>> = {
  unknown: 0,
  pending_pickup: 1,
  picked_up: 2,
  in_transit: 3,
  customs: 3,
  out_for_delivery: 4,
  awaiting_collection: 5,
  exception: 6,
  returning: 7,
  cancelled: 8,
  rejected: 9,
  returned: 10,
  delivered: 11,
};

const TERMINAL: ReadonlySet<ParcelStatus> = new Set<ParcelStatus>(['delivered', 'returned', 'rejected', 'cancelled']);

export const isTerminal = (status: ParcelStatus): boolean => TERMINAL.has(status);

/** Statuses of parcels still moving (kept in model.ts: the database schema needs them without this module's word tables). */
export { ACTIVE_STATUSES } from './model';

/** True when a claim without events may move a parcel from `from` to `to` (strictly higher rank). */
export const isForwardMove = (from: ParcelStatus, to: ParcelStatus): boolean => STATUS_RANK[to] > STATUS_RANK[from];

/** The more advanced of two statuses; customs beats in_transit on a tie so the result never depends on order. */
export function joinStatus(a: ParcelStatus, b: ParcelStatus): ParcelStatus {
  const d = STATUS_RANK[a] - STATUS_RANK[b];
  if (d !== 0) return d > 0 ? a : b;
  return a === 'customs' || b === 'customs' ? (a === b ? a : 'customs') : a;
}

// ---- Event text → status ---------------------------------------------------------------------

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Station / locker words. The 签收 trap: carriers write 签收 when they only put a parcel there. */
const STATION =
  /代签|代收|代理点|代理收件|暂放|暂存|驿站|快递柜|智能柜|丰巢|兔喜|百世邻里|快递超市|第三方|自提|入柜|投柜|(?:放入|存放|存入|投递至|投至|投放至).{0,20}(?:柜|驿站|店)|凭.{0,8}(?:取件|取货|提货)码|(?:取件|取货|提货)码|请.{0,4}取|待取件|待取货|待提货/;

/** The shopper has taken the parcel out (beats the station words above). */
const COLLECTED =
  /已取件|已取出|(?<!快递员|管理员|业务员)取出|用户提货|已提货|本人签收|凭.{0,2}(?:取货|取件|提货)码签收|签收人在.{0,80}领取|已领取|已被领取|已被取走|已从.{0,12}(?:签收|取走|取出|取件|领取)/;

/**
 * 签收 by a person at the address (他人代收, 家人代签 …) is a delivery (kuaidi100 303 代签), not a station drop:
 * these phrases are taken out before the station words are tried. 物业 stays a station.
 */
const PERSON_PROXY = /(?:他人|家人|同事|门卫|前台|收发室|朋友|邻居|亲属)(?:代收|代签)/g;

/** 签收 as a fact, not "请准备签收". */
const SIGNED_NEG = /(?:请您?|准备|等待|待|注意|方便|未|尚未|没有)签收/g;
const SIGNED = /签收|妥投|代签/;

const EXCEPTION_NEG = /(?:如有|若有|如遇|如发现)异常|异常后.{0,6}签收/g;
// 超时未签收 / 超时未更新 / 驿站超时未取 (快递鸟 402/403/412) report an overdue parcel; "超时未取将退回" only warns.
const EXCEPTION =
  /疑难|问题件|异常|派送不成功|派件不成功|投递失败|派送失败|配送失败|滞留|破损|无法联系|联系不上|地址不详|电话错误|错分|超区|延误|延迟|(?:快递员|管理员|业务员).{0,8}取出|(?:超时|超期)未(?:签收|更新|取件|取出|取)(?![件出将会则])/;
/** Border steps: customs, quarantine (检疫查验), release (货件已放行, 海关数据放行) and port-of-entry declaration (暂存口岸待申报). */
const CUSTOMS = /清关|海关|报关|检疫|放行|口岸|待申报/;

/** Phrases naming a delivery city/branch, not the act of delivering ("到达派件城市" = k100 1001, in transit). */
const DELIVERY_PLACE = /(?:派件|派送)(?:城市|网点|站点|中心|营业部)/g;
/** Delivery that is announced, not started: "到达目的地网点，快件将很快进行派送" is still on the way. */
const FUTURE_DELIVERY = /(?:将|即将|准备|等待|待)(?:很快)?(?:进行|为您)?(?:派送|派件|配送|投递)/g;
const OUT_FOR_DELIVERY = /派件|派送|正在为您派|投递中|配送中|派件员|送货上门|安排投递|正在投递|开始投递|开始配送/;
/** "…的代理点正在派件": a courier or agent on the road, whatever the station words around it. */
const DELIVERING_NOW = /正在(?:第\d+次)?(?:派件|派送)/;
const AT_STATION_NOW = /(?:已|被).{0,20}(?:代收|签收|暂存|存放|放入)|取件|取货|自提|入柜/;
const OUT_FOR_DELIVERY_WEAK = /(?:快递员|快递小哥|配送员).{0,12}(?:电话|联系|手机)/;

const PENDING =
  /待揽收|待揽件|等待揽收|揽收中|已(?:经)?下单|下单成功|已打单|^下单$|(?:等待|通知|安排).{0,8}(?:揽收|揽件|上门)|(?:揽收|揽件|取件)任务/;
// 收寄 is China Post / EMS for a pickup; 交付…物流 is JD's ("货物已交付京东物流"); 收件入库 a courier's intake.
const PICKED_UP =
  /已揽收|已揽件|揽收|揽件|已收件|收取快件|收件扫描|^收件$|(?:快递员|快递小哥|业务员).{0,12}已取件|收寄|交付.{0,6}(?:物流|快递|速运)|收件入库/;
// 已打包 (YTO) and JD's 已分配/等待配送 happen at a depot or the delivery station, before the courier leaves.
const IN_TRANSIT =
  /到达|已到|已收入|已发出|发出|发往|送往|运往|飞往|离开|下一站|转运|分拨|集散|中转|运输中|运送中|转递|在途|干线|装车|装袋|发件|到件|出仓|航班|乘机|已打包|等待配送|已分配|(?:^|[\s，,])到[【[]/;
const SHIPPED_ONLY = /已发货|(?:商家|卖家)(?:已)?发货|安排发货|正在为您分配快递员|分配快递员/;
/** JD and shop wording for the end of a delivery ("订单已完成配送", "订单已完成，感谢您在京东购物"). */
const COMPLETED = /已完成配送|配送完成|订单已完成/;
/** Service notices ("受…影响，部分快递可能会延迟派送") say nothing about this parcel. */
const NOTICE = /^(?:尊敬的(?:用户|客户)|温馨提示|受.{0,20}影响).{0,60}(?:可能|或将|或有)/;

/** "请及时取件，逾期将退回" warns, it does not report a return. */
const RETURNING_NEG = /(?:将|会|否则|逾期|超时|超期|以免|避免).{0,6}退回/g;

type Rule = readonly [ParcelStatus, (t: string) => boolean];
const re =
  (r: RegExp, strip?: RegExp) =>
  (t: string): boolean =>
    r.test(strip ? t.replace(strip, '') : t);

/** Top-down; first match wins (reference §3.5 order, refined where real traces showed collisions). */
const RULES: readonly Rule[] = [
  ['unknown', re(NOTICE)],
  ['customs', re(CUSTOMS)],
  ['returned', re(/退件签收|退回签收|退货签收|退签|已退回.{0,6}签收|退回.{0,10}已签收/)],
  ['rejected', re(/拒收|拒签/)],
  ['returning', re(/退回|退件|返回寄件|退货|退还寄件/, RETURNING_NEG)],
  // 转投/转寄 (k100 state 7): we have no 'transferred' status; the parcel is still moving.
  ['in_transit', re(/转投|转寄|转单|转同行|新单号/)],
  ['cancelled', re(/销单|已取消|已拦截|拦截成功|取消发货/)],
  ['exception', re(EXCEPTION, EXCEPTION_NEG)],
  // A courier picking a parcel up from the sender says 已取件 too; decide that before COLLECTED.
  ['picked_up', re(/(?:快递员|快递小哥|业务员).{0,12}已取件|已上门取件/)],
  ['delivered', re(COLLECTED)],
  ['out_for_delivery', (t) => DELIVERING_NOW.test(t) && !AT_STATION_NOW.test(t)],
  ['awaiting_collection', (t) => SIGNED.test(t.replace(SIGNED_NEG, '')) && STATION.test(t.replace(PERSON_PROXY, ''))],
  ['delivered', re(SIGNED, SIGNED_NEG)],
  ['delivered', re(COMPLETED)],
  ['awaiting_collection', re(STATION, PERSON_PROXY)],
  ['out_for_delivery', (t) => OUT_FOR_DELIVERY.test(t.replace(DELIVERY_PLACE, '').replace(FUTURE_DELIVERY, ''))],
  ['pending_pickup', re(PENDING)],
  // Pickup lines often name the next hop ("已揽收，准备发往…"): the pickup is the news, so before in_transit.
  ['picked_up', re(PICKED_UP)],
  ['out_for_delivery', re(OUT_FOR_DELIVERY_WEAK)],
  ['in_transit', re(IN_TRANSIT)],
  ['pending_pickup', re(SHIPPED_ONLY)],
];

/** Event (or platform parcel status) text → status; 'unknown' when nothing matches. */
export function statusFromEventText(text: string): ParcelStatus {
  const t = norm(text ?? '');
  if (!t) return 'unknown';
  for (const [status, test] of RULES) if (test(t)) return status;
  return 'unknown';
}

export interface StatusEvent {
  time: number;
  text: string;
  status?: ParcelStatus;
}

/**
 * One event's status: its own status (from a tracking service) wins over its text, except where the text is
 * more specific: a service 'delivered' whose text is a station 签收 (the trap), a service 'in_transit' whose
 * text is a station drop (kuaidi100's per-event status has no station state: "…代收，请及时取件" comes as 在途),
 * and any non-final code on a line saying the parcel was taken out of the station.
 */
export function eventStatus(e: StatusEvent): ParcelStatus {
  const own = e.status && e.status !== 'unknown' ? e.status : undefined;
  const fromText = statusFromEventText(e.text);
  if (!own) return fromText;
  if ((own === 'delivered' || own === 'in_transit') && fromText === 'awaiting_collection') return fromText;
  // A station / in-transit code on a line that says the shopper took the parcel out (签收人凭取货码签收,
  // 已从驿站取出): the text is the newer fact.
  if (fromText === 'delivered' && !isTerminal(own) && COLLECTED.test(norm(e.text))) return 'delivered';
  return own;
}

/** Newest first; equal times are broken by status then text so the answer never depends on array order. */
export function compareEventsNewestFirst(
  a: { time: number; text: string; status: ParcelStatus },
  b: { time: number; text: string; status: ParcelStatus },
): number {
  if (a.time !== b.time) return b.time - a.time;
  const j = joinStatus(a.status, b.status);
  if (a.status !== b.status) return j === a.status ? -1 : 1;
  return a.text < b.text ? 1 : a.text > b.text ? -1 : 0;
}

/** Chain steps: a scan of one of these stamped after a final line is filed out of order, not news. */
const CHAIN: ReadonlySet<ParcelStatus> = new Set<ParcelStatus>([
  'pending_pickup',
  'picked_up',
  'in_transit',
  'customs',
  'out_for_delivery',
  'awaiting_collection',
]);

/**
 * The event that decides a trace (events with their status; 'unknown' ones are skipped): the newest, unless it
 * is a chain step and a final line (签收, 退件签收, 拒收, 拦截) came before it — real traces carry depot scans
 * stamped after the signature (an SF 装车 line a day after 已签收), and a final state is not undone by a chain
 * step. An exception or a return after a final line is news and decides. Order-independent.
 */
export function decidingEvent<E extends { time: number; text: string; status: ParcelStatus }>(events: readonly E[]): E | undefined {
  let newest: E | undefined;
  let newestFinal: E | undefined;
  for (const e of events) {
    if (e.status === 'unknown') continue;
    if (!newest || compareEventsNewestFirst(e, newest) < 0) newest = e;
    if (isTerminal(e.status) && (!newestFinal || compareEventsNewestFirst(e, newestFinal) < 0)) newestFinal = e;
  }
  return newest && newestFinal && CHAIN.has(newest.status) ? newestFinal : newest;
}

/**
 * The event that decides a parcel's events (see decidingEvent), with its status. `undefined` when no event has a
 * known status.
 */
export function newestStatusEvent<E extends StatusEvent>(events: readonly E[]): { event: E; status: ParcelStatus } | undefined {
  const withStatus = events
    .filter((event) => Number.isFinite(event.time))
    .map((event) => ({ event, time: event.time, text: event.text, status: eventStatus(event) }));
  const d = decidingEvent(withStatus);
  return d && { event: d.event, status: d.status };
}

/** Status from a parcel's events: the newest meaningful event decides; 'unknown' for none. */
export function statusFromEvents(events: readonly StatusEvent[]): ParcelStatus {
  return newestStatusEvent(events)?.status ?? 'unknown';
}

// ---- kuaidi100 ---------------------------------------------------------------------------------

/** Main `state` and `resultv2` sub-codes (reference §3.1). */
const K100: Readonly<Record<number, ParcelStatus>> = {
  0: 'in_transit',
  1: 'picked_up',
  2: 'exception',
  3: 'delivered',
  4: 'returned', // 退签
  5: 'out_for_delivery',
  6: 'returning',
  7: 'in_transit', // 转投: handed to another carrier, still moving
  8: 'customs',
  10: 'customs',
  11: 'customs',
  12: 'customs',
  13: 'customs', // 清关异常: customs first, like the text rules
  14: 'rejected',
  101: 'pending_pickup', // 已下单
  102: 'pending_pickup', // 待揽收
  103: 'picked_up',
  1001: 'in_transit',
  1002: 'in_transit',
  1003: 'in_transit',
  501: 'awaiting_collection', // 投柜或驿站
  301: 'delivered', // 本人签收
  302: 'delivered', // 派件异常后签收
  // 303 代签: someone signed at the address on the shopper's behalf (KDN files 代收签收 under 已签收) → delivered.
  303: 'delivered',
  // 304 投柜或站签收: the 签收 trap — it sits in a locker/station until the shopper takes it.
  304: 'awaiting_collection',
  401: 'cancelled', // 已销单
};

const K100_NAMES: Readonly<Record<string, ParcelStatus>> = {
  在途: 'in_transit',
  揽收: 'picked_up',
  疑难: 'exception',
  签收: 'delivered',
  退签: 'returned',
  派件: 'out_for_delivery',
  退回: 'returning',
  转投: 'in_transit',
  转单: 'in_transit',
  清关: 'customs',
  待清关: 'customs',
  清关中: 'customs',
  已清关: 'customs',
  清关异常: 'customs',
  拒签: 'rejected',
  已下单: 'pending_pickup',
  待揽收: 'pending_pickup',
  已揽收: 'picked_up',
  投柜或驿站: 'awaiting_collection',
  本人签收: 'delivered',
  代签: 'delivered',
  投柜或站签收: 'awaiting_collection',
  已销单: 'cancelled',
};

/**
 * kuaidi100 `state` / `resultv2` code (number or numeric string), or the per-event `status` name (在途, 签收…).
 * Unlisted sub-codes fall back to their main state (1xx→1, 2xx→2 …, 10xx→0), because resultv2 codes refine
 * the main state; anything else is 'unknown'.
 */
export function statusFromKuaidi100State(state: string | number): ParcelStatus {
  const s = typeof state === 'string' ? state.trim() : state;
  if (typeof s === 'string' && !/^\d+$/.test(s)) return K100_NAMES[s] ?? 'unknown';
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) return 'unknown';
  const direct = K100[n];
  if (direct) return direct;
  if (n >= 100 && n <= 899) return K100[Math.floor(n / 100)] ?? 'unknown';
  if (n >= 1000 && n <= 1099) return 'in_transit';
  return 'unknown';
}

// ---- Orders ---------------------------------------------------------------------------------------

/**
 * Order status order; a claim only ever raises it, so the result is order-independent.
 * refunding sits below completed: a withdrawn refund on a received order ends "交易成功", and an after-sale
 * on a completed order ends in refunded. cancelled/refunded win over everything (Taobao shows 交易关闭 after
 * a full refund, so refunded beats cancelled).
 */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = {
  unknown: 0,
  unpaid: 1,
  unshipped: 2,
  shipped: 3,
  refunding: 4,
  completed: 5,
  cancelled: 6,
  refunded: 7,
};

export const isOrderForwardMove = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_STATUS_RANK[to] > ORDER_STATUS_RANK[from];

export const joinOrderStatus = (a: OrderStatus, b: OrderStatus): OrderStatus =>
  ORDER_STATUS_RANK[b] > ORDER_STATUS_RANK[a] ? b : a;

/** "退款关闭", "售后已撤销": a refund that did not happen says nothing about the order itself. */
const REFUND_FAILED_RE = /(?:退款|售后|退货)\S{0,3}(?:关闭|失败|撤销|已取消|被拒|驳回)/;

/**
 * The one table of order status words for every platform (first match wins, so the order matters). Platforms
 * add only their own status codes (Taobao's TRADE_…, Pinduoduo's numbers), never words of their own.
 * 已签收 is `shipped`: the parcel arrived but the trade is still open (Taobao's TRADE_BUYER_SIGNED agrees);
 * 交易成功 / 确认收货 close it.
 */
const ORDER_STATUS_WORDS: readonly (readonly [OrderStatus, RegExp])[] = [
  ['refunded', /退款成功|已退款|退款完成|退款已完成|退款已到账|退货退款成功|已全额退款/],
  ['refunding', /退款中|退货中|售后中|售后处理中|退款处理中|待退货|待退款|待买家退货|待商家收货|待商家处理|退款审核|审核中|仲裁中|商家已同意|申请退款中|退款申请中/],
  ['unpaid', /待付款|待支付|未付款|等待付款|待买家付款|等待买家付款/],
  ['cancelled', /已取消|订单取消|交易取消|交易关闭|已关闭|订单关闭|超时关闭|取消成功|已失效/],
  ['completed', /已完成|交易成功|交易完成|订单完成|已收货|已确认收货|确认收货成功|待评价|已评价|追加评价/],
  ['unshipped', /待发货|未发货|待商家发货|等待发货|等待卖家发货|待卖家发货|待出库|备货中|待成团|拼团中|买家已付款/],
  ['shipped', /待收货|已发货|卖家已发货|部分发货|运输中|派送中|配送中|待取件|已揽收|已揽件|待签收|已签收|等待收货|待确认收货|等待买家确认收货|已到站/],
  ['unshipped', /已付款/],
];

/** Order status from a platform's status text, or undefined when the words are not known. */
export function readOrderStatus(text: string | undefined): OrderStatus | undefined {
  const t = norm(text ?? '');
  if (!t || REFUND_FAILED_RE.test(t)) return undefined;
  for (const [status, re] of ORDER_STATUS_WORDS) if (re.test(t)) return status;
  return undefined;
}

/** Platform order status text → OrderStatus; 'unknown' when nothing matches. */
export function orderStatusFromText(text: string): OrderStatus {
  return readOrderStatus(text) ?? 'unknown';
}
