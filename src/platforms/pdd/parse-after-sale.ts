// Pinduoduo after-sale pages and answers (issue #16). Pure. Sources (public shopper scripts; field names only):
// - the list answer `POST /proxy/api/api/blade/after_sales_list?pdduid=…` (body {range: "all", nextQueryCreatedAt})
//   → `result.listItemVOList[] {afterSalesId, listItemStatusVO.statusText ("退款成功"…), listItemExtraVO
//   .navToDetailPageUrl ("complaint_detail.html?after_sales_id=…&order_sn=…")}`, `result.nextQueryCreatedAt`
//   (a buyer's export script for refunds that failed; the same path in a Python client's get_aftersale_orders);
// - complaint_list.html (also /complaint_list/complaint_list.html): SSR `window.rawData.store.requestMap.all`
//   {nextQueryCreatedAt, …}; the list items there are read wherever a `listItemVOList` sits [G: its place];
// - complaint_detail.html?after_sales_id=…&order_sn=…: SSR `window.rawData.store.detailData[] {resourceTag, items[]
//   {items[] {elements.desc {prefix, text}}}}` ("afterSalesApplyInfoWithGoods" rows 申请金额 / 申请时间).
// Which prefixes name the return waybill, the carrier, the pickup time or an exchange parcel is not in those
// sources [G]: they are matched by the words a label would use, and a number must still pass a carrier rule.
import type { AfterSaleObservation, OrderObservation, ParcelObservation } from '../../core/model';
import { afterSaleFromTexts, orderStatusOfAfterSale } from '../shared/after-sale-text';
import { detectBlockedPayload } from '../shared/generic-adapter';
import { parseJsonPreservingIds } from '../shared/json-text';
import { isObj, type Obj } from '../shared/keys';
import { guarded, ResultBuilder } from '../shared/result-builder';
import type { ParseResult } from '../types';
import { finishWith, newNotes, parcelOf, rawDataOf, signedOut, type Notes } from './parse';
import { isPddLoginPage, pddOrderSnOf } from './urls';

const ORDER_SN_RE = /^[0-9A-Za-z-]{6,40}$/;
const MAX_ITEMS = 500;
const MAX_DEPTH = 8;

const text = (v: unknown, max = 200): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\s+/g, ' ').trim();
  return t && t.length <= max ? t : undefined;
};

