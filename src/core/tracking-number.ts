// Tracking-number normalisation and carrier detection (reference carriers.md §2, §7).
// Detection returns every plausible carrier, best first; it never guesses for unknown shapes.

import { carrierById, resolveCarrierId, toHalfWidth } from './carriers';

/**
 * high = safe to assign automatically; medium = pre-select but keep alternatives;
 * low = only a possibility, ask the user.
 */
export type Confidence = 'high' | 'medium' | 'low';

export interface CarrierCandidate {
  carrier: string;
  confidence: Confidence;
  /** Id of the rule that matched (§2.2), or 'hint' when only the page's carrier name supports it. */
  rule: string;
  /** ISO country of an S10 (UPU) number. */
  country?: string;
}

export interface FoundTrackingNumber {
  trackingNo: string;
  candidates: CarrierCandidate[];
  /** Offset of the number in the input text. */
  index: number;
}

// Zero-width characters and bidi controls (see bidi.ts): invisible, they must not split a number.
const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const MIN_LEN = 6; // kuaidi100 limits (§2.1)
const MAX_LEN = 32;

// ---- normalisation (§2.1) -------------------------------------------------------------------

const CLEAN_NUMBER_RE = /^[A-Z0-9]{6,32}$/;
const JD_PIECE = /^(JD[A-Z0-9]{2}\d{11}|\d{11})(?:-\d{0,2}){1,3}-?$/;
const DPK_PIECE = /^(DPK\d{11,})(?:-\d*)+$/;
const OTHER_PIECE = /^((?:SF|YT|JT|ZJS)\d{12,16})(?:-\d{1,3})+-?$/;

/**
 * Clean a typed or copied number. Labels, brackets and Chinese text only separate parts; the input
 * must hold exactly one part with digits (two numbers pasted together are refused rather than glued).
 */
export const normalizeTrackingNumber = (raw: string): string | null => {
  // Already clean (upper-case letters and digits, 6–32 of them, a digit among them): every step below keeps it.
  if (CLEAN_NUMBER_RE.test(raw) && /\d/.test(raw)) return raw;
  const s = toHalfWidth(raw).replace(ZERO_WIDTH, '').replace(/\s+/g, '').toUpperCase();
  const parts = s.split(/[^A-Z0-9-]+/).filter((p) => /\d/.test(p));
  if (parts.length !== 1) return null;
  let run = parts[0].replace(/^-+/, '');
  const piece = JD_PIECE.exec(run) ?? DPK_PIECE.exec(run) ?? OTHER_PIECE.exec(run);
  if (piece) run = piece[1];
  const n = run.replace(/-/g, '');
  return n.length >= MIN_LEN && n.length <= MAX_LEN && /\d/.test(n) ? n : null;
};

// ---- rules (§2.2) ---------------------------------------------------------------------------

interface Rule {
  id: string;
  re: RegExp;
  carriers: readonly string[];
  confidence: Confidence;
  /** Fixed leading characters: more is more specific (§2.3 b). */
  prefix: number;
}

const rule = (id: string, re: RegExp, carriers: string[], confidence: Confidence, prefix: number): Rule => ({
  id,
  re,
  carriers,
  confidence,
  prefix,
});

