// Heuristic reader for order payloads whose format is not public (Douyin and Kuaishou buyer pages): a bounded,
// cycle-safe recursive scan that recognizes orders and parcels by candidate keys, snake_case and camelCase
// alike (platform-formats.md §0 / §5: "candidate keys + recursive scan"). Pure: no browser APIs, never eval.
import type {
  EventObservation,
  ItemObservation,
  OrderObservation,
  OrderPromise,
  OrderStatus,
  ParcelObservation,
  Platform,
  Source,
} from '../../core/model';
import { resolveCarrierName } from '../../core/carriers';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import type { PageKind, ParseDiagnostic, ParseResult } from '../types';
import { extractLabelledPairs, findPickupCode, type LabelledPairs } from './dom-pairs';
import { extractAssignedJson, extractJsonParseArg } from './js-string-literal';
import { parseJsonText, shapeOf } from './json-text';

// ---- limits -------------------------------------------------------------------------------------------
const MAX_DEPTH = 12;
/** Values visited per payload: a 10,000-order Kuaishou list is about 1 M. The scan runs in the background,
 * and a body is at most 12 M characters (MAX_BODY_CHARS), so this only stops pathological payloads. */
export const MAX_NODES = 4_000_000;
const MAX_KEYS = 500;
const MAX_JSON_STRINGS = 20; // JSON nested as a string value ("logistics_info": "{…}")
const MAX_JSON_STRING_CHARS = 500_000;
// Same bounds as core/observation-schema.ts, so what we emit passes validation.
const MAX_ITEMS = 200;
const MAX_EVENTS = 500;
const MAX_ORDER_IDS = 50;
const MIN_TIME = 946_684_800_000; // 2000-01-01
const MAX_TIME = 4_102_444_800_000; // 2100-01-01
const MAX_MONEY = 1_000_000_000;
const CN_OFFSET = 8 * 3_600_000; // order pages show China time
const DAY = 86_400_000;

// ---- candidate keys, written as seen and compared normalized (lower case, no "_"/"-") -----------------
export const normKey = (k: string) => k.toLowerCase().replace(/[_\-\s]/g, '');
const keys = (...ks: string[]): readonly string[] => ks.map(normKey);

/** Most specific first: a shop order id beats the parent/main order id in the same object. */
const ORDER_ID_KEYS = keys('shop_order_id', 'order_id', 'oid', 'order_sn', 'order_no', 'order_number', 'main_order_id', 'p_order_id', 'parent_order_id');
/** Arrays of order ids on a package (merged shipment). */
const ORDER_IDS_KEYS = keys('order_ids', 'shop_order_ids', 'oids', 'order_id_list', 'related_order_ids');
const TRACKING_KEYS = keys(
  'tracking_no', 'tracking_number', 'express_no', 'express_number', 'mail_no', 'waybill_no', 'waybill_number',
  'logistics_no', 'logistics_number', 'track_no', 'deliver_no', 'delivery_no', 'ship_no', 'shipping_no',
);
/** `logistics_code` is a number on some pages and a carrier code on others: see trackingOf(). */
const AMBIGUOUS_TRACKING_KEYS = keys('logistics_code', 'express_code');
const RETURN_PREFIXES = ['return', 'refund', 'back', 'aftersale'];
const CARRIER_KEYS = keys(
  'company_name', 'express_company_name', 'logistics_company_name', 'logistics_company', 'express_name',
  'shipping_name', 'delivery_company', 'delivery_company_name', 'carrier_name', 'cp_name', 'express_company',
  'logistics_name', 'express_company_title',
);
const CARRIER_OBJECT_KEYS = keys('company', 'express_company', 'logistics_company', 'carrier', 'cp_info', 'company_info');
const CARRIER_CODE_KEYS = keys('company_code', 'express_company_code', 'logistics_company_code', 'cp_code', 'carrier_code');
const AFTER_SALE_ID_KEYS = keys('after_sale_id', 'aftersale_id', 'after_sale_order_id', 'after_sale_no', 'refund_id', 'refund_no', 'return_id', 'return_order_id');
const TITLE_KEYS = keys('product_name', 'goods_name', 'item_title', 'item_name', 'product_title', 'goods_title', 'commodity_name', 'sku_title');
/** Only inside item arrays/objects: a bare `title`/`name` elsewhere is a shop or a status. */
const ITEM_ONLY_TITLE_KEYS = keys('title', 'name');
const IMAGE_KEYS = keys(
  'img', 'image', 'pic', 'thumb_url', 'cover', 'product_img', 'image_url', 'img_url', 'pic_url', 'item_pic', 'item_img',
  'goods_img', 'goods_thumb', 'thumb', 'main_img', 'product_pic', 'sku_img', 'item_image', 'goods_image',
  'product_image', 'cover_url', 'item_pic_url',
);
const QUANTITY_KEYS = keys('num', 'quantity', 'combo_num', 'count', 'item_num', 'item_count', 'goods_number', 'goods_num', 'buy_num', 'sku_num');
const ITEM_PRICE_KEYS = keys('price', 'unit_price', 'sku_price', 'goods_price', 'item_price', 'combo_amount', 'pay_amount', 'real_price', 'sale_price', 'pay_price');
const ITEM_ID_KEYS = keys('product_id', 'item_id', 'goods_id', 'commodity_id');
const SKU_KEYS = keys('sku_spec', 'spec', 'sku_desc', 'spec_desc', 'sku_name', 'sku_info', 'spec_info', 'sku_specs');
const ORDER_AMOUNT_KEYS = keys(
  'pay_amount', 'order_amount', 'total_amount', 'actual_pay_amount', 'real_pay_amount', 'payment_amount',
  'total_pay_amount', 'pay_price', 'total_price', 'actual_amount', 'display_amount', 'pay_fee', 'total_fee',
);
const CREATED_KEYS = keys('create_time', 'order_time', 'created_at', 'gmt_create', 'order_create_time', 'created_time', 'create_at');
const PAID_KEYS = keys('pay_time', 'paid_at', 'paid_time', 'pay_success_time', 'gmt_pay', 'payment_time');
const SHIPPED_KEYS = keys('ship_time', 'send_time', 'consign_time', 'shipping_time', 'shipped_at', 'delivery_goods_time');
const DELIVERED_KEYS = keys('sign_time', 'signed_time', 'receive_time', 'received_time', 'delivered_at', 'sign_at');
const ORDER_STATUS_KEYS = keys(
  'order_status_desc', 'order_status_text', 'status_desc', 'status_text', 'order_status_name', 'status_name',
  'order_status_prompt', 'status_str', 'order_status_str', 'status_title', 'order_status_title', 'status_label',
  'refund_status_desc', 'refund_status_text', 'after_sale_status_desc', 'after_sale_status_text', 'tab_name',
);
const LOGISTICS_STATUS_KEYS = keys('logistics_status_desc', 'logistics_status_text', 'express_status_desc', 'express_status_text', 'track_status_desc', 'logistics_state_desc');
const PARCEL_STATUS_KEYS = [...LOGISTICS_STATUS_KEYS, ...keys('status_desc', 'status_text', 'state_desc')];
const SHOP_NAME_KEYS = keys('shop_name', 'store_name', 'seller_name', 'mall_name', 'seller_nick', 'shop_title');
const SHOP_ID_KEYS = keys('shop_id', 'seller_id', 'store_id', 'mall_id');
const SHOP_OBJECT_KEYS = keys('shop', 'shop_info', 'seller', 'seller_info', 'mall', 'store', 'store_info', 'mall_info');
const URL_KEYS = keys('order_detail_url', 'detail_url', 'order_link_url', 'order_url', 'jump_url', 'link_url');
const PICKUP_KEYS = keys('pickup_code', 'pick_up_code', 'take_code', 'pick_code', 'get_code', 'collect_code', 'pickup_no');
const STATION_KEYS = keys('station_name', 'pickup_station', 'pickup_station_name', 'pickup_address', 'station_address', 'cabinet_name');
const EVENT_TIME_KEYS = keys('time', 'ts', 'accept_time', 'timestamp', 'event_time', 'op_time', 'trace_time', 'action_time', 'scan_time', 'ftime', 'create_time', 'update_time');
const EVENT_TEXT_KEYS = keys('content', 'context', 'desc', 'text', 'message', 'description', 'accept_station', 'trace_desc', 'remark', 'detail', 'msg', 'status_desc');
const EVENT_LOCATION_KEYS = keys('location', 'site', 'site_name', 'area_name', 'city', 'place');

