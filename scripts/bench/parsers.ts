// Parse time of a realistic 50-order list answer per platform (./parser-payloads.ts), against JSON.parse of the
// same text in the same run. Goal (issue #15): every list parser ≤ 3× JSON.parse. Parser and JSON.parse are
// timed in alternating rounds and each ratio is the median of the rounds' ratios. Both are timed in CPU time of
// this process (process.cpuUsage), not wall time: on a machine shared with other jobs, wall time mostly
// measures when the scheduler lets this process run, and it moved these ratios by 2–3× between runs.
// 21 rounds (7 until issue #15's last session): V8 is still optimising the parsers during the first rounds, and
// with 7 the median of the same code moved between 2.8× and 3.5× from run to run (21: 2.4–2.7×, the quartiles
// of a run within ±0.15). The figure is the warm, steady state; a parser run once in a service worker that
// just started pays the optimisation on top, as JSON.parse (native) does not.
import { median, type Recorder } from './common';
import { benchPayloads } from './parser-payloads';

const ROUNDS = 21;

/** Median CPU ms per call of `fn` over `runs` batches of `inner` calls, after a warm-up. */
function cpuTime(fn: () => void, runs: number, inner = 20): number {
  for (let i = 0; i < 10; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < inner; i++) fn();
    const d = process.cpuUsage(t);
    samples.push((d.user + d.system) / 1000 / inner);
  }
  return median(samples);
}

export function benchParsers(record: Recorder) {
  for (const p of benchPayloads()) {
    const url = new URL(p.url);
    const page = new URL(p.page);
    const out = p.platform.parsePayload(p.body, url, page);
    const orders = out?.orders.length ?? 0;
    const parcels = out?.parcels.length ?? 0;
    const inner = p.body.slice(p.body.indexOf('{'), p.body.lastIndexOf('}') + 1);
    const parses: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const json = cpuTime(() => JSON.parse(inner), 9);
      const parse = cpuTime(() => p.platform.parsePayload(p.body, url, page), 9);
      parses.push(parse);
      ratios.push(parse / json);
    }
    record({
      name: `parse ${p.platform.id} ${p.name} (${orders} orders, ${parcels} parcels read, ${(p.body.length / 1024).toFixed(0)} KiB)`,
      value: median(parses),
      unit: 'ms (CPU)',
      ratio: median(ratios),
      baseline: 'JSON.parse of the same text',
      goal: { on: 'ratio', max: 3 },
    });
  }
}
