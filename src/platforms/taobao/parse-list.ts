// 已买到的宝贝 (order list): the legacy page's embedded `var data = JSON.parse('…')`, its asyncBought.htm
// pages, and the current page's mtop queryboughtlistV2 answers in their three known shapes.
// The list rarely carries tracking numbers; orders with logistics but without one get a transit_step.do
// follow-up (open orders first, then finished ones).
import type { ItemObservation, OrderObservation } from '../../core/model';
import type { FollowUpPriority, ParseResult } from '../types';
import { extractJsonParseArg } from '../shared/js-string-literal';
import { parseJsonText } from '../shared/json-text';
import { mtopGate, riskFromPage } from './common';
import { orderIdsFromText, pageRiskText, scriptTexts, visibleText } from './dom';
import { promiseFrom } from './promise';
import { serviceFrom } from '../../core/after-sale-read';
import { skuText, titleOf } from './items';
import { guarded, ResultBuilder } from './result';
import { collectStrings, hasLogisticsOperation, pushStringsWhere, tmallHint } from './scan';
import { SCRIPT_MARKERS, SELECTORS } from './selectors';
import { refundOf, resolveStatus } from './status';
import { orderDetailUrl } from './urls';
import {
  cdnImage,
  firstStr,
  get,
  hostOf,
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
  trackingNo,
  type Rec,
} from './values';
import { ownKey } from '../shared/own-key';

function legacyItem(s: Rec): ItemObservation | undefined {
  const info = rec(s.itemInfo) ?? {};
  const title = titleOf(info.title);
  if (!title) return undefined;
  return {
    title,
    itemId: idStr(info.id) ?? idStr(info.itemId),
    sku: skuText(info.skuText),
    quantity: intOf(get(s, 'quantity', 'count')) ?? intOf(s.quantity),
    price: yuanToFen(get(s, 'priceInfo', 'realTotal')) ?? yuanToFen(s.priceInfo),
    imageUrl: cdnImage(info.pic),
  };
}

/** Refund state of one sub-order from its operation / status texts ("退款成功", "退款中"). */
function subOrderRefund(s: Rec): 'refunding' | 'refunded' | undefined {
  return refundOf([
    ...recs(s.operations).map((op) => str(op.text)),
    ...collectStrings(s.tradeStatus),
    str(get(s, 'statusInfo', 'text')),
    str(s.refundStatus),
  ]);
}

const promiseTexts = (subs: Rec[]) =>
  subs.flatMap((s) => recs(get(s, 'itemInfo', 'extra')).map((e) => str(e.value)));

/**
 * Whether to ask transit_step.do for an order the list shows without a waybill: every shipped order, and any
 * other that offers logistics (查看物流) and is not closed or refunded — finished ones (交易成功) too, whose
 * parcel would otherwise never reach the history. Finished orders are asked after the open ones.
 */
function transitStepFor(status: OrderObservation['status'], hasLogistics: () => boolean): FollowUpPriority | undefined {
  if (status === 'shipped') return 'open';
  // Whether an operation opens logistics is looked up only for the orders it decides.
  if (status === 'cancelled' || status === 'refunded' || !hasLogistics()) return undefined;
  return status === 'completed' ? 'finished' : 'open';
}

/** Whether any of an order's components offers logistics; the operations component comes last, so from the end. */
function componentsOfferLogistics(all: Rec[]): boolean {
  for (let i = all.length - 1; i >= 0; i--) if (hasLogisticsOperation(all[i])) return true;
  return false;
}

// ---- legacy mainOrders (embedded page data, asyncBought.htm, mtop data.result) -----------------------

function legacyOrder(o: Rec, b: ResultBuilder): boolean {
  const info = rec(o.orderInfo);
  const orderId = idStr(o.id) ?? idStr(info?.id);
  if (!orderId) return false;
  const statusInfo = rec(o.statusInfo);
  const ops = [...recs(statusInfo?.operations), ...recs(o.operations)];
  const subs = recs(o.subOrders);
  const seller = rec(o.seller);
  const statusText = str(statusInfo?.text);
  const status = resolveStatus(str(get(o, 'extra', 'tradeStatus')), statusText, subs.map(subOrderRefund));
  const detailLink = platformUrl(ops.find((op) => op.id === 'viewDetail')?.url) ?? platformUrl(statusInfo?.url);
  const tmall =
    info?.b2C === true ||
    [detailLink, seller?.shopUrl, ...ops.map((op) => op.url)].some((u) => isTmallHost(hostOf(u) ?? ''));
  const createdAt = parseChinaTime(info?.createTime);
  const items = subs.map(legacyItem).filter((i): i is ItemObservation => !!i);
  b.addOrder({
    orderId,
    shopName: str(seller?.shopName),
    shopId: idStr(seller?.id),
    items: items.length ? items : undefined,
    amount: yuanToFen(get(o, 'payInfo', 'actualFee')),
    createdAt,
    statusText,
    status,
    url: detailLink ?? orderDetailUrl(orderId, tmall),
    tmall: tmall || undefined,
    promise: promiseFrom(promiseTexts(subs), { createdAt, status }),
    service: serviceFrom(promiseTexts(subs)),
  });
  const hasLogistics = ops.some(
    (op) => op.id === 'viewLogistic' || /transit_step\.do/.test(str(op.dataUrl) ?? ''),
  );
  const ask = transitStepFor(status, () => hasLogistics);
  if (ask) b.followUp(orderId, ask);
  return true;
}

