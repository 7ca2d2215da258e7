// Small pieces every refresh source shares. Pure: no browser APIs, no clock (the caller passes `now`).
import type { RefreshOutcome, RefreshResult, RefreshTarget } from '../source';
import { MAX_TIME, MIN_TIME } from '../../core/bounds';

export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

/** Trimmed non-empty string (numbers accepted: services send codes both ways), else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t : undefined;
}

/** JSON.parse that answers undefined instead of throwing (HTML error pages, truncated bodies). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const inRange = (t: number): number | undefined => (Number.isSafeInteger(t) && t >= MIN_TIME && t <= MAX_TIME ? t : undefined);

const CHINA_TIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-11-20 10:23:45" written by a Chinese service → ms since epoch, read as China time (UTC+8) explicitly,
 * never as the browser's local time. Anything else → undefined.
 */
export function parseChinaTime(v: unknown): number | undefined {
  const m = typeof v === 'string' ? CHINA_TIME_RE.exec(v.trim()) : null;
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  return inRange(Date.UTC(y, mo - 1, d, h - 8, mi, s));
}

const ISO_ZONED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 time with an explicit zone ("…Z", "…+08:00") → ms; a zone-less time is refused, not guessed. */
export function parseZonedIso(v: unknown): number | undefined {
  if (typeof v !== 'string' || !ISO_ZONED_RE.test(v.trim())) return undefined;
  const t = Date.parse(v.trim());
  return Number.isFinite(t) ? inRange(t) : undefined;
}

/** Retry-After header (seconds or HTTP date) → ms to wait; undefined when absent or unreadable. */
export function retryAfterMs(res: Response, now: number): number | undefined {
  const h = res.headers.get('retry-after')?.trim();
  if (!h) return undefined;
  if (/^\d+$/.test(h)) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The same outcome for every target (used once a call has to stop early). */
export function resultFor(target: RefreshTarget, outcome: RefreshOutcome, extra: Omit<RefreshResult, 'key' | 'outcome'> = {}): RefreshResult {
  return { key: target.key, outcome, ...extra };
}

/** Another target's copy of a result that stopped the call (no batch: nothing was asked for this one). */
export function repeatFor(target: RefreshTarget, stop: RefreshResult): RefreshResult {
  const { key: _key, batch: _batch, ...rest } = stop;
  return { ...rest, key: target.key };
}

/** Outcomes that stop the rest of a call: asking again in the same call would fail the same way. */
export const STOPS_CALL: ReadonlySet<RefreshOutcome> = new Set<RefreshOutcome>(['bad_key', 'rate_limited', 'signed_out', 'risk_control']);

/** Fetch that never throws: a rejected promise (offline, DNS, CORS, abort) becomes `undefined`. */
export async function safeFetch(fetchFn: typeof fetch, url: string, init: RequestInit): Promise<Response | undefined> {
  try {
    return await fetchFn(url, init);
  } catch {
    return undefined;
  }
}

/** Body text, or undefined when reading it fails (connection dropped mid-body). */
export async function safeText(res: Response): Promise<string | undefined> {
  try {
    return await res.text();
  } catch {
    return undefined;
  }
}
