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
import { readOrderStatus as readStatusWords } from '../../core/status';
import { normalizeTrackingNumber, numberFitsCarrier } from '../../core/tracking-number';
import { extractLabelledPairs } from '../shared/dom-pairs';
import { serviceOfTags } from '../shared/service-tags';
import { readEmbeddedJson } from '../shared/embedded-json';
import { detectBlockedPayload } from '../shared/generic-adapter';
import { parseJsonPreservingIds, parseJsonText } from '../shared/json-text';
import { safeIntText } from '../shared/int-text';
import { isObj, type Obj } from '../shared/keys';
import { memoText, SlotTable, type Slots } from '../shared/slots';
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

// Every key the readers look at, normalized (snake_case and camelCase alike), as slots: an object's values are
// read in one pass over its own keys (shared/slots.ts), not one normalized-key Map per object.
const ORDER = new SlotTable([
  'order_sn', 'order_status_prompt', 'status_prompt', 'order_status_desc', 'status', 'pay_status', 'display_amount',
  'order_amount', 'pay_amount', 'order_time', 'create_time', 'pay_time', 'order_link_url', 'order_goods', 'goods_list',
  'tracking_number', 'shipping_name', 'mall_name', 'mall', 'orders', 'express_info',
]);
const GOODS = new SlotTable(['goods_name', 'goods_id', 'goods_number', 'goods_price', 'spec', 'thumb_url', 'hd_thumb_url', 'goods_thumb_url']);
const TOP = new SlotTable(['orders']);
const MALL = new SlotTable(['mall_name']);
const RAW = new SlotTable(['orders_store', 'data']);
const K = {
  orderSn: ORDER.slots('order_sn'),
  statusText: ORDER.slots('order_status_prompt', 'status_prompt', 'order_status_desc'),
  statusCode: ORDER.slots('status'),
  payStatus: ORDER.slots('pay_status'),
  amount: ORDER.slots('display_amount', 'order_amount', 'pay_amount'),
  created: ORDER.slots('order_time', 'create_time'),
  paid: ORDER.slots('pay_time'),
  link: ORDER.slots('order_link_url'),
  goods: ORDER.slots('order_goods', 'goods_list'),
  tracking: ORDER.slots('tracking_number'),
  shipping: ORDER.slots('shipping_name'),
  mallName: ORDER.slots('mall_name'),
  mall: ORDER.slot('mall'),
  orders: ORDER.slot('orders'),
  express: ORDER.slot('express_info'),
  goodsName: GOODS.slots('goods_name'),
  goodsId: GOODS.slots('goods_id'),
  goodsNumber: GOODS.slots('goods_number'),
  goodsPrice: GOODS.slots('goods_price'),
  spec: GOODS.slots('spec'),
  thumb: GOODS.slots('thumb_url', 'hd_thumb_url', 'goods_thumb_url'),
  topOrders: TOP.slot('orders'),
  mallNameOfMall: MALL.slots('mall_name'),
  ordersStore: RAW.slot('orders_store'),
  data: RAW.slot('data'),
};

const image = (v: unknown) => urlOn(typeof v === 'string' && v.startsWith('//') ? `https:${v}` : v, PDD_FACTS.imageCdns);
const PAGE_BASE = 'https://mobile.yangkeduo.com/';
// "order.html?order_sn=…": a relative link of plain characters, no scheme, no "." / ".." segment, resolves to the
// base followed by itself (without new URL(), which costs as much as parsing kilobytes of JSON).
const SIMPLE_RELATIVE_RE = /^[A-Za-z0-9_-][A-Za-z0-9\-._~!$&()*+,;=@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT_RE = /(?:^|\/)\.{1,2}(?:\/|\?|$)/;
/** PAGE_BASE's host is a page host: urlOn accepts PAGE_BASE + such a link as it is, when not too long for it. */
const BASE_ON_PAGE_HOST = urlOn(PAGE_BASE, PDD_FACTS.pageHosts) === PAGE_BASE;
const link = (v: unknown) => {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!s) return undefined;
  if (SIMPLE_RELATIVE_RE.test(s)) {
    const q = s.indexOf('?');
    if (!DOT_SEGMENT_RE.test(q < 0 ? s : s.slice(0, q))) {
      const href = PAGE_BASE + s;
      return BASE_ON_PAGE_HOST && href.length <= 2048 ? href : undefined;
    }
  }
  try {
    return urlOn(new URL(s, PAGE_BASE).href, PDD_FACTS.pageHosts);
  } catch {
    return undefined;
  }
};

