// After-sale / refund pages (refund2.taobao.com/dispute/…, refund2.tmall.com/…). The pages assign an ultron page
// model to `var disputeData` (./dispute-data.ts, sources there): read by component — the return parcel apart from
// the order's own parcel, the order number row before the URL's bizOrderId (the bought list links a refund by its
// sub-order id). Other versions fall back to what any page is likely to show: embedded JSON (key scan),
// label/value rows ("退货物流公司：", "运单号：", "退款状态：") and finally the visible text.
// Waybills found by the scan or the rows are the shopper's return parcels: direction 'return', linked to the order.
import type { ParseResult } from '../types';
import { extractAssignedJson, extractJsonParseArg } from '../shared/js-string-literal';
import { parseJsonText } from '../shared/json-text';
import { afterSaleFromTexts, orderStatusOfAfterSale } from '../shared/after-sale-text';
import { riskFromPage } from './common';
import { readDisputeDetail, readDisputeList, ultronComponents, type DisputeDetail, type DisputeListRow } from './dispute-data';
import {
  labelPairs,
  orderIdsFromText,
  pageRiskText,
  scriptTexts,
  visibleText,
  waybillsFromPairs,
  waybillsFromText,
  type Waybill,
} from './dom';
import { guarded, ResultBuilder } from './result';
import { collectStrings, scanWaybills } from './scan';
import { SCRIPT_MARKERS, SELECTORS } from './selectors';
import { refundFromText } from './status';
import { orderDetailUrl, orderIdFromUrl } from './urls';
import { idStr, isTmallHost, trackingNo } from './values';

const INIT_DATA = /(?:__INIT_DATA__|__INITIAL_STATE__|__INITIAL_DATA__|__PRELOADED_STATE__|(?<![\w$])disputeData)\s*=\s*/;
const REFUND_TEXT = /退款成功|退款完成|退款完毕|已退款|退款中|退款处理中|售后处理中|退货中|请退货|等待卖家确认收货|等待卖家同意|等待卖家处理/;

/** Refund status text: the first short string that names a refund state. */
function refundText(texts: string[]): string | undefined {
  return texts.map((t) => t.trim()).find((t) => t.length <= 40 && REFUND_TEXT.test(t));
}

/** Page lines: the text of each block element (a heading, a tip, a history line), for the after-sale reader. */
function pageLines(doc: Document): string[] {
  const out: string[] = [];
  for (const e of doc.querySelectorAll('h1, h2, h3, p, li, td, dd, [class*="status"], [class*="tip"], [class*="time"]')) {
    const t = visibleText(e, 400);
    if (t && t.length <= 200) out.push(t);
    if (out.length >= 400) break;
  }
  return out;
}

