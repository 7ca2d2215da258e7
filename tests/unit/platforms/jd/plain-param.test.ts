// plainParam must read a query without % exactly as URLSearchParams.get does: empty pairs, pairs without =,
// several =, + as a space in names and values, repeated names (the first wins), names that only differ by +.
import { describe, expect, it } from 'vitest';
import { plainParam } from '../../../../src/platforms/jd/parse';
import { mulberry32 } from '../../../fixtures/rng';

const PIECES = ['&', '&&', '=', '==', '+', 'dealId', 'deal+Id', 'deal Id', 'orderId', 'orderid', 'order_id', '123456', '7', 'a', 'x+y', '-', '.', '~'];
const NAMES = ['dealId', 'orderId', 'orderid', 'order_id', 'deal Id', 'a', 'x y', ''];

describe('plainParam', () => {
  it('reads the bench link and the edge cases as URLSearchParams does', () => {
    const queries = [
      'from=orderlist&dealState=16&dealId=290145600000&orderType=22&skuid=700123456000&shopid=2208881559',
      '', '&', '&&dealId=1', 'dealId', 'dealId=', 'dealId==2', 'deal+Id=3', 'dealId=4+5', 'dealId=6&dealId=7', 'x=1&dealId',
      '=8', '&=9&dealId=10&',
    ];
    for (const q of queries) for (const n of NAMES) expect(plainParam(q, n), `${q} ${n}`).toBe(new URLSearchParams(q).get(n));
  });

  it('agrees with URLSearchParams on random queries', () => {
    const next = mulberry32(0x9a7a);
    for (let i = 0; i < 5_000; i++) {
      let q = '';
      const len = Math.floor(next() * 12);
      for (let j = 0; j < len; j++) q += PIECES[Math.floor(next() * PIECES.length)];
      for (const n of NAMES) expect(plainParam(q, n), `${q} ${n}`).toBe(new URLSearchParams(q).get(n));
    }
  });
});
