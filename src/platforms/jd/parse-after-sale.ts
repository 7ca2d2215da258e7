// JD (京东) after-sale (返修/退换货) pages (issue #16). Pure. Sourced: the URLs only — the PC service list
// myjd.jd.com/afs/indexNew.action and one service's page myjd.jd.com/afs/view/detailById.action?afsServiceId=…
// (a public C# order tool; docs/after-sale-sources.md). Their markup and any JSON behind them are not in public
// code [G], so this reads the page's VISIBLE TEXT only: label/value rows ("服务单号：…", "订单号：…", "服务类型：退货",
// "上门取件时间：…", "寄回运单号：…") and status words, through the shared after-sale text engine.
// - A service is the largest element around one "服务单号" label that holds no other; the list has many, a detail one.
// - Each service is linked to the order by the 订单号 it shows; a service number never makes an order.
// - 维修 (repair) services are not returns: nothing is recorded for them.
// - Step lists (ol, or class …step/progress/process…) name every step, done or not: not read for the state.
// - Addresses, names and phones (取件地址, 联系人, 联系电话 …) are never read.
import type { OrderObservation, ParcelObservation } from '../../core/model';
import { afterSaleFromTexts, orderStatusOfAfterSale } from '../shared/after-sale-text';
import { guarded, ResultBuilder } from '../shared/result-builder';
import { cleanText } from '../shared/values';
import type { ParseResult } from '../types';
import { droppedDiag, parcelOf, signedOut, type Dropped } from './parse';

const MAX_SERVICES = 200;
const MAX_LINES = 400;
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'TEXTAREA', 'SELECT', 'OL']);
const SKIP_CLASS = /step|progress|process|addr|consignee|contact/i;
const SERVICE_LABEL = /服务单号/g;

const PRIVATE_ROW = /收货人|收件人|联系人|客户姓名|姓名|电话|手机|地址/;
/** Mobile (138****0000) and landline numbers standing alone, not inside a waybill (SF1423456789088). */
const PHONE_RE = /(?<![\dA-Za-z])(?:1[3-9]\d[\d*]{4}\d{4}|0\d{2,3}-\d{7,8})(?![\dA-Za-z])/;
const ORDER_ROW = /^订单(?:编)?号(?:码)?$/;
const KIND_ROW = /^(?:服务|售后|申请)类型$/;
const STATUS_ROW = /状态$|^审核(?:结果|意见)?$|^处理(?:结果|进度)$|^(?:取件|退款)(?:进度|结果)?$/;
const PICKUP_TIME_ROW = /取件时间|上门时间|预约时间/;
const RETURN_NO_ROW = /^(?:寄回|退货|返件|返回)?(?:运单号|快递单号|物流单号|运单号码)$/;
const RETURN_CARRIER_ROW = /^(?:寄回|退货|返件)?(?:快递公司|物流公司|承运商|快递)$/;
const NEW_NO_ROW = /^(?:换新|换货|新品|商家发货|京东发货|发货)(?:运单号|快递单号|物流单号)$/;
const NEW_CARRIER_ROW = /^(?:换新|换货|新品|商家发货|京东发货|发货)(?:快递公司|物流公司|承运商|快递)$/;
const LABEL_RE = /^([\u4e00-\u9fa5]{2,10})\s*[:：]\s*(.*)$/;

interface Row {
  label: string;
  value: string;
}

/** Visible text lines under an element, in document order, without step lists and private blocks. */
function linesOf(root: Element): string[] {
  const out: string[] = [];
  const walk = (el: Element) => {
    for (const n of Array.from(el.childNodes)) {
      if (out.length >= MAX_LINES) return;
      if (n.nodeType === 3) {
        const t = cleanText(n.textContent ?? '', 200);
        if (t && !PHONE_RE.test(t)) out.push(t);
      } else if (n.nodeType === 1) {
        const e = n as Element;
        if (SKIP_TAGS.has(e.tagName) || SKIP_CLASS.test(`${e.getAttribute('class') ?? ''} ${e.id}`)) continue;
        walk(e);
      }
    }
  };
  walk(root);
  return out;
}

