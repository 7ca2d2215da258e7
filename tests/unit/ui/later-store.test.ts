// laterStore: the popup's all-rows store, whose code loads after the first screen is painted.
import { describe, expect, it } from 'vitest';
import { laterStore, type LiveStore } from '../../../src/ui/hooks/use-live-query';

function plainStore<T>(v: T): LiveStore<T> & { set(v: T): void } {
  const fns = new Set<(v: T) => void>();
  return {
    get: () => v,
    set(n) {
      v = n;
      for (const fn of fns) fn(n);
    },
    subscribe(fn) {
      fns.add(fn);
      return () => fns.delete(fn);
    },
  };
}

describe('laterStore', () => {
  it('answers the initial value until the store arrives, then its value and every later change', async () => {
    let arrive!: (s: LiveStore<number>) => void;
    const s = laterStore(new Promise<LiveStore<number>>((r) => (arrive = r)), -1);
    const seen: number[] = [];
    s.subscribe((v) => seen.push(v));
    expect(s.get()).toBe(-1);
    const inner = plainStore(1);
    arrive(inner);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.get()).toBe(1);
    inner.set(2);
    expect(s.get()).toBe(2);
    expect(seen).toEqual([1, 2]);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const inner = plainStore('a');
    const s = laterStore(Promise.resolve(inner), '');
    const seen: string[] = [];
    const off = s.subscribe((v) => seen.push(v));
    await new Promise((r) => setTimeout(r, 0));
    off();
    inner.set('b');
    expect(seen).toEqual(['a']);
    expect(s.get()).toBe('b');
  });
});