// Container keys (normalized, tested as substrings).
const ITEM_CONTAINER_RE = /item|goods|product|sku|commodit|merchandise|combo/;
const LOGISTICS_CONTAINER_RE = /logistic|express|package|deliver|trace|track|waybill|parcel|shipment|wuliu|shipping/;
const AFTER_SALE_CONTAINER_RE = /aftersale|refund|return|退货|售后/;
/** Keys whose non-empty arrays mean "this payload lists orders or parcels" (for `unrecognized`). */
const ORDERISH_RE = /order|logistic|express|parcel|package|waybill|aftersale|refund|shipment|wuliu|trace/;

/** Image CDNs per platform (consistent with core/observation-schema.ts). Other hosts are dropped. */
export const IMAGE_HOSTS: Partial<Record<Platform, readonly string[]>> = {
  douyin: ['ecombdimg.com', 'douyinpic.com', 'byteimg.com', 'pstatp.com'],
  kuaishou: ['kwaixiaodian.com', 'yximgs.com', 'kwimgs.com', 'kuaishou.com'],
};
/** Hosts an order link may point to. */
export const PAGE_HOSTS: Partial<Record<Platform, readonly string[]>> = {
  douyin: ['douyin.com', 'jinritemai.com'],
  kuaishou: ['kuaishou.com', 'kwaixiaodian.com'],
};

// ---- status words (small local map; first match wins, so the order matters) ----------------------------
const REFUND_FAILED_RE = /(?:退款|售后|退货)\S{0,3}(?:关闭|失败|撤销|已取消|被拒|驳回)/;
const ORDER_STATUS_WORDS: readonly [OrderStatus, RegExp][] = [
  ['refunded', /退款成功|已退款|退款完成|退款已到账|退货退款成功|已全额退款/],
  ['refunding', /退款中|退货中|售后中|售后处理中|待退货|待退款|待买家退货|待商家收货|待商家处理|退款审核|审核中|仲裁中|商家已同意|申请退款中|退款申请中/],
  ['unpaid', /待付款|待支付|未付款|等待付款|待买家付款|等待买家付款/],
  ['cancelled', /已取消|订单取消|交易取消|交易关闭|已关闭|订单关闭|超时关闭|取消成功|已失效/],
  ['completed', /已完成|交易成功|交易完成|订单完成|已收货|已确认收货|待评价|已评价|追加评价/],
  ['unshipped', /待发货|未发货|待商家发货|等待发货|等待卖家发货|待卖家发货|待出库|备货中|待成团|拼团中|买家已付款/],
  ['shipped', /待收货|已发货|卖家已发货|部分发货|运输中|派送中|配送中|待取件|已揽收|已揽件|待签收|已签收|等待收货|待确认收货|已到站/],
];

/** Order status from a page's status text, or undefined when the words are not known. */
export function mapOrderStatus(text: string | undefined): OrderStatus | undefined {
  if (!text || REFUND_FAILED_RE.test(text)) return undefined;
  for (const [status, re] of ORDER_STATUS_WORDS) if (re.test(text)) return status;
  return undefined;
}

// ---- value readers ------------------------------------------------------------------------------------
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const cleanText = (s: string, max: number) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim().slice(0, max);

const textOf = (v: unknown, max: number): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = cleanText(v, max);
  return t || undefined;
};

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,63}$/;
const idOf = (v: unknown): string | undefined => {
  let s: string | undefined;
  // Unsafe integers already lost digits in JSON.parse; parseJsonPreservingIds avoids that upstream.
  if (typeof v === 'number') s = Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  else if (typeof v === 'string') s = v.trim();
  return s && ID_RE.test(s) ? s : undefined;
};

const inTimeRange = (ms: number) => ms >= MIN_TIME && ms <= MAX_TIME;

/** Date text in China time: "2024-11-20 10:23:45", "2024/11/20", "2024年11月20日 10:23". */
function parseDateText(s: string): number | undefined {
  if (/\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && inTimeRange(ms) ? ms : undefined;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec) - CN_OFFSET;
  return inTimeRange(ms) ? ms : undefined;
}

/** A time as s or ms since epoch (number or digit string) or a date text → ms, or undefined. */
export function parseTimeValue(v: unknown): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d{9,13}$/.test(s)) n = Number(s);
    else return parseDateText(s);
  }
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  // Seconds have 10 digits until the year 2286; ms have 13.
  const ms = Math.round(n < 1e11 ? n * 1000 : n);
  return inTimeRange(ms) ? ms : undefined;
}

/** Money → 分: integers (numbers or digit strings) are 分; decimals and "¥"/"元" texts are 元. */
export function parseMoneyValue(v: unknown): number | undefined {
  let fen: number | undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    fen = Number.isInteger(v) ? v : Math.round(v * 100);
  } else if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    const m = /^(?:[¥￥]|RMB|CNY)?\s*(\d{1,9}(?:\.\d{1,2})?)\s*元?$/i.exec(s);
    if (!m) return undefined;
    fen = /[¥￥元.]|RMB|CNY/i.test(s) ? Math.round(Number(m[1]) * 100) : Number(m[1]);
  }
  return fen !== undefined && Number.isSafeInteger(fen) && fen <= MAX_MONEY ? fen : undefined;
}

