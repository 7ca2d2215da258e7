// End-to-end harness: real Chromium (playwright-core, no browser download) with the built extension loaded,
// fixture pages and API answers served at the platforms' real URLs through context.route (which also
// intercepts the service worker's own fetches). There is no network: anything not routed gets a 404.
// Any uncaught error in the service worker, an extension page or our scripts in a shop page fails the test.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { chromiumPath } from '../../scripts/browsers';

/** The extension's storage as the service worker sees it (evaluated there). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } };

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = resolve(ROOT, 'extension');
export const FIXTURES = resolve(ROOT, 'tests/fixtures');
export const ARTIFACTS = resolve(ROOT, 'test-results');

export const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

export interface Served {
  body: string | Buffer;
  contentType?: string;
  status?: number;
  headers?: Record<string, string>;
}

type Responder = Served | ((route: Route) => Served | Promise<Served>);

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Serve `body` at every URL that `matcher` matches (glob, RegExp or predicate). Later calls win. */
  serve(matcher: string | RegExp | ((url: URL) => boolean), responder: Responder): void;
  /** URLs the browser asked for that nothing served. */
  unrouted: string[];
  /** Requests served, in order. */
  requests: { url: string; method: string; at: number }[];
  /** Open a shop page at its real URL; our scripts' errors there are collected. */
  openShopPage(url: string): Promise<Page>;
  openPopup(opts?: { width?: number; height?: number }): Promise<Page>;
  openOptions(): Promise<Page>;
  /** Evaluate in the service worker (which exposes globalThis.__parcelHub). */
  sw<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Poll `fn` (run here, in Node) until `predicate` holds. */
  waitFor<T>(fn: () => Promise<T>, predicate: (v: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Poll a service-worker expression until `predicate` holds. */
  waitForSw<T>(fn: () => T | Promise<T>, predicate: (v: T) => boolean, timeoutMs?: number): Promise<T>;
  /** The language the extension was set to (the settings' language; the browser's own UI stays en-US). */
  language: 'zh_CN' | 'en' | 'auto';
  /** Store settings as the options page would (raw, validated on read), keeping the harness's language. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** Stop the extension's service worker as Chrome does when it idles or is killed (DevTools protocol). */
  stopWorker(): Promise<void>;
  /** Errors seen so far: service worker, extension pages, our content scripts (diagnostics of kind error). */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export { chromiumPath };

/**
 * A copy of the built extension whose optional host permissions (tracking services) are granted at install,
 * as if the user had accepted the permission prompt, which automation cannot click. The code paths are the
 * same: the background asks permissions.contains() and gets true.
 */
function extensionWithOptionalHostsGranted(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parcel-hub-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export async function launch(
  opts: {
    /** The pages' locale (navigator.language) and, unless `language` says otherwise, the extension's language. */
    locale?: string;
    /** The extension's language setting; 'auto' follows the browser, whose UI is always en-US here. */
    language?: 'zh_CN' | 'en' | 'auto';
    colorScheme?: 'light' | 'dark';
    headless?: boolean;
    userDataDir?: string;
    grantOptionalHosts?: boolean;
    /** Load the extension from this directory instead of extension/ (a bench's copy with extra pages). */
    extensionDir?: string;
  } = {},
): Promise<Harness> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('extension/ is not built: run `npm run build` first');
  const extensionDir = opts.extensionDir ?? (opts.grantOptionalHosts ? extensionWithOptionalHostsGranted() : EXTENSION_DIR);
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'parcel-hub-e2e-'));
  const ownProfile = !opts.userDataDir;
  const locale = opts.locale ?? 'zh-CN';
  // The extension's language comes from its own setting, never from the OS or Chromium's locale packs: the
  // browser UI is pinned to en-US, and a zh-CN test sets 简体中文 in the settings, as a shopper would.
  const language = opts.language ?? (locale.toLowerCase().startsWith('zh') ? 'zh_CN' : 'en');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    locale,
    // Chromium on Linux takes its UI language (and so chrome.i18n's) from LANGUAGE, not from --lang.
    env: { ...process.env, LANGUAGE: 'en_US', LANG: 'C.UTF-8' },
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--lang=en-US',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=DialMediaRouteProvider',
    ],
  });

  const routes: { match: (u: URL) => boolean; responder: Responder }[] = [];
  const unrouted: string[] = [];
  const requests: { url: string; method: string; at: number }[] = [];
  const pageErrors: string[] = [];

  await context.route(/^https?:\/\//, async (route) => {
    const url = new URL(route.request().url());
    for (let i = routes.length - 1; i >= 0; i--) {
      if (!routes[i].match(url)) continue;
      const r = routes[i].responder;
      const served = typeof r === 'function' ? await r(route) : r;
      requests.push({ url: url.href, method: route.request().method(), at: Date.now() });
      await route.fulfill({
        status: served.status ?? 200,
        contentType: served.contentType ?? guessType(url),
        headers: served.headers,
        body: served.body,
      });
      return;
    }
    unrouted.push(url.href);
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the test' });
  });

  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = worker.url().split('/')[2];

  const trackPage = (page: Page, ours: boolean) => {
    page.on('pageerror', (e) => {
      // In shop pages only our own scripts count; the shop's scripts are not ours to judge.
      if (ours || /chrome-extension:\/\//.test(e.stack ?? '')) pageErrors.push(`${page.url()}: ${e.message}`);
    });
    if (ours) page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${page.url()} console: ${m.text()}`));
  };

  // After stopWorker() the worker's target stays, and its Worker object answers again once an event has
  // started the worker anew; until then an evaluate would hang. So wake it first, as any event would.
  let stopped = false;
  const wake = async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/offscreen.html`);
    await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'ping' }));
    await page.close();
  };
  const currentWorker = async (): Promise<Worker> => {
    if (stopped) {
      await wake();
      stopped = false;
    }
    const w = context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${extensionId}/`));
    if (w) return w;
    return context.waitForEvent('serviceworker', { timeout: 20_000 });
  };

  const harness: Harness = {
    context,
    worker,
    extensionId,
    language,
    async setSettings(settings) {
      await harness.sw((s) => chrome.storage.local.set({ settings: s }), { language, ...settings });
      await harness.waitForSw(() => (globalThis as unknown as { __parcelHub: { currentLocale(): string } }).__parcelHub.currentLocale(), (l) => language === 'auto' || l === language);
    },
    unrouted,
    requests,
    serve(matcher, responder) {
      const match =
        typeof matcher === 'function'
          ? matcher
          : matcher instanceof RegExp
            ? (u: URL) => matcher.test(u.href)
            : (u: URL) => globToRegExp(matcher).test(u.href);
      routes.push({ match, responder });
    },
    async openShopPage(url) {
      const page = await context.newPage();
      trackPage(page, false);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async openPopup(o = {}) {
      const page = await context.newPage();
      trackPage(page, true);
      await page.setViewportSize({ width: o.width ?? 420, height: o.height ?? 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async openOptions() {
      const page = await context.newPage();
      trackPage(page, true);
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    async sw(fn, arg) {
      const w = await currentWorker();
      return w.evaluate(fn, arg as never);
    },
    waitForSw(fn, predicate, timeoutMs) {
      return harness.waitFor(() => harness.sw(fn), predicate, timeoutMs);
    },
    async waitFor(fn, predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          last = await fn();
          if (predicate(last as never)) return last as never;
        } catch (e) {
          last = String(e).slice(0, 300);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`timed out waiting; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    },
    async stopWorker() {
      // From an extension page, the DevTools ServiceWorker domain sees the extension's worker and stops it the
      // way Chrome stops an idle one; the next event (a message, an alarm) starts a fresh worker.
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/offscreen.html`);
      const cdp = await context.newCDPSession(page);
      const versions = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; runningStatus: string; scriptURL: string }[] }) => {
        for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) versions.set(v.versionId, v.runningStatus);
      });
      try {
        await cdp.send('ServiceWorker.enable');
        const until = Date.now() + 5000;
        while (![...versions.values()].includes('running') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        for (const [versionId, status] of versions) if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
        const deadline = Date.now() + 10_000;
        while ([...versions.values()].some((v) => v !== 'stopped') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        stopped = true;
      } finally {
        await cdp.detach().catch(() => undefined);
        await page.close();
      }
    },
    async errors() {
      const swErrors = await harness
        .sw(async () => {
          type Ph = { uncaught: string[]; getDb: () => { diagnostics: { toArray(): Promise<{ kind: string; message: string; url: string }[]> } } };
          const ph = (globalThis as unknown as { __parcelHub: Ph }).__parcelHub;
          const diags = await ph.getDb().diagnostics.toArray();
          return [
            ...ph.uncaught.map((e) => `service worker: ${e}`),
            ...diags.filter((d) => d.kind === 'error').map((d) => `content script on ${d.url}: ${d.message}`),
          ];
        })
        .catch((e) => [`could not read service worker errors: ${e}`]);
      return [...pageErrors, ...swErrors];
    },
    async close() {
      await context.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
      if (extensionDir !== EXTENSION_DIR) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
  // Before any page opens: the stored language setting, applied by the worker (so notifications follow it).
  const stored = await harness.sw(() => chrome.storage.local.get('settings'));
  await harness.setSettings({ ...((stored as { settings?: Record<string, unknown> }).settings ?? {}), language });
  return harness;
}

function guessType(url: URL): string {
  if (/\.(json|do)$/.test(url.pathname) || url.hostname.startsWith('h5api.')) return 'application/json;charset=utf-8';
  if (/\.js$/.test(url.pathname)) return 'application/javascript';
  if (/\.(png|jpe?g|webp)$/.test(url.pathname)) return 'image/png';
  return 'text/html;charset=utf-8';
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.split('**').map((part) => part.replace(/\*/g, '[^/]*')).join('.*')}$`);
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Rows the service worker's database holds, for assertions. */
export async function dbSnapshot(h: Harness) {
  return h.sw(async () => {
    const db = (globalThis as unknown as { __parcelHub: { getDb: () => Record<string, { toArray(): Promise<unknown[]> }> } }).__parcelHub.getDb();
    const [orders, parcels, events, diagnostics] = await Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray(), db.diagnostics.toArray()]);
    return { orders, parcels, events, diagnostics } as {
      orders: { key: string; orderId: string; status: string; parcelKeys: string[]; items: { title: string }[]; shopName?: string }[];
      parcels: { key: string; trackingNo: string; carrier: string; status: string; orderKeys: string[]; direction: string; pickupCode?: string }[];
      events: { parcelKey: string; text: string }[];
      diagnostics: { kind: string; message: string; url: string; shape?: string[] }[];
    };
  });
}
