// Pinduoduo parsers (platform-formats.md §5, §5.1). Pure: Document or response text → observations.
// - orders.html: the first page is SSR `window.rawData.ordersStore.orders[]` (camelCase); further pages come from
//   the order_list_v4 XHR as `orders[]` (snake_case, sometimes goods nested under orders[i].orders[0]). Keys are
//   compared normalized, so one reader serves both. Amounts are in 分; times in seconds. Real list answers leave
//   `tracking_number` empty: the parcel comes from the detail or logistics page.
// - order.html: SSR `window.rawData.data` with `expressInfo {shippingName, trackingNumber}`.
// - goods_express.html?tracking_number=…&shipping_id=…&order_sn=…: the number from the URL, the carrier and the
//   track from the page text.
// Only named fields are read: the receiver's name, phone and address in these pages are never touched.
import type { ItemObservation, OrderObservation, OrderStatus, ParcelObservation, Source } from '../../core/model';
import { readOrderStatus } from '../../core/status';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import { extractLabelledPairs } from '../shared/dom-pairs';
import { serviceOfTags } from '../shared/service-tags';
import { readEmbeddedJson } from '../shared/embedded-json';
import { detectBlockedPayload } from '../shared/generic-adapter';
import { parseJsonPreservingIds } from '../shared/json-text';
import { indexKeys, isObj, keys, pickText, pickWith, withKeyIndexCache, type Obj } from '../shared/keys';
import { guarded, ResultBuilder } from '../shared/result-builder';
import { eventsOfLines, trackLineTexts } from '../shared/track-lines';
import { fenAmount, idOf, parseTimeValue, quantityOf, urlOn } from '../shared/values';
import type { ParseResult } from '../types';
import { PDD_FACTS } from './facts';
import { isPddLoginPage, pddOrderSnOf } from './urls';

/** Pinduoduo's `status` codes, used only when the status words are missing or unknown. Only the codes public code
 * names (windyyong/open_tool's order script: 2 待发货, 3 已发货, 4 已确认收货, 6 未发货，已退款); any other code, and
 * `order_status` (a different field: 1 on shipped orders too), stays unknown with a diagnostic rather than a guess. */
const STATUS_CODES: Readonly<Record<string, OrderStatus>> = { 2: 'unshipped', 3: 'shipped', 4: 'completed', 6: 'refunded' };

const K = {
  orderSn: keys('order_sn'),
  statusText: keys('order_status_prompt', 'status_prompt', 'order_status_desc'),
  statusCode: keys('status'),
  payStatus: keys('pay_status'),
  amount: keys('display_amount', 'order_amount', 'pay_amount'),
  created: keys('order_time', 'create_time'),
  paid: keys('pay_time'),
  link: keys('order_link_url'),
  goods: keys('order_goods', 'goods_list'),
  goodsName: keys('goods_name'),
  goodsId: keys('goods_id'),
  goodsNumber: keys('goods_number'),
  goodsPrice: keys('goods_price'),
  spec: keys('spec'),
  thumb: keys('thumb_url', 'hd_thumb_url', 'goods_thumb_url'),
  tracking: keys('tracking_number'),
  shipping: keys('shipping_name'),
  mallName: keys('mall_name'),
};