const quantityOf = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : undefined;
};

const hostAllowed = (host: string, suffixes: readonly string[]) =>
  suffixes.some((s) => host === s || host.endsWith(`.${s}`));

/** An https URL on one of the hosts (protocol-relative accepted), or undefined. */
function urlOn(v: unknown, suffixes: readonly string[]): string | undefined {
  if (typeof v !== 'string' || !suffixes.length) return undefined;
  const raw = v.trim();
  if (raw.length > 2048) return undefined;
  try {
    const u = new URL(raw.startsWith('//') ? `https:${raw}` : raw);
    return u.protocol === 'https:' && hostAllowed(u.hostname, suffixes) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Image values come as a string, an array of strings, or `{url_list:[…]}` / `{url: …}` objects. */
function imageOf(v: unknown, hosts: readonly string[], depth = 0): string | undefined {
  if (typeof v === 'string') return urlOn(v, hosts);
  if (depth > 2) return undefined;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 10)) {
      const u = imageOf(x, hosts, depth + 1);
      if (u) return u;
    }
    return undefined;
  }
  if (isObj(v)) {
    const m = indexKeys(v);
    return imageOf(m.get('urllist') ?? m.get('url') ?? m.get('uri') ?? m.get('src'), hosts, depth + 1);
  }
  return undefined;
}

function indexKeys(o: Obj): Map<string, unknown> {
  const m = new Map<string, unknown>();
  const ks = Object.keys(o);
  for (let i = 0; i < ks.length && i < MAX_KEYS; i++) {
    const n = normKey(ks[i]);
    if (!m.has(n)) m.set(n, o[ks[i]]);
  }
  return m;
}

function pickWith<T>(m: Map<string, unknown>, ks: readonly string[], read: (v: unknown) => T | undefined): T | undefined {
  for (const k of ks) {
    const v = m.get(k);
    if (v === undefined || v === null || v === '') continue;
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
}
const pickText = (m: Map<string, unknown>, ks: readonly string[], max: number) =>
  pickWith(m, ks, (v) => (typeof v === 'string' ? textOf(v, max) : undefined));

// ---- promises ("预计11月24日送达", "承诺48小时内发货", "次日达") -----------------------------------------
const cnDay = (ms: number) => Math.floor((ms + CN_OFFSET) / DAY);
const endOfCnDay = (day: number) => (day + 1) * DAY - CN_OFFSET - 1;
const cnYear = (ms: number) => new Date(ms + CN_OFFSET).getUTCFullYear();
const HOUR_PART = '(?:(\\d{1,2})(?:[:：](\\d{2})|点|时))?';
const DATE_PROMISE_RE = new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日${HOUR_PART}(?:前|之前)?(送达|到达|达|发货|发出)`);
const REL_DAY_PROMISE_RE = new RegExp(`(今天|今日|明天|明日|后天)${HOUR_PART}(?:前|之前)?(送达|到达|发货|发出)`);
const HOURS_PROMISE_RE = /(\d{1,3})(?:个)?(?:小时|h)内?(发货|发出|送达)/i;
const DAYS_PROMISE_RE = /(\d{1,2})(?:天|日)内?(发货|发出|送达)/;
const SAME_DAY_SHIP_RE = /当日发货?|当天发货?|今日发货/;
const NEXT_DAY_RE = /次日达|隔日达|明日达/;
const SAME_DAY_RE = /当日达|今日达/;
const FAST_RE = /极速达|半日达|小时达|闪电送|极速送达/;

const kindOf = (verb: string): OrderPromise['kind'] => (/发/.test(verb) ? 'ship_by' : 'deliver_by');

/**
 * A delivery/shipping promise in a text. `orderAt` (paid/created time) anchors "48小时内发货" and "次日达";
 * `now` anchors "明天送达" (relative to when the page was shown); both give the year of "11月24日".
 */
export function parsePromiseText(text: string, orderAt?: number, now?: number): OrderPromise | undefined {
  const t = text.replace(/\s+/g, '');
  if (!t || t.length > 200) return undefined;
  const out = (kind: OrderPromise['kind'], at?: number): OrderPromise => {
    const p: OrderPromise = { kind, text: cleanText(text, 200) };
    if (at !== undefined && inTimeRange(at)) p.at = at;
    return p;
  };
  const atTime = (day: number, h?: string, mi?: string) =>
    h === undefined ? endOfCnDay(day) : day * DAY - CN_OFFSET + Number(h) * 3_600_000 + Number(mi ?? 0) * 60_000;
  let m = DATE_PROMISE_RE.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, verb] = m;
    const ref = orderAt ?? now;
    let at: number | undefined;
    if (y || ref !== undefined) {
      let year = y ? Number(y) : cnYear(ref as number);
      let day = Math.floor(Date.UTC(year, Number(mo) - 1, Number(d)) / DAY);
      // A promise lies after the order: "1月2日" seen on a December order means next year.
      if (!y && ref !== undefined && endOfCnDay(day) < ref - 60 * DAY) {
        year += 1;
        day = Math.floor(Date.UTC(year, Number(mo) - 1, Number(d)) / DAY);
      }
      at = atTime(day, h, mi);
    }
    return out(kindOf(verb), at);
  }
  m = REL_DAY_PROMISE_RE.exec(t);
  if (m) {
    const [, word, h, mi, verb] = m;
    const ref = now ?? orderAt;
    const add = /今/.test(word) ? 0 : /明/.test(word) ? 1 : 2;
    return out(kindOf(verb), ref === undefined ? undefined : atTime(cnDay(ref) + add, h, mi));
  }
  m = HOURS_PROMISE_RE.exec(t);
  if (m) {
    const ref = orderAt ?? now;
    return out(kindOf(m[2]), ref === undefined ? undefined : ref + Number(m[1]) * 3_600_000);
  }
  m = DAYS_PROMISE_RE.exec(t);
  if (m) {
    const ref = orderAt ?? now;
    return out(kindOf(m[2]), ref === undefined ? undefined : ref + Number(m[1]) * DAY);
  }
  const ref = orderAt ?? now;
  if (SAME_DAY_SHIP_RE.test(t)) return out('ship_by', ref === undefined ? undefined : endOfCnDay(cnDay(ref)));
  if (NEXT_DAY_RE.test(t)) return out('deliver_by', ref === undefined ? undefined : endOfCnDay(cnDay(ref) + 1));
  if (SAME_DAY_RE.test(t)) return out('deliver_by', ref === undefined ? undefined : endOfCnDay(cnDay(ref)));
  if (FAST_RE.test(t)) return out('deliver_by');
  return undefined;
}

// ---- the scan -----------------------------------------------------------------------------------------
export interface ExtractOptions {
  platform: Platform;
  /** ms since epoch; anchors relative promises ("明天送达") when the order has no time of its own. */
  now?: number;
  /** An order id known from the page/response URL, for parcels found outside any order object. */
  contextOrderId?: string;
  /** Override the platform's image CDN list. */
  imageHosts?: readonly string[];
}

/** Why tracking numbers were dropped (counts only, never the numbers). */
export interface DroppedTracking {
  /** normalizeTrackingNumber() rejected it. */
  malformed: number;
  /** No carrier rule matches it and no known carrier name stands beside it. */
  unsupported: number;
}

export interface ExtractResult {
  orders: OrderObservation[];
  parcels: ParcelObservation[];
  /** Order-like arrays were present but nothing could be read from them. */
  unrecognized: boolean;
  /** The payload looks like orders/logistics at all (order or tracking keys, order-ish containers). */
  orderLike: boolean;
  dropped: DroppedTracking;
  /** The scan stopped at MAX_NODES: what it read is kept, the rest of the payload was not read. */
  cut?: boolean;
}

interface Ctx {
  depth: number;
  orderId?: string;
  afterSale: boolean;
  inItems: boolean;
  /** The object holding this one, when reached through a key (not an array). */
  parent?: Obj;
}

interface TrackingHit {
  raw: string;
  returnKey: boolean;
}

const RETURN_KEYS = new Set(
  RETURN_PREFIXES.flatMap((p) => TRACKING_KEYS.map((k) => p + k)),
);
const RETURN_CARRIER_KEYS = RETURN_PREFIXES.flatMap((p) => CARRIER_KEYS.map((k) => p + k));

const PLACEHOLDER_RE = /^[0\s\-—_.]*$/;

function trackingRawOf(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  // Empty, "0", "-", "暂无": an unshipped order, not a rejected number.
  if (!s || PLACEHOLDER_RE.test(s) || !/\d/.test(s)) return undefined;
  return s.slice(0, 100);
}

function trackingOf(m: Map<string, unknown>): TrackingHit | undefined {
  const direct = pickWith(m, TRACKING_KEYS, trackingRawOf);
  if (direct) return { raw: direct, returnKey: false };
  for (const [k, v] of m) {
    if (!RETURN_KEYS.has(k)) continue;
    const raw = trackingRawOf(v);
    if (raw) return { raw, returnKey: true };
  }
  // logistics_code: a number only when it has enough digits; "ZTO"/"zhongtong" is a carrier code.
  const amb = pickWith(m, AMBIGUOUS_TRACKING_KEYS, trackingRawOf);
  if (amb && (amb.match(/\d/g)?.length ?? 0) >= 6) return { raw: amb, returnKey: false };
  return undefined;
}

function carrierNameOf(m: Map<string, unknown>): string | undefined {
  const direct = pickText(m, CARRIER_KEYS, 100) ?? pickText(m, RETURN_CARRIER_KEYS, 100);
  if (direct) return direct;
  for (const k of CARRIER_OBJECT_KEYS) {
    const v = m.get(k);
    if (isObj(v)) {
      const inner = indexKeys(v);
      const name = pickText(inner, [...CARRIER_KEYS, ...keys('name', 'title')], 100);
      if (name) return name;
    }
  }
  return undefined;
}

function carrierCodeOf(m: Map<string, unknown>): string | undefined {
  const code = pickText(m, CARRIER_CODE_KEYS, 40);
  if (code) return code;
  const amb = pickText(m, AMBIGUOUS_TRACKING_KEYS, 40);
  return amb && /^[A-Za-z][A-Za-z0-9_]{1,30}$/.test(amb) ? amb : undefined;
}

function eventOf(o: Obj): EventObservation | undefined {
  const m = indexKeys(o);
  if (pickWith(m, TRACKING_KEYS, trackingRawOf) || pickWith(m, ORDER_ID_KEYS, idOf)) return undefined;
  const time = pickWith(m, EVENT_TIME_KEYS, parseTimeValue);
  const text = pickText(m, EVENT_TEXT_KEYS, 1000);
  if (time === undefined || !text) return undefined;
  const ev: EventObservation = { time, text };
  const location = pickText(m, EVENT_LOCATION_KEYS, 200);
  if (location) ev.location = location;
  return ev;
}

/** Events of an array when at least half its objects read as {time, text}. */
function eventsOfArray(arr: unknown[]): EventObservation[] | undefined {
  const out: EventObservation[] = [];
  const seen = new Set<string>();
  let objects = 0;
  for (const el of arr.slice(0, MAX_EVENTS * 2)) {
    if (!isObj(el)) continue;
    objects++;
    const ev = eventOf(el);
    if (!ev) continue;
    const id = `${ev.time}|${ev.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(ev);
  }
  return out.length && out.length * 2 >= objects ? out.slice(0, MAX_EVENTS) : undefined;
}

