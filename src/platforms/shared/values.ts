// Value readers shared by every platform's parsers, named by what they return: ids, text, China-time
// timestamps (ms), amounts in 分 (fenAmount: 分 unless marked 元; yuanToFen: always 元), links on given hosts.
// Each returns undefined rather than guessing when the input does not look right.
import { inTimeRange, MAX_MONEY } from '../../core/bounds';
import { onHostSuffix } from '../facts';

/** China has had no DST since 1991: UTC+8 all year. Order pages show China time. */
export const CN_OFFSET = 8 * 3_600_000;

// Only whitespace other than a single space (a run, a tab, a no-break or zero-width space) needs the replace:
// most texts have none, and a test costs a fraction of a replace that copies the string.
const UNCLEAN_SPACE_RE = /[^\S ]|\u200b| {2}/;
export const cleanText = (s: string, max: number) =>
  (UNCLEAN_SPACE_RE.test(s) ? s.replace(/[\s\u00a0\u200b]+/g, ' ') : s).trim().slice(0, max);

export const textOf = (v: unknown, max: number): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = cleanText(v, max);
  return t || undefined;
};

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,63}$/;
export const idOf = (v: unknown): string | undefined => {
  let s: string | undefined;
  // Unsafe integers already lost digits in JSON.parse; parseJsonPreservingIds avoids that upstream.
  if (typeof v === 'number') s = Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  else if (typeof v === 'string') s = v.trim();
  return s && ID_RE.test(s) ? s : undefined;
};

/** Date text in China time: "2024-11-20 10:23:45", "2024/11/20", "2024年11月20日 10:23". */
function parseDateText(s: string): number | undefined {
  if (/\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && inTimeRange(ms) ? ms : undefined;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec) - CN_OFFSET;
  return inTimeRange(ms) ? ms : undefined;
}

/** A time as s or ms since epoch (number or digit string) or a date text → ms, or undefined. */
export function parseTimeValue(v: unknown): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d{9,13}$/.test(s)) n = Number(s);
    else return parseDateText(s);
  }
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  // Seconds have 10 digits until the year 2286; ms have 13.
  const ms = Math.round(n < 1e11 ? n * 1000 : n);
  return inTimeRange(ms) ? ms : undefined;
}

/**
 * An amount whose unit is 分 unless it says otherwise → 分: integers (numbers or digit strings) are 分 (Douyin,
 * Kuaishou and Pinduoduo APIs), decimals and "¥"/"元" texts are 元. For amounts always in 元 use yuanToFen.
 */
export function fenAmount(v: unknown): number | undefined {
  let fen: number | undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    fen = Number.isInteger(v) ? v : Math.round(v * 100);
  } else if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    const m = /^(?:[¥￥]|RMB|CNY)?\s*(\d{1,9}(?:\.\d{1,2})?)\s*元?$/i.exec(s);
    if (!m) return undefined;
    fen = /[¥￥元.]|RMB|CNY/i.test(s) ? Math.round(Number(m[1]) * 100) : Number(m[1]);
  }
  return fen !== undefined && Number.isSafeInteger(fen) && fen <= MAX_MONEY ? fen : undefined;
}

export const quantityOf = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : undefined;
};

// An https URL the URL parser would return unchanged: a lower-case ASCII host whose last label starts with a
// letter (not an IPv4 form), no port or user, no punycode label (which the parser validates), a path and query
// of characters it leaves as they are, no fragment, no "." / ".." segment, no percent sign. Such text is its
// own href: new URL() (about 2 µs, as much as JSON.parse of 3 KiB) is skipped for the CDN links of every item.
const SIMPLE_HTTPS_RE = /^https:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT_RE = /\/\.{1,2}(?:\/|$)/;

/** href and hostname of an absolute URL, as new URL(text) gives them, or undefined when it does not parse. */
export function parseUrl(text: string): { href: string; hostname: string } | undefined {
  const m = SIMPLE_HTTPS_RE.exec(text);
  if (m && !m[1].includes('xn--') && !DOT_SEGMENT_RE.test(m[2])) return { href: text, hostname: m[1] };
  try {
    const u = new URL(text);
    return { href: u.href, hostname: u.hostname };
  } catch {
    return undefined;
  }
}

/** An https URL on one of the hosts (protocol-relative accepted), or undefined. */
export function urlOn(v: unknown, suffixes: readonly string[]): string | undefined {
  if (typeof v !== 'string' || !suffixes.length) return undefined;
  const raw = v.trim();
  if (raw.length > 2048) return undefined;
  const text = raw.startsWith('//') ? `https:${raw}` : raw;
  const m = SIMPLE_HTTPS_RE.exec(text);
  if (m && !m[1].includes('xn--') && !DOT_SEGMENT_RE.test(m[2])) return onHostSuffix(m[1], suffixes) ? text : undefined;
  try {
    const u = new URL(text);
    return u.protocol === 'https:' && onHostSuffix(u.hostname, suffixes) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const MONEY_RE = /([-－])?\s*[￥¥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/;

/** An amount in 元 → 分: "￥58.90", "58.90", "1,234.5", 58.9 → 5890; the first amount in a text; undefined if none. */
export function yuanToFen(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    const fen = Math.round(v * 100);
    return Number.isSafeInteger(fen) ? fen : undefined;
  }
  if (typeof v !== 'string') return undefined;
  const m = MONEY_RE.exec(v);
  if (!m) return undefined;
  const whole = m[2].replace(/,/g, '');
  const frac = (m[3] ?? '').padEnd(3, '0');
  if (whole.length > 12) return undefined;
  // Digits, not floats: "0.29" must be 29 分, never 28.999….
  let fen = Number(whole) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) fen += 1;
  return m[1] ? -fen : fen;
}
