// Security in real Chromium with the built extension:
//  - a shop page (at a real platform URL) forging captures — guessed nonce, CustomEvents on every target it
//    can reach, its own channel element, postMessage, another platform's data, malformed and oversized
//    payloads — changes nothing; only what the page really loads is read;
//  - a web page cannot message the extension (no externally_connectable);
//  - shop text with HTML in every field is shown as text in the popup, its detail view, the options page and
//    notifications;
//  - tracking-service keys appear in no export, diagnostic, log, error or request URL, whatever the services
//    answer (bad key, network failure, rate limit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dbSnapshot, fixture, launch, type Harness } from './harness';
import { URLS } from '../fixtures/demo';

declare const chrome: {
  storage: { local: { set(v: object): Promise<void>; get(k?: string | null): Promise<Record<string, unknown>> } };
  notifications: { create: (...a: unknown[]) => unknown };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};
// Dexie handles inside functions evaluated in the worker: typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ph = { __parcelHub: { getDb(): any; onAlarm(name: string): Promise<void> } };

const PAGE2_ORDER_IDS = [...fixture('douyin/order-list-page2.json').matchAll(/"(6928104417280213\d{3})"/g)].map((m) => m[1]);
const TAOBAO_MAIN_JSON = fixture('taobao/mtop-boughtlist-main.json');
const TAOBAO_MTOP = 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=json';

/** A Douyin order page whose own script forges captures every way a page script can, then loads its real list. */
function forgingPage(): string {
  const forgedBody = fixture('douyin/order-list-page2.json');
  return `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="root">加载中…</div>
<script>
(async () => {
  const API = ${JSON.stringify(URLS.douyinApi)};
  const body = ${JSON.stringify(forgedBody)};
  const forged = (b, url) => JSON.stringify({ nonce: 'guess', kind: 'fetch', url: url || API, status: 200, body: b, truncated: false });
  const fire = (t, type, detail) => { try { t.dispatchEvent(new CustomEvent(type, { detail })); } catch (e) {} };
  const targets = () => [window, document, document.documentElement, document.body, ...document.querySelectorAll('parcelhub-channel, parcelhub-waiting, *')];
  // 1. postMessage, as string and as object
  window.postMessage(forged(body), '*');
  window.postMessage(JSON.parse(forged(body)), '*');
  // 2. capture events on everything reachable
  for (const t of targets()) fire(t, 'parcelhub:capture', forged(body));
  // 3. a channel of its own, announced with HELLO, inside a waiting element of its own
  const ch = document.createElement('parcelhub-channel');
  ch.setAttribute('data-nonce', 'guess');
  document.documentElement.appendChild(ch);
  const waiting = document.createElement('parcelhub-waiting');
  const ch2 = document.createElement('parcelhub-channel');
  ch2.setAttribute('data-nonce', 'guess');
  waiting.appendChild(ch2);
  document.documentElement.appendChild(waiting);
  for (const t of [ch, ch2, waiting]) { fire(t, 'parcelhub:hello'); fire(t, 'parcelhub:capture', forged(body)); }
  // 4. malformed, wrongly typed and oversized payloads
  const junk = ['{', 'null', '[]', '"x"', JSON.stringify({ nonce: 1 }), JSON.stringify({ __proto__: { polluted: 1 }, nonce: 'guess' }), { not: 'a string' }, forged('x'.repeat(5000000)), forged(body.slice(0, 500))];
  for (const t of targets().slice(0, 5)) for (const j of junk) fire(t, 'parcelhub:capture', j);
  // 5. another platform's data: a Taobao order list fetched from this Douyin page (the hook copies it)
  try { await (await fetch(${JSON.stringify(TAOBAO_MTOP)})).text(); } catch (e) {}
  // 6. another platform's data forged as if captured from a Douyin URL
  for (const t of targets().slice(0, 5)) fire(t, 'parcelhub:capture', forged(${JSON.stringify(TAOBAO_MAIN_JSON)}));
  // finally the page's real list, which the extension must read
  const r = await fetch(API);
  document.getElementById('root').textContent = 'loaded ' + (await r.text()).length;
})();
</script></body></html>`;
}