/** The longest event-like array inside a parcel object (not crossing into another parcel). */
function findEvents(o: Obj, depth = 0): EventObservation[] | undefined {
  let best: EventObservation[] | undefined;
  for (const v of Object.values(o).slice(0, MAX_KEYS)) {
    let found: EventObservation[] | undefined;
    if (Array.isArray(v)) found = eventsOfArray(v);
    else if (isObj(v) && depth < 2 && !trackingOf(indexKeys(v))) found = findEvents(v, depth + 1);
    if (found && (!best || found.length > best.length)) best = found;
  }
  return best;
}

function skuOf(m: Map<string, unknown>): string | undefined {
  for (const k of SKU_KEYS) {
    const v = m.get(k);
    if (typeof v === 'string' && v.trim()) return cleanText(v, 300);
    if (Array.isArray(v)) {
      // Douyin-style sku_spec: [{name:"颜色", value:"白色"}, …]
      const parts = v
        .slice(0, 20)
        .map((x) => {
          if (typeof x === 'string') return x.trim();
          if (!isObj(x)) return '';
          const xm = indexKeys(x);
          const name = pickText(xm, keys('name', 'key', 'spec_name'), 50);
          const value = pickText(xm, keys('value', 'spec_value', 'desc'), 100);
          return name && value ? `${name}:${value}` : (value ?? '');
        })
        .filter(Boolean);
      if (parts.length) return cleanText(parts.join('; '), 300);
    }
  }
  return undefined;
}

function itemOf(m: Map<string, unknown>, inItems: boolean, hosts: readonly string[]): ItemObservation | undefined {
  const title = pickText(m, TITLE_KEYS, 500) ?? (inItems ? pickText(m, ITEM_ONLY_TITLE_KEYS, 500) : undefined);
  if (!title) return undefined;
  const item: ItemObservation = { title };
  const itemId = pickWith(m, ITEM_ID_KEYS, idOf);
  if (itemId) item.itemId = itemId;
  const sku = skuOf(m);
  if (sku) item.sku = sku;
  const quantity = pickWith(m, QUANTITY_KEYS, quantityOf);
  if (quantity !== undefined) item.quantity = quantity;
  const price = pickWith(m, ITEM_PRICE_KEYS, parseMoneyValue);
  if (price !== undefined) item.price = price;
  const imageUrl = pickWith(m, IMAGE_KEYS, (v) => imageOf(v, hosts));
  if (imageUrl) item.imageUrl = imageUrl;
  return item;
}

