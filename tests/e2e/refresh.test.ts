// Background refresh in real Chromium: the service worker refreshes due parcels through Taobao's
// transit_step.do, Kuaidi100 and 17TRACK, faked at their real addresses by context.route; notifications are
// read back through the notifications API in the worker; the worker is stopped mid-refresh.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, launch, type Harness } from './harness';
import { serveDemo, URLS } from '../fixtures/demo';
import type { ParcelHubDb } from '../../src/db/schema';
import type { OrderRecord, ParcelRecord } from '../../src/core/model';

// The worker's own `chrome`, for the functions evaluated there.
declare const chrome: {
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  storage: { local: { set(v: object): Promise<void> } };
};

const H = 3600_000;
const TRANSIT = 'https://buyertrade.taobao.com/trade/json/transit_step.do';

/** "2026-11-22 10:23:45" in China time. */
const chinaTime = (ms: number) => new Date(ms + 8 * H).toISOString().replace('T', ' ').slice(0, 19);

/** Shift every China-time stamp in a fixture so its newest is `newest` (fixtures are dated; tests run later). */
function shiftTimes(text: string, newest: number): string {
  const re = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g;
  const parse = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);
  const max = Math.max(...[...text.matchAll(re)].map((m) => parse(m[0])));
  return text.replace(re, (s) => chinaTime(parse(s) - max + newest));
}

const orderId = (i: number) => String(3_980_000_000_000_000_000n + BigInt(i));
const ztoNo = (i: number) => `7310${String(4_000_000_000 + i)}`;

/** A transit_step.do answer for order i, with the events of `phase` (times relative to now). */
function transitStep(i: number, phase: 'transit' | 'out_for_delivery'): string {
  const now = Date.now();
  const events: [string, number][] = [
    ['【金华市】【义乌分拨中心】已揽收', 30 * H],
    ['【杭州市】快件已到达【杭州中转部】', 5 * H],
  ];
  if (phase === 'out_for_delivery') events.push(['【杭州市】【杭州滨江长河】的快递员正在为您派件，电话：138****5678', 20 * 60_000]);
  return JSON.stringify({
    expressName: '中通快递',
    expressId: ztoNo(i),
    isSuccess: 'true',
    address: events.reverse().map(([place, ago]) => ({ place, time: chinaTime(now - ago) })),
  });
}

type Ph = { __parcelHub: { getDb(): ParcelHubDb; onAlarm(name: string): Promise<void>; refreshOnce(manual: boolean): Promise<unknown> } };

/** Taobao orders with one ZTO parcel each, in transit and due for a check. */
async function seedTaobao(h: Harness, n: number) {
  await h.sw(
    async ({ n, orderIds, nos }) => {
      const db = (globalThis as unknown as Ph).__parcelHub.getDb();
      const now = Date.now();
      const parcels: ParcelRecord[] = [];
      const orders: OrderRecord[] = [];
      for (let i = 0; i < n; i++) {
        const key = `zto:${nos[i]}`;
        parcels.push({ key, carrier: 'zto', carrierName: '中通快递', trackingNo: nos[i], direction: 'outbound', orderKeys: [`taobao:${orderIds[i]}`], platforms: ['taobao'], status: 'in_transit', latestEvent: { time: now - 5 * 3600_000, text: '快件已到达【杭州中转部】', location: '杭州市' }, nextCheckAt: now - 1000, archived: 0, firstSeen: now - 30 * 3600_000, lastSeen: now - 3600_000, updatedAt: now - 5 * 3600_000, sources: {}, statusClaims: {} });
        orders.push({ key: `taobao:${orderIds[i]}`, platform: 'taobao', orderId: orderIds[i], shopName: '三只松鼠旗舰店', items: [{ title: `每日坚果礼盒 ${i + 1} 号` }], status: 'shipped', statusText: '卖家已发货', parcelKeys: [key], firstSeen: now - 30 * 3600_000, lastSeen: now - 3600_000, sources: {} });
      }
      await db.parcels.bulkPut(parcels);
      await db.orders.bulkPut(orders);
    },
    { n, orderIds: Array.from({ length: n }, (_, i) => orderId(i)), nos: Array.from({ length: n }, (_, i) => ztoNo(i)) },
  );
}