const RULES: readonly Rule[] = [
  // letter-prefixed: one carrier, high
  rule('sf', /^SF\d{13}$/, ['sf'], 'high', 2),
  rule('jd', /^JD[A-Z0-9]{2}\d{11}$/, ['jd'], 'high', 2),
  rule('jd_long', /^JD[A-Z0-9]{2}\d{12,14}$/, ['jd'], 'medium', 2),
  // JD waybills for other shops' orders: VA/VB/VC + 11 digits (京东物流 open platform).
  rule('jd_v', /^V[A-C]\d{11}$/, ['jd'], 'medium', 2),
  rule('suning', /^SN\d{16}$/, ['suning'], 'medium', 2),
  rule('yto', /^YT\d{13}$/, ['yto'], 'high', 2),
  rule('yunexpress', /^YT\d{16}$/, ['yunexpress'], 'high', 2),
  rule('jt', /^JT\d{13}$/, ['jtexpress'], 'high', 2),
  rule('dpk', /^DPK\d{12}$/, ['deppon'], 'high', 3),
  rule('zjs', /^ZJS\d{12}$/, ['zjs'], 'high', 3),
  // 跨越速运 waybills: KY + 13 digits (kuaidi100's 跨越 API doc: KY4001060565538). Medium: KY is a bare prefix.
  rule('kuayue_ky', /^KY\d{13}$/, ['kuayue'], 'medium', 2),
  // single-source letter rules from §1 (not in §2.2): kept below high
  rule('ttk_tt', /^TT(?:66|88|99|56|57)\d{11}$/, ['ttk'], 'medium', 4),
  rule('uc_vip', /^(?:VIP\d{9}|V\d{11})$/, ['uc'], 'medium', 1),
  rule('zjs_a', /^A\d{12}$/, ['zjs'], 'low', 1),
  // numeric
  rule('sto77', /^77\d{13}$/, ['sto'], 'high', 2),
  rule('zto14', /^7[3-68]\d{12}$/, ['zto'], 'high', 2),
  rule('zto_any14', /^\d{14}$/, ['zto'], 'low', 0),
  // 百世/汇通 14-digit numbers: 50…, 51…, 70…, 71… (ZTO's 14-digit ones start 73–78).
  rule('best14', /^(?:5[01]|7[01])\d{12}$/, ['best'], 'medium', 2),
  rule('yunda15', /^[34]\d{14}$/, ['yunda'], 'medium', 1),
  rule('sto43', /^43\d{12,15}$/, ['sto'], 'low', 2),
  rule('sto77_bf', /^77(?:\d{11,12}|\d{14,15})$/, ['sto'], 'low', 2),
  rule('best15', /^5\d{14}$/, ['best'], 'low', 1),
  rule('cainiao621', /^621\d{12}$/, ['cainiao'], 'low', 3),
  // China Post's 13-digit domestic numbers: EMS uses 10…/11…/50…–52…/95…–97…, 邮政包裹 12…/13…/98…/99….
  rule('post13_ems', /^(?:1[01]|5[0-2]|9[5-7])\d{11}$/, ['ems', 'chinapost'], 'medium', 2),
  rule('post13', /^(?:1[23]|9[89])\d{11}$/, ['chinapost', 'ems'], 'medium', 2),
  rule('post13_bf', /^[189]\d{12}$/, ['chinapost', 'ems'], 'low', 1),
  rule('yunda13', /^3\d{12}$/, ['yunda'], 'medium', 1),
  // STO's 13-digit 33… numbers share Yunda's leading 3: both stay medium, STO (longer prefix) first.
  rule('sto13_33', /^33\d{11}$/, ['sto'], 'medium', 2),
  // Yunda also issues 13-digit 12… and 19… numbers (and some other 1…), the shapes of China Post / EMS ones.
  rule('yunda13_1', /^1[29]\d{11}$/, ['yunda'], 'medium', 2),
  rule('yunda13_1x', /^1\d{12}$/, ['yunda'], 'low', 0),
  // …and 43… / 46… ones (STO's 13-digit 4… rule alone missed them).
  rule('yunda13_4', /^4[36]\d{11}$/, ['yunda'], 'medium', 2),
  rule('yunda13_5', /^5\d{12}$/, ['yunda'], 'low', 1),
  rule('sto13_4', /^4\d{12}$/, ['sto'], 'low', 1),
  rule('sto_alt', /^(?:268|368|468|568|588|668|688|768|868|888|968)\d{9,13}$/, ['sto'], 'low', 3),
  rule('uc9001', /^9001\d{8}$/, ['uc'], 'low', 4),
  rule('ttk12', /^(?:(?:66|77|88|55|56|58)\d{10}|99[58]\d{9})$/, ['ttk'], 'low', 2),
  // 12 digits: ZTO, YTO, SF, STO, BEST, TTK and smaller brands all issue them — only a name settles it.
  rule('num12', /^\d{12}$/, ['zto', 'yto', 'sf', 'sto', 'best', 'yunda', 'uc', 'ane', 'yimidida', 'suer'], 'low', 0),
  rule('num18', /^[6-9]\d{17}$/, ['yto'], 'low', 1),
  rule('deppon_legacy', /^\d{8,10}$/, ['deppon'], 'low', 0),
  rule('zjs10', /^\d{10}$/, ['zjs'], 'low', 0),
  // JD's all-digit waybills (京东 orders before the JD… prefix): 11 digits, older ones 10.
  rule('jd11', /^(?!1[3-9])\d{11}$/, ['jd'], 'low', 0), // mobile-number shapes stay out
  rule('jd10', /^\d{10}$/, ['jd'], 'low', 0),
  // YTO's first numbers had 10 digits (7000711004, 7151900624).
  rule('yto10', /^\d{10}$/, ['yto'], 'low', 0),
];

