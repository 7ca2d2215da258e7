// @vitest-environment happy-dom
// Exact output of every platform parser, kept as golden files: every fixture (as a payload under each of its
// platform's response URLs, and as a page under each page URL), the bench's 50-order lists, and seeded
// mutations of every JSON fixture (outputs hashed). A change to what any parser emits fails here, so parser
// rewrites for speed (issue #15) must prove they read exactly what the old code read. Refresh with
// `npx vitest run --project unit tests/unit/platforms/golden.test.ts -u` only for an intended change of output.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDouyinAdapter } from '../../../src/platforms/douyin/index';
import { jd } from '../../../src/platforms/jd/index';
import { createKuaishouAdapter } from '../../../src/platforms/kuaishou/index';
import { pdd } from '../../../src/platforms/pdd/index';
import { taobao } from '../../../src/platforms/taobao/index';
import { FETCHED_FOLLOW_UPS, type ContentAdapter, type PlatformAdapter } from '../../../src/platforms/types';
import { benchPayloads } from '../../../scripts/bench/parser-payloads';
import { fixtureNames, htmlDocument, readFixture } from './shared/fixture-helpers';
import { mulberry32 } from '../../fixtures/rng';

const NOW = Date.UTC(2024, 10, 25, 4, 0, 0);
// Plain paths: happy-dom replaces the global URL, which node:fs does not accept.
const PLATFORMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../src/platforms');

interface Case {
  adapter: PlatformAdapter;
  responses: string[];
  pages: string[];
}

const CASES: Record<string, Case> = {
  taobao: {
    adapter: taobao,
    responses: [
      'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=jsonp&callback=mtopjsonp3',
      'https://buyertrade.taobao.com/trade/itemlist/asyncBought.htm?action=itemlist/BoughtQueryAction',
      'https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=3961847200516880417',
      'https://h5api.m.taobao.com/h5/mtop.taobao.logistics.detailorlist.query/1.0/',
      'https://h5api.m.taobao.com/h5/mtop.taobao.order.query.detail/1.0/',
      'https://h5api.m.taobao.com/h5/mtop.taobao.other.thing/1.0/',
    ],
    pages: [
      'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
      'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4107721093356402117',
      'https://pages-g.m.taobao.com/wow/z/app/mtb/logisticsV2/h5-detail?x-ssr=true&bizOrderId=4102387766512009341',
      'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917360&disputeId=208811223344556677&type=1',
      'https://refund2.taobao.com/dispute/buyerDisputeList.htm?type=1&disputeType=1',
    ],
  },
  douyin: {
    adapter: createDouyinAdapter({ now: () => NOW }),
    responses: [
      'https://haohuo.jinritemai.com/aweme/v1/commerce/order/newList/?page=1',
      'https://haohuo.jinritemai.com/ecom/aftersale/list?page=1',
      'https://haohuo.jinritemai.com/ecom/logistics/detail?order_id=6928104417280213502',
    ],
    pages: [
      'https://haohuo.jinritemai.com/views/order/list',
      'https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213501',
    ],
  },
  kuaishou: {
    adapter: createKuaishouAdapter({ now: () => NOW }),
    responses: [
      'https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list?oid=2411221234567890',
      'https://app.kwaixiaodian.com/rest/app/grocery/order/list',
      'https://app.kwaixiaodian.com/rest/app/grocery/logistics/detail?oid=2411221234567891',
      'https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list',
    ],
    pages: [
      'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list',
      'https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=2411221234567890',
      'https://app.kwaixiaodian.com/page/kwaishop-buyer-logistics-detail?oid=2411221234567891',
    ],
  },
  jd: {
    adapter: jd,
    responses: [
      'https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core&callback=jsonpCBKA',
      'https://order.jd.com/lazy/getOrderTrackInfoMultiPackage.action?pin=x&orderId=290145678906&orderType=22&orderStatus=15&callback=jQuery1830123456_1732500000000',
    ],
    pages: [
      'https://order.jd.com/center/list.action',
      'https://trade.m.jd.com/order/orderlist_jdm.shtml?orderType=all',
      'https://details.jd.com/normal/item.action?orderid=290145678906&PassKey=X',
      'https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=290145678902&orderType=22&skuid=10087654321&shopid=10012345',
      'https://myjd.jd.com/afs/indexNew.action?entry=1',
      'https://myjd.jd.com/afs/view/detailById.action?afsServiceId=1400000021',
    ],
  },
  pdd: {
    adapter: pdd,
    responses: ['https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4?pdduid=1234567', 'https://mobile.yangkeduo.com/proxy/api/api/blade/after_sales_list?pdduid=1234567'],
    pages: [
      'https://mobile.yangkeduo.com/orders.html?type=0&comment_tab=1',
      'https://mobile.yangkeduo.com/order.html?order_sn=241124-223456789012345',
      'https://mobile.yangkeduo.com/goods_express.html?tracking_number=431234567890123&shipping_id=121&order_sn=241124-223456789012345',
      'https://mobile.yangkeduo.com/complaint_list.html',
      'https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=90210011&order_sn=241124-223456789012411',
    ],
  },
};

