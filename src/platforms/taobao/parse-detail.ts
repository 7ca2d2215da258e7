// Order detail pages: Taobao trade_order_detail (`var data = JSON.parse('…')`, one parcel in deliveryInfo
// or several in packageInfos), Tmall orderDetail (`var detailData = {…}`), archived tradearchive HTML
// tables, and a label/text fallback. Also the mtop order.query.detail answer (shape unknown: key scan).
import type { ItemObservation, ParcelObservation } from '../../core/model';
import type { ParseResult } from '../types';
import { extractAssignedJson, extractJsonParseArg } from '../shared/js-string-literal';
import { parseJsonText } from '../shared/json-text';
import { mtopGate, riskFromPage } from './common';
import { labelPairs, orderIdsFromText, pageRiskText, scriptTexts, visibleText, waybillsFromPairs, waybillsFromText } from './dom';
import { skuText, titleOf } from './items';
import { promiseFrom } from './promise';
import { serviceFrom } from '../../core/after-sale-read';
import { guarded, ResultBuilder } from './result';
import { collectStrings, scanWaybills } from './scan';
import { SCRIPT_MARKERS, SELECTORS } from './selectors';
import { cleanStatusText, refundOf, resolveStatus } from './status';
import { orderDetailUrl, orderIdFromUrl } from './urls';
import {
  cdnImage,
  firstStr,
  get,
  idStr,
  intOf,
  isRec,
  isTmallHost,
  parseChinaTime,
  yuanToFen,
  platformUrl,
  queryParam,
  rec,
  recs,
  str,
  stripTags,
  trackingNo,
  type Rec,
} from './values';

const normName = (s: unknown) => (typeof s === 'string' ? s.replace(/[\s:：]/g, '') : '');

// ---- Taobao trade_order_detail -------------------------------------------------------------------

/** mainOrder.orderInfo.lines[].content[] {type:'namevalue', value:{name:'创建时间:', value}} → name → text. */
function infoLines(orderInfo: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of recs(get(orderInfo, 'lines'))) {
    for (const c of recs(line.content)) {
      const v = rec(c.value);
      const name = normName(v?.name);
      if (!name) continue;
      const value = str(v?.value) ?? recs(v?.value).map((x) => str(x.value)).find(Boolean);
      if (value) out.set(name, value);
    }
  }
  return out;
}

/** orderBar.nodes[] {text:'卖家发货', date} → first date whose text matches. */
function barDate(root: Rec, re: RegExp): number | undefined {
  for (const n of recs(get(root, 'orderBar', 'nodes'))) {
    if (re.test(str(n.text) ?? '')) return parseChinaTime(n.date);
  }
  return undefined;
}

function taobaoDetailItem(s: Rec): ItemObservation | undefined {
  const info = rec(s.itemInfo) ?? {};
  const title = titleOf(info.title);
  if (!title) return undefined;
  return {
    title,
    itemId: idStr(info.id) ?? idStr(info.itemId) ?? idStr(queryParam(info.itemUrl, 'id')),
    sku: skuText(info.skuText),
    quantity: intOf(s.quantity) ?? intOf(get(s, 'quantity', 'count')),
    price: yuanToFen(s.priceInfo) ?? yuanToFen(get(s, 'priceInfo', 'realTotal')),
    imageUrl: cdnImage(info.pic),
  };
}

