// After-sale / refund pages (refund2.taobao.com/dispute/…, refund2.tmall.com/…). No public sample of
// these pages exists, so this reads what any version is likely to show: embedded JSON (key scan),
// label/value rows ("退货物流公司：", "运单号：", "退款状态：") and finally the visible text.
// Waybills here are the shopper's return parcels: direction 'return', linked to the order.
import type { ParseResult } from '../types';
import { extractAssignedJson, extractJsonParseArg } from '../shared/js-string-literal';
import { parseJsonText } from '../shared/json-text';
import { afterSaleFromTexts, orderStatusOfAfterSale } from '../shared/after-sale-text';
import { riskFromPage } from './common';
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

const INIT_DATA = /(?:__INIT_DATA__|__INITIAL_STATE__|__INITIAL_DATA__|__PRELOADED_STATE__)\s*=\s*/;
const REFUND_TEXT = /退款成功|退款完成|已退款|退款中|退款处理中|售后处理中|退货中|请退货|等待卖家确认收货|等待卖家同意|等待卖家处理/;

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
    let orderId = orderIdFromUrl(url);

    for (const text of scriptTexts(doc)) {
      const literal = text.includes('JSON.parse')
        ? extractJsonParseArg(text, SCRIPT_MARKERS.jsonParseVar)
        : extractAssignedJson(text, INIT_DATA);
      const root = literal === undefined ? undefined : parseJsonText(literal);
      if (root === undefined) continue;
      for (const w of scanWaybills(root)) {
        waybills.push({ trackingNo: w.trackingNo, carrierName: w.carrierName });
        orderId ??= w.orderId;
      }
      for (const s of collectStrings(root)) texts.push(s);
    }

    const pairs = labelPairs(doc, SELECTORS.labelCells);
    for (const w of waybillsFromPairs(pairs)) waybills.push(w);
    orderId ??= idStr(pairs.find((p) => p.kind === 'orderId')?.value.split(/\s+/)[0]);
    const labelled = pairs.find((p) => p.kind === 'refundStatus')?.value;

    const visible = visibleText(doc.body);
    if (!waybills.length) for (const w of waybillsFromText(visible)) waybills.push(w);
    orderId ??= orderIdsFromText(visible)[0];

    const headings = [...doc.querySelectorAll('h1, h2, h3, [class*="status"]')].map((e) => visibleText(e));
    const statusText = refundText([...(labelled ? [labelled] : []), ...texts, ...headings]);

    if (!orderId) {
      if (!riskFromPage(pageRiskText(doc), b) && (waybills.length || statusText)) {
        b.diag('partial', 'after-sale page without an order id');
      }
      return b.finish();
    }
    const typeText = pairs.find((p) => p.kind === 'afterSaleType')?.value;
    const pickupTime = pairs.find((p) => p.kind === 'pickupTime')?.value;
    const afterSale = afterSaleFromTexts([labelled, ...headings, ...(pickupTime ? [`预约上门取件 ${pickupTime}`] : []), ...pageLines(doc), ...texts], now, typeText);
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
    if (!status && !waybills.length && !afterSale) riskFromPage(pageRiskText(doc), b);
    return b.finish();
  });
}
