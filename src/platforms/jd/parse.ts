// JD parsers (platform-formats.md §4, §4.3). Pure: Document or response text → observations.
// - PC list order.jd.com/center/list.action: one tbody#tb-<orderId> per order (split orders sit inside a
//   tbody#parent-<id>); no tracking number until the shopper opens the track tooltip (then `.p-tit`, or the
//   lazy JSONP below).
// - PC detail details.jd.com/normal/item.action: package blocks with 运单号/货运单号 and 承运人 lines, tracks.
// - Track JSONP order.jd.com/lazy/getOrderTrackInfoMultiPackage.action: info.orderTrackGroupInfoList[]
//   {shipId, groupType (0 JD's own, 1 a third-party carrier), thirdName, orderTrackShowList[{Content, CreationTime}]}.
// - Mobile list api.m.jd.com functionId=order_list_m (JSONP): body.orderList[], no tracking numbers.
// - Mobile logistics trade.m.jd.com/order/deal_wuliu_jdm.shtml: labelled lines and time-stamped track lines.
// The receiver's name, phone and address (consignee tooltip, detail page) are never read.
import type { EventObservation, ItemObservation, OrderObservation, ParcelObservation, Source } from '../../core/model';
import { readOrderStatus } from '../../core/status';
import { detectCarriers, normalizeTrackingNumber } from '../../core/tracking-number';
import { extractLabelledPairs } from '../shared/dom-pairs';
import { serviceOfLabels, serviceOfTags } from '../shared/service-tags';
import { detectBlockedPayload } from '../shared/generic-adapter';
import { parseJsonPreservingIds, parseJsonText } from '../shared/json-text';
import { memoText, type BigNumberGuard } from '../shared/slots';
import { eventsOfLines, trackLineTexts } from '../shared/track-lines';
import { guarded, ResultBuilder } from '../shared/result-builder';
import { cleanText, idOf, parseTimeValue, quantityOf, urlOn, yuanToFen } from '../shared/values';
import type { ParseResult } from '../types';
import { onHostSuffix } from '../facts';
import { JD_FACTS } from './facts';
import { isJdSignInPage, JD_ORDER_ID_PARAMS, jdOrderIdOf, jdPageKind } from './urls';

/** JD's own delivery: the carrier name its track groups of type 0 stand for. */
const JD_OWN_CARRIER = '京东快递';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);
const str = (v: unknown, max = 500): string | undefined => (typeof v === 'string' || typeof v === 'number' ? cleanText(String(v), max) || undefined : undefined);
const text = (el: Element | null | undefined, max = 500) => (el ? cleanText(el.textContent ?? '', max) || undefined : undefined);
const image = (v: unknown) => urlOn(typeof v === 'string' && v.startsWith('//') ? `https:${v}` : v, JD_FACTS.imageCdns);
const pageLink = (v: unknown) => urlOn(v, JD_FACTS.pageHosts);

/** Counts of tracking numbers the carrier rules refused (never the numbers themselves). */
export interface Dropped {
  n: number;
}

/** A parcel from a raw number and what stands beside it, or undefined (and counted) when no carrier rule fits. */
export function parcelOf(raw: string | undefined, carrierName: string | undefined, orderIds: string[], dropped: Dropped): ParcelObservation | undefined {
  if (!raw || !/\d/.test(raw)) return undefined;
  const trackingNo = normalizeTrackingNumber(raw);
  if (!trackingNo || trackingNo.length > 64 || !detectCarriers(trackingNo, carrierName).length) {
    dropped.n++;
    return undefined;
  }
  const p: ParcelObservation = { trackingNo, orderIds, direction: 'outbound' };
  if (carrierName) p.carrierName = carrierName;
  return p;
}

export function droppedDiag(b: ResultBuilder, d: Dropped) {
  if (d.n) b.diag('partial', `${d.n} tracking number(s) matched no carrier rule and had no known carrier name beside them`);
}

