// The content script's outbox keeps a message until the background answers it: a failed send (worker
// stopped) is retried with backoff, in order; a refusal is final.
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/capture/outbox';
import { nullUnsafeIntegers } from '../../../src/platforms/shared/json-text';

describe('outbox', () => {
  it('retries a message whose send fails until the background acknowledges it, keeping the order', async () => {
    const delivered: number[] = [];
    let failures = 3;
    const delays: number[] = [];
    const box = createOutbox<number>(
      async (m) => {
        if (failures-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        delivered.push(m);
        return { ok: true };
      },
      { sleep: async (ms) => void delays.push(ms) },
    );
    const replies: number[] = [];
    for (const m of [1, 2, 3]) box.push(m, () => replies.push(m));
    await box.drained();
    expect(delivered).toEqual([1, 2, 3]);
    expect(replies).toEqual([1, 2, 3]);
    expect(delays).toEqual([250, 500, 1000]);
  });

  it('retries when no listener answered or the background hit a transient error; a refusal is final', async () => {
    const answers: unknown[] = [undefined, { ok: false, error: 'internal error: DatabaseClosedError' }, { ok: true }, { ok: false, error: 'invalid capture/batch: orders.0' }];
    const sent: string[] = [];
    const box = createOutbox<string>(async (m) => (sent.push(m), answers.shift()), { sleep: async () => {} });
    const got: unknown[] = [];
    box.push('a', (r) => got.push(r));
    box.push('b', (r) => got.push(r));
    await box.drained();
    expect(sent).toEqual(['a', 'a', 'a', 'b']);
    expect(got).toEqual([{ ok: true }, { ok: false, error: 'invalid capture/batch: orders.0' }]);
  });

  it('gives a message up after maxAttempts failures', async () => {
    let gaveUp = false;
    const box = createOutbox<string>(async () => Promise.reject(new Error('port closed')), { sleep: async () => {}, maxAttempts: 4 });
    box.push('x', undefined, () => (gaveUp = true));
    await box.drained();
    expect(gaveUp).toBe(true);
  });
});

describe('nullUnsafeIntegers', () => {
  it('nulls integers beyond 2^53 outside strings, counts them, and leaves strings and safe numbers', () => {
    const r = nullUnsafeIntegers('{"a":2411221234567890000,"b":"2411221234567890123","c":9007199254740991,"d":[1e+21,-9007199254740993],"e":1.5}');
    expect(r.lost).toBe(3);
    expect(JSON.parse(r.text)).toEqual({ a: null, b: '2411221234567890123', c: 9007199254740991, d: [null, null], e: 1.5 });
    expect(nullUnsafeIntegers('{"x":1}')).toEqual({ text: '{"x":1}', lost: 0 });
  });
});
