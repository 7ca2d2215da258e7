// Scores the real-input corpus (tests/corpus/*.json, sources in SOURCES.md) against the core parsers.
// Shared by the corpus test (tests/unit/corpus) and the bench (scripts/bench/accuracy.ts). Pure.
import { autoCarrier, detectCarriers, findTrackingNumbers } from '../../src/core/tracking-number';
import { eventStatus, statusFromEventText, statusFromKuaidi100State } from '../../src/core/status';
import { extractPickupCodes } from '../../src/core/pickup-code';
import type { ParcelStatus } from '../../src/core/model';
import numbers from './tracking-numbers.json';
import events from './events.json';
import sms from './pickup-sms.json';
import negatives from './negatives.json';

export interface NumberCase {
  no: string;
  carrier: string;
  /** The carrier name or code the source writes beside the number (kuaidi100 `com`, 快递鸟 ShipperCode, 中文名). */
  name?: string;
  src: string;
}
export interface EventCase {
  text: string;
  status: ParcelStatus;
  /** The service's own per-event code, when the source gives one. */
  code?: { scheme: string; value: string };
  src: string;
}
export interface SmsCase {
  text: string;
  codes: string[];
  brand?: string;
  src: string;
}
export interface NegativeCase {
  text: string;
  sender?: string;
  src: string;
}

export const corpus = {
  numbers: numbers as NumberCase[],
  events: events as EventCase[],
  sms: sms as SmsCase[],
  negatives: negatives as NegativeCase[],
};

export interface Tally {
  size: number;
  right: number;
}
export interface SetScore extends Tally {
  /** What is measured, in words. */
  name: string;
  rate: number;
  /** Goal the corpus test holds the set to (fraction); absent = reported only. */
  goal?: number;
  misses: string[];
  by?: Record<string, Tally>;
}

const score = (name: string, results: { ok: boolean; key?: string; miss: string }[], goal?: number): SetScore => {
  const by: Record<string, Tally> = {};
  for (const r of results) {
    if (!r.key) continue;
    by[r.key] ??= { size: 0, right: 0 };
    by[r.key].size++;
    if (r.ok) by[r.key].right++;
  }
  const right = results.filter((r) => r.ok).length;
  return {
    name,
    size: results.length,
    right,
    rate: results.length ? right / results.length : 1,
    ...(goal !== undefined ? { goal } : {}),
    misses: results.filter((r) => !r.ok).map((r) => r.miss),
    ...(Object.keys(by).length ? { by } : {}),
  };
};

const LABELLED = /运单号|快递单号|单号/;

const show = (cands: { carrier: string; confidence: string }[]) =>
  cands.map((c) => `${c.carrier}:${c.confidence}`).join(' ') || '(none)';

export function scoreAll(): Record<string, SetScore> {
  const { numbers: nums, events: evs, sms: msgs, negatives: negs } = corpus;

  const numbersAuto = score(
    'tracking number (+ the name the source writes) → carrier picked automatically',
    nums.map((c) => {
      const cands = detectCarriers(c.no, c.name);
      return { ok: autoCarrier(cands) === c.carrier, key: c.carrier, miss: `${c.no} [${c.name ?? ''}] want ${c.carrier}, got ${show(cands)}` };
    }),
    0.97,
  );
  const numbersOffered = score(
    'tracking number alone → right carrier among the candidates',
    nums.map((c) => {
      const cands = detectCarriers(c.no);
      return { ok: cands.some((x) => x.carrier === c.carrier), key: c.carrier, miss: `${c.no} want ${c.carrier}, got ${show(cands)}` };
    }),
    0.97,
  );
  const numbersTop = score(
    'tracking number alone → right carrier ranked first',
    nums.map((c) => {
      const cands = detectCarriers(c.no);
      return { ok: cands[0]?.carrier === c.carrier, key: c.carrier, miss: `${c.no} want ${c.carrier}, got ${show(cands)}` };
    }),
  );

  const eventsText = score(
    'event line → status',
    evs.map((e) => {
      const got = statusFromEventText(e.text);
      return { ok: got === e.status, key: e.status, miss: `want ${e.status}, got ${got}: ${e.text}` };
    }),
    0.97,
  );
  const withK100 = evs.filter((e) => e.code?.scheme === 'kuaidi100');
  const eventsCoded = score(
    'event line + kuaidi100 per-event status → status',
    withK100.map((e) => {
      const got = eventStatus({ time: 0, text: e.text, status: statusFromKuaidi100State(e.code!.value) });
      return { ok: got === e.status, key: e.status, miss: `want ${e.status}, got ${got} (code ${e.code!.value}): ${e.text}` };
    }),
  );

  const sameCodes = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const pickup = score(
    'pickup SMS / notification → the right code(s)',
    msgs.map((m) => {
      const got = extractPickupCodes(m.text).codes;
      const want = m.codes.map((c) => c.toUpperCase());
      return { ok: sameCodes(got, want), key: m.brand ?? '(none)', miss: `want ${want.join(',')}, got ${got.join(',') || '(none)'}: ${m.text}` };
    }),
    0.97,
  );

  const nothing = score(
    'texts that must yield no pickup code and no tracking number',
    negs.map((n) => {
      const codes = extractPickupCodes(n.text).codes;
      // A number the text itself labels (单号 …) is a fair find; anything else is a false one.
      const found = LABELLED.test(n.text) ? [] : findTrackingNumbers(n.text).map((f) => f.trackingNo);
      return { ok: !codes.length && !found.length, miss: `codes ${codes.join(',')} numbers ${found.join(',')}: ${n.text}` };
    }),
    0.97,
  );

  return { numbersAuto, numbersOffered, numbersTop, eventsText, eventsCoded, pickup, nothing };
}

/** Plain-text report: one line per set, the per-key breakdown, then the misses. */
export function report(scores: Record<string, SetScore>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines: string[] = [];
  for (const [id, s] of Object.entries(scores)) {
    lines.push(`${id}: ${s.right}/${s.size} = ${pct(s.rate)}${s.goal !== undefined ? ` (goal ${pct(s.goal)})` : ''} — ${s.name}`);
    if (s.by) {
      const parts = Object.entries(s.by)
        .sort((a, b) => b[1].size - a[1].size)
        .map(([k, t]) => `${k} ${t.right}/${t.size}`);
      lines.push(`  by key: ${parts.join(', ')}`);
    }
    for (const m of s.misses) lines.push(`  miss: ${m}`);
  }
  return lines.join('\n');
}