/** "…交付中通快递，运单号为7310…" in a track line: the carrier a JD order was handed to. */
function handoverOf(events: EventObservation[]): { carrier?: string; number?: string } {
  for (const e of events) {
    const m = /(?:交付|交由|转)([\u4e00-\u9fa5A-Za-z]{2,12}?)(?:，|,|\s)*(?:运单号|快递单号|单号)(?:为|是|[:：])?\s*([A-Za-z0-9]{8,30})/.exec(e.text);
    if (m) return { carrier: m[1], number: m[2] };
  }
  return {};
}

export function signedOut(source: Source, url: URL): ParseResult | undefined {
  if (!isJdSignInPage(url)) return undefined;
  const b = new ResultBuilder(source);
  b.diag('signed_out', `redirected to ${url.hostname}: JD needs sign-in`);
  return b.finish();
}

// ---- PC order list ---------------------------------------------------------------------------------------

function listItems(tbody: Element): ItemObservation[] {
  const items: ItemObservation[] = [];
  for (const g of Array.from(tbody.querySelectorAll('.goods-item')).slice(0, 200)) {
    const a = g.querySelector('.p-name a');
    const title = cleanText(a?.getAttribute('title') || a?.textContent || '', 500);
    if (!title) continue;
    const it: ItemObservation = { title };
    const sku = /item\.jd\.com\/(\d{4,20})\.html/.exec(a?.getAttribute('href') ?? '')?.[1] ?? /\bp-(\d{4,20})\b/.exec(g.className)?.[1];
    if (sku) it.itemId = sku;
    const img = g.querySelector('.p-img img');
    const src = image(img?.getAttribute('src') || img?.getAttribute('data-lazy-img') || '');
    if (src) it.imageUrl = src;
    // The quantity cell sits beside the item cell ("x2").
    const qty = quantityOf(/(\d{1,6})/.exec(text(g.parentElement?.querySelector('.goods-number')) ?? '')?.[1]);
    if (qty !== undefined) it.quantity = qty;
    items.push(it);
  }
  return items;
}

/** Shop: a third-party shop is `a.shop-txt[title]`, JD's own a `span.shop-txt`; "联系客服" is the chat button. */
function shopOf(tbody: Element): string | undefined {
  const titled = tbody.querySelector('.order-shop a.shop-txt[title], .order-shop a[class*="venderName"][title]');
  const name = titled?.getAttribute('title') ?? text(tbody.querySelector('.order-shop .shop-txt'), 200);
  return name && !/联系客服|在线客服/.test(name) ? cleanText(name, 200) : undefined;
}