const image = (v: unknown) => urlOn(typeof v === 'string' && v.startsWith('//') ? `https:${v}` : v, PDD_FACTS.imageCdns);
const PAGE_BASE = 'https://mobile.yangkeduo.com/';
// "order.html?order_sn=…": a relative link of plain characters, no scheme, no "." / ".." segment, resolves to the
// base followed by itself (without new URL(), which costs as much as parsing kilobytes of JSON).
const SIMPLE_RELATIVE_RE = /^[A-Za-z0-9_-][A-Za-z0-9\-._~!$&()*+,;=@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT_RE = /(?:^|\/)\.{1,2}(?:\/|\?|$)/;
const link = (v: unknown) => {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const s = v.trim();
  if (SIMPLE_RELATIVE_RE.test(s) && !DOT_SEGMENT_RE.test(s.split('?')[0])) return urlOn(PAGE_BASE + s, PDD_FACTS.pageHosts);
  try {
    return urlOn(new URL(s, PAGE_BASE).href, PDD_FACTS.pageHosts);
  } catch {
    return undefined;
  }
};

export function parcelOf(raw: string | undefined, carrierName: string | undefined, orderId: string | undefined, dropped: { n: number }): ParcelObservation | undefined {
  if (!raw || !/\d/.test(raw)) return undefined;
  const trackingNo = normalizeTrackingNumber(raw);
  if (!trackingNo || trackingNo.length > 64 || !detectCarriers(trackingNo, carrierName).length) {
    dropped.n++;
    return undefined;
  }
  const p: ParcelObservation = { trackingNo, orderIds: orderId ? [orderId] : [], direction: 'outbound' };
  if (carrierName) p.carrierName = carrierName;
  return p;
}

function itemsOf(m: Map<string, unknown>): ItemObservation[] {
  let goods = pickWith(m, K.goods, (v) => (Array.isArray(v) ? v : undefined));
  // Some answers nest the goods one level down: orders[i].orders[0].order_goods.
  if (!goods) {
    const inner = m.get('orders');
    if (Array.isArray(inner) && isObj(inner[0])) goods = pickWith(indexKeys(inner[0]), K.goods, (v) => (Array.isArray(v) ? v : undefined));
  }
  const out: ItemObservation[] = [];
  for (const g of (goods ?? []).slice(0, 200)) {
    if (!isObj(g)) continue;
    const gm = indexKeys(g);
    const title = pickText(gm, K.goodsName, 500);
    if (!title) continue;
    const it: ItemObservation = { title };
    const id = pickWith(gm, K.goodsId, idOf);
    if (id) it.itemId = id;
    const spec = pickText(gm, K.spec, 300);
    if (spec) it.sku = spec;
    const q = pickWith(gm, K.goodsNumber, quantityOf);
    if (q !== undefined) it.quantity = q;
    const price = pickWith(gm, K.goodsPrice, fenAmount);
    if (price !== undefined) it.price = price;
    const img = pickWith(gm, K.thumb, image);
    if (img) it.imageUrl = img;
    out.push(it);
  }
  return out;
}

/** One order of the list (SSR camelCase or XHR snake_case) or of the detail page. */
function orderOf(o: Obj, unknownCodes: Set<string>): OrderObservation | undefined {
  const m = indexKeys(o);
  const orderId = pickWith(m, K.orderSn, (v) => (typeof v === 'string' && /^[0-9A-Za-z-]{6,40}$/.test(v.trim()) ? v.trim() : undefined));
  if (!orderId) return undefined;
  const out: OrderObservation = { orderId };
  const statusText = pickText(m, K.statusText, 100);
  if (statusText) out.statusText = statusText;
  const code = pickWith(m, K.statusCode, (v) => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : undefined));
  const unpaid = pickWith(m, K.payStatus, (v) => (v === 0 || v === '0' ? true : undefined));
  const status = readOrderStatus(statusText) ?? (unpaid ? 'unpaid' : code ? STATUS_CODES[code] : undefined);
  if (status) out.status = status;
  else if (code) unknownCodes.add(code.slice(0, 6));
  const amount = pickWith(m, K.amount, fenAmount);
  if (amount !== undefined) out.amount = amount;
  const createdAt = pickWith(m, K.created, parseTimeValue);
  if (createdAt !== undefined) out.createdAt = createdAt;
  const paidAt = pickWith(m, K.paid, parseTimeValue);
  if (paidAt !== undefined) out.paidAt = paidAt;
  const shop = m.get('mall');
  const shopName = isObj(shop) ? pickText(indexKeys(shop), K.mallName, 200) : pickText(m, K.mallName, 200);
  if (shopName) out.shopName = shopName;
  out.url = pickWith(m, K.link, link) ?? PDD_FACTS.orderDetailUrl(orderId);
  const items = itemsOf(m);
  if (items.length) out.items = items;
  // The promised delivery service among the order's tags and labels (送货上门, 极速达 …; issue #16).
  const service = serviceOfTags(o);
  if (service) out.service = service;
  return out;
}

export interface Notes {
  /** Tracking numbers no carrier rule took. */
  n: number;
  /** Status codes met without status words that are not in STATUS_CODES. */
  codes: Set<string>;
}

export const newNotes = (): Notes => ({ n: 0, codes: new Set() });

function readOrders(list: unknown, b: ResultBuilder, dropped: Notes): number {
  let n = 0;
  for (const o of Array.isArray(list) ? list.slice(0, 1000) : []) {
    if (!isObj(o)) continue;
    const order = orderOf(o, dropped.codes);
    if (!order) continue;
    n++;
    b.addOrder(order);
    // Rarely filled in list answers, but read when it is.
    const m = indexKeys(o);
    const p = parcelOf(pickText(m, K.tracking, 64), pickText(m, K.shipping, 100), order.orderId, dropped);
    if (p) b.addParcel(p);
  }
  return n;
}