export function readTaobaoDetail(root: unknown, url: URL, b: ResultBuilder): boolean {
  if (!isRec(root) || (!isRec(root.mainOrder) && !isRec(root.deliveryInfo))) return false;
  const main = rec(root.mainOrder) ?? {};
  const info = infoLines(main.orderInfo);
  const orderId = idStr(main.id) ?? idStr(info.get('订单编号')) ?? orderIdFromUrl(url);
  if (!orderId) {
    b.diag('partial', 'detail page: order data without an order id', root);
    return true;
  }
  const subs = recs(main.subOrders);
  const statusText = cleanStatusText(str(get(main, 'statusInfo', 'text')));
  const status = resolveStatus(
    str(main.tradeStatus),
    statusText,
    subs.map((s) => refundOf(collectStrings(s.tradeStatus))),
  );
  const createdAt = parseChinaTime(info.get('创建时间') ?? info.get('成交时间')) ?? barDate(root, /拍下/);
  const paidAt = parseChinaTime(info.get('付款时间')) ?? barDate(root, /付款/);
  const seller = rec(main.seller);
  const tmall = get(root, 'detailExtra', 'b2c') === true || isTmallHost(url.hostname);
  const items = subs.map(taobaoDetailItem).filter((i): i is ItemObservation => !!i);
  const delivery = rec(root.deliveryInfo);
  b.addOrder({
    orderId,
    shopName: str(seller?.shopName),
    shopId: idStr(seller?.id),
    items: items.length ? items : undefined,
    amount: yuanToFen(get(main, 'payInfo', 'actualFee', 'value')) ?? yuanToFen(get(main, 'payInfo', 'actualFee')),
    createdAt,
    paidAt,
    statusText,
    status,
    url: orderDetailUrl(orderId, tmall),
    tmall: tmall || undefined,
    promise: promiseFrom(
      [...subs.flatMap((s) => recs(get(s, 'itemInfo', 'extra')).map((e) => str(e.value))), str(delivery?.arriveTime)],
      { createdAt, paidAt, status },
    ),
    // Tmall / Taobao delivery services (送货上门 …) sit beside the promises: item extras and the delivery block.
    service: serviceFrom([
      ...subs.flatMap((s) => recs(get(s, 'itemInfo', 'extra')).map((e) => str(e.value))),
      ...collectStrings(delivery ?? {}),
    ]),
  });

  // Split shipment: packageInfos.list[] (deliveryInfo.showLogistics is then false).
  const packages = [
    ...recs(get(root, 'packageInfos', 'list')),
    ...recs(root.packageInfos),
    ...recs(get(delivery, 'packageInfos', 'list')),
  ];
  const shippedAt = barDate(root, /发货/);
  for (const p of packages) {
    const no = trackingNo(p.invoiceNo) ?? trackingNo(p.mailNo) ?? trackingNo(p.logisticsNum);
    if (!no) continue;
    b.addParcel({
      trackingNo: no,
      carrierName: firstStr(p.companyName, p.logisticsName, p.cpName),
      orderIds: [orderId],
      shippedAt: parseChinaTime(p.consignTime) ?? shippedAt,
    });
  }
  const single = trackingNo(delivery?.logisticsNum);
  if (single && (delivery?.showLogistics !== false || !packages.length)) {
    b.addParcel({ trackingNo: single, carrierName: str(delivery?.logisticsName), orderIds: [orderId], shippedAt });
  }
  return true;
}

// ---- Tmall orderDetail ---------------------------------------------------------------------------

/** basic.lists[] {key, content[]} plus the "更多" moreList entries → key → first text. */
function tmallBasic(root: Rec): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  const add = (entry: Rec) => {
    const key = normName(entry.key);
    if (key && !out.has(key)) out.set(key, recs(entry.content));
  };
  for (const entry of recs(get(root, 'basic', 'lists'))) {
    add(entry);
    for (const c of recs(entry.content)) for (const more of recs(c.moreList)) add(more);
  }
  return out;
}

const firstText = (content: Rec[] | undefined) => content?.map((c) => str(c.text)).find(Boolean);

function tmallAmount(root: Rec): number | undefined {
  let amount: number | undefined;
  const visit = (v: unknown, depth: number) => {
    if (amount !== undefined || depth > 6) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isRec(v)) {
      const data = rec(v.data);
      if (data && /实付款/.test(str(get(data, 'titleLink', 'text')) ?? '')) {
        amount = yuanToFen(get(data, 'money', 'text'));
        return;
      }
      visit(v.content, depth + 1);
    }
  };
  visit(get(root, 'amount', 'count'), 0);
  return amount;
}

function tmallItem(s: Rec): ItemObservation | undefined {
  const info = rec(s.itemInfo) ?? {};
  const title = titleOf(info.title);
  if (!title) return undefined;
  return {
    title,
    itemId: idStr(queryParam(info.auctionUrl, 'id')) ?? idStr(info.itemId),
    sku: skuText(info.skuText),
    quantity: intOf(s.quantity),
    price: yuanToFen(firstStr(...recs(s.priceInfo).map((p) => p.text))) ?? yuanToFen(s.priceInfo),
    imageUrl: cdnImage(info.pic),
  };
}