export function parseJdListDocument(doc: Document, url: URL): ParseResult {
  return guarded('jd', 'list', 'list page', () => {
    const out = signedOut('list', url);
    if (out) return out;
    const b = new ResultBuilder('list');
    const dropped: Dropped = { n: 0 };
    const bodies = Array.from(doc.querySelectorAll('tbody[id^="tb-"]')).slice(0, 500);
    for (const tbody of bodies) {
      const orderId = idOf(tbody.id.slice(3));
      if (!orderId || !/^\d+$/.test(orderId)) continue;
      const o: OrderObservation = { orderId };
      const created = parseTimeValue((tbody.querySelector(`#datasubmit-${orderId}`) as HTMLInputElement | null)?.value ?? text(tbody.querySelector('.dealtime')) ?? '');
      if (created !== undefined) o.createdAt = created;
      const shop = shopOf(tbody);
      if (shop) o.shopName = shop;
      const amount = yuanToFen(text(tbody.querySelector('.amount span')) ?? '');
      if (amount !== undefined && amount >= 0) o.amount = amount;
      const statusText = text(tbody.querySelector('.order-status'), 100);
      if (statusText) {
        o.statusText = statusText;
        const s = readOrderStatus(statusText);
        if (s) o.status = s;
      }
      const detail = Array.from(tbody.querySelectorAll('a[href*="details.jd.com"], a[href*="/center/item.action"]'))
        .map((a) => a.getAttribute('href') ?? '')
        .find(Boolean);
      o.url = pageLink(detail?.startsWith('//') ? `https:${detail}` : detail) ?? JD_FACTS.orderDetailUrl(orderId);
      const items = listItems(tbody);
      if (items.length) o.items = items;
      b.addOrder(o);
      // After the track tooltip opened: "普通快递   运单号：7310…" / "中通快递 运单号：…".
      const tit = text(tbody.querySelector('.p-tit'), 200);
      const m = tit && /^(.*?)\s*运单号[:：]\s*([A-Za-z0-9-]{6,40})/.exec(tit);
      if (m) {
        const carrier = /普通快递|京东配送/.test(m[1]) ? (/京东/.test(m[1]) ? JD_OWN_CARRIER : undefined) : cleanText(m[1], 100) || undefined;
        const p = parcelOf(m[2], carrier, [orderId], dropped);
        if (p) b.addParcel(p);
      }
    }
    if (!bodies.length && doc.querySelector('.order-tb, #order02')) b.diag('unrecognized', 'JD order list without tbody#tb-<id> rows', shapeOfPage(doc));
    droppedDiag(b, dropped);
    return b.finish();
  });
}

/** Class names of the list's top-level blocks (no text): what a changed layout looks like, for parser health. */
function shapeOfPage(doc: Document): string[] {
  return [...new Set(Array.from(doc.querySelectorAll('table, tbody, [class*="order"]')).slice(0, 40).map((e) => `${e.tagName.toLowerCase()}.${e.className}`.slice(0, 60)))];
}

// ---- PC detail and mobile logistics pages ------------------------------------------------------------------

/** Parcels of one block (a package or the whole page): labelled number/carrier, track lines, JD's handover line. */
function parcelsOfBlock(root: Element, orderId: string | undefined, dropped: Dropped): ParcelObservation[] {
  const pairs = extractLabelledPairs(root);
  const events = eventsOfLines(trackLineTexts(root));
  const parcels: ParcelObservation[] = [];
  const ids = orderId ? [orderId] : [];
  for (const lp of pairs.parcels) {
    const carrier = lp.carrierName && /京东/.test(lp.carrierName) ? JD_OWN_CARRIER : lp.carrierName;
    const p = parcelOf(lp.trackingNo, carrier, lp.orderId ? [lp.orderId] : ids, dropped);
    if (p) parcels.push(p);
  }
  if (!parcels.length) {
    const h = handoverOf(events);
    const p = parcelOf(h.number, h.carrier, ids, dropped);
    if (p) parcels.push(p);
  }
  if (parcels.length === 1 && events.length) parcels[0].events = events;
  return parcels;
}

function detailItems(doc: Document): ItemObservation[] {
  const items: ItemObservation[] = [];
  for (const tr of Array.from(doc.querySelectorAll('tr[class*="product-"], .goods-list .goods-item, .p-list .p-item')).slice(0, 200)) {
    const a = tr.querySelector('.p-name a, .p-name');
    const title = cleanText(a?.getAttribute('title') || a?.textContent || '', 500);
    if (!title) continue;
    const it: ItemObservation = { title };
    const sku = /item\.jd\.com\/(\d{4,20})\.html/.exec(a?.getAttribute('href') ?? '')?.[1] ?? /product-(\d{4,20})/.exec(tr.className)?.[1];
    if (sku) it.itemId = sku;
    const img = tr.querySelector('img');
    const src = image(img?.getAttribute('src') || img?.getAttribute('data-lazy-img') || '');
    if (src) it.imageUrl = src;
    const price = yuanToFen(text(tr.querySelector('.f-price, .p-price, .price')) ?? '');
    if (price !== undefined && price >= 0) it.price = price;
    const qty = quantityOf(/(\d{1,6})/.exec(text(tr.querySelector('.f-num, .p-num, .goods-number')) ?? '')?.[1]);
    if (qty !== undefined) it.quantity = qty;
    items.push(it);
  }
  return items;
}