export function finishWith(b: ResultBuilder, dropped: Notes): ParseResult {
  if (dropped.codes.size) b.diag('partial', `Pinduoduo status code(s) ${[...dropped.codes].sort().join(', ')} without known status words: status left unknown`);
  if (dropped.n) b.diag('partial', `${dropped.n} tracking number(s) matched no carrier rule and had no known carrier name beside them`);
  return b.finish();
}

export function signedOut(source: Source): ParseResult {
  const b = new ResultBuilder(source);
  b.diag('signed_out', 'redirected to login.html: Pinduoduo needs sign-in');
  return b.finish();
}

/** window.rawData of a page, or undefined. */
export function rawDataOf(doc: Document): Obj | undefined {
  const v = readEmbeddedJson(doc, ['rawData'])[0];
  return isObj(v) ? v : undefined;
}

export function parsePddListDocument(doc: Document, url: URL): ParseResult {
  return guarded('pdd', 'list', 'order list page', () => {
    if (isPddLoginPage(url)) return signedOut('list');
    const b = new ResultBuilder('list');
    const dropped = newNotes();
    const raw = rawDataOf(doc);
    const store = raw && indexKeys(raw).get('ordersstore');
    const orders = isObj(store) ? indexKeys(store).get('orders') : undefined;
    if (raw && !Array.isArray(orders)) b.diag('unrecognized', 'Pinduoduo rawData without ordersStore.orders', raw);
    else readOrders(orders, b, dropped);
    return finishWith(b, dropped);
  });
}

export function parsePddDetailDocument(doc: Document, url: URL): ParseResult {
  return guarded('pdd', 'detail', 'order page', () => {
    if (isPddLoginPage(url)) return signedOut('detail');
    const b = new ResultBuilder('detail');
    const dropped = newNotes();
    const raw = rawDataOf(doc);
    const data = raw ? indexKeys(raw).get('data') : undefined;
    if (!isObj(data)) {
      if (raw) b.diag('unrecognized', 'Pinduoduo order page rawData without data', raw);
      return b.finish();
    }
    const order = orderOf(data, dropped.codes);
    const orderId = order?.orderId ?? pddOrderSnOf(url);
    if (order) b.addOrder(order);
    const express = indexKeys(data).get('expressinfo');
    if (isObj(express)) {
      const em = indexKeys(express);
      const p = parcelOf(pickText(em, K.tracking, 64), pickText(em, K.shipping, 100), orderId, dropped);
      if (p) b.addParcel(p);
    }
    return finishWith(b, dropped);
  });
}

export function parsePddLogisticsDocument(doc: Document, url: URL): ParseResult {
  return guarded('pdd', 'logistics', 'goods_express page', () => {
    if (isPddLoginPage(url)) return signedOut('logistics');
    const b = new ResultBuilder('logistics');
    const dropped = newNotes();
    const orderId = pddOrderSnOf(url);
    const pairs = doc.body ? extractLabelledPairs(doc.body) : undefined;
    const fromUrl = url.searchParams.get('tracking_number') ?? undefined;
    const raw = fromUrl ?? pairs?.parcels[0]?.trackingNo;
    const carrier = pairs?.parcels.find((p) => p.carrierName)?.carrierName;
    const p = parcelOf(raw, carrier, orderId, dropped);
    if (p) {
      const events = doc.body ? eventsOfLines(trackLineTexts(doc.body)) : [];
      if (events.length) p.events = events;
      b.addParcel(p);
      if (orderId) b.addOrder({ orderId, status: 'shipped' });
    }
    return finishWith(b, dropped);
  });
}

/** order_list_v4 (and older order_list) answers: `{server_time, orders[], extra_info}`. */
export function parsePddOrderList(body: string): ParseResult | null {
  const json = parseJsonPreservingIds(body);
  if (!isObj(json)) return null;
  return guarded('pdd', 'list', 'order_list_v4', () => {
    const b = new ResultBuilder('list');
    const dropped = newNotes();
    const orders = indexKeys(json).get('orders');
    if (!Array.isArray(orders)) {
      const blocked = detectBlockedPayload(json);
      if (blocked) b.diagnostics.push(blocked);
      else b.diag('unrecognized', 'order_list answer without orders[]', json);
      return b.finish();
    }
    // Each order object is indexed once for its order and its parcel.
    withKeyIndexCache(() => readOrders(orders, b, dropped));
    return finishWith(b, dropped);
  });
}
