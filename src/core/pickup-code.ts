// 取件码 extraction from station / locker SMS (reference carriers.md §4). One message → one result;
// pasted batches go through extractPickupMessages(), which splits them first.

import { resolveCarrierName, STATION_BRANDS, toHalfWidth } from './carriers';
import { detectCarriers } from './tracking-number';

export interface PickupExtraction {
  /** Codes in message order, upper-case, de-duplicated; [] when none or when the SMS is a verification code. */
  codes: string[];
  /** Place named in the text ("到{station}取", "已到{station}，"), else the station brand. */
  station?: string;
  /** Station / locker brand (菜鸟驿站, 丰巢 …) from the 【sender】 or the text. */
  brand?: string;
  /** Carrier id from the body ("您的百世快递包裹", "顺丰*72778包裹") or a carrier sender (【申通快递】). */
  carrierHint?: string;
  /** The 【sender】 signature as written. */
  sender?: string;
  /** Masked tracking-number tail ("顺丰*72778" → "72778"); the code may equal it (§4.2). */
  trackingTail?: string;
}

// Codes that authenticate something are never pickup codes, whatever their shape (§4.2).
const VERIFICATION = /验证码|动态码|校验码|动态密码|授权码|VERIFICATION|\bOTP\b/i;
const STRONG_KEYWORD = /取件码|取货码|提货码|取件号|取货号|提货号/;
// 凭X到…取 / 请用X到…取 / 到店输入X或扫码亮灯取件: the code comes before the place and the verb.
const VOUCHER = /(?:凭|请用|输入)[^,，。;；]{1,30}?(?:取|领)/;
const WEAK_KEYWORD = /货号|编码|编号|密码/;
const PICKUP_VERB = /取件|取货|领取|速取|来取|提货|到站|自提|取您的|取走|(?:快递|包裹|快件)(?:已)?(?:到|放)/;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const prep = (text: string) => toHalfWidth(text).replace(ZERO_WIDTH, '').toUpperCase();

/** True when the text reads like a pickup notice (and not like a verification-code SMS). */
export const looksLikePickupSms = (text: string): boolean => {
  const t = prep(text);
  if (VERIFICATION.test(t)) return false;
  if (STRONG_KEYWORD.test(t) || VOUCHER.test(t)) return true;
  const brand = STATION_BRANDS.some((b) => t.includes(b));
  return (WEAK_KEYWORD.test(t) || brand) && PICKUP_VERB.test(t);
};

// ---- code shapes (§4.2) ---------------------------------------------------------------------

const CODE = '[A-Z0-9]+(?:-[A-Z0-9]+){0,3}';
// shelf-layer-serial, incl. 5-5-9-13, Y17-123 and letter-led ones: M-2-5341, D-06003, A-12-8, JD-9321, C-1.
const DASH = /^(?:[A-Z]{1,2}\d{0,3}|\d{1,3})(?:-\d{1,5}){1,3}$/;
const LOCKER = /^\d{4}-\d{4}$/; // 递管家 / 菜鸟柜: 7652-5845
const DIGITS = /^\d{4,8}$/; // 8 = lockers
const LETTER_LED = /^[A-Z]{1,2}\d{2,6}$/; // A88123, K103, JD2044
const SHORT_ALNUM = /^(?=[A-Z]*\d)[A-Z0-9]{3,6}$/; // 货号 2F8: only after 货号/编码/编号/密码
const SHELF_NO = /^(?=[A-Z]*\d)[A-Z0-9]{2,6}$/; // 货号 85: campus stations number shelves from 1
const SERVICE_LINE = /^(?:400|800)-?\d{3}-?\d{4}$/; // dash-shaped, so reject wherever it appears
const HOTLINE = /^95\d{3,4}$/; // could be a real 5-digit code unless a phone word precedes it
const PHONE_CONTEXT = /(?:询|电话|热线|致电|拨打|联系|客服|TEL)[:\s]*$/;

const validCode = (code: string, loose: boolean | 'shelf', before: string): boolean => {
  const shaped =
    DASH.test(code) ||
    LOCKER.test(code) ||
    DIGITS.test(code) ||
    LETTER_LED.test(code) ||
    (loose !== false && SHORT_ALNUM.test(code)) ||
    (loose === 'shelf' && SHELF_NO.test(code));
  if (!shaped) return false;
  if (SERVICE_LINE.test(code) || (HOTLINE.test(code) && PHONE_CONTEXT.test(before))) return false;
  // A tracking number is not a code (a bare tail like 72778 matches no rule, so it survives).
  return !detectCarriers(code).some((c) => c.confidence !== 'low');
};

const OPEN_Q = '[“"『「【(\\[]?';
const CLOSE_Q = '[”"』」】)\\]]?';
// 编号/编码/货号 preceded by these mean order number, postcode, product SKU.
const KEYWORD_BLOCKERS = /(?:订单|运单|快递|物流|商品|邮政|邮)$/;

const KEYWORD_RE = new RegExp(
  `(取件码|取货码|提货码|提货号|取件号|取货号|取件密码|密码|编码|货号|编号)\\s*(?:为|是)?\\s*:?\\s*(?:\\d{1,3}号柜\\s*)?${OPEN_Q}\\s*(${CODE})`,
  'g',
);
const VOUCHER_RE = new RegExp(
  `(?:凭|请用|到店输入|输入)(?:取件码|取货码|提货码|密码|编码)?\\s*:?\\s*${OPEN_Q}\\s*(${CODE})\\s*${CLOSE_Q}\\s*号?\\s*(?=到|至|来|取|领|及时|速取|去|前往|或|,|$)`,
  'g',
);
const LIST_NEXT = new RegExp(`^\\s*(?:[,、;/]|和|及)\\s*(${CODE})`);
const LIST_NEXT_SPACE = new RegExp(`^\\s+(${CODE})`);
const FALLBACK_RE = /(?<![0-9A-Z-])[A-Z]?\d{1,3}(?:-\d{1,5}){2,3}(?![0-9A-Z-])/g;

