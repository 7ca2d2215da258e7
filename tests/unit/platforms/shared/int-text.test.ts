// safeIntText must give exactly String(n) for every safe integer n ≥ 0: at the split around 10^8, next to
// powers of ten, at 2^30 / 2^31 / 2^53 − 1, and on random integers of every length.
import { describe, expect, it } from 'vitest';
import { safeIntText } from '../../../../src/platforms/shared/int-text';
import { mulberry32 } from '../../../fixtures/rng';

describe('safeIntText', () => {
  it('equals String(n) at the edges', () => {
    const edges = [0, 1, 9, 10, 999, 1000, 99_999_999, 100_000_000, 100_000_001, 199_999_999, 1_000_000_000,
      2 ** 30 - 1, 2 ** 30, 2 ** 31, 2 ** 32 + 5, 700_123_456_000, 10 ** 15, 10 ** 15 - 1, 2 ** 53 - 1, 2 ** 53 - 2];
    for (let k = 8; k <= 15; k++) edges.push(10 ** k - 1, 10 ** k, 10 ** k + 1, 10 ** k + 99_999_999);
    // multiples of 10^8 minus one near 2^53, where n / 1e8 rounds up to the next integer
    for (let hi = 90_071_992; hi > 90_071_900; hi--) edges.push(hi * 1e8 - 1, hi * 1e8);
    for (const n of edges) if (Number.isSafeInteger(n)) expect(safeIntText(n)).toBe(String(n));
  });

  it('equals String(n) on random safe integers of every length', () => {
    const next = mulberry32(0x1d7e);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(next() * 16);
      const n = Math.min(Math.floor(next() * 10 ** digits), Number.MAX_SAFE_INTEGER);
      expect(safeIntText(n)).toBe(String(n));
    }
  });
});