export function parcelOf(raw: string | undefined, carrierName: string | undefined, orderId: string | undefined, dropped: { n: number }): ParcelObservation | undefined {
  if (!raw || !/\d/.test(raw)) return undefined;
  const trackingNo = normalizeTrackingNumber(raw);
  if (!trackingNo || trackingNo.length > 64 || !numberFitsCarrier(trackingNo, carrierName)) {
    dropped.n++;
    return undefined;
  }
  const p: ParcelObservation = { trackingNo, orderIds: orderId ? [orderId] : [], direction: 'outbound' };
  if (carrierName) p.carrierName = carrierName;
  return p;
}

/** Status words repeat on every page: each text is read once. */
const readOrderStatus = memoText(readStatusWords);

const asArray = (v: unknown) => (Array.isArray(v) ? v : undefined);
const ORDER_SN_RE = /^[0-9A-Za-z-]{6,40}$/;
const orderSnOf = (v: unknown) => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return ORDER_SN_RE.test(t) ? t : undefined;
};
const statusCodeOf = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : undefined);
const unpaidOf = (v: unknown) => (v === 0 || v === '0' ? true : undefined);
/** idOf, with a numeric id's text made without String() (shared/int-text.ts): a safe integer of 4+ digits. */
const goodsIdOf = (v: unknown) => (typeof v === 'number' ? (Number.isSafeInteger(v) && v >= 1000 ? safeIntText(v) : undefined) : idOf(v));

function itemsOf(m: Slots, notes: Notes): ItemObservation[] {
  let goods = m.pick(K.goods, asArray);
  // Some answers nest the goods one level down: orders[i].orders[0].order_goods.
  if (!goods) {
    const inner = m.get(K.orders);
    if (Array.isArray(inner) && isObj(inner[0])) goods = ORDER.read(inner[0], notes).pick(K.goods, asArray);
  }
  const out: ItemObservation[] = [];
  for (const g of (goods ?? []).slice(0, 200)) {
    if (!isObj(g)) continue;
    const gm = GOODS.read(g, notes);
    const title = gm.text(K.goodsName, 500);
    if (!title) continue;
    const it: ItemObservation = { title };
    const id = gm.pick(K.goodsId, goodsIdOf);
    if (id) it.itemId = id;
    const spec = gm.text(K.spec, 300);
    if (spec) it.sku = spec;
    const q = gm.pick(K.goodsNumber, quantityOf);
    if (q !== undefined) it.quantity = q;
    const price = gm.pick(K.goodsPrice, fenAmount);
    if (price !== undefined) it.price = price;
    const img = gm.pick(K.thumb, image);
    if (img) it.imageUrl = img;
    out.push(it);
  }
  return out;
}