const notificationIds = (h: Harness) => h.sw(async () => Object.keys(await chrome.notifications.getAll()));
const clearNotifications = (h: Harness) =>
  h.sw(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
const parcels = (h: Harness) => h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.toArray() as Promise<{ key: string; status: string; nextCheckAt: number; refresh?: { outcome: string } }[]>);
const makeDue = (h: Harness) => h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.toCollection().modify((p: { nextCheckAt: number }) => void (p.nextCheckAt = Date.now() - 1000)));
const alarm = (h: Harness, name: string) => h.sw((n) => (globalThis as unknown as Ph).__parcelHub.onAlarm(n), name);

let h: Harness | undefined;
afterEach(async () => {
  if (h) expect(await h.errors()).toEqual([]);
  await h?.close();
  h = undefined;
});

describe('background refresh', () => {
  it('refreshes a due parcel through transit_step.do, notifies once, and not again without a change', async () => {
    h = await launch();
    let phase: 'transit' | 'out_for_delivery' = 'out_for_delivery';
    h.serve((u) => u.href.startsWith(TRANSIT), (route) => {
      const id = new URL(route.request().url()).searchParams.get('bizOrderId');
      return { body: transitStep(Number(BigInt(id ?? '0') - 3_980_000_000_000_000_000n), phase), contentType: 'application/json;charset=utf-8' };
    });
    await seedTaobao(h, 1);
    await alarm(h, 'refresh');
    const [p] = await parcels(h);
    expect(p).toMatchObject({ key: `zto:${ztoNo(0)}`, status: 'out_for_delivery', refresh: { outcome: 'ok' } });
    expect(p.nextCheckAt - Date.now()).toBeGreaterThan(20 * 60_000); // out for delivery: checked again in ~30 min
    const ids = await notificationIds(h);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(new RegExp(`^out_for_delivery:zto:${ztoNo(0)}:`));
    expect(h.requests.filter((r) => r.url.startsWith(TRANSIT))).toHaveLength(1);

    // Same answer again: the parcel is refreshed, nothing is notified.
    await clearNotifications(h);
    await makeDue(h);
    await alarm(h, 'refresh');
    expect(h.requests.filter((r) => r.url.startsWith(TRANSIT))).toHaveLength(2);
    expect(await notificationIds(h)).toEqual([]);
    phase = 'transit';
    expect((await parcels(h))[0].status).toBe('out_for_delivery');
  });

  it('stopping the worker mid-refresh loses nothing and notifies nothing twice', async () => {
    h = await launch();
    const asked: string[] = [];
    h.serve((u) => u.href.startsWith(TRANSIT), async (route) => {
      const id = new URL(route.request().url()).searchParams.get('bizOrderId') ?? '0';
      asked.push(id);
      await new Promise((r) => setTimeout(r, 600)); // a slow answer, so the stop lands mid-cycle
      return { body: transitStep(Number(BigInt(id) - 3_980_000_000_000_000_000n), 'out_for_delivery'), contentType: 'application/json;charset=utf-8' };
    });
    await seedTaobao(h, 5);
    // Start the cycle without waiting for it, then stop the worker once two parcels are done.
    await h.sw(() => void (globalThis as unknown as Ph).__parcelHub.onAlarm('refresh'));
    await h.waitForSw(
      () => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.filter((p: { refresh?: unknown }) => !!p.refresh).count() as Promise<number>,
      (n) => n >= 2,
      30_000,
    );
    await h.stopWorker();
    const afterStop = await parcels(h);
    const done = afterStop.filter((p) => p.status === 'out_for_delivery').length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(5);
    // The next alarm finishes the rest (the fresh worker knows nothing but the database).
    await alarm(h, 'refresh');
    const after = await parcels(h);
    expect(after.map((p) => p.status)).toEqual(Array(5).fill('out_for_delivery'));
    const events = await h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().events.toArray() as Promise<{ parcelKey: string; text: string }[]>);
    for (let i = 0; i < 5; i++) {
      const mine = events.filter((e) => e.parcelKey === `zto:${ztoNo(i)}`);
      expect(mine.filter((e) => e.text.includes('正在为您派件'))).toHaveLength(1);
    }
    // One notification per parcel: five facts marked, five shown, none twice.
    const seen = await h.sw(async () => ((await (globalThis as unknown as Ph).__parcelHub.getDb().meta.where('key').startsWith('notified:out_for_delivery:').primaryKeys()) as string[]).length);
    expect(seen).toBe(5);
    const ids = await notificationIds(h);
    const singles = ids.filter((id) => id.startsWith('out_for_delivery:'));
    const summaries = ids.filter((id) => id.startsWith('summary:'));
    expect(new Set(singles).size).toBe(singles.length);
    expect(singles.length + summaries.length).toBeGreaterThanOrEqual(1);
    const outbox = await h.sw(async () => (await (globalThis as unknown as Ph).__parcelHub.getDb().meta.get('notify:outbox'))?.value ?? []);
    expect(outbox).toEqual([]);
    // The two stopped mid-flight may be asked twice; the finished ones never are.
    expect(asked.length).toBeLessThanOrEqual(5 + 1);
  });

  it('"refresh now" in the popup refreshes moving parcels and reports it; a notification click opens the parcel', async () => {
    h = await launch();
    h.serve((u) => u.href.startsWith(TRANSIT), async (route) => {
      const id = new URL(route.request().url()).searchParams.get('bizOrderId') ?? '0';
      await new Promise((r) => setTimeout(r, 400));
      return { body: transitStep(Number(BigInt(id) - 3_980_000_000_000_000_000n), 'out_for_delivery'), contentType: 'application/json;charset=utf-8' };
    });
    await seedTaobao(h, 2);
    // Not due: "refresh now" asks anyway.
    await h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.toCollection().modify((p: { nextCheckAt: number }) => void (p.nextCheckAt = Date.now() + 3600_000)));
    const popup = await h.openPopup();
    const button = popup.getByRole('button', { name: '立即刷新' });
    await button.click();
    await expect.poll(() => popup.locator('.strip .refresh').textContent(), { timeout: 10_000, interval: 100 }).toMatch(/^正在刷新 \d\/2$/);
    await expect.poll(() => popup.locator('.strip .refresh').textContent(), { timeout: 15_000 }).toBe('已刷新 2 个包裹');
    expect((await parcels(h)).map((p) => p.status)).toEqual(['out_for_delivery', 'out_for_delivery']);
    // Clicking the notification opens the parcel in the extension.
    const [id] = await notificationIds(h);
    const opened = h.context.waitForEvent('page');
    await h.sw((nid) => (globalThis as unknown as { __parcelHub: { onNotificationClicked(id: string): Promise<void> } }).__parcelHub.onNotificationClicked(nid), id);
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    expect(decodeURIComponent(page.url())).toContain('popup.html?tab=1#parcel=zto:');
    await expect.poll(() => page.locator('#detail-title').count()).toBe(1);
  });

  // Playwright cannot fulfil a service worker's fetch with a redirect, so the login page is served where
  // fetch would have ended up after following Taobao's 302 (the source reads both the same way).
  it.each([
    ['a login page instead of the JSON', { body: fixture('refresh/taobao/login-page.html'), contentType: 'text/html;charset=utf-8' }, 'signed_out'],
    ['an RGV587 risk-control answer', { body: fixture('taobao/transit-step-risk.json'), contentType: 'application/json;charset=utf-8' }, 'risk_control'],
  ] as const)('%s marks Taobao "needs sign-in", stops asking, and the popup says so', async (_name, served, kind) => {
    h = await launch();
    h.serve((u) => u.href.startsWith(TRANSIT), served);
    await seedTaobao(h, 3);
    await alarm(h, 'refresh');
    const state = await h.sw(async () => (await (globalThis as unknown as Ph).__parcelHub.getDb().meta.get('platform:taobao'))?.value);
    expect(state).toMatchObject({ needsSignIn: true, lastProblem: { kind } });
    expect(h.requests.filter((r) => r.url.startsWith(TRANSIT))).toHaveLength(1);
    await makeDue(h);
    await alarm(h, 'refresh');
    expect(h.requests.filter((r) => r.url.startsWith(TRANSIT))).toHaveLength(1);
    expect((await parcels(h)).every((p) => p.status === 'in_transit')).toBe(true);
    const popup = await h.openPopup();
    await expect.poll(() => popup.locator('[data-platform-state="taobao"]').textContent(), { timeout: 10_000 }).toContain('需要登录');
  });
});