const orderIdOf = (m: Map<string, unknown>) => pickWith(m, ORDER_ID_KEYS, idOf);

/** Items of one order: item objects below it, not inside another order; logistics subtrees only as fallback. */
function collectItems(order: Obj, orderId: string, hosts: readonly string[]): ItemObservation[] {
  const items: ItemObservation[] = [];
  const seen = new Set<string>();
  const visited = new Set<object>();
  const add = (it: ItemObservation) => {
    const id = `${it.itemId ?? ''}|${it.title}|${it.sku ?? ''}`;
    if (seen.has(id) || items.length >= MAX_ITEMS) return;
    seen.add(id);
    items.push(it);
  };
  const walk = (v: unknown, depth: number, inItems: boolean, allowLogistics: boolean) => {
    if (depth > 5 || visited.size > 5_000) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 500)) walk(x, depth + 1, inItems, allowLogistics);
      return;
    }
    if (!isObj(v) || visited.has(v)) return;
    visited.add(v);
    const m = indexKeys(v);
    const otherId = orderIdOf(m);
    if (depth > 0 && otherId && otherId !== orderId && !inItems) return; // another order
    if (depth > 0 && pickWith(m, AFTER_SALE_ID_KEYS, idOf)) return; // an after-sale record, not a bought item
    const it = depth > 0 || !inItems ? itemOf(m, inItems, hosts) : undefined;
    if (it) {
      add(it);
      return;
    }
    for (const [k, child] of m) {
      if (child === null || typeof child !== 'object') continue;
      if (AFTER_SALE_CONTAINER_RE.test(k)) continue;
      if (!allowLogistics && LOGISTICS_CONTAINER_RE.test(k)) continue;
      walk(child, depth + 1, inItems || ITEM_CONTAINER_RE.test(k), allowLogistics);
    }
  };
  walk(order, 0, false, false);
  if (!items.length) {
    visited.clear();
    walk(order, 0, false, true);
  }
  return items;
}

/** First promise text among the order's own strings (not titles, not items, not track events). */
function findPromise(order: Obj, orderId: string, orderAt: number | undefined, now: number | undefined): OrderPromise | undefined {
  let ship: OrderPromise | undefined;
  let deliver: OrderPromise | undefined;
  let budget = 2_000;
  const skipKeys = new Set([...TITLE_KEYS, ...ITEM_ONLY_TITLE_KEYS]);
  const walk = (v: unknown, depth: number) => {
    if (deliver || depth > 4 || budget-- <= 0) return;
    if (typeof v === 'string') {
      if (v.length > 200) return;
      const p = parsePromiseText(v, orderAt, now);
      if (p?.kind === 'deliver_by') deliver = p;
      else if (p && !ship) ship = p;
      return;
    }
    if (Array.isArray(v)) {
      if (eventsOfArray(v)) return;
      for (const x of v.slice(0, 50)) walk(x, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    const m = indexKeys(v);
    const otherId = orderIdOf(m);
    if (depth > 0 && otherId && otherId !== orderId) return;
    for (const [k, child] of m) {
      if (skipKeys.has(k) || ITEM_CONTAINER_RE.test(k) || AFTER_SALE_CONTAINER_RE.test(k)) continue;
      walk(child, depth + 1);
    }
  };
  walk(order, 0);
  return deliver ?? ship;
}

function shopOf(m: Map<string, unknown>): { name?: string; id?: string } {
  let name = pickText(m, SHOP_NAME_KEYS, 200);
  let id = pickWith(m, SHOP_ID_KEYS, idOf);
  for (const k of SHOP_OBJECT_KEYS) {
    if (name && id) break;
    const v = m.get(k);
    if (!isObj(v)) continue;
    const inner = indexKeys(v);
    name ??= pickText(inner, [...SHOP_NAME_KEYS, ...keys('name', 'title', 'nick')], 200);
    id ??= pickWith(inner, [...SHOP_ID_KEYS, ...keys('id')], idOf);
  }
  return { name, id };
}

/** Quote integers of 16+ digits outside strings, so 19-digit order ids survive JSON.parse. */
export function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\w$.])-?\d{16,}(?![\w.])/g, (m) => (m.startsWith('"') ? m : `"${m}"`));
}

/** parseJsonText (JSON or JSONP) with long integers kept as strings. */
export function parseJsonPreservingIds(text: string): unknown {
  return parseJsonText(quoteLongIntegers(text));
}

const emptyDropped = (): DroppedTracking => ({ malformed: 0, unsupported: 0 });

