// @vitest-environment happy-dom
// Fuzz through the whole capture path, for every platform adapter: a real fixture, mutated (keys deleted or
// renamed to __proto__, types changed, strings truncated, huge strings injected) or its text cut and spliced
// → parsePayload / parseDocument → toBatch (what the content script sends) → the router's batch schema →
// normalize → merge. Nothing may throw; the batch always validates; the merged records keep every invariant.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { toBatch } from '../../../src/capture/sanitize';
import { MemoryMergeState } from '../../../src/core/merge';
import { normalizeBatch } from '../../../src/core/normalize';
import { validateBatch } from '../../../src/core/observation-schema';
import { createDouyinAdapter } from '../../../src/platforms/douyin';
import { jd } from '../../../src/platforms/jd';
import { createKuaishouAdapter } from '../../../src/platforms/kuaishou';
import { pdd } from '../../../src/platforms/pdd';
import { taobao } from '../../../src/platforms/taobao';
import type { ParseResult, PlatformAdapter } from '../../../src/platforms/types';
import { PAGE_URLS, RESPONSE_URLS } from '../platforms/taobao/helpers';
import { damage, fixtureList, fixtureText, FUZZ_TIMEOUT, mutate, mutation, notPolluted, runs, stateProblems, textDamage } from './helpers';

vi.setConfig({ testTimeout: FUZZ_TIMEOUT });

const NOW = Date.UTC(2024, 10, 25, 4);
const douyin = createDouyinAdapter({ now: () => NOW });
const kuaishou = createKuaishouAdapter({ now: () => NOW });

interface Case {
  adapter: PlatformAdapter;
  fixture: string;
  /** response URL (payloads) or page URL (documents) */
  url: URL;
  page: URL;
}

const DY_API = new URL('https://haohuo.jinritemai.com/aweme/v1/commerce/order/newList/?page=1');
const DY_PAGE = new URL('https://haohuo.jinritemai.com/views/order/detail?order_id=6928104417280213501');
const KS_API = new URL('https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list?oid=2411221234567890');
const KS_PAGE = new URL('https://app.kwaixiaodian.com/page/kwaishop-c-order-detail?oid=2411221234567890');
const TB_PAGE = new URL('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm');
const JD_LIST_M = new URL('https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core&callback=jsonpCBKA');
const JD_TRACK = new URL('https://order.jd.com/lazy/getOrderTrackInfoMultiPackage.action?orderId=290145678906&callback=jQuery1');
/** Each JD fixture's page (documents) or answer (payloads) URL, by file name. */
const JD_URLS: Record<string, URL> = {
  'list-pc.html': new URL('https://order.jd.com/center/list.action'),
  'list-changed-layout.html': new URL('https://order.jd.com/center/list.action'),
  'detail-multi-package.html': new URL('https://details.jd.com/normal/item.action?orderid=290145678906'),
  'detail-unshipped.html': new URL('https://details.jd.com/normal/item.action?orderid=290145678907'),
  'logistics-mobile.html': new URL('https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?dealId=290145678902&dealState=15'),
  'order-list-m.jsonp': JD_LIST_M,
  'order-list-m-signed-out.json': JD_LIST_M,
  'track-multi-package.jsonp': JD_TRACK,
  'afs-list.html': new URL('https://myjd.jd.com/afs/indexNew.action?entry=1'),
  'afs-changed-layout.html': new URL('https://myjd.jd.com/afs/indexNew.action?entry=1'),
  'afs-detail-pickup.html': new URL('https://myjd.jd.com/afs/view/detailById.action?afsServiceId=1400000021'),
  'afs-detail-exchange.html': new URL('https://myjd.jd.com/afs/view/detailById.action?afsServiceId=1400000022'),
};
const JD_PAGE = new URL('https://trade.m.jd.com/order/orderlist_jdm.shtml');
const PDD_API = new URL('https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4?pdduid=1234567');
const PDD_LIST = new URL('https://mobile.yangkeduo.com/orders.html');
/** Each Pinduoduo page fixture's URL, by file name. */
const PDD_PAGES: Record<string, URL> = {
  'orders-ssr.html': PDD_LIST,
  'order-detail.html': new URL('https://mobile.yangkeduo.com/order.html?order_sn=241124-223456789012345'),
  'order-detail-unshipped.html': new URL('https://mobile.yangkeduo.com/order.html?order_sn=241125-123456789012345'),
  'goods-express.html': new URL('https://mobile.yangkeduo.com/goods_express.html?tracking_number=431234567890123&shipping_id=121&order_sn=241124-223456789012345'),
  'complaint-list.html': new URL('https://mobile.yangkeduo.com/complaint_list.html'),
  'complaint-detail-pickup.html': new URL('https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=90210011&order_sn=241124-223456789012411'),
  'complaint-detail-exchange.html': new URL('https://mobile.yangkeduo.com/complaint_detail.html?after_sales_id=90210012&order_sn=241124-223456789012412'),
};
/** After-sale answers are read at their own URLs (the after-sale lists), the rest at the order list's. */
const DY_AFTER_SALE = new URL('https://haohuo.jinritemai.com/ecom/aftersale/list?page=1');
const KS_AFTER_SALE = new URL('https://app.kwaixiaodian.com/rest/app/grocery/refund/buyer/list');
const PDD_AFTER_SALE = new URL('https://mobile.yangkeduo.com/proxy/api/api/blade/after_sales_list?pdduid=1234567');