export function readTmallDetail(root: unknown, url: URL, b: ResultBuilder): boolean {
  if (!isRec(root) || (!isRec(root.orders) && !isRec(root.basic) && !isRec(root.overStatus))) return false;
  const basic = tmallBasic(root);
  // orders.id is a JSON number past 2^53 (already rounded): take the id from text or the URL instead.
  const orderId = idStr(firstText(basic.get('订单编号'))) ?? orderIdFromUrl(url) ?? idStr(get(root, 'orders', 'id'));
  if (!orderId) {
    b.diag('partial', 'Tmall detail: order data without an order id', root);
    return true;
  }
  const groups = recs(get(root, 'orders', 'list'));
  const statusGroups = groups.flatMap((g) => recs(g.status));
  const groupTexts = statusGroups.map((s) => recs(s.statusInfo).map((i) => str(i.text)).filter(Boolean) as string[]);
  const overStatus = stripTags(recs(get(root, 'overStatus', 'status', 'content')).map((c) => str(c.text)).join(' '));
  const statusText = groupTexts.flat()[0] ?? cleanStatusText(overStatus);
  const status = resolveStatus(
    str(root.tradeStatus),
    statusText ?? overStatus,
    groupTexts.map((texts) => refundOf(texts)),
  );
  const createdAt = parseChinaTime(firstText(basic.get('成交时间')) ?? firstText(basic.get('创建时间')));
  const paidAt = parseChinaTime(firstText(basic.get('付款时间')));
  const stepShipped = recs(get(root, 'stepbar', 'options')).find((o) => /发货/.test(str(o.content) ?? ''));
  const shippedAt = parseChinaTime(firstText(basic.get('发货时间'))) ?? parseChinaTime(stepShipped?.time);
  const shopHtml = basic.get('商家')?.map((c) => str(c.text)).find(Boolean);
  const shopName = shopHtml
    ? (/data-nick=['"]([^'"]+)['"]/.exec(shopHtml)?.[1] ?? (/[<>]/.test(shopHtml) ? undefined : shopHtml))
    : undefined;
  const subs = statusGroups.flatMap((s) => recs(s.subOrders));
  const items = subs.map(tmallItem).filter((i): i is ItemObservation => !!i);
  const prompts = recs(get(root, 'overStatus', 'prompt')).flatMap((p) => recs(p.content));
  b.addOrder({
    orderId,
    shopName,
    items: items.length ? items : undefined,
    amount: tmallAmount(root),
    createdAt,
    paidAt,
    statusText,
    status,
    url: orderDetailUrl(orderId, true),
    tmall: true,
    promise: promiseFrom(
      [
        ...prompts.filter((c) => c.type !== 'logistic').map((c) => str(c.text)),
        ...subs.flatMap((s) => recs(get(s, 'itemInfo', 'extra')).map((e) => str(e.value))),
      ],
      { createdAt, paidAt, status },
    ),
    service: serviceFrom([
      ...prompts.filter((c) => c.type !== 'logistic').map((c) => str(c.text)),
      ...subs.flatMap((s) => [...recs(get(s, 'itemInfo', 'extra')).map((e) => str(e.value)), ...collectStrings(s.serviceIcons ?? [])]),
    ]),
  });
  const waybills = [...groups.flatMap((g) => recs(get(g, 'logistic', 'content'))), ...prompts.filter((c) => c.type === 'logistic')];
  for (const w of waybills) {
    const no = trackingNo(w.mailNo);
    if (no) b.addParcel({ trackingNo: no, carrierName: str(w.companyName), orderIds: [orderId], shippedAt });
  }
  return true;
}

// ---- archived orders, fallbacks, entry points ------------------------------------------------------

function addWaybills(orderId: string, list: { carrierName?: string; trackingNo: string }[], b: ResultBuilder) {
  for (const w of list) {
    const p: ParcelObservation = { trackingNo: w.trackingNo, orderIds: [orderId] };
    if (w.carrierName) p.carrierName = w.carrierName;
    b.addParcel(p);
  }
}

