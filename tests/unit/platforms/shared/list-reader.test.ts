// The direct list readers of Douyin and Kuaishou (src/platforms/<id>/read-list.ts over shared/list-reader.ts)
// must give exactly what the generic scan gives, or decline so the scan reads the answer: on the bench's 50-order
// lists, on every fixture, on thousands of seeded mutations of the lists (each one either declined or read
// identically), and a changed layout (renamed list key, renamed or missing field) still gives the scan's orders.
import { describe, expect, it } from 'vitest';
import { benchPayloads } from '../../../../scripts/bench/parser-payloads';
import { CARRIER_KEYS, CREATED_KEYS, EVENT_LOCATION_KEYS, EVENT_TEXT_KEYS, EVENT_TIME_KEYS, IMAGE_KEYS, ITEM_CONTAINER_RE, ITEM_ID_KEYS, ITEM_PRICE_KEYS, LOGISTICS_CONTAINER_RE, LOGISTICS_STATUS_KEYS, ORDER_AMOUNT_KEYS, ORDER_ID_KEYS, ORDER_STATUS_KEYS, ORDERISH_RE, PAID_KEYS, QUANTITY_KEYS, SHIPPED_KEYS, SHOP_ID_KEYS, SHOP_NAME_KEYS, SKU_KEYS, TITLE_KEYS, TRACKING_KEYS } from '../../../../src/platforms/shared/candidate-keys';
import * as candidateKeys from '../../../../src/platforms/shared/candidate-keys';
import { createDouyinAdapter } from '../../../../src/platforms/douyin/index';
import { DOUYIN_LIST_LAYOUT, readDouyinList } from '../../../../src/platforms/douyin/read-list';
import { DOUYIN_FACTS } from '../../../../src/platforms/douyin/facts';
import { DOUYIN_RULES } from '../../../../src/platforms/douyin/urls';
import { createKuaishouAdapter } from '../../../../src/platforms/kuaishou/index';
import { KUAISHOU_LIST_LAYOUT, readKuaishouList } from '../../../../src/platforms/kuaishou/read-list';
import { KUAISHOU_FACTS } from '../../../../src/platforms/kuaishou/facts';
import { KUAISHOU_RULES } from '../../../../src/platforms/kuaishou/urls';
import { createGenericAdapter } from '../../../../src/platforms/shared/generic-adapter';
import { parseJsonPreservingIds } from '../../../../src/platforms/shared/json-text';
import { normKey } from '../../../../src/platforms/shared/keys';
import type { ListLayout, ListReader } from '../../../../src/platforms/shared/list-reader';
import { extractOrdersFromJson, type ExtractOptions } from '../../../../src/platforms/shared/scan';
import { kuaishouList } from '../../../fixtures/kuaishou-big';
import { fixtureNames, readFixture } from './fixture-helpers';
import { mulberry32 } from '../../../fixtures/rng';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0);

const PLATFORMS = [
  {
    id: 'douyin' as const,
    reader: readDouyinList,
    layout: DOUYIN_LIST_LAYOUT as ListLayout,
    adapter: createDouyinAdapter({ now: () => NOW }),
    scanOnly: createGenericAdapter(DOUYIN_FACTS, DOUYIN_RULES, { now: () => NOW }),
  },
  {
    id: 'kuaishou' as const,
    reader: readKuaishouList,
    layout: KUAISHOU_LIST_LAYOUT as ListLayout,
    adapter: createKuaishouAdapter({ now: () => NOW }),
    scanOnly: createGenericAdapter(KUAISHOU_FACTS, KUAISHOU_RULES, { now: () => NOW }),
  },
];

const bench = (id: string) => {
  const p = benchPayloads().find((b) => b.platform.id === id);
  if (!p) throw new Error(`no bench payload for ${id}`);
  return p;
};

/** The reader's result, or undefined when it declined (the reason is checked to be a sentence). */
function readWith(reader: ListReader, value: unknown, opts: ExtractOptions) {
  const r = reader(value, opts);
  if ('result' in r) return r.result;
  expect(r.declined).toMatch(/\w/);
  return undefined;
}


