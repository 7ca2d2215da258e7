// After-sale / refund pages (refund2.taobao.com/dispute/…, refund2.tmall.com/…). No public sample of
// these pages exists, so this reads what any version is likely to show: embedded JSON (key scan),
// label/value rows ("退货物流公司：", "运单号：", "退款状态：") and finally the visible text.
// Waybills here are the shopper's return parcels: direction 'return', linked to the order.
import type { ParseResult } from '../types';
import { extractAssignedJson, extractJsonParseArg } from '../shared/js-string-literal';
import { parseJsonText } from '../shared/json-text';
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
import { idStr, isTmallHost } from './values';

const INIT_DATA = /(?:__INIT_DATA__|__INITIAL_STATE__|__INITIAL_DATA__|__PRELOADED_STATE__)\s*=\s*/;
const REFUND_TEXT = /退款成功|退款完成|已退款|退款中|退款处理中|售后处理中|退货中|请退货|等待卖家确认收货|等待卖家同意|等待卖家处理/;

/** Refund status text: the first short string that names a refund state. */
function refundText(texts: string[]): string | undefined {
  return texts.map((t) => t.trim()).find((t) => t.length <= 40 && REFUND_TEXT.test(t));
}

export function parseAfterSaleDocument(doc: Document, url: URL): ParseResult {
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
    const status = refundFromText(statusText);
    if (status || waybills.length) {
      b.addOrder({
        orderId,
        statusText,
        status,
        url: orderDetailUrl(orderId, isTmallHost(url.hostname)),
      });
    }
    for (const w of waybills) {
      b.addParcel({ trackingNo: w.trackingNo, carrierName: w.carrierName, direction: 'return', orderIds: [orderId] });
    }
    if (!status && !waybills.length) riskFromPage(pageRiskText(doc), b);
    return b.finish();
  });
}
