// Bounded recursive scans over captured JSON, for shapes only partly known (mtop components whose exact
// fields vary, after-sale data). Candidate keys + recursion, as the reference recommends for such payloads.
import { firstStr, hostOf, idStr, isRec, isTmallHost, str, trackingNo, type Rec } from './values';
import { ownKey } from '../shared/own-key';

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
        if (!ownKey(v, k)) continue;
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

// The list's scans below run for every order: they walk as walk() does (same order, depth and node budget) but as
// plain recursive functions over a budget object, without a closure per call, and stop at the first hit.
interface Budget {
  left: number;
}

/** walk()'s rule for visiting `v`, with `depth` record keys above it: the budget is spent first. */
const spend = (b: Budget, depth: number, maxDepth: number) => b.left-- > 0 && depth <= maxDepth;

/** A test of a key, remembered per key (the same few dozen keys come back in every order); bounded. */
function keyMemo(test: (k: string) => number): (k: string) => number {
  const memo = new Map<string, number>();
  return (k) => {
    let r = memo.get(k);
    if (r === undefined) {
      r = test(k);
      if (memo.size >= 2_000) memo.clear();
      memo.set(k, r);
    }
    return r;
  };
}

const isDefaultSkipKey = keyMemo((k) => (DEFAULT_SKIP_KEYS.test(k) ? 1 : 0));

/** Own string values of `o` under keys not in `skipKeys` (and passing `keep`, if given), pushed to `out`
 * (collectStrings' visit). */
function pushStrings(o: Rec, skipKeys: RegExp, keep: ((s: string) => boolean) | undefined, out: string[]): void {
  const defaultKeys = skipKeys === DEFAULT_SKIP_KEYS;
  for (const k in o) {
    if (!ownKey(o, k)) continue;
    const v = o[k];
    if (typeof v === 'string' && v && !(defaultKeys ? isDefaultSkipKey(k) === 1 : skipKeys.test(k)) && (!keep || keep(v))) out.push(v);
  }
}

function stringsUnder(v: unknown, depth: number, b: Budget, skipKeys: RegExp, keep: ((s: string) => boolean) | undefined, out: string[]): void {
  if (!spend(b, depth, 6)) return;
  if (Array.isArray(v)) {
    for (const x of v) stringsUnder(x, depth, b, skipKeys, keep, out);
    return;
  }
  if (!isRec(v)) return;
  pushStrings(v, skipKeys, keep, out);
  for (const k in v) {
    if (!ownKey(v, k)) continue;
    const x = v[k];
    if (typeof x === 'object' && x !== null) stringsUnder(x, depth + 1, b, skipKeys, keep, out);
  }
}

/** String values under `root`, skipping keys that hold shopper-written or product text. */
export function collectStrings(root: unknown, skipKeys: RegExp = DEFAULT_SKIP_KEYS): string[] {
  const out: string[] = [];
  stringsUnder(root, 0, { left: MAX_NODES }, skipKeys, undefined, out);
  return out;
}

/** collectStrings(root).filter(keep), appended to `out`: without the array of every string (the list runs this on
 * every item and status of every order). */
export function pushStringsWhere(root: unknown, keep: (s: string) => boolean, out: string[]): string[] {
  stringsUnder(root, 0, { left: MAX_NODES }, DEFAULT_SKIP_KEYS, keep, out);
  return out;
}

const LOGISTICS_ID_RE = /viewLogistic|logisticsDetail|view_logistics/i;
const TRANSIT_STEP_RE = /transit_step\.do/;

const opensLogistics = (o: Rec): boolean => {
  const id = firstStr(o.id, o.code, o.key, o.action, o.type) ?? '';
  return LOGISTICS_ID_RE.test(id) || str(o.text) === '查看物流' || str(o.title) === '查看物流' || TRANSIT_STEP_RE.test(firstStr(o.dataUrl, o.url) ?? '');
};

function someOperation(v: unknown, depth: number, b: Budget): boolean {
  if (!spend(b, depth, 6)) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (someOperation(x, depth, b)) return true;
    return false;
  }
  if (!isRec(v)) return false;
  if (opensLogistics(v)) return true;
  for (const k in v) {
    if (!ownKey(v, k)) continue;
    const x = v[k];
    if (typeof x === 'object' && x !== null && someOperation(x, depth + 1, b)) return true;
  }
  return false;
}

/** An operation / button that opens logistics ("查看物流", id viewLogistic, transit_step.do link). */
export function hasLogisticsOperation(root: unknown): boolean {
  return someOperation(root, 0, { left: MAX_NODES });
}

const TMALL_FLAG_KEY_RE = /^(b2C|b2c|isTmall|tmall|isB2c)$/;
const LINK_KEY_RE = /url|link|href/i;
const LABEL_KEY_RE = /tag|icon|type|label|logo|brand|platform/i;
const TMALL_WORD_RE = /天猫|tmall/i;

const FLAG_KEY = 1;
const LINK_KEY = 2;
const LABEL_KEY = 4;
const keyKinds = keyMemo((k) => (TMALL_FLAG_KEY_RE.test(k) ? FLAG_KEY : 0) | (LINK_KEY_RE.test(k) ? LINK_KEY : 0) | (LABEL_KEY_RE.test(k) ? LABEL_KEY : 0));

/** A URL parser lower-cases ASCII, decodes % and maps other characters (IDNA) in a host, and changes nothing else
 * that makes a letter: a text without "tmall" in any case, "%" or a non-ASCII character has no tmall.com host, and
 * its URL is not parsed (every order's shopUrl). */
const TMALL_HOST_CHANCE_RE = /tmall|%|[\u0080-\uffff]/i;
export const mayNameTmallHost = (v: string) => TMALL_HOST_CHANCE_RE.test(v);

function tmallSign(o: Rec): boolean {
  for (const k in o) {
    if (!ownKey(o, k)) continue;
    const v = o[k];
    if (v !== true && typeof v !== 'string') continue;
    const kind = keyKinds(k);
    if (v === true) {
      if (kind & FLAG_KEY) return true;
    } else {
      if (kind & LINK_KEY && mayNameTmallHost(v) && isTmallHost(hostOf(v) ?? '')) return true;
      if (kind & LABEL_KEY && TMALL_WORD_RE.test(v)) return true;
    }
  }
  return false;
}

function someTmallSign(v: unknown, depth: number, b: Budget): boolean {
  if (!spend(b, depth, 4)) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (someTmallSign(x, depth, b)) return true;
    return false;
  }
  if (!isRec(v)) return false;
  if (tmallSign(v)) return true;
  for (const k in v) {
    if (!ownKey(v, k)) continue;
    const x = v[k];
    if (typeof x === 'object' && x !== null && someTmallSign(x, depth + 1, b)) return true;
  }
  return false;
}

/** Tmall signs: b2C / isTmall flags, links on tmall.com, a 天猫 tag. */
export function tmallHint(root: unknown): boolean {
  return someTmallSign(root, 0, { left: MAX_NODES });
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