/** Whether any rule fits, as one regex: the rules' own patterns (each ^…$, no flags) joined. Built on first use
 * (content scripts that never ask leave it out of their bundle). */
let anyRuleRe: RegExp | undefined;
const anyRule = (): RegExp =>
  (anyRuleRe ??= new RegExp(
    `^(?:${RULES.map((r) => {
      if (r.re.flags || !r.re.source.startsWith('^') || !r.re.source.endsWith('$')) throw new Error(`rule ${r.id} cannot be joined`);
      return `(?:${r.re.source.slice(1, -1)})`;
    }).join('|')})$`,
  ));

// kuaidi100 popularity order (S24) breaks remaining ties (§2.3 c).
const POPULARITY = [
  'yunda', 'yto', 'zto', 'chinapost', 'sf', 'best', 'sto', 'ttk', 'jd', 'ems',
  'zhongyou', 'jtexpress', 'deppon', 'zjs', 'uc', 'cainiao', 'kuayue',
];

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

// ---- UPU S10 (§2.4) -------------------------------------------------------------------------

// ISO 3166-1 alpha-2, used to reject S10 look-alikes with a made-up country.
const ISO_COUNTRIES = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' '),
);

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** UPU S10 check digit over the 8 serial digits. */
export const s10CheckDigit = (serial: string): number => {
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * S10_WEIGHTS[i], 0);
  const r = sum % 11;
  return r === 0 ? 5 : r === 1 ? 0 : 11 - r;
};

const detectS10 = (n: string): CarrierCandidate[] => {
  const m = S10.exec(n);
  if (!m || s10CheckDigit(m[2]) !== Number(m[3]) || !ISO_COUNTRIES.has(m[4])) return [];
  const country = m[4];
  if (country !== 'CN') {
    // Service indicator E? is EMS: the Chinese leg is China EMS, and kuaidi100 / 17TRACK track it as ems.
    if (m[1].startsWith('E')) {
      return [
        { carrier: 'ems', confidence: 'high', rule: 's10', country },
        { carrier: 'intl_post', confidence: 'medium', rule: 's10', country },
      ];
    }
    return [{ carrier: 'intl_post', confidence: 'high', rule: 's10', country }];
  }
  // Both are China Post; service indicator E? is EMS, anything else the parcel/letter network.
  const [first, second] = m[1].startsWith('E') ? ['ems', 'chinapost'] : ['chinapost', 'ems'];
  return [
    { carrier: first, confidence: 'high', rule: 's10', country },
    { carrier: second, confidence: 'medium', rule: 's10', country },
  ];
};

// ---- detection (§2.2, §2.3) -----------------------------------------------------------------

const matchRules = (n: string): CarrierCandidate[] => {
  const s10 = detectS10(n);
  if (s10.length) return s10;
  const best = new Map<string, { c: CarrierCandidate; prefix: number; order: number }>();
  for (const r of RULES) {
    if (!r.re.test(n)) continue;
    r.carriers.forEach((carrier, order) => {
      const prev = best.get(carrier);
      const better =
        !prev ||
        RANK[r.confidence] > RANK[prev.c.confidence] ||
        (RANK[r.confidence] === RANK[prev.c.confidence] && r.prefix > prev.prefix);
      if (better) best.set(carrier, { c: { carrier, confidence: r.confidence, rule: r.id }, prefix: r.prefix, order });
    });
  }
  const pop = (id: string) => {
    const i = POPULARITY.indexOf(id);
    return i < 0 ? POPULARITY.length : i;
  };
  // Within one rule its own carrier order decides (it encodes who issues that shape most); across rules,
  // kuaidi100 popularity.
  return [...best.values()]
    .sort(
      (a, b) =>
        RANK[b.c.confidence] - RANK[a.c.confidence] ||
        b.prefix - a.prefix ||
        (a.c.rule === b.c.rule ? a.order - b.order : pop(a.c.carrier) - pop(b.c.carrier) || a.order - b.order),
    )
    .map((x) => x.c);
};