const findCodes = (t: string): string[] => {
  const found: { at: number; code: string }[] = [];
  for (const m of t.matchAll(KEYWORD_RE)) {
    const kw = m[1];
    const before = t.slice(0, m.index);
    if (/编号|编码|货号/.test(kw) && KEYWORD_BLOCKERS.test(before)) continue;
    const loose = kw === '货号' ? 'shelf' : /编码|编号|密码/.test(kw);
    let at = m.index + m[0].length - m[2].length;
    let code = m[2];
    // Multi-parcel lists: "取件码为16-4-9626, 15-3-2194, 16-3-0906".
    for (;;) {
      if (!validCode(code, loose, t.slice(0, at))) break;
      found.push({ at, code });
      const rest = t.slice(at + code.length);
      const next = LIST_NEXT.exec(rest) ?? LIST_NEXT_SPACE.exec(rest);
      // Space-only separation is trusted for dash codes only ("1234 5678" may be anything).
      if (!next || (next[0].trimStart() === next[1] && !(DASH.test(code) && DASH.test(next[1])))) break;
      at += code.length + next[0].length - next[1].length;
      code = next[1];
    }
  }
  for (const m of t.matchAll(VOUCHER_RE)) {
    const at = m.index + m[0].indexOf(m[1]);
    const loose = /(?:凭|请用|输入)(?:密码|编码)/.test(m[0]);
    if (validCode(m[1], loose, t.slice(0, at))) found.push({ at, code: m[1] });
  }
  if (!found.length) {
    // No anchor: accept only shelf-style dash codes, which dates and phones rarely look like.
    for (const m of t.matchAll(FALLBACK_RE)) {
      if (validCode(m[0], false, t.slice(0, m.index))) found.push({ at: m.index, code: m[0] });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.code))];
};

// ---- station, brand, carrier ----------------------------------------------------------------

const SENDER_HEAD = /^\s*[【[]([^】\]]{1,20})[】\]]/;
const SENDER_TAIL = /[【[]([^】\]]{1,20})[】\]]\s*$/;
const PLACE_CHARS = '[^,.;!?。；！？\\s:凭到至"“”『』【】()]';
// "已到{place}，" — the place a parcel sits in.
const PLACE_AT = new RegExp(
  `(?:已到达|已送达|已到|已放入|已存入|已存放至?|包裹到达?|包裹在|已在)(${PLACE_CHARS}{2,30}?)(?=[,.;!?。；！？\\s]|$)`,
);
// "到{place}取件", "至{locker}取".
const PLACE_TO = new RegExp(`[到至](${PLACE_CHARS}{2,30}?)(?:取件|领取|来取|取您的|取货|取)`);
const CARRIER_PHRASES = [
  /(?:您的|您有|取)((?:(?!包裹)[\u4E00-\u9FFFA-Z&]){2,10}?)(?:\*\d{3,6})?的?包裹/g,
  /您的((?:(?!包裹)[\u4E00-\u9FFFA-Z&]){2,10}?)(?:已到|已送达|到了)/g,
];
const TAIL = /\*(\d{3,6})(?=的?包裹|快递|快件)/;

const carrierIn = (phrase: string): string | undefined => {
  const r = resolveCarrierName(phrase);
  return r?.kind === 'carrier' ? r.id : undefined;
};

const brandIn = (t: string): string | undefined => {
  let best: string | undefined;
  for (const b of STATION_BRANDS) if (t.includes(b) && (!best || b.length > best.length)) best = b;
  return best;
};

/** Codes plus station/carrier context from one SMS (§4.1 templates, §4.2 rules). */
export const extractPickupCodes = (text: string): PickupExtraction => {
  const t = prep(text);
  if (!looksLikePickupSms(t)) return { codes: [] };
  const out: PickupExtraction = { codes: findCodes(t) };

  const senderMatch = SENDER_HEAD.exec(t) ?? SENDER_TAIL.exec(t);
  const body = senderMatch ? t.replace(senderMatch[0], '') : t;
  if (senderMatch) out.sender = senderMatch[1];
  const senderName = senderMatch ? resolveCarrierName(senderMatch[1]) : null;
  if (senderName?.kind === 'station') out.brand = senderName.name;
  else out.brand = brandIn(body);

  for (const re of CARRIER_PHRASES) {
    for (const m of body.matchAll(re)) {
      out.carrierHint ??= carrierIn(m[1]);
    }
  }
  if (!out.carrierHint && senderName?.kind === 'carrier') out.carrierHint = senderName.id;

  const tail = TAIL.exec(body);
  if (tail) out.trackingTail = tail[1];

  const place = (PLACE_AT.exec(body) ?? PLACE_TO.exec(body))?.[1];
  out.station = place ?? out.brand;
  for (const k of ['station', 'brand', 'carrierHint', 'sender', 'trackingTail'] as const) {
    if (out[k] === undefined) delete out[k];
  }
  return out;
};

/**
 * Pasted text with several SMS: split at line breaks and at a 【sender】 that starts a new sentence,
 * then extract each. Only messages with codes are returned.
 */
export const extractPickupMessages = (text: string): PickupExtraction[] =>
  toHalfWidth(text)
    .split(/\n+|(?<=[。！!？?])\s*(?=【)/)
    .map((m) => m.trim())
    .filter(Boolean)
    .map(extractPickupCodes)
    .filter((r) => r.codes.length > 0);