const VALUES: unknown[] = [
  '', ' ', '  x ', '0', '-', '暂无', -1, 0, 1.5, 1e21, 2 ** 53 + 1, '¥-1', '¥12.50', '29.999', '12', '2024-02-30 25:61:00', '2024-11-20 10:23:45',
  1732241100, '1732241100000', 1732241100000, '<b>x</b>', '预计11月24日送达', '承诺48小时内发货', '明天送达', '次日达', '送货上门', '取件码 1-2-3456',
  '快件已到达【菜鸟驿站】，请凭取件码 5-6-7890 领取', '退款成功', '退款中', '已发货', '待发货', '交易成功', '交易关闭', '菜鸟驿站', '中通快递', '不认识的快递',
  'SF1234567890123', 'sf1234567890123', '73512345678901', 'XY1234567890', 'YT 7512 3456 7890 1', '１２３４５６７８９０１２', 'x'.repeat(600),
  '{"tracking_no":"JT5261234567890","company_name":"极兔速递"}', '[1]', '\t中通', '//p3-ecom.ecombdimg.com/a.jpg', 'https://evil.example/a.jpg',
  'https://p2.kwaixiaodian.com/a b.jpg', 'a|b', null, true, false, [], {}, [{ name: '颜色', value: '白色' }], [{ time: 1732330800, content: '已揽收' }],
  { desc: '承诺48小时内发货' },
];

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push({ parent: v as Slot['parent'], key: k });
      walk(x);
    }
  };
  walk(root);
  return out;
}

/** Every key of the layout, for renames that stay (mostly) inside it. */
const layoutKeys = (l: ListLayout) => [
  ...l.rootKeys, ...Object.keys(l.rootObjects), l.dataKey, ...l.dataKeys, l.listKey, ...Object.keys(l.order), ...l.noteKeys,
  ...Object.keys(l.item), l.specKeys.name, l.specKeys.value, ...Object.keys(l.logistics), ...Object.keys(l.trace),
];

/** A few value replacements, deletions, duplications, reorderings and renames (to layout keys or others). */
function mutate(value: unknown, seed: number, keysToUse: string[]): unknown {
  const r = mulberry32(seed);
  const root = structuredClone(value);
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const all = slots(root);
    const s = all[Math.floor(r() * all.length)];
    const p = s.parent as Record<string | number, unknown>;
    const kind = Math.floor(r() * 6);
    if (kind === 0 && !Array.isArray(p)) {
      const to = r() < 0.8 ? keysToUse[Math.floor(r() * keysToUse.length)] : ['order_id', 'title', 'name', 'traces', 'after_sale_id', 'code', 'x'][Math.floor(r() * 7)];
      const v = p[s.key];
      delete p[s.key];
      p[to] = v;
    } else if (kind <= 2) p[s.key] = structuredClone(VALUES[Math.floor(r() * VALUES.length)]);
    else if (kind === 3) {
      if (Array.isArray(p)) p.splice(s.key as number, 1);
      else delete p[s.key];
    } else if (kind === 4 && Array.isArray(p)) p.push(structuredClone(p[s.key as number]));
    else if (kind === 4) {
      // the same key moved last: key order decides which promise or service text comes first
      const v = p[s.key];
      delete p[s.key];
      p[s.key] = v;
    } else if (p[s.key] !== null && typeof p[s.key] === 'object') p[s.key] = JSON.stringify(p[s.key]);
  }
  return root;
}

