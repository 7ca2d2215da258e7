// Shared pieces of the fuzz tests: mutations of real fixtures (JSON trees and text), and the invariants a
// database built from whatever got through must hold.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { backupToJson, createBackup, validateBackup } from '../../../src/core/backup';
import type { MemoryMergeState } from '../../../src/core/merge';

// Plain paths: happy-dom replaces the global URL, which node:fs does not accept.
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const fixtureText = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');
export const fixtureList = (dir: string, re: RegExp) => readdirSync(join(FIXTURES, dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`);

/** The whole fuzz suite should take well under 30 s; FC_RUNS overrides for a longer local hunt. */
export const runs = (n: number) => ({ numRuns: Number(process.env.FC_RUNS ?? n) });

/** A property runs synchronously for all its runs: on a busy machine the default 5 s test timeout failed
 * passing runs, and a longer FC_RUNS hunt needs longer still. Speed goals belong in the bench. */
export const FUZZ_TIMEOUT = 60_000 * Math.max(1, Math.ceil(Number(process.env.FC_RUNS ?? 0) / 300));

const HUGE = 'x'.repeat(200_000);
/** Values that break readers: wrong types, extremes, HTML, huge text, lookalike data. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    null, '', ' ', '0', -1, 0, 1.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, true, false, [], {}, [[[]]],
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', HUGE, '取件码 1-2-3456', '73100059800035', 'SF1385628716739',
    '2024-02-30 25:61:00', '9999-12-31', 'javascript:alert(1)', 'https://evil.example/a.jpg', '\u0000\uffff\ud800', '__proto__',
    { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } },
  ),
);

type Json = unknown;
type Slot = { parent: Record<string, Json> | Json[]; key: string | number };

function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (x: Json, depth: number) => {
    if (depth > 40 || !x || typeof x !== 'object') return;
    for (const k of Array.isArray(x) ? x.keys() : Object.keys(x)) {
      out.push({ parent: x as Record<string, Json>, key: k });
      walk((x as Record<string | number, Json>)[k], depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export type Mutation =
  | { kind: 'delete' | 'stringify' | 'truncate' | 'emptyArray' | 'proto'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'rename'; at: number; key: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'stringify', 'truncate', 'emptyArray', 'proto'), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: nasty }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'orderId', 'trackingNo', 'key'), fc.string({ maxLength: 8 })) }),
) as fc.Arbitrary<Mutation>;

/** Apply mutations to a deep copy of `tree` (JSON). `proto` adds an own "__proto__" key as JSON.parse would. */
export function mutate(tree: Json, ms: Mutation[]): Json {
  const root = { v: structuredClone(tree) } as Record<string, Json>;
  for (const m of ms) {
    const all = slots(root);
    if (!all.length) break;
    const { parent, key } = all[m.at % all.length];
    const p = parent as Record<string | number, Json>;
    const cur = p[key];
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete p[key];
        break;
      case 'stringify':
        p[key] = JSON.stringify(cur) ?? 'undefined';
        break;
      case 'truncate':
        p[key] = typeof cur === 'string' ? cur.slice(0, cur.length >> 1) : Array.isArray(cur) ? cur.slice(0, cur.length >> 1) : cur;
        break;
      case 'emptyArray':
        p[key] = [];
        break;
      case 'proto':
        if (cur && typeof cur === 'object' && !Array.isArray(cur)) Object.defineProperty(cur, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        break;
      case 'replace':
        p[key] = structuredClone(m.value);
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          delete p[key];
          Object.defineProperty(parent, m.key, { value: cur, enumerable: true, configurable: true, writable: true });
        }
        break;
    }
  }
  return root.v;
}

/** Text-level damage: cut the text, splice garbage in, or repeat a piece. */
export const textDamage = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('"}]', '{"__proto__":{"x":1}}', '<script>', '\u0000', HUGE.slice(0, 50_000))) }),
);

export type TextDamage = { kind: 'cut' | 'splice'; at: number; text?: string };

export function damage(text: string, d: TextDamage): string {
  const i = Math.floor(d.at * text.length);
  return d.kind === 'cut' ? text.slice(0, i) : text.slice(0, i) + (d.text ?? '') + text.slice(i);
}

/** Nothing may have reached Object.prototype. */
export function notPolluted(): boolean {
  return ({} as Record<string, unknown>).polluted === undefined && (Object.prototype as Record<string, unknown>).polluted === undefined;
}

/**
 * What a database built by merging must always hold: every record passes the backup schema (so an export
 * can be restored), parcel ↔ order links point both ways at rows that exist, one parcel per
 * carrier + tracking number, and every event belongs to a parcel.
 */
export function stateProblems(s: MemoryMergeState, now: number): string[] {
  const problems: string[] = [];
  const events = s.allEvents();
  const v = validateBackup(backupToJson(createBackup([...s.orders.values()], [...s.parcels.values()], events, now)));
  if (!v.ok) problems.push(`export does not validate: ${v.error}`);
  const seen = new Set<string>();
  for (const p of s.parcels.values()) {
    const id = `${p.carrier}|${p.trackingNo}`;
    if (seen.has(id)) problems.push(`duplicate parcel ${id}`);
    seen.add(id);
    for (const ok of p.orderKeys) {
      const o = s.orders.get(ok);
      if (!o) problems.push(`parcel ${p.key} → missing order ${ok}`);
      else if (!o.parcelKeys.includes(p.key)) problems.push(`order ${ok} does not link back to ${p.key}`);
    }
  }
  for (const o of s.orders.values()) {
    for (const pk of o.parcelKeys) {
      const p = s.parcels.get(pk);
      if (!p) problems.push(`order ${o.key} → missing parcel ${pk}`);
      else if (!p.orderKeys.includes(o.key)) problems.push(`parcel ${pk} does not link back to ${o.key}`);
    }
  }
  for (const e of events) if (!s.parcels.has(e.parcelKey)) problems.push(`event of missing parcel ${e.parcelKey}`);
  return problems;
}
