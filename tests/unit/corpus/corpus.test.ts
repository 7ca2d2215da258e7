// Accuracy on real public inputs (tests/corpus, sources in tests/corpus/SOURCES.md): each set must stay at or
// above its goal. The report (per set, per carrier / status / brand, and every miss) is printed so a failure
// says what went wrong.
import { describe, expect, it } from 'vitest';
import { corpus, report, scoreAll } from '../../corpus/score';

const scores = scoreAll();
console.log(report(scores));

describe('real-input corpus', () => {
  it('has the promised size and sources on every case', () => {
    const all = [...corpus.numbers, ...corpus.events, ...corpus.sms, ...corpus.negatives];
    expect(all.every((c) => typeof c.src === 'string' && c.src.length > 4)).toBe(true);
    expect(corpus.events.length).toBeGreaterThanOrEqual(300);
  });

  for (const [id, s] of Object.entries(scores)) {
    if (s.goal === undefined) continue;
    it(`${id}: ${s.name} ≥ ${(s.goal * 100).toFixed(0)} %`, () => {
      expect(s.rate, s.misses.join('\n')).toBeGreaterThanOrEqual(s.goal!);
    });
  }
});