const isJsonLike = (name: string) => /\.(json|jsonp)$/.test(name);


const RENAMES = [
  'order_id', 'orderId', 'oid', 'shop_order_id', 'order_sn', 'tracking_no', 'expressNo', 'mail_no', 'mailNo', 'logistics_code',
  'company_name', 'expressCompanyName', 'product_name', 'goods_name', 'title', 'name', 'img', 'pay_amount', 'price',
  'combo_num', 'create_time', 'pay_time', 'status_desc', 'order_status_desc', 'after_sale_id', 'return_logistics',
  'traces', 'time', 'content', 'pickup_code', 'code', 'order_ids', 'package_list', 'product_item', 'orderList',
  'wareInfoList', 'wareName', 'shopInfo', 'fields', 'mainOrders', 'subOrders', 'itemInfo', '__proto__', 'x_y',
];
const VALUES: unknown[] = [
  '', ' ', '0', '-', '暂无', -1, 1.5, 1e21, 2 ** 53 + 1, '¥-1', '¥12.50', '29.999', '2024-02-30 25:61:00', '2024-11-20 10:23:45',
  1732241100, '1732241100000', '<script>alert(1)</script>', '预计11月24日送达', '承诺48小时内发货', '取件码 1-2-3456', '退款成功',
  '退款中', '已发货', '交易成功', '菜鸟驿站', '中通快递', 'SF1234567890123', '73512345678901', 'x'.repeat(600),
  '{"tracking_no":"JT5261234567890","company_name":"极兔速递"}', '//p3-ecom.ecombdimg.com/a.jpg', 'https://evil.example/a.jpg',
  null, true, [], {}, [{ time: 1732330800, content: '已揽收' }],
];

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push({ parent: v as Slot['parent'], key: k });
      walk(x, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** One mutated copy of a JSON value: a few renames, replacements, deletions, duplications and stringified subtrees. */
function mutate(value: unknown, seed: number): unknown {
  const r = mulberry32(seed);
  const root = structuredClone(value);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const all = slots(root);
    if (!all.length) break;
    const s = all[Math.floor(r() * all.length)];
    const p = s.parent as Record<string | number, unknown>;
    const kind = Math.floor(r() * 5);
    if (kind === 0 && !Array.isArray(p)) {
      const to = RENAMES[Math.floor(r() * RENAMES.length)];
      const v = p[s.key];
      delete p[s.key];
      Object.defineProperty(p, to, { value: v, enumerable: true, writable: true, configurable: true });
    } else if (kind === 1) p[s.key] = structuredClone(VALUES[Math.floor(r() * VALUES.length)]);
    else if (kind === 2) {
      if (Array.isArray(p)) p.splice(s.key as number, 1);
      else delete p[s.key];
    } else if (kind === 3 && Array.isArray(p)) p.push(structuredClone(p[s.key as number]));
    else if (p[s.key] !== null && typeof p[s.key] === 'object') p[s.key] = JSON.stringify(p[s.key]);
  }
  return root;
}

/** The JSON text of a fixture without its JSONP wrapper, and a function putting a body back in it. */
function unwrap(text: string): { json: unknown; wrap: (body: string) => string } | undefined {
  const start = text.search(/[{[]/);
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (start < 0 || end < start) return undefined;
  try {
    const json = JSON.parse(text.slice(start, end + 1));
    return { json, wrap: (body) => text.slice(0, start) + body + text.slice(end + 1) };
  } catch {
    return undefined;
  }
}

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v) ?? 'undefined').digest('hex').slice(0, 16);