/** tradearchive.taobao.com: <td class="label">物流公司：</td><td>…</td> … 运单号： … */
function readArchive(doc: Document, url: URL, b: ResultBuilder): boolean {
  const pairs = labelPairs(doc, SELECTORS.detail.labelCells);
  if (!pairs.length) return false;
  const orderId = idStr(pairs.find((p) => p.kind === 'orderId')?.value.split(/\s+/)[0]) ?? orderIdFromUrl(url);
  const waybills = waybillsFromPairs(pairs);
  if (!orderId || (!waybills.length && !pairs.some((p) => p.kind === 'orderId'))) return false;
  b.addOrder({ orderId, url: platformUrl(url.href) ?? orderDetailUrl(orderId) });
  addWaybills(orderId, waybills, b);
  return true;
}

function textFallback(doc: Document, url: URL, b: ResultBuilder): boolean {
  const text = visibleText(doc.body);
  const orderId = orderIdFromUrl(url) ?? orderIdsFromText(text)[0];
  const waybills = waybillsFromText(text);
  if (!orderId || !waybills.length) {
    if (!riskFromPage(pageRiskText(doc), b)) b.diag('unrecognized', 'detail page: no order data found');
    return false;
  }
  b.addOrder({ orderId, url: orderDetailUrl(orderId, isTmallHost(url.hostname)) });
  addWaybills(orderId, waybills, b);
  b.diag('partial', 'detail page read from visible text only');
  return true;
}

export function parseDetailDocument(doc: Document, url: URL): ParseResult {
  return guarded('detail', 'order detail page', () => {
    const b = new ResultBuilder('detail');
    for (const text of scriptTexts(doc)) {
      if (text.includes('JSON.parse')) {
        const arg = extractJsonParseArg(text, SCRIPT_MARKERS.jsonParseVar);
        const root = arg === undefined ? undefined : parseJsonText(arg);
        if (root !== undefined) {
          if (readTaobaoDetail(root, url, b)) return b.finish();
          b.diag('unrecognized', 'detail page: embedded data of unknown shape', root);
        }
      }
      if (text.includes(SCRIPT_MARKERS.tmallDetailVar)) {
        const literal = extractAssignedJson(text, SCRIPT_MARKERS.tmallDetailVar);
        const root = literal === undefined ? undefined : parseJsonText(literal);
        if (root !== undefined) {
          if (readTmallDetail(root, url, b)) return b.finish();
          b.diag('unrecognized', 'Tmall detail: detailData of unknown shape', root);
        } else if (literal !== undefined) {
          b.diag('unrecognized', 'Tmall detail: detailData is not JSON');
        }
      }
    }
    if (readArchive(doc, url, b)) return b.finish();
    textFallback(doc, url, b);
    return b.finish();
  });
}

/** mtop.taobao.order.query.detail(V2): no public sample, so tracking numbers are found by key scan. */
export function parseDetailPayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult {
  return guarded('detail', 'order detail response', () => {
    const b = new ResultBuilder('detail');
    const json = parseJsonText(body);
    if (json === undefined) {
      if (!riskFromPage(body, b)) b.diag('unrecognized', 'order detail response is not JSON');
      return b.finish();
    }
    if (!mtopGate(json, b, 'order.query.detail')) return b.finish();
    const data = get(json, 'data') ?? json;
    if (readTaobaoDetail(data, pageUrl, b)) return b.finish();
    const waybills = scanWaybills(data);
    const fallbackId = orderIdFromUrl(responseUrl) ?? orderIdFromUrl(pageUrl);
    for (const w of waybills) {
      const orderId = w.orderId ?? fallbackId;
      if (orderId) b.addOrder({ orderId, url: orderDetailUrl(orderId) });
      b.addParcel({
        trackingNo: w.trackingNo,
        carrierName: w.carrierName,
        orderIds: orderId ? [orderId] : [],
        direction: w.returnHint ? 'return' : undefined,
      });
    }
    if (!waybills.length) b.diag('unrecognized', 'order.query.detail: no tracking number found', data);
    return b.finish();
  });
}
