// Accuracy on the real-input corpus (tests/corpus): one figure per set, in percent, with the corpus size in its
// name, so a change that lowers the carrier / status / pickup-code accuracy shows. Node only, no timing.
import { scoreAll } from '../../tests/corpus/score';
import type { Recorder } from './common';

export function benchAccuracy(record: Recorder) {
  for (const [id, s] of Object.entries(scoreAll())) {
    record({
      name: `accuracy ${id}: ${s.name} (corpus of ${s.size} real cases)`,
      value: s.rate * 100,
      unit: '%',
      ...(s.goal !== undefined ? { goal: { on: 'value' as const, min: s.goal * 100 } } : {}),
    });
  }
}