const applyHint = (cands: CarrierCandidate[], hintId: string | undefined): CarrierCandidate[] => {
  if (!hintId) return cands;
  const i = cands.findIndex((x) => x.carrier === hintId);
  if (i >= 0) {
    // The page names a carrier the number fits: that is as good as a prefix match.
    const hinted = { ...cands[i], confidence: 'high' as const };
    return [hinted, ...cands.filter((_, j) => j !== i).map(demoteHigh)];
  }
  const parent = carrierById(hintId)?.parent;
  const p = parent ? cands.findIndex((x) => x.carrier === parent) : -1;
  if (p >= 0) {
    // 顺丰快运 uses SF-style numbers: the page's product wins over the parcel brand.
    const hinted = { ...cands[p], carrier: hintId, confidence: 'high' as const };
    return [hinted, ...cands.map(demoteHigh)];
  }
  // A name the number fits no rule of: it still settles a guess-only number (every candidate low: the name wins,
  // as kuaidi100 takes the company it is given), is offered first beside a medium rule (the user confirms),
  // and is only the last choice against a high rule (a letter prefix or check digit says otherwise).
  if (!cands.some((c) => c.confidence !== 'low')) {
    return [{ carrier: hintId, confidence: 'high', rule: 'hint' }, ...cands];
  }
  if (!cands.some((c) => c.confidence === 'high')) {
    return [{ carrier: hintId, confidence: 'medium', rule: 'hint' }, ...cands];
  }
  return [...cands, { carrier: hintId, confidence: 'low', rule: 'hint' }];
};

const demoteHigh = (c: CarrierCandidate): CarrierCandidate =>
  c.confidence === 'high' ? { ...c, confidence: 'medium' } : c;

/**
 * Every carrier the number may belong to, best first. `hint` is a carrier name or code seen next
 * to the number (order page, SMS sender); station names are ignored. Unknown shapes without a
 * hint give [].
 */
export const detectCarriers = (raw: string, hint?: string): CarrierCandidate[] => {
  const n = normalizeTrackingNumber(raw);
  if (!n) return [];
  const hintId = resolveCarrierId(hint);
  const cands = matchRules(n);
  // No rule fits: a written name is all there is, and it is enough to pick the carrier.
  if (!cands.length) return hintId ? [{ carrier: hintId, confidence: 'high', rule: 'hint' }] : [];
  return applyHint(cands, hintId);
};

/** detectCarriers(n, hint).length > 0 for a number normalizeTrackingNumber already gave (it gives the same
 * number back), without ranking the candidates: a rule fits it, or the hint names a carrier. Parsers keep a
 * number only then, for every number of a list. */
export const numberFitsCarrier = (normalized: string, hint?: string): boolean => {
  if (anyRule().test(normalized)) return true;
  return detectS10(normalized).length > 0 || resolveCarrierId(hint) !== undefined;
};

export const isSupportedTrackingNumber = (raw: string, hint?: string): boolean =>
  detectCarriers(raw, hint).length > 0;

/**
 * The carrier to assign without asking: the first candidate when it is high and no other candidate
 * is as strong. Otherwise null (show "可能是：…").
 */
export const autoCarrier = (cands: readonly CarrierCandidate[]): string | null => {
  const [first, second] = cands;
  if (!first || first.confidence !== 'high') return null;
  return second && second.confidence === 'high' ? null : first.carrier;
};

// ---- free text (§7.14) ----------------------------------------------------------------------

// A label right before the number; 单号 alone only when it is not 订单号 / 退款单号 / 售后单号 ….
const LABEL =
  /(?:运单号码?|运单编号|快递单号|物流单号|快递号|物流编号|面单号|(?<![订款后易付户务])单号|TRACKING(?:NUMBER|NO)?|WAYBILL(?:NO)?)[^A-Z0-9]{0,12}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const TOKEN = /[A-Z0-9]+(?:-[A-Z0-9]+)*-?/g;
const SENTENCE_BREAK = /[\n。；;！!？?]/;

/** Space-separated pieces that read as one number typed in groups, not as separate numbers. */
const groupedLikeANumber = (parts: string[]): boolean => {
  const rest = parts.slice(1);
  if (rest.every((p) => p.length >= 3)) return true;
  // 4-4-4-2: equal groups of 3–4 digits with a shorter (2+) last one.
  const body = parts.slice(0, -1);
  const tail = parts[parts.length - 1];
  return body.length >= 2 && tail.length >= 2 && body.every((p) => /^\d{3,4}$/.test(p) && p.length === body[0].length) && /^\d+$/.test(tail);
};

interface Token {
  start: number; // in the cleaned text
  end: number;
  text: string;
}