export function parseJdDetailDocument(doc: Document, url: URL): ParseResult {
  return guarded('jd', 'detail', 'detail page', () => {
    const out = signedOut('detail', url);
    if (out) return out;
    const b = new ResultBuilder('detail');
    const dropped: Dropped = { n: 0 };
    const top = text(doc.querySelector('.state-top, .order-info, #orderid'), 500) ?? '';
    const orderId = jdOrderIdOf(url) ?? /订单号[:：]?\s*(\d{6,20})/.exec(top)?.[1];
    if (!orderId) {
      if (doc.querySelector('.state-top, .package-info')) b.diag('unrecognized', 'JD detail page without an order id');
      return b.finish();
    }
    const o: OrderObservation = { orderId, url: JD_FACTS.orderDetailUrl(orderId) };
    const statusText = text(doc.querySelector('.state-txt'), 100);
    if (statusText) {
      o.statusText = statusText;
      const s = readOrderStatus(statusText);
      if (s) o.status = s;
    }
    const created = parseTimeValue((doc.getElementById(`datesubmit-${orderId}`) as HTMLInputElement | null)?.value ?? '');
    if (created !== undefined) o.createdAt = created;
    const shop = text(doc.querySelector('.shop-name'), 200);
    if (shop) o.shopName = shop;
    const items = detailItems(doc);
    if (items.length) o.items = items;
    // The promised delivery service (京准达, 211限时达, 送货上门) from the page's "配送方式：…" lines (issue #16).
    const service = doc.body ? serviceOfLabels(doc.body) : undefined;
    if (service) o.service = service;
    b.addOrder(o);
    // Split shipments: one block per package; else the whole page is one block.
    const blocks = Array.from(doc.querySelectorAll('.package-info, .disp-info')).slice(0, 50);
    for (const block of blocks.length ? blocks : doc.body ? [doc.body] : []) for (const p of parcelsOfBlock(block, orderId, dropped)) b.addParcel(p);
    droppedDiag(b, dropped);
    return b.finish();
  });
}

export function parseJdLogisticsDocument(doc: Document, url: URL): ParseResult {
  return guarded('jd', 'logistics', 'logistics page', () => {
    const out = signedOut('logistics', url);
    if (out) return out;
    const b = new ResultBuilder('logistics');
    const dropped: Dropped = { n: 0 };
    const orderId = jdOrderIdOf(url);
    const blocks = Array.from(doc.querySelectorAll('.package-info, .package-item, .wuliu-package')).slice(0, 50);
    for (const block of blocks.length ? blocks : doc.body ? [doc.body] : []) for (const p of parcelsOfBlock(block, orderId, dropped)) b.addParcel(p);
    if (orderId && b.parcels.length) b.addOrder({ orderId, status: 'shipped' });
    droppedDiag(b, dropped);
    return b.finish();
  });
}

// ---- captured answers --------------------------------------------------------------------------------------

/** order_list_m: orders, statuses, items and links; the parcel comes later from the logistics page. Read from
 * JSON.parse of the text as it is; only when a value read was a number of 16+ digits (which JSON.parse rounds)
 * is the answer read again with such numbers kept as text, as every answer was before: that scan of the whole
 * text cost a third of a JSON.parse on every answer. */
export function parseOrderListM(body: string): ParseResult | null {
  const json = parseJsonText(body);
  if (isRec(json)) {
    const list = listOf(json);
    if (Array.isArray(list)) {
      const guard: BigNumberGuard = { big: false };
      const r = readOrderListM(list, guard);
      if (!guard.big) return r;
    }
  }
  return parseOrderListMPreservingIds(body);
}