const payloads: Case[] = [
  ...fixtureList('taobao', /\.jsonp?$/).map((f) => ({ adapter: taobao, fixture: f, url: RESPONSE_URLS[f.slice(7)], page: TB_PAGE })),
  ...fixtureList('douyin', /\.json$/).map((f) => ({ adapter: douyin, fixture: f, url: /aftersale/.test(f) ? DY_AFTER_SALE : DY_API, page: DY_PAGE })),
  ...fixtureList('kuaishou', /\.json$/).map((f) => ({ adapter: kuaishou, fixture: f, url: /refund/.test(f) ? KS_AFTER_SALE : KS_API, page: KS_PAGE })),
  ...fixtureList('jd', /\.jsonp?$/).map((f) => ({ adapter: jd, fixture: f, url: JD_URLS[f.slice(3)], page: JD_PAGE })),
  ...fixtureList('pdd', /\.json$/).map((f) => ({ adapter: pdd, fixture: f, url: /after-sales/.test(f) ? PDD_AFTER_SALE : PDD_API, page: PDD_LIST })),
];
const documents: Case[] = [
  ...fixtureList('taobao', /\.html$/).map((f) => ({ adapter: taobao, fixture: f, url: new URL(PAGE_URLS[f.slice(7)]), page: new URL(PAGE_URLS[f.slice(7)]) })),
  ...fixtureList('douyin', /\.html$/).map((f) => ({ adapter: douyin, fixture: f, url: DY_PAGE, page: DY_PAGE })),
  ...fixtureList('kuaishou', /\.html$/).map((f) => ({ adapter: kuaishou, fixture: f, url: KS_PAGE, page: KS_PAGE })),
  ...fixtureList('jd', /\.html$/).map((f) => ({ adapter: jd, fixture: f, url: JD_URLS[f.slice(3)], page: JD_URLS[f.slice(3)] })),
  ...fixtureList('pdd', /\.html$/).map((f) => ({ adapter: pdd, fixture: f, url: PDD_PAGES[f.slice(4)], page: PDD_PAGES[f.slice(4)] })),
];

/** JSONP fixtures: the JSON inside the callback, so tree mutations reach the payload. */
function split(text: string): { head: string; json: unknown; tail: string } | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  try {
    return { head: text.slice(0, start), json: JSON.parse(text.slice(start, end + 1)), tail: text.slice(end + 1) };
  } catch {
    return null;
  }
}

