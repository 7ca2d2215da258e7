// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Property: random mutations of every fixture (deleted keys, changed types, truncated text, numbers and
// strings swapped) never make a parser throw, and whatever comes out keeps the observation invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBatch } from '../../../../src/core/observation-schema';
import { extractAssignedJson, extractJsonParseArg } from '../../../../src/platforms/shared/js-string-literal';
import { parseJsonText } from '../../../../src/platforms/shared/json-text';
import { taobao } from '../../../../src/platforms/taobao/index';
import type { ParseResult } from '../../../../src/platforms/types';
import { docFrom, encodeJsLiteral, expectWellFormed, fixture, fixtureNames, LIST_URL, PAGE_URLS, RESPONSE_URLS } from './helpers';

type Json = unknown;
type Op = 'delete' | 'toString' | 'toNumber' | 'null' | 'truncate' | 'swapContainer' | 'huge' | 'empty' | 'negative';
const OPS: Op[] = ['delete', 'toString', 'toNumber', 'null', 'truncate', 'swapContainer', 'huge', 'empty', 'negative'];

/** Every [container, key] pair in a JSON value. */
function slots(root: Json): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k]);
        walk(x);
      }
    }
  };
  walk(root);
  return out;
}

function mutate(root: Json, picks: [number, number][]): Json {
  const copy = structuredClone(root);
  for (const [slotPick, opPick] of picks) {
    const all = slots(copy);
    if (!all.length) break;
    const [container, key] = all[slotPick % all.length];
    const c = container as Record<string | number, unknown>;
    const v = c[key];
    switch (OPS[opPick % OPS.length]) {
      case 'delete':
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete c[key];
        break;
      case 'toString':
        c[key] = typeof v === 'object' ? JSON.stringify(v) : String(v);
        break;
      case 'toNumber':
        c[key] = typeof v === 'string' ? Number(v.replace(/[^\d.]/g, '')) || v.length : typeof v === 'number' ? v : Number('4861628750601004803'); // an id past 2^53, as JSON.parse rounds it
        break;
      case 'null':
        c[key] = null;
        break;
      case 'truncate':
        c[key] = typeof v === 'string' ? v.slice(0, v.length >> 1) : v;
        break;
      case 'swapContainer':
        c[key] = Array.isArray(v) ? Object.assign({}, v) : v && typeof v === 'object' ? Object.values(v) : [v];
        break;
      case 'huge':
        c[key] = typeof v === 'string' ? '9'.repeat(400) : 1e308;
        break;
      case 'empty':
        c[key] = typeof v === 'string' ? '   ' : Array.isArray(v) ? [] : {};
        break;
      case 'negative':
        c[key] = typeof v === 'number' ? -v - 1 : `-${String(v)}`;
        break;
    }
  }
  return copy;
}

const picksArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 });
const cutArb = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined });
const cut = (s: string, at: number | undefined) => (at === undefined ? s : s.slice(0, Math.floor(s.length * at)));