describe('tracking services (optional host permissions)', () => {
  const KUAIDI100 = 'https://poll.kuaidi100.com/poll/query.do';

  async function seedYto(h: Harness) {
    await h.sw(async () => {
      const db = (globalThis as unknown as Ph).__parcelHub.getDb();
      const now = Date.now();
      await db.parcels.put({ key: 'zto:78912345678901', carrier: 'zto', carrierName: '中通快递', trackingNo: '78912345678901', phoneTail: '5678', direction: 'outbound', orderKeys: ['douyin:6938472910385729103'], platforms: ['douyin'], status: 'in_transit', latestEvent: { time: now - 30 * 3600_000, text: '快件离开【义乌中心】已发往【深圳中心】' }, nextCheckAt: now - 1000, archived: 0, firstSeen: now - 50 * 3600_000, lastSeen: now - 3600_000, updatedAt: now - 30 * 3600_000, sources: {}, statusClaims: {} });
      await db.orders.put({ key: 'douyin:6938472910385729103', platform: 'douyin', orderId: '6938472910385729103', shopName: '小米官方旗舰店', items: [{ title: 'Redmi Buds 6 蓝牙耳机' }], status: 'shipped', parcelKeys: ['zto:78912345678901'], firstSeen: now - 50 * 3600_000, lastSeen: now, sources: {} });
    });
  }

  const settings = { refresh: { sourceOrder: ['kuaidi100', 'taobao', 'seventeen_track', 'page_visit'] }, services: { kuaidi100: { enabled: true, customer: 'E2ECUSTOMER01', key: 'e2eSecretKey99' } } };

  it('queries Kuaidi100 with the signed form and files the station code', async () => {
    h = await launch({ grantOptionalHosts: true });
    const forms: URLSearchParams[] = [];
    h.serve((u) => u.href === KUAIDI100, (route) => {
      forms.push(new URLSearchParams(route.request().postData() ?? ''));
      return { body: shiftTimes(fixture('refresh/kuaidi100/query-ok-zto-station.json'), Date.now() - 10 * 60_000), contentType: 'application/json;charset=UTF-8' };
    });
    await h.setSettings(settings);
    await seedYto(h);
    await alarm(h, 'refresh');
    expect(forms).toHaveLength(1);
    const f = forms[0];
    expect(f.get('customer')).toBe('E2ECUSTOMER01');
    const param = f.get('param')!;
    expect(JSON.parse(param)).toMatchObject({ com: 'zhongtong', num: '78912345678901', phone: '5678' });
    expect(f.get('sign')).toBe(createHash('md5').update(param + 'e2eSecretKey99' + 'E2ECUSTOMER01').digest('hex').toUpperCase());
    const p = await h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.get('zto:78912345678901'));
    expect(p).toMatchObject({ status: 'awaiting_collection', pickupCode: '6-2-3018', refresh: { outcome: 'ok', source: 'kuaidi100' } });
    const ids = await notificationIds(h);
    expect(ids).toEqual(['awaiting_collection:zto:78912345678901:6-2-3018']);
  });

  it('a refused key stops the service and the settings page says so, without the key', async () => {
    h = await launch({ grantOptionalHosts: true });
    h.serve((u) => u.href === KUAIDI100, { body: fixture('refresh/kuaidi100/query-503-bad-sign.json'), contentType: 'application/json;charset=UTF-8' });
    await h.setSettings(settings);
    await seedYto(h);
    await alarm(h, 'refresh');
    await makeDue(h);
    await alarm(h, 'refresh');
    expect(h.requests.filter((r) => r.url === KUAIDI100)).toHaveLength(1);
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html#settings`);
    const refused = page.locator('[data-bad-key="kuaidi100"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('快递100');
    const html = await page.content();
    for (const secret of ['e2eSecretKey99', 'E2ECUSTOMER01']) expect(html).not.toContain(secret);
  });

  it('does not contact Kuaidi100 until its host permission is granted', async () => {
    h = await launch();
    h.serve((u) => u.hostname === 'poll.kuaidi100.com', { body: '{}' });
    await h.setSettings(settings);
    await seedYto(h);
    await alarm(h, 'refresh');
    expect(h.requests.filter((r) => r.url.includes('kuaidi100'))).toEqual([]);
    const p = await h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.get('zto:78912345678901'));
    expect(p?.refresh?.outcome).toBe('unsupported');
  });

  it('registers and reads 17TRACK in one batch with the 17token header', async () => {
    h = await launch({ grantOptionalHosts: true });
    const calls: { path: string; token: string | undefined; body: unknown }[] = [];
    h.serve((u) => u.hostname === 'api.17track.net', (route) => {
      const req = route.request();
      const path = new URL(req.url()).pathname;
      calls.push({ path, token: req.headers()['17token'], body: JSON.parse(req.postData() ?? 'null') });
      const body = path.endsWith('/register') ? fixture('refresh/17track/register-ok.json') : fixture('refresh/17track/gettrackinfo-ok.json');
      return { body, contentType: 'application/json' };
    });
    await h.setSettings({ refresh: { sourceOrder: ['seventeen_track'] }, services: { seventeenTrack: { enabled: true, apiKey: 'E2E17TOKEN' } } });
    const number = (JSON.parse(fixture('refresh/17track/gettrackinfo-ok.json')).data.accepted[0] as { number: string }).number;
    await h.sw(async (no) => {
      const db = (globalThis as unknown as Ph).__parcelHub.getDb();
      const now = Date.now();
      await db.parcels.put({ key: `unknown:${no}`, carrier: 'unknown', trackingNo: no, direction: 'outbound', orderKeys: [], platforms: ['manual'], status: 'in_transit', nextCheckAt: now - 1000, archived: 0, firstSeen: now - 3600_000, lastSeen: now, updatedAt: now - 3600_000, sources: {}, statusClaims: {} });
    }, number);
    await alarm(h, 'refresh');
    expect(calls.map((c) => c.path)).toEqual(['/track/v2.2/register', '/track/v2.2/gettrackinfo']);
    expect(calls.every((c) => c.token === 'E2E17TOKEN')).toBe(true);
    expect(calls[0].body).toEqual([{ number }]);
    const rows = await parcels(h);
    const p = rows.find((x) => x.key.endsWith(`:${number}`))!;
    expect(p.refresh?.outcome).toBe('ok');
    expect(p.status).not.toBe('in_transit');
  });
});