/** A `{mainOrders:[…]}` root. Returns false when the root is not that shape. */
export function readLegacyList(root: unknown, b: ResultBuilder): boolean {
  if (!isRec(root) || !Array.isArray(root.mainOrders)) return false;
  let skipped = 0;
  let firstBad: unknown;
  for (const o of root.mainOrders) {
    if (isRec(o) && legacyOrder(o, b)) continue;
    skipped++;
    firstBad ??= o;
  }
  if (skipped) b.diag('partial', `${skipped} order(s) without a usable order id were skipped`, firstBad);
  return true;
}

// ---- mtop queryboughtlistV2 ------------------------------------------------------------------------

const COMPONENT_KEY = /^([A-Za-z][A-Za-z0-9]*)_(\d{4,25})(?:_(.+))?$/;

const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters `.` does not match. */
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Where a component key's parts end, as componentKeyEnds finds them: the tag is key[0, tag), the id
 * key[tag + 1, id). */
interface KeyEnds {
  tag: number;
  id: number;
}

/**
 * Whether `key` is a component key as COMPONENT_KEY reads it (`orderItemInfo_<id>_<subId>`), with its parts' ends
 * written to `ends`: a walk over the key's characters instead of a regex with groups, for every key of the answer.
 */
function componentKeyEnds(key: string, ends: KeyEnds): boolean {
  const n = key.length;
  if (!n || !isAlpha(key.charCodeAt(0))) return false;
  let i = 1;
  while (i < n && (isAlpha(key.charCodeAt(i)) || isDigit(key.charCodeAt(i)))) i++;
  if (i >= n || key.charCodeAt(i) !== 95) return false; // _
  const tag = i;
  const idStart = ++i;
  while (i < n && isDigit(key.charCodeAt(i))) i++;
  const digits = i - idStart;
  if (digits < 4 || digits > 25) return false;
  if (i < n) {
    // `_(.+)$`: an underscore, then at least one character, none a line break.
    if (key.charCodeAt(i) !== 95 || i + 1 >= n) return false;
    for (let j = i + 1; j < n; j++) if (isLineBreak(key.charCodeAt(j))) return false;
  }
  ends.tag = tag;
  ends.id = i;
  return true;
}

/** [tag, id] of a component key as COMPONENT_KEY reads it (`orderItemInfo_<id>_<subId>` → orderItemInfo, id), else
 * undefined. */
export function componentKey(key: string): [string, string] | undefined {
  const ends: KeyEnds = { tag: 0, id: 0 };
  return componentKeyEnds(key, ends) ? [key.slice(0, ends.tag), key.slice(ends.tag + 1, ends.id)] : undefined;
}

/** A text can name a refund (退款…, 售后…, 等待卖家…), a ship-by (…发货) or delivery promise (…达) or a door service
 * (…上门, …到家, …达) only if it holds one of these: refundOf, promiseFrom and serviceFrom skip the others, so the
 * list hands them only these. */
const REFUND_OR_PROMISE_CHAR_RE = /[退售等发达门家]/;
const mayNameRefundOrPromise = (t: string) => REFUND_OR_PROMISE_CHAR_RE.test(t);

interface OrderComponents {
  shop?: Rec;
  status?: Rec;
  payment?: Rec;
  items: Rec[];
  all: Rec[];
}

const fieldsOf = (c: Rec | undefined): Rec => rec(c?.fields) ?? {};

function mtopItem(c: Rec): ItemObservation | undefined {
  const f = fieldsOf(c);
  const item = rec(f.item) ?? f;
  const title = titleOf(item.title);
  if (!title) return undefined;
  const price = rec(item.priceInfo);
  return {
    title,
    itemId: idStr(item.itemId) ?? idStr(item.id),
    sku: skuText(item.skuText ?? item.skuInfo),
    quantity: intOf(item.quantity) ?? intOf(get(item, 'quantity', 'count')),
    price: yuanToFen(price?.actualTotalFee) ?? yuanToFen(price?.realTotal) ?? yuanToFen(price?.price),
    imageUrl: cdnImage(item.pic ?? item.picUrl),
  };
}

