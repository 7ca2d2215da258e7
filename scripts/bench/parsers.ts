// Parse time of a realistic 50-order list answer per platform (./parser-payloads.ts), against JSON.parse of the
// same text in the same run. Goal (issue #15): every list parser ≤ 3× JSON.parse. Parser and JSON.parse are
// timed in alternating rounds and each ratio is the median of the rounds' ratios, so load from other jobs
// shifts both sides alike.
import { median, time, type Recorder } from './common';
import { benchPayloads } from './parser-payloads';

const ROUNDS = 7;

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
      const json = time(() => JSON.parse(inner), 15);
      const parse = time(() => p.platform.parsePayload(p.body, url, page), 15);
      parses.push(parse);
      ratios.push(parse / json);
    }
    record({
      name: `parse ${p.platform.id} ${p.name} (${orders} orders, ${parcels} parcels read, ${(p.body.length / 1024).toFixed(0)} KiB)`,
      value: median(parses),
      unit: 'ms',
      ratio: median(ratios),
      baseline: 'JSON.parse of the same text',
      goal: { on: 'ratio', max: 3 },
    });
  }
}