// Zero-width characters are dropped; `pos` maps cleaned offsets back to the caller's text.
const clean = (text: string): { s: string; pos: number[] } => {
  let s = '';
  const pos: number[] = [];
  const half = toHalfWidth(text).toUpperCase();
  for (let i = 0; i < half.length; i++) {
    const ch = half[i];
    if (INVISIBLE.test(ch)) continue;
    s += ch;
    pos.push(i);
  }
  pos.push(half.length);
  return { s, pos };
};

/**
 * A carrier written after the number ("…运单号 78109356970791。快递公司：中通快递"): only when a label says so, and
 * only up to the next number, so the name of the next parcel in a list is not taken.
 */
const AFTER_LABEL = /^[^A-Z0-9]{0,6}?(?:快递公司|物流公司|承运商|承运公司|快递|物流|COURIER|CARRIER)[:：\s]*([^\n。；;,，]{2,16})/;
const nameAfter = (s: string, tokens: Token[], last: number): string | undefined => {
  let next = s.length;
  for (let t = last + 1; t < tokens.length; t++) {
    if (/\d/.test(tokens[t].text)) {
      next = tokens[t].start;
      break;
    }
  }
  const m = AFTER_LABEL.exec(s.slice(tokens[last].end, Math.min(next, tokens[last].end + 40)));
  return m ? resolveCarrierId(m[1]) : undefined;
};

const contextBefore = (s: string, from: number, to: number): string => {
  const w = s.slice(Math.max(from, to - 24), to);
  const parts = w.split(SENTENCE_BREAK);
  return parts[parts.length - 1];
};

/**
 * Tracking numbers in free text (copied order, chat, SMS). Unlabelled numbers need a high or medium
 * rule, or a low rule confirmed by a carrier name just before them; numbers after 运单号/快递单号 are
 * accepted with any candidates (even none), except mobile numbers. A carrier name in the same
 * sentence before the number overrides `hint`.
 */
export const findTrackingNumbers = (text: string, hint?: string): FoundTrackingNumber[] => {
  const { s, pos } = clean(text);
  const tokens: Token[] = [];
  for (const m of s.matchAll(TOKEN)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });

  const out: FoundTrackingNumber[] = [];
  const seen = new Set<string>();
  const globalHint = resolveCarrierId(hint);

  const consider = (first: number, last: number): boolean => {
    const start = tokens[first].start;
    const raw = tokens.slice(first, last + 1).map((t) => t.text).join('');
    const n = normalizeTrackingNumber(raw);
    if (!n || MOBILE.test(n)) return false;
    // Context starts after the previous number, so a code like "ZTO" or "EMS" before it still counts.
    let prevEnd = 0;
    for (let t = first - 1; t >= 0; t--) {
      if (/\d/.test(tokens[t].text)) {
        prevEnd = tokens[t].end;
        break;
      }
    }
    const before = contextBefore(s, prevEnd, start);
    const localHint = resolveCarrierId(before) ?? nameAfter(s, tokens, last) ?? globalHint;
    const labelled = LABEL.test(before);
    const plain = matchRules(n);
    let cands: CarrierCandidate[] = [];
    if (plain.length) cands = applyHint(plain, localHint);
    else if (labelled && localHint) cands = [{ carrier: localHint, confidence: 'low', rule: 'hint' }];
    const strong = plain.some((c) => c.confidence !== 'low');
    const confirmed = localHint !== undefined && plain.some((c) => c.carrier === localHint);
    if (!labelled && !strong && !confirmed) return false;
    if (!seen.has(n)) {
      seen.add(n);
      out.push({ trackingNo: n, candidates: cands, index: pos[start] });
    }
    return true;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (consider(i, i)) continue;
    // Spaced groups ("SF 1385 6287 16739", "7810 9356 9707 91"): join single-space-separated neighbours, longest
    // first. Later groups have 3+ characters, except a short tail after equal groups (typed in fours).
    let j = i;
    while (j + 1 < tokens.length && j - i < 5 && /^ $/.test(s.slice(tokens[j].end, tokens[j + 1].start))) j++;
    let joined = false;
    for (let k = j; k > i && !joined; k--) {
      const parts = tokens.slice(i, k + 1);
      if (!groupedLikeANumber(parts.map((t) => t.text))) continue;
      const n = normalizeTrackingNumber(parts.map((t) => t.text).join(''));
      if (!n || !matchRules(n).length) continue;
      joined = consider(i, k);
      if (joined) i = k;
    }
  }
  return out;
};