function componentOrder(orderId: string, g: OrderComponents, b: ResultBuilder): void {
  const shop = fieldsOf(g.shop);
  const st = fieldsOf(g.status);
  const pay = fieldsOf(g.payment);
  const codeCandidate = firstStr(st.tradeStatus, st.orderStatus, st.status, shop.tradeStatus);
  const code = codeCandidate && /^[A-Z_]+$/.test(codeCandidate) ? codeCandidate : undefined;
  const statusText = firstStr(shop.tradeTitle, st.statusText, st.text, st.title, code ? undefined : codeCandidate);
  const itemStrings = g.items.map((c) => pushStringsWhere(fieldsOf(c), mayNameRefundOrPromise, []));
  const itemRefunds = itemStrings.map(refundOf);
  const status = resolveStatus(code, statusText, itemRefunds);
  const createdAt = parseChinaTime(shop.createTime);
  const tmall = tmallHint(shop);
  const items = g.items.map(mtopItem).filter((i): i is ItemObservation => !!i);
  const actualFee = pay.actualFee;
  const promiseStrings: string[] = [];
  for (const xs of itemStrings) for (const x of xs) promiseStrings.push(x);
  pushStringsWhere(st, mayNameRefundOrPromise, promiseStrings);
  b.addOrder({
    orderId,
    shopName: firstStr(shop.shopName, shop.sellerName),
    shopId: idStr(shop.sellerId) ?? idStr(shop.shopId),
    items: items.length ? items : undefined,
    amount: isRec(actualFee) ? yuanToFen(actualFee.value) ?? yuanToFen(actualFee.text) : yuanToFen(actualFee),
    createdAt,
    statusText,
    status,
    url: orderDetailUrl(orderId, tmall),
    tmall: tmall || undefined,
    promise: promiseFrom(promiseStrings, { createdAt, status }),
    service: serviceFrom(promiseStrings),
  });
  const mailNo = trackingNo(st.mailNo) ?? trackingNo(st.logisticsNo);
  if (mailNo) {
    b.addParcel({
      trackingNo: mailNo,
      carrierName: firstStr(st.logisticsName, st.cpName, st.companyName, st.expressName, st.logisticsCompanyName),
      orderIds: [orderId],
    });
  } else {
    const ask = transitStepFor(status, () => componentsOfferLogistics(g.all));
    if (ask) b.followUp(orderId, ask);
  }
}

// Component kinds the list reads: `Main` as spelt, the others in any case.
const OTHER = 0;
const MAIN = 1;
const SHOP = 2;
const STATUS = 3;
const PAYMENT = 4;
const ITEM = 5;
const KIND_TAGS: readonly [string, number][] = [['shopinfo', SHOP], ['orderstatus', STATUS], ['orderpayment', PAYMENT], ['orderiteminfo', ITEM]];