/** Orders and parcels found anywhere in a JSON value. Never throws; returns what it read so far on error. */
export function extractOrdersFromJson(value: unknown, opts: ExtractOptions): ExtractResult {
  const hosts = opts.imageHosts ?? IMAGE_HOSTS[opts.platform] ?? [];
  const pageHosts = PAGE_HOSTS[opts.platform] ?? [];
  const orders = new Map<string, OrderObservation>();
  const refunds = new Map<string, OrderStatus>();
  const parcels = new Map<string, ParcelObservation>();
  const dropped = emptyDropped();
  const seen = new Set<object>();
  let nodes = 0;
  let cut = false;
  let jsonStrings = 0;
  let orderLike = false;
  let orderishArrays = 0;

  const mergeOrder = (o: OrderObservation) => {
    const prev = orders.get(o.orderId);
    if (!prev) {
      orders.set(o.orderId, o);
      return;
    }
    const target = prev as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) continue;
      if (k === 'items') {
        const have = new Set((prev.items ?? []).map((i) => `${i.itemId ?? ''}|${i.title}|${i.sku ?? ''}`));
        const extra = (v as ItemObservation[]).filter((i) => !have.has(`${i.itemId ?? ''}|${i.title}|${i.sku ?? ''}`));
        prev.items = [...(prev.items ?? []), ...extra].slice(0, MAX_ITEMS);
      } else if (target[k] === undefined) target[k] = v;
    }
  };

  const noteRefund = (orderId: string, text: string | undefined) => {
    const s = mapOrderStatus(text);
    if (s !== 'refunded' && s !== 'refunding') return;
    if (refunds.get(orderId) !== 'refunded') refunds.set(orderId, s);
  };

  const readOrder = (o: Obj, m: Map<string, unknown>, orderId: string): boolean => {
    const obs: OrderObservation = { orderId };
    const shop = shopOf(m);
    if (shop.name) obs.shopName = shop.name;
    if (shop.id) obs.shopId = shop.id;
    const items = collectItems(o, orderId, hosts);
    if (items.length) obs.items = items;
    const amount = pickWith(m, ORDER_AMOUNT_KEYS, parseMoneyValue);
    if (amount !== undefined) obs.amount = amount;
    const createdAt = pickWith(m, CREATED_KEYS, parseTimeValue);
    if (createdAt !== undefined) obs.createdAt = createdAt;
    const paidAt = pickWith(m, PAID_KEYS, parseTimeValue);
    if (paidAt !== undefined) obs.paidAt = paidAt;
    const statusText = pickText(m, ORDER_STATUS_KEYS, 100);
    if (statusText) {
      obs.statusText = statusText;
      const status = mapOrderStatus(statusText);
      if (status) obs.status = status;
    }
    const url = pickWith(m, URL_KEYS, (v) => urlOn(v, pageHosts));
    if (url) obs.url = url;
    const promise = findPromise(o, orderId, paidAt ?? createdAt, opts.now);
    if (promise) obs.promise = promise;
    const evidence = Object.keys(obs).length > 1;
    if (evidence) mergeOrder(obs);
    return evidence;
  };

  const readParcel = (o: Obj, m: Map<string, unknown>, hit: TrackingHit, orderIds: string[], ret: boolean, ctx: Ctx, isOrder: boolean) => {
    const named = carrierNameOf(m);
    let carrierName = named;
    let station = pickText(m, STATION_KEYS, 200);
    if (named) {
      let resolved: ReturnType<typeof resolveCarrierName>;
      try {
        resolved = resolveCarrierName(named);
      } catch {
        resolved = null;
      }
      // 菜鸟驿站 / 妈妈驿站 are stations, not carriers (carriers.md §1.2 rule 4).
      if (resolved?.kind === 'station') {
        station ??= named;
        carrierName = undefined;
      }
    }
    const hint = carrierName ?? carrierCodeOf(m);
    const trackingNo = normalizeTrackingNumber(hit.raw);
    if (!trackingNo || trackingNo.length > 64) {
      dropped.malformed++;
      return;
    }
    if (!detectCarriers(trackingNo, hint).length) {
      dropped.unsupported++;
      return;
    }
    const p: ParcelObservation = { trackingNo, orderIds: [] };
    if (carrierName) p.carrierName = carrierName;
    p.direction = ret ? 'return' : 'outbound';
    const ids = new Set(orderIds);
    for (const k of ORDER_IDS_KEYS) {
      const v = m.get(k);
      if (Array.isArray(v)) for (const x of v.slice(0, MAX_ORDER_IDS)) {
        const id = idOf(x);
        if (id) ids.add(id);
      }
    }
    if (!ids.size && opts.contextOrderId) ids.add(opts.contextOrderId);
    p.orderIds = [...ids].slice(0, MAX_ORDER_IDS);
    // An order object that also carries the number: only logistics-specific status keys describe the parcel.
    const statusText = pickText(m, isOrder ? LOGISTICS_STATUS_KEYS : PARCEL_STATUS_KEYS, 200);
    if (statusText) p.statusText = statusText;
    let events = findEvents(o);
    // Traces printed beside a single logistics object ({logistics_info:{…}, traces:[…]}).
    if (!events && ctx.parent) {
      for (const v of Object.values(ctx.parent)) if (Array.isArray(v)) events = eventsOfArray(v) ?? events;
    }
    if (events?.length) p.events = events;
    let pickupCode = pickWith(m, PICKUP_KEYS, (v) => {
      const s = textOf(v, 40);
      return s && /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/.test(s) ? s : undefined;
    });
    // {"label":"取件码","code":"3-2-1024"}
    if (!pickupCode && typeof m.get('code') === 'string') {
      const labelled = [...m.values()].some((v) => typeof v === 'string' && /取件码|取货码|提货码/.test(v));
      if (labelled) pickupCode = findPickupCode(`取件码${String(m.get('code'))}`);
    }
    if (!pickupCode) {
      const latest = events?.reduce((a, b) => (b.time > a.time ? b : a));
      pickupCode = findPickupCode(latest?.text ?? '') ?? findPickupCode(statusText ?? '');
    }
    if (pickupCode) p.pickupCode = pickupCode;
    if (station) p.station = station;
    const shippedAt = pickWith(m, SHIPPED_KEYS, parseTimeValue);
    if (shippedAt !== undefined) p.shippedAt = shippedAt;
    const deliveredAt = pickWith(m, DELIVERED_KEYS, parseTimeValue);
    if (deliveredAt !== undefined) p.deliveredAt = deliveredAt;
    mergeParcel(p);
  };

  const mergeParcel = (p: ParcelObservation) => {
    const prev = parcels.get(p.trackingNo);
    if (!prev) {
      parcels.set(p.trackingNo, p);
      return;
    }
    // Same number under two orders: one merged shipment.
    prev.orderIds = [...new Set([...prev.orderIds, ...p.orderIds])].slice(0, MAX_ORDER_IDS);
    if (p.direction === 'return') prev.direction = 'return';
    if (p.events?.length) {
      const have = new Set((prev.events ?? []).map((e) => `${e.time}|${e.text}`));
      prev.events = [...(prev.events ?? []), ...p.events.filter((e) => !have.has(`${e.time}|${e.text}`))].slice(0, MAX_EVENTS);
    }
    const target = prev as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(p)) if (v !== undefined && target[k] === undefined) target[k] = v;
  };

  const visit = (v: unknown, ctx: Ctx) => {
    if (ctx.depth > MAX_DEPTH) return;
    if (nodes++ > MAX_NODES) {
      cut = true;
      return;
    }
    if (typeof v === 'string') {
      // JSON nested as a string ("logistics_info": "{\"tracking_no\":…}").
      const s = v.trimStart();
      if ((s[0] === '{' || s[0] === '[') && s.length <= MAX_JSON_STRING_CHARS && jsonStrings < MAX_JSON_STRINGS) {
        jsonStrings++;
        const parsed = parseJsonPreservingIds(s);
        if (parsed !== undefined) visit(parsed, { ...ctx, depth: ctx.depth + 1, parent: undefined });
      }
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      // Arrays are read whole (MAX_NODES bounds the work); a cut is reported, never silent.
      for (const x of v) {
        if (cut) break;
        visit(x, { ...ctx, depth: ctx.depth + 1, parent: undefined });
      }
      return;
    }
    const o = v as Obj;
    const m = indexKeys(o);
    const afterSale = ctx.afterSale || !!pickWith(m, AFTER_SALE_ID_KEYS, idOf);
    // An item under an order may carry the order's (or a sku-order's) id: it stays an item.
    const ownId = ctx.inItems && ctx.orderId ? undefined : orderIdOf(m);
    const orderId = ownId ?? ctx.orderId;
    if (ownId) {
      orderLike = true;
      readOrder(o, m, ownId);
    }
    const refundOrderId = orderId ?? opts.contextOrderId;
    if (afterSale && refundOrderId) noteRefund(refundOrderId, pickText(m, ORDER_STATUS_KEYS, 100));
    const hit = trackingOf(m);
    if (hit) {
      orderLike = true;
      readParcel(o, m, hit, orderId ? [orderId] : [], afterSale || hit.returnKey, ctx, !!ownId);
    }
    for (const [k, child] of m) {
      if (child === null || (typeof child !== 'object' && typeof child !== 'string')) continue;
      if (ORDERISH_RE.test(k)) {
        orderLike = true;
        if (Array.isArray(child) && child.some(isObj)) orderishArrays++;
      }
      visit(child, {
        depth: ctx.depth + 1,
        orderId,
        afterSale: afterSale || (typeof child === 'object' && AFTER_SALE_CONTAINER_RE.test(k)),
        inItems: (ctx.inItems || ITEM_CONTAINER_RE.test(k)) && !LOGISTICS_CONTAINER_RE.test(k),
        parent: Array.isArray(child) ? undefined : o,
      });
    }
  };

  try {
    // contextOrderId is only a fallback link, not an enclosing order (that would turn orders into items).
    visit(value, { depth: 0, afterSale: false, inItems: false });
  } catch {
    // exotic input (throwing getters): keep what was read
  }
  for (const [id, status] of refunds) {
    const o = orders.get(id);
    if (o) o.status = status;
    else orders.set(id, { orderId: id, status });
  }
  const result: ExtractResult = { orders: [...orders.values()], parcels: [...parcels.values()], unrecognized: false, orderLike, dropped, ...(cut ? { cut } : {}) };
  result.unrecognized = !result.orders.length && !result.parcels.length && orderishArrays > 0;
  return result;
}