describe('pages cannot feed or command the extension', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
    h.serve(URLS.douyinList, { body: forgingPage() });
    h.serve(URLS.douyinApi, { body: fixture('douyin/order-list-page1.json'), contentType: 'application/json' });
    h.serve((u) => u.hostname === 'h5api.m.taobao.com', { body: TAOBAO_MAIN_JSON, contentType: 'application/json', headers: { 'access-control-allow-origin': 'https://haohuo.jinritemai.com' } });
    h.serve((u) => u.hostname === 'evil.example.test', { body: '<!doctype html><title>not a shop</title><p>hello</p>' });
  });
  afterAll(async () => {
    expect(await h.errors()).toEqual([]);
    await h.close();
  });

  it('forged captures (wrong nonce, own channel, postMessage, other platform, malformed, oversized) change nothing; the real list is read', async () => {
    const page = await h.openShopPage(URLS.douyinList);
    await page.waitForFunction(() => document.getElementById('root')?.textContent?.startsWith('loaded'));
    // The page's real list arrives last; once it is stored, every forgery before it has had its chance.
    const snap = await h.waitFor(() => dbSnapshot(h), (s) => s.parcels.length >= 4);
    expect(PAGE2_ORDER_IDS.length).toBeGreaterThan(3);
    const orderIds = snap.orders.map((o) => o.orderId);
    for (const id of PAGE2_ORDER_IDS) expect(orderIds).not.toContain(id);
    expect(snap.orders.every((o) => o.key.startsWith('douyin:'))).toBe(true);
    expect(snap.parcels.map((p) => p.trackingNo)).not.toContain('73598765432109'); // page 2's parcel
    // The Taobao response was copied by the hook on a Douyin page, but no Taobao data was stored.
    expect(h.requests.some((r) => r.url.startsWith('https://h5api.m.taobao.com/'))).toBe(true);
    expect(snap.orders.filter((o) => !o.key.startsWith('douyin:'))).toEqual([]);
    // the page saw no trace of the private channel's nonce
    expect(await page.evaluate(() => [...document.querySelectorAll('[data-nonce]')].map((e) => e.getAttribute('data-nonce')))).toEqual(['guess', 'guess']);
    await page.close();
  });

  it('a web page or a shop page cannot message the extension (no externally_connectable)', async () => {
    const before = await dbSnapshot(h);
    expect(before.parcels.length).toBeGreaterThan(0);
    const attempt = (id: string) => {
      const rt = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
      if (!rt?.sendMessage) return Promise.resolve('no runtime.sendMessage');
      return Promise.all(
        [{ type: 'data/delete-all' }, { type: 'manual/add', batch: { platform: 'manual', source: 'manual', url: '', observedAt: Date.now(), orders: [], parcels: [{ trackingNo: 'SF1385628716739', orderIds: [] }] } }].map((m) =>
          rt.sendMessage!(id, m).then(
            (r) => `answered ${JSON.stringify(r)}`,
            (e: Error) => `refused: ${e.message}`,
          ),
        ),
      ).then((x) => x.join('; '));
    };
    for (const url of ['https://evil.example.test/', URLS.douyinList]) {
      const page = await h.openShopPage(url);
      const result = await page.evaluate(attempt, h.extensionId).catch((e: Error) => `threw: ${e.message}`);
      expect(result, url).not.toMatch(/answered/);
      await page.close();
    }
    const after = await dbSnapshot(h);
    expect(after.parcels.map((p) => p.key).sort()).toEqual(before.parcels.map((p) => p.key).sort());
    expect(after.parcels.map((p) => p.trackingNo)).not.toContain('SF1385628716739');
  });
});

// ---- shop text with HTML -------------------------------------------------------------------------------