/** What a parser returned, or the exception's name (a thrown error is output too). */
function run(f: () => unknown): unknown {
  try {
    return f() ?? null;
  } catch (e) {
    return { threw: e instanceof Error ? e.name : String(e) };
  }
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => vi.useRealTimers());

describe('golden parser output', () => {
  for (const [platform, c] of Object.entries(CASES)) {
    it(`${platform}: every fixture, every URL, exactly as recorded`, async () => {
      const out: Record<string, unknown> = {};
      for (const name of fixtureNames(platform, '')) {
        if (name.endsWith('.md')) continue;
        const text = readFixture(platform, name);
        for (const u of c.responses) out[`payload ${name} @ ${u}`] = run(() => c.adapter.parsePayload(text, new URL(u), new URL(c.pages[0])));
        if (!isJsonLike(name)) for (const u of c.pages) out[`page ${name} @ ${u}`] = run(() => c.adapter.parseDocument(htmlDocument(text), new URL(u)));
      }
      await expect(JSON.stringify(out, null, 1)).toMatchFileSnapshot(`./__golden__/${platform}-fixtures.json`);
    });

    it(`${platform}: 400 seeded mutations of its JSON fixtures, output hashes as recorded`, async () => {
      const out: Record<string, string> = {};
      for (const name of fixtureNames(platform, '').filter(isJsonLike)) {
        const u = unwrap(readFixture(platform, name));
        if (!u) continue;
        const perFixture = Math.ceil(400 / fixtureNames(platform, '').filter(isJsonLike).length);
        for (let seed = 1; seed <= perFixture; seed++) {
          const body = u.wrap(JSON.stringify(mutate(u.json, seed * 7919 + name.length)));
          out[`${name}#${seed}`] = hash(c.responses.map((r) => run(() => c.adapter.parsePayload(body, new URL(r), new URL(c.pages[0])))));
        }
      }
      await expect(JSON.stringify(out, null, 1)).toMatchFileSnapshot(`./__golden__/${platform}-mutations.json`);
    });
  }

  // The content script starts src/platforms/<id>/content.ts when there is one (vite.config.ts), a lighter
  // adapter without the answer parsers: it must read every page as the full adapter does, and keep the
  // answer parser when the platform has a follow-up the content script fetches itself.
  for (const [platform, c] of Object.entries(CASES)) {
    it(`${platform}: the content script's adapter reads every page as the full adapter, and the answers it fetches`, async () => {
      const light = existsSync(join(PLATFORMS_DIR, platform, 'content.ts'));
      const mod = (await import(`../../../src/platforms/${platform}/${light ? 'content' : 'index'}.ts`)) as Record<string, ContentAdapter>;
      const content = mod[platform];
      expect(content.id).toBe(platform);
      expect(content.facts).toBe(c.adapter.facts);
      for (const u of [...c.pages, ...c.responses]) {
        expect(content.pageKind(new URL(u)), u).toBe(c.adapter.pageKind(new URL(u)));
        expect(content.isInterestingResponse(u), u).toBe(c.adapter.isInterestingResponse(u));
      }
      let pages = 0;
      for (const name of fixtureNames(platform, '').filter((n) => !n.endsWith('.md') && !isJsonLike(n))) {
        const text = readFixture(platform, name);
        for (const u of c.pages) {
          expect(run(() => content.parseDocument(htmlDocument(text), new URL(u))), `${name} @ ${u}`).toEqual(run(() => c.adapter.parseDocument(htmlDocument(text), new URL(u))));
          pages++;
        }
      }
      expect(pages).toBeGreaterThan(0);
      const fetched = FETCHED_FOLLOW_UPS.filter((k) => k.startsWith(`${platform}_`));
      expect(!!content.parsePayload, `follow-ups fetched by the content script: ${fetched.join(', ') || 'none'}`).toBe(fetched.length > 0 || !light);
    });
  }

  it("the bench's 50-order lists, exactly as recorded", async () => {
    const out: Record<string, unknown> = {};
    for (const p of benchPayloads()) out[`${p.platform.id} ${p.name}`] = p.platform.parsePayload(p.body, new URL(p.url), new URL(p.page));
    await expect(JSON.stringify(out, null, 1)).toMatchFileSnapshot('./__golden__/bench-lists.json');
  });
});
