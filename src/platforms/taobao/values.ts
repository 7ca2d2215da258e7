// Lenient readers for Taobao/Tmall values: ids, money, China-time timestamps, CDN images, page links.
// Every reader returns undefined rather than guessing when the input does not look right.
import { onHostSuffix } from '../facts';
import { parseUrl } from '../shared/values';
import { TAOBAO_FACTS } from './facts';

export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const rec = (v: unknown): Rec | undefined => (isRec(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const recs = (v: unknown): Rec[] => arr(v).filter(isRec);

/** Nested lookup that never throws: get(o, 'a', 0, 'b'). */
export function get(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (typeof k === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[k];
    } else {
      if (!isRec(cur)) return undefined;
      cur = cur[k];
    }
  }
  return cur;
}

/** A trimmed non-empty string; finite numbers become their decimal text. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export const firstStr = (...vs: unknown[]): string | undefined => {
  for (const v of vs) {
    const s = str(v);
    if (s !== undefined) return s;
  }
  return undefined;
};

/**
 * Order / item / shop ids are digit strings. Numbers are accepted only while exact: JSON.parse already
 * rounded ids past 2^53 (4861628750601004803 reads back as 4861628750601005000), so those are refused.
 */
export function idStr(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  const s = str(v);
  return s && /^\d{4,25}$/.test(s) ? s : undefined;
}

/** A positive integer count ("2", 2, {count:"2"} is unwrapped by the caller). */
export function intOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,7}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export { yuanToFen } from '../shared/values';

// China has had no DST since 1991: UTC+8 all year.
const CN_OFFSET_MS = 8 * 3600 * 1000;

/** Days in month `mo` (1–12) of year `y` (proleptic Gregorian, as Date counts them). */
export function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

function chinaMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  // 02-31 and the like (Date.UTC reads years 0–99 as 1900–1999); NaN for a year past Date's range
  if (Number.isNaN(ms) || d > daysInMonth(y >= 0 && y <= 99 ? 1900 + y : y, mo)) return undefined;
  return ms - CN_OFFSET_MS;
}

const FULL_TIME_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?)?$/;

/**
 * "2024-01-02 03:04:05" (China time, UTC+8), "2024/1/2", "2024年1月2日 03:04", ms/s epoch numbers or
 * digit strings → ms since epoch. Year-less texts are handled by parseMonthDayTime.
 */
export function parseChinaTime(v: unknown): number | undefined {
  if (typeof v === 'number') return epochFromNumber(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^\d{10}(\d{3})?$/.test(t)) return epochFromNumber(Number(t));
  const m = FULL_TIME_RE.exec(t);
  if (!m) return undefined;
  return chinaMs(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
}

function epochFromNumber(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = n < 1e11 ? n * 1000 : n; // seconds vs milliseconds
  return Number.isSafeInteger(Math.round(ms)) ? Math.round(ms) : undefined;
}

const MONTH_DAY_RE = /(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?::(\d{2}))?)?/;

/**
 * "12月08日 03:46", "11-07 15:34" (no year) → ms. The year is taken from `ref` and moved by one so the
 * result lies after `ref` ('after', deadlines) or not after it ('before', past events). `endOfDay`
 * fills a missing time with 23:59:59 (for "送达" dates).
 */
export function parseMonthDayTime(
  text: string,
  ref: number,
  direction: 'after' | 'before',
  endOfDay = false,
): number | undefined {
  const m = MONTH_DAY_RE.exec(text);
  if (!m || !Number.isFinite(ref)) return undefined;
  const hasTime = m[3] !== undefined;
  const h = hasTime ? +m[3] : endOfDay ? 23 : 0;
  const mi = hasTime ? +m[4] : endOfDay ? 59 : 0;
  const s = m[5] ? +m[5] : !hasTime && endOfDay ? 59 : 0;
  const refYear = new Date(ref + CN_OFFSET_MS).getUTCFullYear();
  let at = chinaMs(refYear, +m[1], +m[2], h, mi, s);
  if (at === undefined) {
    // Feb 29 of another year: try the neighbouring year before giving up.
    at = chinaMs(refYear + (direction === 'after' ? 1 : -1), +m[1], +m[2], h, mi, s);
    return at;
  }
  const DAY = 86_400_000;
  if (direction === 'after' && at < ref - DAY) at = chinaMs(refYear + 1, +m[1], +m[2], h, mi, s);
  else if (direction === 'before' && at > ref + DAY) at = chinaMs(refYear - 1, +m[1], +m[2], h, mi, s);
  return at;
}


/** Image URL on an Alibaba CDN, as https; protocol-relative "//img.alicdn.com/…" is completed. */
export function cdnImage(v: unknown): string | undefined {
  const u = httpsUrl(v);
  if (!u || u.href.length > 2048) return undefined;
  return onHostSuffix(u.hostname, TAOBAO_FACTS.imageCdns) ? u.href : undefined;
}


/** A link on taobao.com / tmall.com as https (order detail pages, shop links); anything else is dropped. */
export function platformUrl(v: unknown): string | undefined {
  const u = httpsUrl(v);
  if (!u || u.href.length > 4096) return undefined;
  return onHostSuffix(u.hostname, TAOBAO_FACTS.pageHosts) ? u.href : undefined;
}

export const isTmallHost = (host: string) => host === 'tmall.com' || host.endsWith('.tmall.com');

function httpsUrl(v: unknown): { href: string; hostname: string } | undefined {
  const s = str(v);
  if (!s || /\s/.test(s)) return undefined;
  let text = s;
  // The two rewrites below start with https:// already; only a text left as it is needs the test.
  if (text.startsWith('//')) text = `https:${text}`;
  else if (/^http:\/\//i.test(text)) text = `https://${text.slice(7)}`;
  else if (!/^https:\/\//i.test(text)) return undefined;
  return parseUrl(text);
}

/** Host of a URL-looking string (protocol-relative allowed), or undefined. */
export function hostOf(v: unknown): string | undefined {
  return httpsUrl(v)?.hostname;
}

/** A query parameter from a possibly relative link ("/trade/json/transit_step.do?bizOrderId=1"). */
export function queryParam(link: unknown, ...names: string[]): string | undefined {
  const s = str(link);
  if (!s) return undefined;
  try {
    const u = new URL(s, 'https://buyertrade.taobao.com/');
    for (const n of names) {
      const val = u.searchParams.get(n);
      if (val) return val;
    }
  } catch {
    // not a URL
  }
  return undefined;
}

/** Waybill numbers as shown: trimmed, no inner spaces, at least a few letters/digits; placeholders dropped. */
export function trackingNo(v: unknown): string | undefined {
  const s = str(v)?.replace(/\s+/g, '');
  if (!s || s.length > 64 || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(s)) return undefined;
  return /\d{4,}/.test(s) ? s : undefined;
}

/** Strip tags from platform-made HTML snippets (status banners), collapse whitespace. Not for titles. */
export function stripTags(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  return str(s.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '));
}

export { compact } from '../shared/result-builder';