/** Everything after the parser, as the extension does it; returns the problems found. */
function downstream(c: Case, r: ParseResult | null): string[] {
  if (r === null) return [];
  const { batch } = toBatch(c.adapter.id, r, c.url.href, NOW);
  const valid = validateBatch(batch);
  if (!valid.ok) return [`toBatch output rejected by the router schema: ${valid.error}`];
  const { batch: normalized } = normalizeBatch(valid.value);
  const state = new MemoryMergeState();
  state.ingest(normalized, NOW);
  // and again, as a second visit of the same page would
  state.ingest(normalized, NOW + 1000);
  return stateProblems(state, NOW);
}

describe('fixtures are all covered and reach the parsers', () => {
  it('every payload fixture has a URL, is recognized, and (nearly all) yield observations that merge cleanly', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(15);
    expect(documents.length).toBeGreaterThanOrEqual(15);
    let withObservations = 0;
    for (const c of payloads) {
      expect(c.url, c.fixture).toBeInstanceOf(URL);
      const r = c.adapter.parsePayload(fixtureText(c.fixture), c.url, c.page);
      expect(r, c.fixture).not.toBeNull();
      if (r!.orders.length + r!.parcels.length) withObservations++;
      expect(downstream(c, r), c.fixture).toEqual([]);
    }
    // signed-out (Douyin, Kuaishou, JD, Pinduoduo), risk-control, unrecognized (Douyin, Kuaishou, Pinduoduo) and
    // "no logistics" answers legitimately yield none
    expect(withObservations).toBeGreaterThanOrEqual(payloads.length - 9);
  });
});

describe('parsePayload (every platform, every JSON/JSONP fixture)', () => {
  const parsed = payloads.map((c) => ({ c, text: fixtureText(c.fixture), tree: split(fixtureText(c.fixture)) }));

  it('tree mutations: never throws; whatever validates merges into consistent records', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, ms) => {
        const { c, tree } = parsed[i % parsed.length];
        if (!tree) return;
        const body = `${tree.head}${JSON.stringify(mutate(tree.json, ms))}${tree.tail}`;
        const r = c.adapter.parsePayload(body, c.url, c.page);
        expect(downstream(c, r)).toEqual([]);
        expect(notPolluted()).toBe(true);
      }),
      runs(400),
    );
  });

  it('text damage (truncated, spliced, huge): never throws', () => {
    fc.assert(
      fc.property(fc.nat(), textDamage, (i, d) => {
        const { c, text } = parsed[i % parsed.length];
        const r = c.adapter.parsePayload(damage(text, d), c.url, c.page);
        expect(downstream(c, r)).toEqual([]);
      }),
      runs(120),
    );
  });

  it('arbitrary text and JSON: never throws', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 })), (i, body) => {
        const { c } = parsed[i % parsed.length];
        expect(downstream(c, c.adapter.parsePayload(body, c.url, c.page))).toEqual([]);
      }),
      runs(150),
    );
  });
});

describe('parseDocument (every platform, every HTML fixture)', () => {
  // Stylesheet links dropped: happy-dom would try (and log failing) to load them; parsers never read CSS.
  const pages = documents.map((c) => ({ c, text: fixtureText(c.fixture).replace(/<link\b[^>]*>/gi, '') }));

  it('cut, spliced and tag-injected pages: never throws; whatever validates merges into consistent records', () => {
    const inject = fc.constantFrom('<script>window.__INIT__={"orderId":', '</div></table>', '<div class="order">取件码 1-2-3456 73100059800035</div>', '"}]}', '<!--', `<p>${'长'.repeat(50_000)}</p>`);
    fc.assert(
      fc.property(fc.nat(), fc.oneof(textDamage, fc.record({ kind: fc.constant('splice' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: inject })), (i, d) => {
        const { c, text } = pages[i % pages.length];
        const doc = new DOMParser().parseFromString(damage(text, d), 'text/html');
        expect(downstream(c, c.adapter.parseDocument(doc, c.url))).toEqual([]);
      }),
      runs(120),
    );
  });
});