/** The JSON embedded in an HTML fixture, and how to put a changed copy back. */
function embedded(html: string): { json: Json; rebuild: (j: Json) => string } | undefined {
  const jsonParse = /var data = JSON\.parse\('([\s\S]*?)'\);/.exec(html);
  if (jsonParse) {
    const json = JSON.parse(extractJsonParseArg(html, 'data')!);
    return { json, rebuild: (j) => html.replace(jsonParse[0], () => `var data = JSON.parse('${encodeJsLiteral(JSON.stringify(j))}');`) };
  }
  for (const [marker, re] of [
    ['var detailData = ', 'detailData'],
    ["window['__ICE_SUSPENSE_LOADER__']['undefined'] = ", /__ICE_SUSPENSE_LOADER__'\]\['undefined'\] = /],
  ] as const) {
    const literal = extractAssignedJson(html, re);
    if (literal && html.includes(marker)) {
      return { json: JSON.parse(literal), rebuild: (j) => html.replace(literal, () => JSON.stringify(j).replace(/</g, '\\u003c')) };
    }
  }
  return undefined;
}

/** Well-formed, and no parser crashed internally (the guard turns a throw into an 'error' diagnostic). */
function check(r: ParseResult | null): void {
  expectWellFormed(r);
  if (!r) return;
  expect(r.diagnostics.filter((d) => d.kind === 'error' && /parser failed|dispatch failed/.test(d.message))).toEqual([]);
  // The background would reject the whole batch otherwise.
  const batch = { platform: 'taobao', source: r.source, url: 'https://buyertrade.taobao.com/', observedAt: 1731000000000, orders: r.orders, parcels: r.parcels };
  expect(validateBatch(batch)).toMatchObject({ ok: true });
}

const htmlFixtures = fixtureNames().filter((n) => n.endsWith('.html'));
const payloadFixtures = fixtureNames().filter((n) => /\.jsonp?$/.test(n));

describe('every fixture is covered', () => {
  it('each fixture has a URL in the helpers', () => {
    for (const n of htmlFixtures) expect(PAGE_URLS[n], n).toBeDefined();
    for (const n of payloadFixtures) expect(RESPONSE_URLS[n], n).toBeDefined();
  });
  it('embedded data is found and an unchanged rebuild parses the same (the mutations reach the parser)', () => {
    for (const n of ['list-legacy-page1.html', 'detail-taobao-multi-package.html', 'detail-tmall.html', 'logistics-h5-ssr.html']) {
      const data = embedded(fixture(n))!;
      expect(data, n).toBeDefined();
      const url = new URL(PAGE_URLS[n]);
      const before = taobao.parseDocument(docFrom(fixture(n)), url);
      expect(before.orders.length + before.parcels.length, n).toBeGreaterThan(0);
      expect(taobao.parseDocument(docFrom(data.rebuild(data.json)), url), n).toEqual(before);
    }
  });
});

describe.each(payloadFixtures)('mutated payload %s', (name) => {
  const text = fixture(name);
  const wrapper = /^(\/\*\*\/)?\s*(mtopjsonp\d+)\(/.exec(text);
  const json = parseJsonText(text);
  const inner = typeof (json as { data?: { result?: unknown } })?.data?.result === 'string';

  it('never throws; output stays well-formed', () => {
    fc.assert(
      fc.property(picksArb, cutArb, fc.boolean(), (picks, at, mutateInner) => {
        let root = mutate(json, picks);
        // data.result is JSON inside a string: mutate that layer too.
        if (inner && mutateInner) {
          const r = root as { data?: { result?: unknown } };
          const parsed = typeof r?.data?.result === 'string' ? parseJsonText(r.data.result) : undefined;
          if (parsed !== undefined) r.data!.result = JSON.stringify(mutate(parsed, picks.slice().reverse()));
          root = r;
        }
        let body = JSON.stringify(root);
        if (wrapper) body = `${wrapper[1] ?? ''}${wrapper[2]}(${body})`;
        body = cut(body, at);
        check(taobao.parsePayload(body, RESPONSE_URLS[name], LIST_URL));
      }),
      { numRuns: 150 },
    );
  });
});

describe.each(htmlFixtures)('mutated page %s', (name) => {
  const html = fixture(name);
  const url = new URL(PAGE_URLS[name]);
  const data = embedded(html);

  it('never throws; output stays well-formed (embedded data mutated)', () => {
    fc.assert(
      fc.property(picksArb, (picks) => {
        const page = data ? data.rebuild(mutate(data.json, picks)) : html;
        check(taobao.parseDocument(docFrom(page), url));
      }),
      { numRuns: data ? 60 : 5 },
    );
  });

  it('never throws on truncated or spliced page text', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), fc.nat({ max: 400 }), (at, from, len) => {
        const truncated = cut(html, at);
        const start = from % Math.max(1, html.length);
        const spliced = html.slice(0, start) + html.slice(start + len);
        check(taobao.parseDocument(docFrom(truncated), url));
        check(taobao.parseDocument(docFrom(spliced), url));
      }),
      { numRuns: 25 },
    );
  });
});

describe('arbitrary text', () => {
  it('parsePayload and parseDocument survive any string', () => {
    const urls = Object.values(RESPONSE_URLS);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(), (s, i) => {
        check(taobao.parsePayload(s, urls[i % urls.length], LIST_URL));
        check(taobao.parseDocument(docFrom(s), new URL(Object.values(PAGE_URLS)[i % htmlFixtures.length])));
      }),
      { numRuns: 200 },
    );
  });
});
