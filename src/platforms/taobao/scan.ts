// Bounded recursive scans over captured JSON, for shapes only partly known (mtop components whose exact
// fields vary, after-sale data). Candidate keys + recursion, as the reference recommends for such payloads.
import { firstStr, hostOf, idStr, isRec, isTmallHost, str, trackingNo, type Rec } from './values';

const MAX_NODES = 20_000;

/** Visit every object under `root` (depth-first, bounded); `path` holds the keys leading to it (one array,
 * changed as the walk goes on: read it during the visit, do not keep it). */
export function walk(root: unknown, visit: (o: Rec, path: string[]) => void, maxDepth = 10): void {
  let budget = MAX_NODES;
  const path: string[] = [];
  const go = (v: unknown) => {
    if (budget-- <= 0 || path.length > maxDepth) return;
    if (Array.isArray(v)) {
      for (const x of v) go(x);
    } else if (isRec(v)) {
      visit(v, path);
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        const x = v[k];
        if (typeof x !== 'object' || x === null) continue;
        path.push(k);
        go(x);
        path.pop();
      }
    }
  };
  go(root);
}

const DEFAULT_SKIP_KEYS = /^(title|itemTitle|skuText|sku|pic|picUrl|img|image|itemUrl|url|auctionUrl|snapUrl|shopName|sellerNick|nick|address)$/i;

/** String values under `root`, skipping keys that hold shopper-written or product text. */
export function collectStrings(root: unknown, skipKeys: RegExp = DEFAULT_SKIP_KEYS): string[] {
  const out: string[] = [];
  walk(root, (o) => {
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      const v = o[k];
      if (typeof v === 'string' && v && !skipKeys.test(k)) out.push(v);
    }
  }, 6);
  return out;
}

/** An operation / button that opens logistics ("查看物流", id viewLogistic, transit_step.do link). */
export function hasLogisticsOperation(root: unknown): boolean {
  let found = false;
  walk(root, (o) => {
    if (found) return;
    const id = firstStr(o.id, o.code, o.key, o.action, o.type) ?? '';
    if (/viewLogistic|logisticsDetail|view_logistics/i.test(id)) found = true;
    else if (str(o.text) === '查看物流' || str(o.title) === '查看物流') found = true;
    else if (/transit_step\.do/.test(firstStr(o.dataUrl, o.url) ?? '')) found = true;
  }, 6);
  return found;
}

/** Tmall signs: b2C / isTmall flags, links on tmall.com, a 天猫 tag. */
export function tmallHint(root: unknown): boolean {
  let found = false;
  walk(root, (o) => {
    if (found) return;
    for (const [k, v] of Object.entries(o)) {
      if ((/^(b2C|b2c|isTmall|tmall|isB2c)$/.test(k) && v === true) ||
          (typeof v === 'string' && /url|link|href/i.test(k) && isTmallHost(hostOf(v) ?? '')) ||
          (typeof v === 'string' && /tag|icon|type|label|logo|brand|platform/i.test(k) && /天猫|tmall/i.test(v))) {
        found = true;
        return;
      }
    }
  }, 4);
  return found;
}

const TRACKING_KEYS = [
  'mailNo', 'mail_no', 'logisticsNo', 'logisticsNum', 'logistics_no', 'expressNo', 'express_no', 'expressId',
  'invoiceNo', 'waybillNo', 'waybill_no', 'trackingNo', 'trackingNumber', 'tracking_no', 'outSid', 'sid',
];
const CARRIER_KEYS = [
  'companyName', 'logisticsName', 'logisticsCompanyName', 'logisticsCompany', 'expressName', 'expressCompanyName',
  'cpName', 'company', 'logistics_company_name', 'express_company_name', 'company_name', 'cpCompanyName',
];
const ORDER_KEYS = ['bizOrderId', 'orderId', 'mainOrderId', 'tradeId', 'biz_order_id', 'order_id'];

export interface ScannedWaybill {
  trackingNo: string;
  carrierName?: string;
  orderId?: string;
  /** Found under a key naming a return ("return…", "refund…", "退货"). */
  returnHint: boolean;
}

/** Objects carrying a tracking-number key, with the carrier / order id found next to them. */
export function scanWaybills(root: unknown): ScannedWaybill[] {
  const out: ScannedWaybill[] = [];
  const seen = new Set<string>();
  walk(root, (o, path) => {
    let no: string | undefined;
    for (const k of TRACKING_KEYS) if ((no = trackingNo(o[k]))) break;
    if (!no || seen.has(no)) return;
    seen.add(no);
    let carrierName: string | undefined;
    for (const k of CARRIER_KEYS) {
      const v = o[k];
      if ((carrierName = str(v) ?? (isRec(v) ? str(v.name) : undefined))) break;
    }
    let orderId: string | undefined;
    for (const k of ORDER_KEYS) if ((orderId = idStr(o[k]))) break;
    const returnHint = path.some((k) => /return|refund|reverse|退货/i.test(k)) || /退货/.test(firstStr(o.title, o.label, o.type) ?? '');
    out.push({ trackingNo: no, carrierName, orderId, returnHint });
  });
  return out;
}
