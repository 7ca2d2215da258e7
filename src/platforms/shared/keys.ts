// Keys of payloads we cannot see the schema of, compared normalized (lower case, no "_"/"-"), so snake_case
// and camelCase read alike; bounded lookups over an object's own keys.
import { textOf } from './values';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys looked at per object: a hostile payload cannot make a scan quadratic. */
export const MAX_KEYS = 500;

export const normKey = (k: string) => k.toLowerCase().replace(/[_\-\s]/g, '');
export const keys = (...ks: string[]): readonly string[] => ks.map(normKey);

/** An object's keys normalized (first spelling wins), at most MAX_KEYS of them. */
export function indexKeys(o: Obj): Map<string, unknown> {
  const m = new Map<string, unknown>();
  const ks = Object.keys(o);
  for (let i = 0; i < ks.length && i < MAX_KEYS; i++) {
    const n = normKey(ks[i]);
    if (!m.has(n)) m.set(n, o[ks[i]]);
  }
  return m;
}

export function pickWith<T>(m: Map<string, unknown>, ks: readonly string[], read: (v: unknown) => T | undefined): T | undefined {
  for (const k of ks) {
    const v = m.get(k);
    if (v === undefined || v === null || v === '') continue;
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
}
export const pickText = (m: Map<string, unknown>, ks: readonly string[], max: number) =>
  pickWith(m, ks, (v) => (typeof v === 'string' ? textOf(v, max) : undefined));
