// Shared helpers for the benchmarks in scripts/bench/*.ts (run by scripts/bench.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const fixture = (p: string) => readFileSync(resolve(root, 'tests/fixtures', p), 'utf8');

/** A figure's goal: `max` is the most `value` (or `ratio`) may be, `min` the least (accuracy figures). */
export interface Goal {
  on: 'value' | 'ratio';
  max?: number;
  min?: number;
}

/** One figure. `ratio` compares `value` with `baseline`, measured in the same run. `met` is filled in from
 * `goal` when the figure is recorded (scripts/bench.ts); figures without a goal have neither. */
export interface Result {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
  baseline?: string;
  goal?: Goal;
  met?: boolean;
}

/** Did `r` meet its goal? undefined when it has none (or the compared number is missing). */
export function goalMet(r: Result): boolean | undefined {
  if (!r.goal) return undefined;
  const x = r.goal.on === 'ratio' ? r.ratio : r.value;
  if (x === undefined || !Number.isFinite(x)) return false;
  return (r.goal.max === undefined || x <= r.goal.max) && (r.goal.min === undefined || x >= r.goal.min);
}

export const describeGoal = (r: Result): string => {
  if (!r.goal) return '';
  const what = r.goal.on === 'ratio' ? 'ratio' : 'value';
  const unit = r.goal.on === 'ratio' ? '×' : ` ${r.unit}`;
  return [r.goal.min !== undefined ? `${what} ≥ ${r.goal.min}${unit}` : '', r.goal.max !== undefined ? `${what} ≤ ${r.goal.max}${unit}` : '']
    .filter(Boolean)
    .join(', ');
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function time(fn: () => void, runs = 30, inner = 5): number {
  for (let i = 0; i < 5; i++) fn(); // warm up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push((performance.now() - t) / inner);
  }
  return median(samples);
}

export type Recorder = (r: Result) => void;
