// integerText must be String(v) for every safe non-negative integer (the list reader's ids come from it).
import { describe, expect, it } from 'vitest';
import { integerText } from '../../../../src/platforms/shared/list-reader';

describe('integerText', () => {
  it('is String(v) around every power of ten and multiples of 10^8, and at the safe limit', () => {
    const vs: number[] = [0, 1, 999_999_999, 1e9, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1];
    for (let p = 0; p <= 15; p++) for (const d of [-2, -1, 0, 1, 2]) vs.push(10 ** p + d);
    for (let k = 1; k < 90_071_992; k = Math.ceil(k * 1.37) + 1) for (const d of [-2, -1, 0, 1, 2]) vs.push(k * 1e8 + d);
    for (const v of vs) if (v >= 0 && Number.isSafeInteger(v)) expect([v, integerText(v)]).toEqual([v, String(v)]);
  });

  it('is String(v) for 100,000 random safe integers of every length', () => {
    let s = 7;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < 100_000; i++) {
      const digits = 1 + Math.floor(next() * 16);
      const v = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(next() * 10 ** digits) + Math.floor(next() * 1e6));
      const t = integerText(v);
      if (t !== String(v)) expect([v, t]).toEqual([v, String(v)]);
    }
  });
});