/** order_sn of a detail link ("complaint_detail.html?after_sales_id=…&order_sn=241124-…"). */
function orderSnOfLink(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /[?&]order_sn=([^&#]+)/.exec(v);
  const sn = m ? decodeURIComponent(m[1]).trim() : undefined;
  return sn && ORDER_SN_RE.test(sn) ? sn : undefined;
}

/** Every short string of an object and its children, in document order (bounded). */
function strings(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH || out.length > 400) return out;
  if (typeof v === 'string') {
    const t = text(v);
    if (t) out.push(t);
  } else if (Array.isArray(v)) for (const x of v.slice(0, 200)) strings(x, out, depth + 1);
  else if (isObj(v)) for (const k of Object.keys(v)) if (!/url|img|image|icon|color|pic/i.test(k)) strings(v[k], out, depth + 1);
  return out;
}

function addAfterSale(b: ResultBuilder, orderId: string, a: AfterSaleObservation | undefined) {
  if (!a) return;
  const o: OrderObservation = { orderId, afterSale: a };
  const status = orderStatusOfAfterSale(a);
  if (status) o.status = status;
  b.addOrder(o);
}

/** listItemVOList rows: each an after-sale of one order; the state from its status words. */
function readListItems(items: unknown[], b: ResultBuilder, now: number): number {
  let n = 0;
  for (const it of items.slice(0, MAX_ITEMS)) {
    if (!isObj(it)) continue;
    const extra = isObj(it.listItemExtraVO) ? it.listItemExtraVO : undefined;
    const orderId = orderSnOfLink(extra?.navToDetailPageUrl) ?? (typeof it.orderSn === 'string' && ORDER_SN_RE.test(it.orderSn) ? it.orderSn : undefined);
    if (!orderId) continue;
    const status = isObj(it.listItemStatusVO) ? it.listItemStatusVO : undefined;
    const a = afterSaleFromTexts([text(status?.statusText), ...strings(status)], now);
    if (a) n++;
    addAfterSale(b, orderId, a);
  }
  return n;
}

/** The first `listItemVOList` array under a value (bounded search). */
function findList(v: unknown, depth = 0): unknown[] | undefined {
  if (depth > 5 || !isObj(v)) return undefined;
  if (Array.isArray(v.listItemVOList)) return v.listItemVOList;
  for (const k of Object.keys(v)) {
    const found = findList(v[k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** after_sales_list answers: `{result: {listItemVOList[], nextQueryCreatedAt}}`. */
export function parsePddAfterSaleList(body: string, now: number = Date.now()): ParseResult | null {
  const json = parseJsonPreservingIds(body);
  if (!isObj(json)) return null;
  return guarded('pdd', 'after_sale', 'after_sales_list', () => {
    const b = new ResultBuilder('after_sale');
    const list = isObj(json.result) ? json.result.listItemVOList : undefined;
    if (!Array.isArray(list)) {
      const blocked = detectBlockedPayload(json);
      if (blocked) b.diagnostics.push(blocked);
      else b.diag('unrecognized', 'after_sales_list answer without result.listItemVOList', json);
      return b.finish();
    }
    readListItems(list, b, now);
    return b.finish();
  });
}

interface Row {
  prefix: string;
  text: string;
}

/** The label / value rows of the detail's sections ({elements: {desc: {prefix, text}}}), in order. */
function rowsOf(v: unknown, out: Row[] = [], depth = 0): Row[] {
  if (depth > MAX_DEPTH || out.length > 300) return out;
  if (Array.isArray(v)) for (const x of v.slice(0, 200)) rowsOf(x, out, depth + 1);
  else if (isObj(v)) {
    const els = isObj(v.elements) ? v.elements : undefined;
    for (const e of els ? Object.values(els) : []) {
      const prefix = isObj(e) ? text(e.prefix, 30)?.replace(/[:：]\s*$/, '') : undefined;
      const value = isObj(e) ? text(e.text) : undefined;
      if (prefix && value) out.push({ prefix, text: value });
    }
    if (Array.isArray(v.items)) rowsOf(v.items, out, depth + 1);
  }
  return out;
}

const RETURN_NO = /^(?:退货)?(?:快递|物流|运)单号$|^退货单号$/;
const EXCHANGE_NO = /^(?:换货|补寄|商家发货|重新发货)(?:快递|物流|运)?单号$/;
const RETURN_CARRIER = /^(?:退货)?(?:快递|物流)(?:公司)?$|^退货(?:快递|物流)$/;
const EXCHANGE_CARRIER = /^(?:换货|补寄|商家发货)(?:快递|物流)(?:公司)?$/;
const PICKUP_TIME = /取件时间|上门时间|预约时间/;
const KIND = /^(?:售后|退款|服务|申请)类型$/;
const PRIVATE_SECTION = /addr|address|recv|receiver|contact/i;
const PRIVATE_ROW = /收货人|收件人|联系人|电话|手机|地址/;

/** Sections whose words come first for the state: status headers before goods and rows [G: their tags]. */
const isStatusSection = (tag: unknown) => typeof tag === 'string' && /status|header|progress|title/i.test(tag);

export function parsePddAfterSaleDocument(doc: Document, url: URL, now: number = Date.now()): ParseResult {
  return guarded('pdd', 'after_sale', 'after-sale page', () => {
    if (isPddLoginPage(url)) return signedOut('after_sale');
    const b = new ResultBuilder('after_sale');
    const raw = rawDataOf(doc);
    const store = raw && isObj(raw.store) ? raw.store : undefined;
    if (!raw) return b.finish();
    const detail = store && Array.isArray(store.detailData) ? store.detailData : undefined;
    if (!detail) {
      const list = findList(store ?? raw);
      if (list) readListItems(list, b, now);
      else if (!/complaint_list/i.test(url.pathname)) b.diag('unrecognized', 'Pinduoduo after-sale rawData without store.detailData', raw);
      return b.finish();
    }
    const orderId = pddOrderSnOf(url);
    if (!orderId) {
      b.diag('partial', 'after-sale page without an order_sn');
      return b.finish();
    }
    // The return address section names the receiver: never read.
    const sections = (detail.filter(isObj) as Obj[]).filter((s) => !PRIVATE_SECTION.test(String(s.resourceTag ?? '')));
    const first = sections.filter((s) => isStatusSection(s.resourceTag));
    const rest = sections.filter((s) => !isStatusSection(s.resourceTag));
    const rows = rowsOf(sections).filter((r) => !PRIVATE_ROW.test(r.prefix));
    const row = (re: RegExp) => rows.find((r) => re.test(r.prefix))?.text;
    const pickup = row(PICKUP_TIME);
    const texts = [...strings(first), ...(pickup ? [`预约上门取件 ${pickup}`] : []), ...rows.map((r) => `${r.prefix}：${r.text}`), ...strings(rest)];
    addAfterSale(b, orderId, afterSaleFromTexts(texts, now, row(KIND)));
    const notes: Notes = newNotes();
    const parcel = (no: string | undefined, carrier: string | undefined, exchange: boolean) => {
      const p: ParcelObservation | undefined = parcelOf(no?.split(/\s+/)[0], carrier, orderId, notes);
      if (!p) return;
      if (exchange) p.exchange = true;
      else p.direction = 'return';
      b.addParcel(p);
    };
    parcel(row(EXCHANGE_NO), row(EXCHANGE_CARRIER), true);
    parcel(row(RETURN_NO), row(RETURN_CARRIER), false);
    return finishWith(b, notes);
  });
}
