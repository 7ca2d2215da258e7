// @vitest-environment happy-dom
// Property: random mutations of every Douyin / Kuaishou fixture never make a parser throw, and whatever is
// emitted still has non-empty ids / numbers, integer money and times, and passes the batch schemas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDouyinAdapter } from '../../../../src/platforms/douyin/index';
import { createKuaishouAdapter } from '../../../../src/platforms/kuaishou/index';
import { extractOrdersFromJson } from '../../../../src/platforms/shared/scan';
import type { PlatformAdapter } from '../../../../src/platforms/types';
import { fixtureNames, htmlDocument, invariantProblems, readFixture } from './fixture-helpers';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0);
const PLATFORMS: [string, PlatformAdapter, URL, URL][] = [
  [
    'douyin',
    createDouyinAdapter({ now: () => NOW }),
    new URL('https://haohuo.jinritemai.com/aweme/v1/commerce/order/newList/?page=1'),
    new URL('https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213501'),
  ],
  [
    'kuaishou',
    createKuaishouAdapter({ now: () => NOW }),
    new URL('https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list?oid=2411221234567890'),
    new URL('https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=2411221234567890'),
  ],
];

/** Keys the extractor looks for: renaming into them is the interesting mutation. */
const KEYS = [
  'order_id', 'orderId', 'oid', 'shop_order_id', 'tracking_no', 'expressNo', 'mail_no', 'logistics_code', 'company_name',
  'expressCompanyName', 'product_name', 'title', 'name', 'img', 'pay_amount', 'price', 'combo_num', 'create_time',
  'pay_time', 'status_desc', 'after_sale_id', 'return_logistics', 'traces', 'time', 'content', 'pickup_code', 'code',
  'order_ids', 'package_list', 'product_item', '__proto__', 'constructor',
];

/** Values that stress the readers: huge/negative/float numbers, ids past 2^53, HTML, labels, long text. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '', ' ', '0', '-', '暂无', 'NaN', 'Infinity', -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER, Number('6928104417280213502'), 2 ** 53 + 1,
    '¥-1', '¥99999999999', '29.999', '2024-02-30 25:61:00', '9999-12-31', 1e11 - 1, '<script>alert(1)</script>',
    '预计13月45日送达', '承诺999小时内发货', '取件码 1-2-3456', '退款成功', '菜鸟驿站', '中通快递', 'SF1234567890123',
    '73512345678901', 'x'.repeat(5_000), '{"tracking_no":"JT5261234567890"}', '[[[[[[[[[[]]]]]]]]]]', 'https://evil.example/a.jpg',
    '//p3-ecom.ecombdimg.com/a.jpg', 'javascript:alert(1)',
  ),
);

type Op =
  | { kind: 'delete' | 'stringify' | 'duplicate' | 'nest' | 'cycle'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'rename'; at: number; key: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'stringify', 'duplicate', 'nest', 'cycle'), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: nasty }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })) }),
) as fc.Arbitrary<Op>;

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      if (seen.has(v)) return;
      seen.add(v);
    }
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
  };
  walk(root);
  return out;
}

/** Apply mutations in place; returns whether a cycle was made (then the value cannot be stringified). */
function mutate(root: Record<string, unknown>, ops: Op[]): boolean {
  let cyclic = false;
  for (const o of ops) {
    const all = slots(root);
    if (!all.length) return cyclic;
    const { parent, key } = all[o.at % all.length];
    const p = parent as Record<string | number, unknown>;
    const current = p[key];
    switch (o.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete p[key];
        break;
      case 'replace':
        p[key] = o.value;
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          delete p[key];
          Object.defineProperty(p, o.key, { value: current, enumerable: true, writable: true, configurable: true });
        }
        break;
      case 'stringify':
        if (!cyclic) p[key] = JSON.stringify(current) ?? null;
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current));
        else p[`${String(key)}_copy`] = cyclic ? current : structuredClone(current);
        break;
      case 'nest':
        p[key] = { data: { list: [current] } };
        break;
      case 'cycle':
        p[key] = root;
        cyclic = true;
        break;
    }
  }
  return cyclic;
}

// PROPERTY_RUNS=2000 for a longer local run.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const TIMEOUT = Math.max(15_000, RUNS * 30);

describe.each(PLATFORMS)('%s fixtures under mutation', (platform, adapter, responseUrl, pageUrl) => {
  it.each(fixtureNames(platform, '.json'))('%s: structural mutations', (name) => {
    const original = JSON.parse(readFixture(platform, name)) as Record<string, unknown>;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
        const value = structuredClone(original);
        const cyclic = mutate(value, ops);
        const direct = extractOrdersFromJson(value, { platform: platform as 'douyin', now: NOW });
        expect(invariantProblems(direct)).toEqual([]);
        if (!cyclic) {
          const r = adapter.parsePayload(JSON.stringify(value), responseUrl, pageUrl);
          if (r) expect(invariantProblems(r)).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it.each(fixtureNames(platform, '.json'))('%s: text mutations', (name) => {
    const text = readFixture(platform, name);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(200), fc.string({ maxLength: 20 }), (at, cut, insert) => {
        const body = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
        const r = adapter.parsePayload(body, responseUrl, pageUrl);
        if (r) expect(invariantProblems(r)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  const SNIPPETS = [
    '运单号：', '快递公司：', '中通快递 ', '73512345678901', 'SF1234567890123', '订单号：', '6928104417280213599', '取件码 ',
    '</div>', '<div>', '<script>', '</script>', '<dt>', '<dd>', '%7B', '{', '}', '"', 'undefined', '实付款 ¥', '下单时间：2099-',
  ];
  it.each(fixtureNames(platform, '.html'))('%s: HTML mutations', (name) => {
    const html = readFixture(platform, name);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(html.length), cut: fc.nat(120), insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 10 })) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (edits) => {
          let doc = html;
          for (const e of edits) doc = doc.slice(0, e.at % (doc.length + 1)) + e.insert + doc.slice((e.at % (doc.length + 1)) + e.cut);
          const r = adapter.parseDocument(htmlDocument(doc), pageUrl);
          expect(invariantProblems(r)).toEqual([]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, TIMEOUT);
});