/** `now` anchors relative times on the page ("明天 14:00-16:00", "9天23时 内"); injectable for tests. */
export function parseAfterSaleDocument(doc: Document, url: URL, now: number = Date.now()): ParseResult {
  return guarded('after_sale', 'after-sale page', () => {
    const b = new ResultBuilder('after_sale');
    const waybills: Waybill[] = [];
    const texts: string[] = [];
    let detail: DisputeDetail | undefined;
    let listRows: DisputeListRow[] | undefined;
    let scannedOrderId: string | undefined;

    for (const text of scriptTexts(doc)) {
      const literal = (text.includes('JSON.parse') ? extractJsonParseArg(text, SCRIPT_MARKERS.jsonParseVar) : undefined) ?? extractAssignedJson(text, INIT_DATA);
      const root = literal === undefined ? undefined : parseJsonText(literal);
      if (root === undefined) continue;
      const components = ultronComponents(root);
      if (components) {
        if ([...components.keys()].some((k) => /ListGrid/i.test(k))) (listRows ??= []).push(...readDisputeList(components));
        else detail ??= readDisputeDetail(components);
        continue;
      }
      for (const w of scanWaybills(root)) {
        waybills.push({ trackingNo: w.trackingNo, carrierName: w.carrierName });
        scannedOrderId ??= w.orderId;
      }
      for (const s of collectStrings(root)) texts.push(s);
    }

    if (listRows) {
      for (const row of listRows) addListRow(b, row, now, isTmallHost(url.hostname));
      if (listRows.length) return b.finish();
    }
    // The page model's order number row names the main order; the URL's bizOrderId may be a sub-order's.
    let orderId = detail?.orderId ?? orderIdFromUrl(url) ?? scannedOrderId;
    for (const p of detail?.returnParcels ?? []) waybills.push(p);

    const pairs = labelPairs(doc, SELECTORS.labelCells);
    for (const w of waybillsFromPairs(pairs)) waybills.push(w);
    orderId ??= idStr(pairs.find((p) => p.kind === 'orderId')?.value.split(/\s+/)[0]);
    const labelled = pairs.find((p) => p.kind === 'refundStatus')?.value;

    const visible = visibleText(doc.body);
    if (!waybills.length) for (const w of waybillsFromText(visible)) waybills.push(w);
    orderId ??= orderIdsFromText(visible)[0];

    const headings = [...doc.querySelectorAll('h1, h2, h3, [class*="status"]')].map((e) => visibleText(e));
    const statusText = refundText([...(labelled ? [labelled] : []), ...(detail?.stateTexts ?? []), ...texts, ...headings]);

    if (!orderId) {
      if (!riskFromPage(pageRiskText(doc), b) && (waybills.length || statusText)) {
        b.diag('partial', 'after-sale page without an order id');
      }
      return b.finish();
    }
    const typeText = pairs.find((p) => p.kind === 'afterSaleType')?.value ?? detail?.kindText;
    const pickupTime = pairs.find((p) => p.kind === 'pickupTime')?.value;
    const afterSale = afterSaleFromTexts(
      [labelled, ...(detail?.stateTexts ?? []), ...headings, ...(pickupTime ? [`预约上门取件 ${pickupTime}`] : []), ...(detail?.lines ?? []), ...pageLines(doc), ...texts],
      now,
      typeText,
    );
    const status = refundFromText(statusText) ?? orderStatusOfAfterSale(afterSale);
    if (status || waybills.length || afterSale) {
      b.addOrder({
        orderId,
        statusText,
        status,
        url: orderDetailUrl(orderId, isTmallHost(url.hostname)),
        afterSale,
      });
    }
    // An exchange's new parcel (换货运单号 / 卖家发货运单号) goes to the shopper: outbound, flagged, same order.
    const exchangeCarrier = pairs.find((p) => p.kind === 'exchangeCarrier')?.value.split(/\s+/)[0];
    const exchangeNos = new Set(pairs.filter((x) => x.kind === 'exchangeTrackingNo').map((p) => trackingNo(p.value.split(/\s+/)[0])).filter((n): n is string => !!n));
    for (const no of exchangeNos) b.addParcel({ trackingNo: no, carrierName: exchangeCarrier, direction: 'outbound', exchange: true, orderIds: [orderId] });
    for (const w of waybills) {
      if (!exchangeNos.has(w.trackingNo)) b.addParcel({ trackingNo: w.trackingNo, carrierName: w.carrierName, direction: 'return', orderIds: [orderId] });
    }
    // The order's own parcel, shown on the refund page for reference: outbound, as on the order page.
    for (const p of detail?.forwardParcels ?? []) b.addParcel({ ...p, direction: 'outbound', orderIds: [orderId] });
    if (!status && !waybills.length && !afterSale) riskFromPage(pageRiskText(doc), b);
    return b.finish();
  });
}

/** One row of the shopper's refund list: the order's after-sale state and type as the row shows them. */
function addListRow(b: ResultBuilder, row: DisputeListRow, now: number, tmall: boolean) {
  const afterSale = afterSaleFromTexts([row.statusText], now, row.typeText);
  const status = refundFromText(row.statusText) ?? orderStatusOfAfterSale(afterSale);
  if (!afterSale && !status) return;
  b.addOrder({ orderId: row.orderId, statusText: row.statusText, status, url: orderDetailUrl(row.orderId, tmall), afterSale });
}