/** One order of the list (SSR camelCase or XHR snake_case) or of the detail page: `m` is the slots of `o`. */
function orderOf(o: Obj, m: Slots, notes: Notes): OrderObservation | undefined {
  const orderId = m.pick(K.orderSn, orderSnOf);
  if (!orderId) return undefined;
  const out: OrderObservation = { orderId };
  const statusText = m.text(K.statusText, 100);
  if (statusText) out.statusText = statusText;
  const code = m.pick(K.statusCode, statusCodeOf);
  const unpaid = m.pick(K.payStatus, unpaidOf);
  const status = readOrderStatus(statusText) ?? (unpaid ? 'unpaid' : code ? STATUS_CODES[code] : undefined);
  if (status) out.status = status;
  else if (code) notes.codes.add(code.slice(0, 6));
  const amount = m.pick(K.amount, fenAmount);
  if (amount !== undefined) out.amount = amount;
  const createdAt = m.pick(K.created, parseTimeValue);
  if (createdAt !== undefined) out.createdAt = createdAt;
  const paidAt = m.pick(K.paid, parseTimeValue);
  if (paidAt !== undefined) out.paidAt = paidAt;
  const shop = m.get(K.mall);
  const shopName = isObj(shop) ? MALL.read(shop, notes).text(K.mallNameOfMall, 200) : m.text(K.mallName, 200);
  if (shopName) out.shopName = shopName;
  out.url = m.pick(K.link, link) ?? PDD_FACTS.orderDetailUrl(orderId);
  const items = itemsOf(m, notes);
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
  /** Set when a value read was a number of 16+ digits' size (see parsePddOrderList). */
  big: boolean;
}

export const newNotes = (): Notes => ({ n: 0, codes: new Set(), big: false });

function readOrders(list: unknown, b: ResultBuilder, notes: Notes): number {
  let n = 0;
  for (const o of Array.isArray(list) ? list.slice(0, 1000) : []) {
    if (!isObj(o)) continue;
    const m = ORDER.read(o, notes);
    const order = orderOf(o, m, notes);
    if (!order) continue;
    n++;
    b.addOrder(order);
    // Rarely filled in list answers, but read when it is.
    const p = parcelOf(m.text(K.tracking, 64), m.text(K.shipping, 100), order.orderId, notes);
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
    const store = raw && RAW.read(raw, dropped).get(K.ordersStore);
    const orders = isObj(store) ? TOP.read(store, dropped).get(K.topOrders) : undefined;
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
    const data = raw ? RAW.read(raw, dropped).get(K.data) : undefined;
    if (!isObj(data)) {
      if (raw) b.diag('unrecognized', 'Pinduoduo order page rawData without data', raw);
      return b.finish();
    }
    const m = ORDER.read(data, dropped);
    const order = orderOf(data, m, dropped);
    const orderId = order?.orderId ?? pddOrderSnOf(url);
    if (order) b.addOrder(order);
    const express = m.get(K.express);
    if (isObj(express)) {
      const em = ORDER.read(express, dropped);
      const p = parcelOf(em.text(K.tracking, 64), em.text(K.shipping, 100), orderId, dropped);
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

/** order_list_v4 (and older order_list) answers: `{server_time, orders[], extra_info}`. Read from JSON.parse of
 * the text as it is; only when a value read was a number of 16+ digits (which JSON.parse rounds, and which the
 * page's ids would be) is it read again with such numbers kept as text, as every Pinduoduo answer was before:
 * that scan of the whole text cost half a JSON.parse on every answer. */
export function parsePddOrderList(body: string): ParseResult | null {
  const json = parseJsonText(body);
  const orders = isObj(json) ? TOP.read(json).get(K.topOrders) : undefined;
  if (Array.isArray(orders)) {
    const notes = newNotes();
    const r = readList(orders, notes);
    if (!notes.big) return r;
  }
  return parsePreservingIds(body);
}

function readList(orders: unknown[], notes: Notes): ParseResult {
  return guarded('pdd', 'list', 'order_list_v4', () => {
    const b = new ResultBuilder('list');
    readOrders(orders, b, notes);
    return finishWith(b, notes);
  });
}

function parsePreservingIds(body: string): ParseResult | null {
  const json = parseJsonPreservingIds(body);
  if (!isObj(json)) return null;
  const orders = TOP.read(json).get(K.topOrders);
  if (Array.isArray(orders)) return readList(orders, newNotes());
  return guarded('pdd', 'list', 'order_list_v4', () => {
    const b = new ResultBuilder('list');
    const blocked = detectBlockedPayload(json);
    if (blocked) b.diagnostics.push(blocked);
    else b.diag('unrecognized', 'order_list answer without orders[]', json);
    return b.finish();
  });
}