describe('opt-in order-page visits', () => {
  it('are off by default: the alarm opens nothing', async () => {
    h = await launch();
    serveDemo(h);
    const before = h.context.pages().length;
    expect(await h.sw(() => (globalThis as unknown as { __parcelHub: { visitPages(): Promise<string[]> } }).__parcelHub.visitPages())).toEqual([]);
    expect(h.context.pages().length).toBe(before);
    expect(h.requests.filter((r) => r.url.startsWith(URLS.douyinList))).toEqual([]);
  });

  it('open the order list in an inactive tab, capture it, close it, and wait the interval', async () => {
    h = await launch();
    serveDemo(h);
    await h.setSettings({ pageVisits: { enabled: true, platforms: ['douyin'], everyHours: 2 } });
    const visited = await h.sw(() => (globalThis as unknown as { __parcelHub: { visitPages(): Promise<string[]> } }).__parcelHub.visitPages());
    expect(visited).toEqual(['douyin']);
    expect(h.requests.filter((r) => r.url.startsWith(URLS.douyinApi)).length).toBeGreaterThanOrEqual(1);
    const rows = await h.sw(() => (globalThis as unknown as Ph).__parcelHub.getDb().parcels.toArray() as Promise<{ platforms: string[] }[]>);
    expect(rows.filter((p) => p.platforms.includes('douyin')).length).toBeGreaterThanOrEqual(4);
    // the tab is closed again
    expect(h.context.pages().some((p) => p.url().startsWith(URLS.douyinList))).toBe(false);
    // and not reopened before the interval has passed
    expect(await h.sw(() => (globalThis as unknown as { __parcelHub: { visitPages(): Promise<string[]> } }).__parcelHub.visitPages())).toEqual([]);
  });
});