describe.each(PLATFORMS)('$id direct list reader', ({ id, reader, layout, adapter, scanOnly }) => {
  const opts: ExtractOptions = { platform: id, now: NOW };

  it("reads the bench's 50-order list itself, exactly as the scan does", () => {
    const value = parseJsonPreservingIds(bench(id).body);
    const direct = readWith(reader, value, opts);
    expect(direct).toBeDefined();
    expect(direct?.orders).toHaveLength(50);
    expect(direct).toEqual(extractOrdersFromJson(value, opts));
    expect(JSON.stringify(direct)).toBe(JSON.stringify(extractOrdersFromJson(value, opts)));
  });

  it('gives the scan-only adapter output on every fixture, under every URL', () => {
    const p = bench(id);
    for (const name of fixtureNames(id, '.json')) {
      const text = readFixture(id, name);
      for (const u of [p.url, `${p.url}?order_id=6928104417280213501&oid=2411221234567890`]) {
        const url = new URL(u);
        const page = new URL(p.page);
        expect(JSON.stringify(adapter.parsePayload(text, url, page)), name).toBe(JSON.stringify(scanOnly.parsePayload(text, url, page)));
      }
      const value = parseJsonPreservingIds(text);
      const direct = readWith(reader, value, opts);
      if (direct) expect(JSON.stringify(direct), name).toBe(JSON.stringify(extractOrdersFromJson(value, opts)));
    }
  });

  it('on 500 seeded mutations of the bench list: declines, or reads exactly what the scan reads', () => {
    const base = parseJsonPreservingIds(bench(id).body);
    const keysToUse = layoutKeys(layout);
    let read = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const value = mutate(base, seed * 7919, keysToUse);
      const direct = readWith(reader, value, opts);
      if (!direct) continue;
      read++;
      expect(JSON.stringify(direct), `seed ${seed}`).toBe(JSON.stringify(extractOrdersFromJson(value, opts)));
    }
    // Most mutations stay inside the layout: the comparison is not vacuous.
    expect(read).toBeGreaterThan(150);
  }, 180_000);

  it('on bodies made of the mutations, parsePayload equals the scan-only adapter (diagnostics included)', () => {
    const p = bench(id);
    const base = parseJsonPreservingIds(p.body);
    const keysToUse = layoutKeys(layout);
    for (let seed = 1; seed <= 150; seed++) {
      const body = JSON.stringify(mutate(base, seed * 104_729, keysToUse));
      const url = new URL(p.url);
      const page = new URL(p.page);
      expect(JSON.stringify(adapter.parsePayload(body, url, page)), `seed ${seed}`).toBe(JSON.stringify(scanOnly.parsePayload(body, url, page)));
    }
  }, 120_000);

  it('a changed layout (renamed list key, renamed or missing field) is declined and the scan still reads its orders', () => {
    const p = bench(id);
    const url = new URL(p.url);
    const page = new URL(p.page);
    const base = parseJsonPreservingIds(p.body) as Record<string, Record<string, unknown>>;
    const list = () => structuredClone(base.data[layout.listKey]) as Record<string, unknown>[];
    const idKey = Object.keys(layout.order).find((k) => layout.order[k] === 'id') as string;
    const shopKey = Object.keys(layout.order).find((k) => layout.order[k] === 'shopName') as string;

    const renamedList = { ...base, data: { ...base.data, [layout.listKey]: undefined, order_list: list() } };
    const renamedField = { ...base, data: { ...base.data, [layout.listKey]: list().map((o) => ({ ...o, [shopKey]: undefined, store_name: o[shopKey] })) } };
    const missingId = { ...base, data: { ...base.data, [layout.listKey]: list().map((o, i) => (i === 3 ? { ...o, [idKey]: undefined } : o)) } };
    const newField = { ...base, data: { ...base.data, [layout.listKey]: list().map((o) => ({ ...o, order_detail_url: 'https://x/y' })) } };
    for (const [what, changed, reason] of [
      ['renamed list key', renamedList, /unknown key data\.order_list/],
      ['renamed field', renamedField, /unknown order key store_name/],
      ['missing id', missingId, /without a readable id/],
      ['new field', newField, /unknown order key order_detail_url/],
    ] as const) {
      const value = parseJsonPreservingIds(JSON.stringify(changed));
      const r = reader(value, opts);
      expect('declined' in r && r.declined, what).toMatch(reason);
      const body = JSON.stringify(changed);
      const out = adapter.parsePayload(body, url, page);
      expect(JSON.stringify(out), what).toBe(JSON.stringify(scanOnly.parsePayload(body, url, page)));
      // The scan still finds the orders: none lost (the order without an id is the scan's business too).
      expect(out?.orders.length, what).toBeGreaterThanOrEqual(49);
    }
    // Renamed so that nothing reads: the scan's diagnostic, with the shape.
    const unknown = { ...base, data: { ...base.data, [layout.listKey]: undefined, order_list: list().map(() => ({ f1: 'x', f2: 1 })) } };
    const out = adapter.parsePayload(JSON.stringify(unknown), url, page);
    expect(out?.orders).toEqual([]);
    expect(out?.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
    expect(out?.diagnostics[0].shape).toContain('data.order_list[].f1');
  });

  it('each layout key is one the scan reads in that role, and no other key table holds it', () => {
    const tablesByLevel: Record<string, Record<string, readonly string[]>> = {
      order: { id: ORDER_ID_KEYS, shopId: SHOP_ID_KEYS, shopName: SHOP_NAME_KEYS, created: CREATED_KEYS, paid: PAID_KEYS, amount: ORDER_AMOUNT_KEYS, statusText: ORDER_STATUS_KEYS },
      item: { title: TITLE_KEYS, itemId: ITEM_ID_KEYS, sku: SKU_KEYS, quantity: QUANTITY_KEYS, price: ITEM_PRICE_KEYS, image: IMAGE_KEYS },
      logistics: { carrier: CARRIER_KEYS, trackingNo: TRACKING_KEYS, statusText: LOGISTICS_STATUS_KEYS, shipped: SHIPPED_KEYS },
      trace: { time: EVENT_TIME_KEYS, text: EVENT_TEXT_KEYS, location: EVENT_LOCATION_KEYS },
    };
    const allTables = Object.entries(candidateKeys).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));
    const tablesHolding = (k: string) => allTables.filter(([, t]) => t.includes(normKey(k))).map(([n]) => n);
    const check = (level: string, keys: Record<string, string>) => {
      const seen = new Set<string>();
      for (const [k, role] of Object.entries(keys)) {
        // two spellings of one normalized key: the scan would read only the first
        expect(seen.has(normKey(k)), `${level}.${k} normalizes like another key`).toBe(false);
        seen.add(normKey(k));
        const own = tablesByLevel[level][role];
        if (own) expect(own, `${level}.${k} (${role})`).toContain(normKey(k));
        const others = tablesHolding(k).filter((n) => !own || (candidateKeys as Record<string, unknown>)[n] !== own);
        // Tables the scan never asks at this level (checked by hand): an item's pay_amount is also an order
        // amount key, but items are never read as orders; a trace's time/desc/content also appear in tables of
        // parcels and after-sales that the scan reads only off objects that are not trace entries.
        const harmless: Record<string, string[]> = {
          order: ['ITEM_PRICE_KEYS', 'EVENT_TIME_KEYS'],
          item: ['ORDER_AMOUNT_KEYS'],
          trace: ['CREATED_KEYS', 'PARCEL_STATUS_KEYS'],
          logistics: ['PARCEL_STATUS_KEYS'],
        };
        expect(others.filter((n) => !(harmless[level] ?? []).includes(n)), `${level}.${k} is also in`).toEqual([]);
      }
    };
    check('order', layout.order);
    check('item', layout.item);
    check('logistics', layout.logistics);
    check('trace', layout.trace);
    for (const k of [...layout.rootKeys, ...layout.dataKeys, ...layout.noteKeys, ...Object.keys(layout.rootObjects), ...Object.values(layout.rootObjects).flat()]) {
      expect(tablesHolding(k).filter((n) => !(layout.noteKeys.includes(k) && n === 'EVENT_TEXT_KEYS')), k).toEqual([]);
    }
    // Containers: items under item keys, the parcel under a logistics key, and the list under an order-ish key.
    for (const [k, role] of Object.entries(layout.order)) {
      const n = normKey(k);
      expect(ITEM_CONTAINER_RE.test(n), `${k} item container`).toBe(role === 'items' || role === 'item');
      if (role === 'logistics') expect(LOGISTICS_CONTAINER_RE.test(n), k).toBe(true);
    }
    expect(ORDERISH_RE.test(normKey(layout.listKey))).toBe(true);
  });
});

describe('kuaishou direct list reader on a long list', () => {
  it('reads the 2,000-order list of the capture-load tests itself, exactly as the scan does', () => {
    const opts: ExtractOptions = { platform: 'kuaishou', now: NOW };
    const value = parseJsonPreservingIds(kuaishouList(2_000));
    const direct = readWith(readKuaishouList, value, opts);
    expect(direct?.orders).toHaveLength(2_000);
    expect(JSON.stringify(direct)).toBe(JSON.stringify(extractOrdersFromJson(value, opts)));
  });
});
