// Precompiled key tables for a parser that knows which keys it reads (issue #15, parsers near JSON.parse): the
// keys are numbered once at module load, and an object is read in one pass over its own keys into an array of
// those slots. Same answers as indexKeys() + get() in keys.ts (keys compared normalized, the first spelling wins,
// at most MAX_KEYS keys looked at), without a Map per object or a normalization per key.
import { MAX_KEYS, normKey, type Obj } from './keys';
import { cleanText } from './values';
import { ownKey } from './own-key';

/** Set when a value read was a number of 16 or more digits' size: JSON.parse rounded it if it was an
 * integer past 2^53, so a caller that parsed without keeping such numbers as text reads the answer again. */
export interface BigNumberGuard {
  big: boolean;
}

const MAX_SLOTS = 31;
const MAX_RAW = 5_000;
const BIG = 1e15;

export class Slots {
  constructor(private readonly values: unknown[]) {}

  get(slot: number): unknown {
    return this.values[slot];
  }

  /** The first of the slots whose value is set, not null or '' and accepted by `read` (keys.ts pickWith). */
  pick<T>(slots: readonly number[], read: (v: unknown) => T | undefined): T | undefined {
    for (let i = 0; i < slots.length; i++) {
      const v = this.values[slots[i]];
      if (v === undefined || v === null || v === '') continue;
      const r = read(v);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** The first string among the slots with text left once cleaned (keys.ts pickText). */
  text(slots: readonly number[], max: number): string | undefined {
    for (let i = 0; i < slots.length; i++) {
      const v = this.values[slots[i]];
      if (typeof v !== 'string' || v === '') continue;
      const t = cleanText(v, max);
      if (t) return t;
    }
    return undefined;
  }
}

export class SlotTable {
  private readonly byName = new Map<string, number>();
  /** Raw key → slot (-1: not read), so each spelling is normalized once. */
  private readonly byRaw = new Map<string, number>();

  /** `keys`: every key the parser reads from this kind of object (any spelling; compared normalized). */
  constructor(keys: readonly string[]) {
    for (const k of keys) {
      const n = normKey(k);
      if (!this.byName.has(n)) this.byName.set(n, this.byName.size);
    }
    if (this.byName.size > MAX_SLOTS) throw new Error(`slot table of ${this.byName.size} keys (max ${MAX_SLOTS})`);
  }

  slot(key: string): number {
    const s = this.byName.get(normKey(key));
    if (s === undefined) throw new Error(`key ${key} is not in this table`);
    return s;
  }

  slots(...keys: string[]): readonly number[] {
    return keys.map((k) => this.slot(k));
  }

  read(o: Obj, guard?: BigNumberGuard): Slots {
    const values: unknown[] = new Array(this.byName.size);
    let seen = 0;
    let count = 0;
    // Own keys in Object.keys order (for…in without inherited ones), without an array of them per object.
    for (const k in o) {
      if (!ownKey(o, k)) continue;
      if (count++ >= MAX_KEYS) break;
      let slot = this.byRaw.get(k);
      if (slot === undefined) {
        slot = this.byName.get(normKey(k)) ?? -1;
        // A payload of endless distinct keys only costs the cache its contents.
        if (this.byRaw.size >= MAX_RAW) this.byRaw.clear();
        this.byRaw.set(k, slot);
      }
      if (slot < 0 || seen & (1 << slot)) continue;
      seen |= 1 << slot;
      const v = o[k];
      values[slot] = v;
      if (guard && typeof v === 'number' && (v >= BIG || v <= -BIG)) guard.big = true;
    }
    return new Slots(values);
  }
}

const MAX_MEMO = 1_000;

/** A pure reader of a text (status words, carrier names), remembered per text: list pages repeat a handful of
 * them on every order. */
export function memoText<T>(read: (text: string | undefined) => T): (text: string | undefined) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (text === undefined) return read(text);
    let r = memo.get(text);
    if (r === undefined && !memo.has(text)) {
      r = read(text);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(text, r);
    }
    return r as T;
  };
}