// ---- DOM labelled pairs → observations -----------------------------------------------------------------
/** Validate labelled pairs from a page with the same carrier rules as JSON payloads. */
export function observationsFromPairs(pairs: LabelledPairs, opts: ExtractOptions): Omit<ExtractResult, 'unrecognized' | 'orderLike'> {
  const dropped = emptyDropped();
  const parcels: ParcelObservation[] = [];
  for (const lp of pairs.parcels) {
    const trackingNo = normalizeTrackingNumber(lp.trackingNo);
    if (!trackingNo || trackingNo.length > 64) {
      dropped.malformed++;
      continue;
    }
    if (!detectCarriers(trackingNo, lp.carrierName).length) {
      dropped.unsupported++;
      continue;
    }
    const orderId = lp.orderId ?? opts.contextOrderId;
    const p: ParcelObservation = { trackingNo, orderIds: orderId ? [orderId] : [] };
    if (lp.carrierName) p.carrierName = lp.carrierName;
    p.direction = lp.direction ?? 'outbound';
    if (lp.pickupCode) p.pickupCode = lp.pickupCode;
    parcels.push(p);
  }
  const orders: OrderObservation[] = [];
  const { statusText, createdText, amountText } = pairs.orderFields;
  const orderId = pairs.orderIds.length === 1 ? pairs.orderIds[0] : undefined;
  if (orderId && (statusText || createdText || amountText)) {
    const o: OrderObservation = { orderId };
    const createdAt = createdText ? parseTimeValue(createdText) : undefined;
    if (createdAt !== undefined) o.createdAt = createdAt;
    const amount = amountText ? parseMoneyValue(amountText.replace(/^[^\d¥￥]+/, '')) : undefined;
    if (amount !== undefined) o.amount = amount;
    if (statusText) {
      o.statusText = statusText;
      const s = mapOrderStatus(statusText);
      if (s) o.status = s;
    }
    orders.push(o);
  }
  return { orders, parcels, dropped };
}

// ---- embedded JSON in pages -----------------------------------------------------------------------------
/** Global variables pages assign their state to (as data; first found wins per script). */
export const STATE_VARIABLES = [
  '__INITIAL_STATE__',
  '__APOLLO_STATE__',
  '__PRELOADED_STATE__',
  '__INITIAL_DATA__',
  '__INIT_PROPS__',
  '_ROUTER_DATA',
  '_SSR_DATA',
  '__pageData',
  'rawData',
] as const;
const MAX_SCRIPT_CHARS = 5_000_000;
const MAX_EMBEDDED_VALUES = 10;

const tryJson = (text: string): unknown => {
  const v = parseJsonPreservingIds(text);
  // JS object literals often carry `undefined`; JSON cannot.
  return v !== undefined ? v : parseJsonPreservingIds(text.replace(/([:,[]\s*)undefined(?=\s*[,}\]])/g, '$1null'));
};