const EVIL = '<b id="pwn">粗</b><img src=x onerror=alert(1)><script>alert(2)</script>';
const EVIL_SHORT = '<i id="pwn2">7</i>'; // pickup codes are at most 40 characters

async function expectTextOnly(page: Page, dialogs: string[], mustShow: string[]) {
  const found = await page.evaluate(() => ({
    pwn: !!document.querySelector('#pwn, #pwn2, b#pwn, i#pwn2'),
    onerror: document.querySelectorAll('[onerror]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    text: document.body.textContent ?? '',
  }));
  expect(found.pwn).toBe(false);
  expect(found.onerror).toBe(0);
  expect(found.inlineScripts).toBe(0);
  for (const s of mustShow) expect(found.text).toContain(s);
  expect(dialogs).toEqual([]);
}

describe('shop text with HTML is shown as text', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
    await h.sw(
      async ({ evil, code }) => {
        const db = (globalThis as unknown as Ph).__parcelHub.getDb();
        const now = Date.now();
        const key = 'zto:73100059800035';
        await db.parcels.put({ key, carrier: 'zto', carrierName: evil, trackingNo: '73100059800035', direction: 'outbound', orderKeys: ['taobao:4012345678901234567'], platforms: ['taobao'], status: 'awaiting_collection', statusText: evil, latestEvent: { time: now - 60_000, text: `取件码${code} ${evil}`, location: evil }, pickupCode: code, station: evil, note: evil, nextCheckAt: 0, archived: 0, firstSeen: now - 86_400_000, lastSeen: now, updatedAt: now - 60_000, sources: {} });
        await db.orders.put({ key: 'taobao:4012345678901234567', platform: 'taobao', orderId: '4012345678901234567', shopName: evil, items: [{ title: evil, sku: evil }], status: 'shipped', statusText: evil, parcelKeys: [key], firstSeen: now - 86_400_000, lastSeen: now, sources: {} });
        await db.events.put({ id: `${key}|${now - 60_000}|${evil}`, parcelKey: key, time: now - 60_000, text: `取件码${code} ${evil}`, location: evil, status: 'awaiting_collection' });
      },
      { evil: EVIL, code: EVIL_SHORT },
    );
  });
  afterAll(async () => {
    expect(await h.errors()).toEqual([]);
    await h.close();
  });

  it('in the popup list and the parcel detail (title, shop, station, pickup code, event text, note)', async () => {
    const popup = await h.openPopup();
    const dialogs: string[] = [];
    popup.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await popup.waitForSelector('[data-tracking="73100059800035"]');
    await expectTextOnly(popup, dialogs, [EVIL, EVIL_SHORT]);
    // the row's middle holds the pickup code's copy button: open the row from its title
    await popup.locator('[data-tracking="73100059800035"] .title').click();
    await popup.waitForSelector('.detail .timeline li');
    await expectTextOnly(popup, dialogs, [EVIL, `取件码${EVIL_SHORT}`]);
    // the note is shown (as text or as the value of its editor)
    const noteShown = await popup.evaluate((evil) => (document.querySelector('.detail')?.textContent ?? '').includes(evil) || [...document.querySelectorAll('.detail textarea, .detail input')].some((e) => (e as HTMLInputElement).value === evil), EVIL);
    expect(noteShown).toBe(true);
    await popup.close();
  });

  it('in the options page', async () => {
    const page = await h.openOptions();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.locator('tbody tr').first().waitFor();
    await expectTextOnly(page, dialogs, [EVIL]);
    await page.close();
  });

  it('in notifications: title and message are plain strings carrying the text as it is', async () => {
    // Record what the background passes to chrome.notifications.create (the polyfill calls it).
    await h.sw(() => {
      const g = globalThis as unknown as { __created: unknown[][] };
      g.__created = [];
      const orig = chrome.notifications.create;
      chrome.notifications.create = (...a: unknown[]) => (g.__created.push(a), orig.apply(chrome.notifications, a as never));
    });
    const popup = await h.openPopup();
    const reply = await popup.evaluate(
      ({ evil, code }) =>
        chrome.runtime.sendMessage({
          type: 'manual/add',
          batch: { platform: 'manual', source: 'manual', url: '', observedAt: Date.now(), orders: [], parcels: [{ trackingNo: 'YT9693083639795', carrierId: 'yto', orderIds: [], pickupCode: code, station: evil.slice(0, 200), status: 'awaiting_collection', events: [{ time: Date.now(), text: `${evil} 请凭取件码${code}取件`, status: 'awaiting_collection' }] }] },
        }),
      { evil: EVIL, code: EVIL_SHORT },
    );
    expect(reply).toMatchObject({ ok: true });
    const created = await h.waitForSw(() => (globalThis as unknown as { __created: unknown[][] }).__created, (c) => c.length > 0);
    for (const [, opts] of created as [string, { title: unknown; message: unknown; type: string }][]) {
      expect(opts.type).toBe('basic');
      expect(typeof opts.title).toBe('string');
      expect(typeof opts.message).toBe('string');
    }
    const all = JSON.stringify(created);
    expect(all).toContain(JSON.stringify(EVIL_SHORT).slice(1, -1));
    await popup.close();
  });
});