function listOf(json: Rec): unknown {
  const data = isRec(json.body) ? json.body : isRec(json.data) ? json.data : json;
  return data.orderList;
}

function parseOrderListMPreservingIds(body: string): ParseResult | null {
  const json = parseJsonPreservingIds(body);
  if (!isRec(json)) return null;
  const list = listOf(json);
  if (Array.isArray(list)) return readOrderListM(list, { big: false });
  return guarded('jd', 'list', 'order_list_m', () => {
    const b = new ResultBuilder('list');
    const blocked = detectBlockedPayload(json);
    if (blocked) b.diagnostics.push(blocked);
    else b.diag('unrecognized', 'order_list_m answer without body.orderList', json);
    return b.finish();
  });
}

const BIG = 1e15;
/** `v`, noting in `guard` a number JSON.parse may have rounded. */
const seen = (v: unknown, guard: BigNumberGuard): unknown => {
  if (typeof v === 'number' && (v >= BIG || v <= -BIG)) guard.big = true;
  return v;
};

/** Status words repeat on every order: each text is read once. */
const statusOfText = memoText(readOrderStatus);

function readOrderListM(list: unknown[], guard: BigNumberGuard): ParseResult {
  return guarded('jd', 'list', 'order_list_m', () => {
    const b = new ResultBuilder('list');
    for (const r of recs(list).slice(0, 1000)) {
      const orderId = idOf(seen(r.orderId, guard));
      if (!orderId) continue;
      const o: OrderObservation = { orderId };
      const info = isRec(r.orderStatusInfo) ? r.orderStatusInfo : {};
      const statusText = str(seen(info.orderStatusName, guard), 100);
      if (statusText) {
        o.statusText = statusText;
        const s = statusOfText(statusText);
        if (s) o.status = s;
      }
      const shop = isRec(r.shopInfo) ? r.shopInfo : {};
      const shopName = str(seen(shop.shopName, guard), 200);
      if (shopName) o.shopName = shopName;
      const shopId = idOf(seen(shop.shopId, guard));
      if (shopId) o.shopId = shopId;
      const items: ItemObservation[] = [];
      for (const w of recs(r.wareInfoList).slice(0, 200)) {
        const title = str(seen(w.wareName, guard));
        if (!title) continue;
        const it: ItemObservation = { title };
        const sku = idOf(seen(w.skuId, guard));
        if (sku) it.itemId = sku;
        const q = quantityOf(seen(w.num, guard));
        if (q !== undefined) it.quantity = q;
        const img = image(seen(w.imageUrl, guard));
        if (img) it.imageUrl = img;
        items.push(it);
      }
      if (items.length) o.items = items;
      // The promised delivery service among the order's tags and labels (京准达, 211限时达 …; issue #16).
      const service = serviceOfTags(r);
      if (service) o.service = service;
      // The logistics link carries every parameter deal_wuliu_jdm.shtml needs (from, dealState, dealId, orderType,
      // skuid, shopid): opening the order from the popup lands where the parcel is read.
      const progress = isRec(r.progressInfo) ? r.progressInfo : {};
      const link = pageLink(seen(progress.progressLink, guard)) ?? pageLink(isRec(r.orderDetailLink) ? seen(r.orderDetailLink.url, guard) : undefined);
      o.url = link ?? JD_FACTS.orderDetailUrl(orderId);
      b.addOrder(o);
      // The list has no waybill: a shipped order's logistics page has it. The background opens that page (all
      // its parameters; with dealId alone it is an empty app) when the shopper allowed page visits and the
      // order still lacks a parcel. Never for unshipped, cancelled or finished orders.
      if (link && o.status === 'shipped' && isLogisticsPageOf(link, orderId)) b.addFollowUp({ kind: 'jd_logistics_page', orderId, url: link });
    }
    return b.finish();
  });
}

