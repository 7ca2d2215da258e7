// The list reader's own value readers must equal the shared ones: integerText = String(), amountOf = fenAmount.
import { describe, expect, it } from 'vitest';
import { amountOf, integerText } from '../../../../src/platforms/shared/list-reader';
import { fenAmount } from '../../../../src/platforms/shared/values';

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

describe('amountOf (the list reader’s fenAmount)', () => {
  it('is fenAmount on amount texts, near misses and random texts', () => {
    const texts = [
      '', '0', '1', '39.90', '39.9', '39.', '.5', '0.29', '0.005', '123456789', '1234567890', '123456789.99', '1234567890.1',
      '999999999.99', '1000000000', '12.345', ' 39.90', '39.90 ', '¥39.90', '39.90元', '1,234.50', '-1', '39.9a', '3a.90',
      '0000000001', '00.01', '١٢', '1e3', '0x10', 'Infinity', '39..9', '39.9.', '５',
    ];
    let s = 11;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const chars = '0123456789.., ¥元a-';
    for (let i = 0; i < 50_000; i++) {
      let t = '';
      const len = Math.floor(next() * 14);
      for (let j = 0; j < len; j++) t += next() < 0.75 ? String(Math.floor(next() * 10)) : chars[Math.floor(next() * chars.length)];
      texts.push(t);
    }
    for (const t of texts) if (amountOf(t) !== fenAmount(t)) expect([t, amountOf(t)]).toEqual([t, fenAmount(t)]);
    for (const v of [0, 1, 39.9, -1, NaN, 1e12, 2 ** 60, null, undefined, true]) expect(amountOf(v)).toBe(fenAmount(v));
  });
});