// ---- keys ------------------------------------------------------------------------------------------------

/** Keys per round: a source that answered "bad key" is not asked again until its key changes. */
const keys = (round: number) => ({ customer: `C0FFEE11D00DCAFEBABE5EED1234ABC${round}`, key: `kEy-Sekr1t-9f8e7d6${round}`, token: `17TOKEN-5ECRET-0A1B2C3D4E5F678${round}` });
const SECRETS = [1, 2, 3].flatMap((r) => Object.values(keys(r)));

describe('tracking-service keys never leak', () => {
  let h: Harness;
  const consoleLines: string[] = [];
  beforeAll(async () => {
    h = await launch({ grantOptionalHosts: true });
    h.context.on('console', (m) => consoleLines.push(m.text()));
    (h.worker as unknown as { on(e: 'console', f: (m: { text(): string }) => void): void }).on('console', (m) => consoleLines.push(m.text()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('bad key, network failure and rate limit at Kuaidi100 and 17TRACK: no key in exports, diagnostics, state, logs or errors', async () => {
    const setKeys = (round: number) => {
      const k = keys(round);
      return h.setSettings({ refresh: { sourceOrder: ['kuaidi100', 'seventeen_track'] }, services: { kuaidi100: { enabled: true, customer: k.customer, key: k.key }, seventeenTrack: { enabled: true, apiKey: k.token } } });
    };
    const asked = () => h.requests.filter((r) => /kuaidi100|17track/.test(r.url)).length;
    await h.sw(async () => {
      const db = (globalThis as unknown as Ph).__parcelHub.getDb();
      const now = Date.now();
      const rows = [
        ['zto', '78912345678901'],
        ['yto', 'YT2512345678901'],
        ['unknown', '300527476792'],
      ].map(([carrier, no]) => ({ key: `${carrier}:${no}`, carrier, trackingNo: no, phoneTail: '5678', direction: 'outbound', orderKeys: [], platforms: ['manual'], status: 'in_transit', nextCheckAt: now - 1000, archived: 0, firstSeen: now - 3600_000, lastSeen: now, updatedAt: now - 3600_000, sources: {}, statusClaims: {} }));
      await db.parcels.bulkPut(rows);
    });
    const makeDue = () => h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.toCollection().modify((p: { nextCheckAt: number }) => void (p.nextCheckAt = Date.now() - 1000)));
    const refresh = () => h.sw(() => (globalThis as unknown as Ph).__parcelHub.onAlarm('refresh'));
    const k100 = (u: URL) => u.hostname === 'poll.kuaidi100.com';
    const s17 = (u: URL) => u.hostname === 'api.17track.net';

    // 1. bad key
    await setKeys(1);
    h.serve(k100, { body: fixture('refresh/kuaidi100/query-503-bad-sign.json'), contentType: 'application/json' });
    h.serve(s17, { body: fixture('refresh/17track/invalid-key.json'), contentType: 'application/json' });
    await refresh();
    const afterBadKey = asked();
    expect(afterBadKey).toBeGreaterThanOrEqual(2); // both services were really asked
    // 2. new keys; the network fails
    await setKeys(2);
    await makeDue();
    const failed: string[] = [];
    await h.context.route(/^https:\/\/(poll\.kuaidi100\.com|api\.17track\.net)\//, (route) => (failed.push(route.request().url()), route.abort('connectionfailed')));
    await refresh();
    await h.context.unroute(/^https:\/\/(poll\.kuaidi100\.com|api\.17track\.net)\//);
    expect(failed.length).toBeGreaterThan(0);
    // 3. new keys; Kuaidi100 busy, 17TRACK HTTP 429 (last: a rate limit holds the host for 15 minutes)
    await setKeys(3);
    await makeDue();
    h.serve(k100, { body: fixture('refresh/kuaidi100/query-502-busy.json'), contentType: 'application/json' });
    h.serve(s17, { body: fixture('refresh/17track/rate-limited.json'), contentType: 'application/json', status: 429 });
    await refresh();
    expect(asked()).toBeGreaterThan(afterBadKey);
    const state = await h.sw(async () => {
      const db = (globalThis as unknown as Ph).__parcelHub.getDb();
      return { parcels: await db.parcels.toArray(), meta: await db.meta.toArray(), diagnostics: await db.diagnostics.toArray() };
    });
    const outcomes = new Set(state.parcels.map((p: { refresh?: { outcome: string } }) => p.refresh?.outcome));
    expect(outcomes.has('ok')).toBe(false);
    expect(JSON.stringify(state.meta)).toContain('badKey'); // the bad-key answers were recorded, with their messages

    // Exports and the options page as the shopper sees them.
    const options = await h.openOptions();
    await options.goto(`chrome-extension://${h.extensionId}/options.html#data`);
    await options.locator('[data-testid="export-json"]').waitFor();
    const download = async (id: string) => {
      const [d] = await Promise.all([options.waitForEvent('download'), options.getByTestId(id).click()]);
      const chunks: Buffer[] = [];
      for await (const c of (await d.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks).toString('utf8');
    };
    const json = await download('export-json');
    const csv = await download('export-csv');
    expect(json).toContain('78912345678901');
    expect(csv).toContain('78912345678901');
    // every section's text, the settings (with their masked key fields) included
    let optionsText = '';
    for (const section of ['data', 'settings', 'health', 'history']) {
      await options.goto(`chrome-extension://${h.extensionId}/options.html#${section}`);
      await options.waitForTimeout(300);
      optionsText += await options.evaluate(() => document.body.innerText + [...document.querySelectorAll('input')].map((i) => (i.type === 'password' ? '' : i.value)).join(' '));
    }
    const popup = await h.openPopup();
    await popup.waitForSelector('.row');
    const popupText = await popup.evaluate(() => document.body.innerText);

    const haystacks: Record<string, string> = {
      'JSON backup': json,
      'CSV export': csv,
      'database (parcels, meta, diagnostics)': JSON.stringify(state),
      'options page text': optionsText,
      'popup text': popupText,
      'console logs': consoleLines.join('\n'),
      'errors': (await h.errors()).join('\n'),
      'request URLs': h.requests.map((r) => r.url).join('\n'),
      'unserved URLs': h.unrouted.join('\n'),
    };
    for (const [where, text] of Object.entries(haystacks)) for (const s of SECRETS) expect(text.includes(s), `${s.slice(0, 6)}… in ${where}`).toBe(false);
    await popup.close();
    await options.close();
  });
});
