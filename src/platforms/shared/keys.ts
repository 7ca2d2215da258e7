// Keys of payloads we cannot see the schema of, compared normalized (lower case, no "_"/"-"), so snake_case
// and camelCase read alike; bounded lookups over an object's own keys.
//
// Speed (issue #15): a parser asks each object for a dozen key tables, and most objects hold none of a table's
// keys. So the tables made with keys() at module load get a bit each, every normalized key knows the bits of
// the tables it is in, and an object's index carries the union of its keys' bits: pickWith() answers "none of
// these keys" with one AND instead of a dozen Map lookups. Normalized spellings are cached, and inside
// withKeyIndexCache() each object is indexed once however many readers look at it.
import { textOf } from './values';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys looked at per object: a hostile payload cannot make a scan quadratic. */
export const MAX_KEYS = 500;

const NORMALIZED = new Map<string, string>();
const MAX_NORMALIZED = 20_000;

export const normKey = (k: string): string => {
  let n = NORMALIZED.get(k);
  if (n === undefined) {
    n = k.toLowerCase().replace(/[_\-\s]/g, '');
    // A payload of endless distinct keys only costs the cache its contents.
    if (NORMALIZED.size >= MAX_NORMALIZED) NORMALIZED.clear();
    NORMALIZED.set(k, n);
  }
  return n;
};

/** Bits of the registered key tables: [low 31 bits, high 31 bits] per normalized key. */
const MAX_TABLES = 62;
const TABLE_BIT = new WeakMap<readonly string[], number>();
const KEY_LO = new Map<string, number>();
const KEY_HI = new Map<string, number>();
let tables = 0;
/** Bumped by each registration: an index built before it is read the slow way. */
let version = 0;

function register(table: readonly string[]): void {
  if (tables >= MAX_TABLES) return;
  const bit = tables++;
  TABLE_BIT.set(table, bit);
  const [m, b] = bit < 31 ? [KEY_LO, 1 << bit] : [KEY_HI, 1 << (bit - 31)];
  for (const k of table) m.set(k, (m.get(k) ?? 0) | b);
  version++;
}

/** How many key tables were made, and whether every one got a bit (more than MAX_TABLES are read the slow way). */
export const keyTableStats = () => ({ tables: tablesMade, withBit: tables, max: MAX_TABLES });
let tablesMade = 0;

/** A key table: normalized keys in order of preference. Call at module load (each call registers a table). */
export const keys = (...ks: string[]): readonly string[] => {
  const table = ks.map(normKey);
  tablesMade++;
  register(table);
  return table;
};

/** An object's keys, normalized, with the bits of the tables they are in. */
export class KeyIndex extends Map<string, unknown> {
  lo = 0;
  hi = 0;
  version = version;
}

let cache: WeakMap<object, KeyIndex> | undefined;

/** Run `f` with each object indexed at most once (the objects must not change meanwhile). */
export function withKeyIndexCache<T>(f: () => T): T {
  if (cache) return f();
  cache = new WeakMap();
  try {
    return f();
  } finally {
    cache = undefined;
  }
}

/** An object's keys normalized (first spelling wins), at most MAX_KEYS of them. */
export function indexKeys(o: Obj): KeyIndex {
  const hit = cache?.get(o);
  if (hit) return hit;
  const m = new KeyIndex();
  const ks = Object.keys(o);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < ks.length && i < MAX_KEYS; i++) {
    const n = normKey(ks[i]);
    if (m.has(n)) continue;
    m.set(n, o[ks[i]]);
    lo |= KEY_LO.get(n) ?? 0;
    hi |= KEY_HI.get(n) ?? 0;
  }
  m.lo = lo;
  m.hi = hi;
  cache?.set(o, m);
  return m;
}

/** False only when `m` surely holds none of the table's keys. */
export function mayHold(m: Map<string, unknown>, ks: readonly string[]): boolean {
  if (!(m instanceof KeyIndex) || m.version !== version) return true;
  const bit = TABLE_BIT.get(ks);
  if (bit === undefined) return true;
  return bit < 31 ? (m.lo & (1 << bit)) !== 0 : (m.hi & (1 << (bit - 31))) !== 0;
}

export function pickWith<T>(m: Map<string, unknown>, ks: readonly string[], read: (v: unknown) => T | undefined): T | undefined {
  if (!mayHold(m, ks)) return undefined;
  for (const k of ks) {
    const v = m.get(k);
    if (v === undefined || v === null || v === '') continue;
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
}

const readText = (max: number) => (v: unknown) => (typeof v === 'string' ? textOf(v, max) : undefined);
const TEXT_READERS = new Map<number, (v: unknown) => string | undefined>();

export const pickText = (m: Map<string, unknown>, ks: readonly string[], max: number): string | undefined => {
  if (!mayHold(m, ks)) return undefined;
  let read = TEXT_READERS.get(max);
  if (!read) TEXT_READERS.set(max, (read = readText(max)));
  return pickWith(m, ks, read);
};