/** Whether key[0, end) is `lower` in any case (`lower` being lower-case ASCII letters). */
function prefixIs(key: string, end: number, lower: string): boolean {
  if (end !== lower.length) return false;
  for (let i = 0; i < end; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** The kind of the component whose tag is key[0, end), compared in place (no slice, no lower-cased copy). */
function tagKind(key: string, end: number): number {
  if (end === 4 && key.startsWith('Main')) return MAIN;
  for (const [lower, kind] of KIND_TAGS) if (prefixIs(key, end, lower)) return kind;
  return OTHER;
}

function readComponents(comps: Rec, b: ResultBuilder): boolean {
  const groups = new Map<string, OrderComponents>();
  const mains: [string, Rec][] = [];
  const ends: KeyEnds = { tag: 0, id: 0 };
  // An order's components come one after another: a key's id is compared with the last one before the map is asked.
  let lastId = '';
  let last: OrderComponents | undefined;
  for (const key in comps) {
    if (!ownKey(comps, key)) continue;
    const value = comps[key];
    if (!componentKeyEnds(key, ends) || !isRec(value)) continue;
    const kind = tagKind(key, ends.tag);
    if (kind === MAIN) {
      mains.push([key.slice(ends.tag + 1, ends.id), value]);
      continue;
    }
    let g: OrderComponents;
    if (last && ends.id - ends.tag - 1 === lastId.length && key.startsWith(lastId, ends.tag + 1)) g = last;
    else {
      const id = key.slice(ends.tag + 1, ends.id);
      let found = groups.get(id);
      if (!found) groups.set(id, (found = { items: [], all: [] }));
      g = last = found;
      lastId = id;
    }
    g.all.push(value);
    if (kind === SHOP) g.shop = value;
    else if (kind === STATUS) g.status = value;
    else if (kind === PAYMENT) g.payment = value;
    else if (kind === ITEM) g.items.push(value);
  }
  let found = false;
  for (const [id, g] of groups) {
    if (!g.shop && !g.status && !g.payment && !g.items.length) continue;
    const orderId = idStr(fieldsOf(g.shop).orderId) ?? id;
    componentOrder(orderId, g, b);
    found = true;
  }
  // Older answer: Main_<id>.fields.{orderId, orderStatus} only.
  for (const [id, c] of mains) {
    const f = fieldsOf(c);
    const orderId = idStr(f.orderId) ?? id;
    const raw = firstStr(f.orderStatus, f.tradeStatus, f.statusText);
    const code = raw && /^[A-Z_]+$/.test(raw) ? raw : undefined;
    const statusText = code ? firstStr(f.statusText) : raw;
    const status = resolveStatus(code, statusText, []);
    const createdAt = parseChinaTime(f.createTime);
    b.addOrder({
      orderId,
      shopName: firstStr(f.shopName),
      amount: yuanToFen(f.actualFee ?? f.totalPrice),
      createdAt,
      statusText,
      status,
      url: orderDetailUrl(orderId),
    });
    // No operations in this shape: only a shipped order shows that it has logistics.
    if (status === 'shipped') b.followUp(orderId, 'open');
    found = true;
  }
  if (!found && Object.keys(comps).some((k) => COMPONENT_KEY.test(k))) {
    b.diag('unrecognized', 'queryboughtlist: per-order components of unknown kinds', comps);
  }
  return found;
}

/** The mtop answer `{api, ret, data}`; data holds components, a JSON string `result`, or `mainOrders`. */
export function readMtopList(json: unknown, b: ResultBuilder): void {
  const data = rec(get(json, 'data'));
  if (!data) {
    b.diag('unrecognized', 'queryboughtlist: no data object', json);
    return;
  }
  if (readLegacyList(data, b)) return;
  const result = typeof data.result === 'string' ? parseJsonText(data.result) : data.result;
  if (result !== undefined) {
    if (!readLegacyList(result, b)) b.diag('unrecognized', 'queryboughtlist: data.result without mainOrders', result);
    return;
  }
  const comps = rec(data.data);
  if (comps) {
    readComponents(comps, b);
    return;
  }
  b.diag('unrecognized', 'queryboughtlist: unknown data shape', data);
}

// ---- entry points ----------------------------------------------------------------------------------

export function parseListPayload(body: string, kind: 'list_legacy' | 'list_mtop'): ParseResult {
  return guarded('list', 'order list', () => {
    const b = new ResultBuilder('list');
    const json = parseJsonText(body);
    if (json === undefined) {
      if (!riskFromPage(body, b)) b.diag('unrecognized', 'order list response is not JSON');
      return b.finish();
    }
    if (kind === 'list_mtop' || isRec(get(json, 'data'))) {
      if (!mtopGate(json, b, 'queryboughtlist')) return b.finish();
      if (!readLegacyList(json, b)) readMtopList(json, b);
    } else if (!readLegacyList(json, b)) {
      b.diag('unrecognized', 'asyncBought.htm: no mainOrders', json);
    }
    return b.finish();
  });
}

export function parseListDocument(doc: Document): ParseResult {
  return guarded('list', 'order list page', () => {
    const b = new ResultBuilder('list');
    for (const text of scriptTexts(doc)) {
      if (!text.includes('JSON.parse') || !text.includes('mainOrders')) continue;
      const arg = extractJsonParseArg(text, SCRIPT_MARKERS.jsonParseVar);
      const root = arg === undefined ? undefined : parseJsonText(arg);
      if (readLegacyList(root, b)) return b.finish();
      b.diag('unrecognized', 'list page: embedded data without mainOrders', root);
    }
    domFallback(doc, b);
    return b.finish();
  });
}

/** No embedded data (current ice.js page before its mtop answer, or markup only): ids and logistics links. */
function domFallback(doc: Document, b: ResultBuilder): void {
  const ids = new Set<string>();
  for (const el of doc.querySelectorAll(SELECTORS.list.orderContainers)) {
    const id = idStr(el.getAttribute('data-id'));
    if (id) ids.add(id);
  }
  const shipped = new Set<string>();
  for (const a of doc.querySelectorAll(SELECTORS.list.logisticsLinks)) {
    const link = a.getAttribute('data-url') ?? a.getAttribute('href');
    const id = idStr(queryParam(link, 'bizOrderId', 'trade_id'));
    if (id) {
      ids.add(id);
      shipped.add(id);
    }
  }
  const text = visibleText(doc.body);
  for (const id of orderIdsFromText(text)) ids.add(id);
  for (const id of ids) {
    b.addOrder({ orderId: id, url: orderDetailUrl(id) });
    if (shipped.has(id)) b.followUp(id, 'open');
  }
  if (!ids.size) riskFromPage(pageRiskText(doc), b);
}