/** "标签：值" on one line or a label line followed by its value; private labels are dropped with their value. */
function rowsOf(lines: string[]): { rows: Row[]; texts: string[] } {
  const rows: Row[] = [];
  const texts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = LABEL_RE.exec(lines[i]);
    if (!m) {
      texts.push(lines[i]);
      continue;
    }
    let value = m[2].trim();
    if (!value && i + 1 < lines.length && !LABEL_RE.test(lines[i + 1])) value = lines[++i];
    if (PRIVATE_ROW.test(m[1])) continue;
    if (value) rows.push({ label: m[1], value });
  }
  return { rows, texts };
}

/** The service blocks of a page: the largest ancestor of each "服务单号" text holding no other. */
function serviceBlocks(doc: Document): Element[] {
  const count = (el: Element) => (el.textContent ?? '').match(SERVICE_LABEL)?.length ?? 0;
  const blocks = new Set<Element>();
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4);
  for (let n = walker.nextNode(); n && blocks.size < MAX_SERVICES; n = walker.nextNode()) {
    if (!/服务单号/.test(n.textContent ?? '')) continue;
    let el = n.parentElement;
    if (!el || SKIP_TAGS.has(el.tagName)) continue;
    while (el.parentElement && count(el.parentElement) === 1) el = el.parentElement;
    blocks.add(el);
  }
  return [...blocks];
}

function readService(block: Element, b: ResultBuilder, dropped: Dropped, now: number): 'read' | 'repair' | 'no_order' | 'no_state' {
  const { rows, texts } = rowsOf(linesOf(block));
  const row = (re: RegExp) => rows.find((r) => re.test(r.label))?.value;
  const orderId = /\d{6,20}/.exec(row(ORDER_ROW) ?? '')?.[0];
  if (!orderId) return 'no_order';
  const kindText = row(KIND_ROW) ?? texts.find((t) => /^(?:退货|换货|维修|退款|仅退款)$/.test(t));
  if (kindText && /维修|返修/.test(kindText) && !/退货|换货|退款/.test(kindText)) return 'repair';
  const pickup = row(PICKUP_TIME_ROW);
  const a = afterSaleFromTexts(
    [...rows.filter((r) => STATUS_ROW.test(r.label)).map((r) => r.value), ...(pickup ? [`预约上门取件 ${pickup}`] : []), ...texts, ...rows.map((r) => `${r.label}：${r.value}`)],
    now,
    kindText,
  );
  if (!a) return 'no_state';
  const o: OrderObservation = { orderId, afterSale: a };
  const status = orderStatusOfAfterSale(a);
  if (status) o.status = status;
  b.addOrder(o);
  const parcel = (no: string | undefined, carrier: string | undefined, exchange: boolean) => {
    const p: ParcelObservation | undefined = parcelOf(no?.split(/\s+/)[0], carrier, [orderId], dropped);
    if (!p) return;
    if (exchange) p.exchange = true;
    else p.direction = 'return';
    b.addParcel(p);
  };
  parcel(row(NEW_NO_ROW), row(NEW_CARRIER_ROW), true);
  parcel(row(RETURN_NO_ROW), row(RETURN_CARRIER_ROW), false);
  return 'read';
}

/** Tag and class names of the page's blocks (no text): what a changed layout looks like, for parser health. */
const shapeOfBlocks = (doc: Document) =>
  [...new Set(Array.from(doc.querySelectorAll('table, ul, [class*="afs"], [class*="service"]')).slice(0, 40).map((e) => `${e.tagName.toLowerCase()}.${e.className}`.slice(0, 60)))];

export function parseJdAfterSaleDocument(doc: Document, url: URL, now: number = Date.now()): ParseResult {
  return guarded('jd', 'after_sale', 'after-sale page', () => {
    const out = signedOut('after_sale', url);
    if (out) return out;
    const b = new ResultBuilder('after_sale');
    const blocks = serviceBlocks(doc);
    if (!blocks.length) {
      const body = cleanText(doc.body?.textContent ?? '', 2000);
      if (!/暂无|没有.{0,8}(?:服务单|记录|申请)/.test(body)) b.diag('unrecognized', 'JD after-sale page without a 服务单号 label', shapeOfBlocks(doc));
      return b.finish();
    }
    const dropped: Dropped = { n: 0 };
    const counts = { read: 0, repair: 0, no_order: 0, no_state: 0 };
    for (const el of blocks) counts[readService(el, b, dropped, now)]++;
    if (counts.no_order) b.diag('partial', `${counts.no_order} service(s) without an order number (订单号)`);
    if (counts.no_state) b.diag('partial', `${counts.no_state} service(s) without status words`);
    droppedDiag(b, dropped);
    return b.finish();
  });
}