/** JSON values a page embeds: `window.X = {…}`, `X = JSON.parse("…")`, and JSON script tags (RENDER_DATA is URL-encoded). */
export function readEmbeddedJson(root: ParentNode, variables: readonly string[] = STATE_VARIABLES): unknown[] {
  const out: unknown[] = [];
  const scripts = Array.from(root.querySelectorAll('script')).slice(0, 300);
  for (const script of scripts) {
    if (out.length >= MAX_EMBEDDED_VALUES) break;
    const text = (script.textContent ?? '').trim();
    if (!text || text.length > MAX_SCRIPT_CHARS) continue;
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (type.includes('json')) {
      if (type.includes('ld+json')) continue; // SEO metadata, never orders
      let body = text;
      if (/^%(?:7B|5B)/i.test(body)) {
        try {
          body = decodeURIComponent(body);
        } catch {
          continue;
        }
      }
      const v = tryJson(body);
      if (v !== undefined) out.push(v);
      continue;
    }
    if (type && !/javascript|ecmascript|module/.test(type)) continue;
    for (const name of variables) {
      // `X = JSON.parse('…')` first, then `X = {…}`; `X = decodeURIComponent("%7B…")` would need page code.
      const body = extractJsonParseArg(text, name) ?? extractAssignedJson(text, name);
      const v = body && !/^\s*%(?:7B|5B)/i.test(body) ? tryJson(body) : undefined;
      if (v !== undefined) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

// ---- adapter glue shared by Douyin and Kuaishou ----------------------------------------------------------
export interface GenericParserConfig {
  platform: Exclude<Platform, 'manual' | 'taobao'>;
  pageKind(url: URL): PageKind | null;
  /** Query parameters that carry an order id on detail/logistics URLs. */
  orderIdParams: readonly string[];
  stateVariables?: readonly string[];
  now?: () => number;
}

const SOURCE_OF_KIND: Record<PageKind, Source> = {
  order_list: 'list',
  order_detail: 'detail',
  logistics: 'logistics',
  after_sale: 'after_sale',
};

/** Which kind of data a response URL returns, guessed from its path. */
export function sourceOfResponse(url: URL, pageKind: PageKind | null): Source {
  const p = `${url.pathname}`.toLowerCase();
  if (/after[-_]?sale|aftersale|refund|return/.test(p)) return 'after_sale';
  if (/logistic|express|track|trace|wuliu|transit/.test(p)) return 'logistics';
  if (/detail/.test(p)) return 'detail';
  if (/order/.test(p)) return 'list';
  return pageKind ? SOURCE_OF_KIND[pageKind] : 'list';
}

function contextOrderIdOf(urls: URL[], params: readonly string[]): string | undefined {
  for (const u of urls) for (const p of params) {
    const id = idOf(u.searchParams.get(p) ?? undefined);
    if (id) return id;
  }
  return undefined;
}

const SIGNED_OUT_RE = /未登录|请登录|登录失效|登录过期|重新登录|not\s*log(?:ged)?\s*in|login required/i;
const RISK_RE = /验证码|安全验证|风控|频繁|访问受限|captcha|verify|risk/i;
const MESSAGE_KEYS = keys('status_msg', 'message', 'msg', 'error_msg', 'err_msg', 'prompt', 'error', 'description', 'errmsg');

/** A payload that says "signed out" or "verify first" instead of orders. */
export function detectBlockedPayload(value: unknown): ParseDiagnostic | undefined {
  if (!isObj(value)) return undefined;
  const levels: Obj[] = [value];
  const data = indexKeys(value).get('data');
  if (isObj(data)) levels.push(data);
  for (const o of levels) {
    const msg = pickText(indexKeys(o), MESSAGE_KEYS, 200);
    if (!msg) continue;
    if (SIGNED_OUT_RE.test(msg)) return { kind: 'signed_out', message: 'The platform answered that the shopper is signed out' };
    if (RISK_RE.test(msg)) return { kind: 'risk_control', message: 'The platform answered with a verification / risk-control prompt' };
  }
  return undefined;
}

function droppedDiagnostic(d: DroppedTracking): ParseDiagnostic | undefined {
  const n = d.malformed + d.unsupported;
  if (!n) return undefined;
  return {
    kind: 'partial',
    message: `${n} tracking number(s) dropped: ${d.malformed} malformed, ${d.unsupported} matched no carrier rule and had no known carrier name beside them`,
  };
}

function mergeInto(target: ParseResult, r: { orders: OrderObservation[]; parcels: ParcelObservation[] }) {
  const orders = new Map(target.orders.map((o) => [o.orderId, o]));
  for (const o of r.orders) {
    const prev = orders.get(o.orderId);
    if (!prev) {
      orders.set(o.orderId, o);
      target.orders.push(o);
    } else {
      const t = prev as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) if (v !== undefined && t[k] === undefined) t[k] = v;
    }
  }
  const parcels = new Map(target.parcels.map((p) => [p.trackingNo, p]));
  for (const p of r.parcels) {
    const prev = parcels.get(p.trackingNo);
    if (!prev) {
      parcels.set(p.trackingNo, p);
      target.parcels.push(p);
    } else {
      prev.orderIds = [...new Set([...prev.orderIds, ...p.orderIds])].slice(0, MAX_ORDER_IDS);
      const t = prev as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(p)) if (v !== undefined && t[k] === undefined) t[k] = v;
    }
  }
}

/** parsePayload / parseDocument for adapters whose formats are read by the generic scan. */
export function createGenericParsers(config: GenericParserConfig) {
  const now = () => {
    try {
      return config.now ? config.now() : Date.now();
    } catch {
      return undefined;
    }
  };

  const parsePayload = (body: string, responseUrl: URL, pageUrl: URL): ParseResult | null => {
    try {
      const value = parseJsonPreservingIds(body);
      if (value === undefined) return null;
      const kind = config.pageKind(pageUrl);
      const source = sourceOfResponse(responseUrl, kind);
      const contextOrderId = contextOrderIdOf([responseUrl, pageUrl], config.orderIdParams);
      const r = extractOrdersFromJson(value, { platform: config.platform, now: now(), contextOrderId });
      const result: ParseResult = { source, orders: r.orders, parcels: r.parcels, diagnostics: [] };
      if (!r.orders.length && !r.parcels.length) {
        const blocked = detectBlockedPayload(value);
        if (blocked) {
          result.diagnostics.push(blocked);
          return result;
        }
        if (!r.orderLike) return null;
      }
      if (r.unrecognized) {
        result.diagnostics.push({ kind: 'unrecognized', message: 'Order-like payload with no readable orders or parcels', shape: shapeOf(value) });
      }
      const d = droppedDiagnostic(r.dropped);
      if (d) result.diagnostics.push(d);
      if (r.cut) result.diagnostics.push({ kind: 'partial', message: `payload over ${MAX_NODES} values: read ${r.orders.length} orders from its start, the rest not read` });
      return result;
    } catch {
      return {
        source: 'list',
        orders: [],
        parcels: [],
        diagnostics: [{ kind: 'error', message: 'The payload parser failed' }],
      };
    }
  };

  const parseDocument = (doc: Document, url: URL): ParseResult => {
    const kind = config.pageKind(url);
    const result: ParseResult = { source: kind ? SOURCE_OF_KIND[kind] : 'list', orders: [], parcels: [], diagnostics: [] };
    // Not an order page (feeds, product pages): read nothing.
    if (!kind) return result;
    try {
      const contextOrderId = contextOrderIdOf([url], config.orderIdParams);
      const opts: ExtractOptions = { platform: config.platform, now: now(), contextOrderId };
      const dropped = emptyDropped();
      const unrecognized: unknown[] = [];
      for (const value of readEmbeddedJson(doc, config.stateVariables)) {
        const r = extractOrdersFromJson(value, opts);
        mergeInto(result, r);
        dropped.malformed += r.dropped.malformed;
        dropped.unsupported += r.dropped.unsupported;
        if (r.unrecognized) unrecognized.push(value);
      }
      // DOM pairs: the fallback when embedded state gave no parcel.
      if (!result.parcels.length && doc.body) {
        const r = observationsFromPairs(extractLabelledPairs(doc.body), opts);
        mergeInto(result, r);
        dropped.malformed += r.dropped.malformed;
        dropped.unsupported += r.dropped.unsupported;
      }
      if (!result.orders.length && !result.parcels.length && unrecognized.length) {
        result.diagnostics.push({
          kind: 'unrecognized',
          message: 'Embedded page state looks like orders but none could be read',
          shape: shapeOf(unrecognized[0]),
        });
      }
      const d = droppedDiagnostic(dropped);
      if (d) result.diagnostics.push(d);
    } catch {
      result.diagnostics.push({ kind: 'error', message: 'The page parser failed' });
    }
    return result;
  };

  return { parsePayload, parseDocument };
}