// A plain link (lower-case host not in IPv4 or punycode form, path and query of characters the URL parser keeps
// as they are: no %, #, space or dot segment) is read as new URL() reads it, without it: its host, its path
// and its query split at & and =, with + as a space (what URLSearchParams decodes, there being no %).
const PLAIN_LINK_RE = /^https:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@/?]*))?$/;
const DOT_SEGMENT_RE = /\/\.{1,2}(?:\/|$)/;
const LOGISTICS_PATH_RE = /^\/order\/deal_wuliu_jdm\.shtml/i;

/** URLSearchParams(query).get(name) for a query without %: pairs at & (empty ones skipped), name and value at the
 * first =, + as a space. Found by index, no array of pairs; a name's + decodes to one space, so only a pair name as
 * long as `name` is decoded and compared. */
export function plainParam(query: string, name: string): string | null {
  let start = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    let eq = query.indexOf('=', start);
    if (eq < 0 || eq > end) eq = end;
    if (end > start && eq - start === name.length && query.slice(start, eq).replace(/\+/g, ' ') === name) {
      return eq === end ? '' : query.slice(eq + 1, end).replace(/\+/g, ' ');
    }
    start = end + 1;
  }
  return null;
}

/** Whether `link` (an https link pageLink gave) is the logistics page of this order (jdPageKind, jdOrderIdOf). */
export function isLogisticsPageOf(link: string, orderId: string): boolean {
  const m = PLAIN_LINK_RE.exec(link);
  if (!m || m[1].includes('xn--') || DOT_SEGMENT_RE.test(m[2]) || onHostSuffix(m[1], JD_FACTS.signInHosts)) {
    const url = new URL(link);
    return jdPageKind(url) === 'logistics' && jdOrderIdOf(url) === orderId;
  }
  if (m[1] !== 'trade.m.jd.com' || !LOGISTICS_PATH_RE.test(m[2])) return false;
  for (const p of JD_ORDER_ID_PARAMS) {
    const v = plainParam(m[3] ?? '', p)?.trim();
    if (v && /^\d{6,20}$/.test(v)) return v === orderId;
  }
  return false;
}

/** getOrderTrackInfoMultiPackage (JSONP): one parcel per track group with a waybill. */
export function parseTrackMultiPackage(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null {
  const json = parseJsonPreservingIds(body);
  if (!isRec(json)) return null;
  return guarded('jd', 'logistics', 'track answer', () => {
    const b = new ResultBuilder('logistics');
    const dropped: Dropped = { n: 0 };
    const info = isRec(json.info) ? json.info : json;
    const groups = recs(info.orderTrackGroupInfoList ?? (Array.isArray(json.multiPackageTrackInfoList) ? recs(json.multiPackageTrackInfoList).map((x) => x.trackGroupInfo) : undefined));
    const orderId = jdOrderIdOf(responseUrl) ?? jdOrderIdOf(pageUrl);
    const ids = orderId ? [orderId] : [];
    for (const g of groups.slice(0, 50)) {
      const events = recs(g.orderTrackShowList)
        .slice(0, 500)
        .flatMap((e): EventObservation[] => {
          const time = parseTimeValue(e.CreationTime ?? e.creationTime);
          const t = str(e.Content ?? e.content, 1000);
          return time !== undefined && t ? [{ time, text: t }] : [];
        });
      const ship = str(g.shipId, 64);
      const hand = handoverOf(events);
      const carrier = Number(g.groupType) === 1 ? str(g.thirdName, 100) ?? hand.carrier : ship && /^JD/i.test(ship) ? JD_OWN_CARRIER : hand.carrier;
      const p = parcelOf(ship ?? hand.number, carrier, ids, dropped);
      if (!p) continue;
      if (events.length) p.events = events;
      b.addParcel(p);
    }
    if (!groups.length && info.success === false) b.diag('unrecognized', 'JD track answer without track groups', json);
    if (orderId && b.parcels.length) b.addOrder({ orderId, status: 'shipped' });
    droppedDiag(b, dropped);
    return b.finish();
  });
}
