// Firefox ESR over WebDriver BiDi (puppeteer-core): the shipped Firefox package (dist/parcel-hub-firefox-*.zip,
// which has only `background.scripts`, no service worker) is installed as a temporary add-on, its popup
// answers a ping through the background event page and shows a parcel added with `manual/add`.
//
// Firefox is not optional: without a Firefox (scripts/browsers.ts finds it; `npm test` installs Firefox ESR where
// it can, through scripts/provision.ts) this test FAILS. PARCEL_HUB_NO_FIREFOX=1 replaces the browser run with a
// check of the Firefox package's manifest, for machines that cannot have Firefox.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePaste } from '../../src/core/paste-text';
import { findFirefox } from '../../scripts/browsers';
import { makeZips } from '../../scripts/zip';

const FIREFOX = findFirefox() ?? process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const NO_FIREFOX = process.env.PARCEL_HUB_NO_FIREFOX === '1';
const ADDON_ID = 'parcel-hub@parcelhub.example';
/** Pinned through extensions.webextensions.uuids, so the popup's moz-extension:// URL is known. */
const UUID = '6b0c1f4e-2f7a-4f8e-9a51-5c3d2e1f0a77';
const ORIGIN = `moz-extension://${UUID}`;
const SMS = '【菜鸟驿站】您的中通快递包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。运单号73100059800035';

/** The Firefox zip, unpacked (BiDi installs a folder). */
function unpackFirefoxZip(): { dir: string; manifest: Record<string, unknown> } {
  const zip = readFileSync(makeZips().firefox);
  const dir = mkdtempSync(join(tmpdir(), 'parcel-hub-firefox-'));
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) };
}

type Ext = { runtime: { sendMessage(m: unknown): Promise<unknown>; getBackgroundPage?(): Promise<Window> } };

/**
 * Open an extension page. Firefox loads moz-extension:// pages in the extension process, and the BiDi
 * navigation of the tab is never reported as finished to puppeteer (its goto times out though the page has
 * loaded), so wait for the page itself instead.
 */
async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${ORIGIN}/${path}`, { waitUntil: 'domcontentloaded', timeout: 3000 }).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(`${ORIGIN}/${path}`)) return page;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Firefox did not open ${ORIGIN}/${path}`);
}

let browser: Browser | undefined;
let unpacked: string | undefined;
afterAll(async () => {
  await browser?.close();
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('Firefox ESR', () => {
  it('the Firefox package runs its background through background.scripts: ping, manual/add, popup list', async () => {
    const { dir, manifest } = unpackFirefoxZip();
    unpacked = dir;
    expect(manifest.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect((manifest.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(ADDON_ID);
    if (NO_FIREFOX) {
      console.log('PARCEL_HUB_NO_FIREFOX=1: Firefox not run; only the Firefox package manifest was checked');
      return;
    }
    if (!existsSync(FIREFOX)) {
      throw new Error(`Firefox ESR not found at ${FIREFOX}: install it (npm test does, through scripts/provision.ts) or set PARCEL_HUB_NO_FIREFOX=1 to check the package only`);
    }

    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      // Lets WebDriver BiDi navigate a tab to moz-extension:// URLs (Firefox 138+ refuses otherwise).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }) },
    });
    expect(await browser.version()).toMatch(/^firefox\//i);
    expect(await browser.installExtension(dir)).toBe(ADDON_ID);

    const popup = await openExtensionPage(browser, 'popup.html');
    const errors: string[] = [];
    popup.on('pageerror', (e) => errors.push(String(e)));
    popup.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    expect(await popup.evaluate((m) => (globalThis as unknown as { browser: Ext }).browser.runtime.sendMessage(m), { type: 'ping' })).toEqual({ ok: true });
    // The background is Firefox's generated event page for background.scripts, not a service worker.
    const background = await popup.evaluate(async () => {
      const page = await (globalThis as unknown as { browser: Ext }).browser.runtime.getBackgroundPage?.();
      return page?.location.href ?? null;
    });
    expect(background).toMatch(new RegExp(`^${ORIGIN}/_generated_background_page\\.html`));

    const batch = parsePaste(SMS, Date.now());
    expect(batch?.parcels).toHaveLength(1);
    const reply = await popup.evaluate((m) => (globalThis as unknown as { browser: Ext }).browser.runtime.sendMessage(m), { type: 'manual/add', batch });
    expect(reply).toMatchObject({ ok: true, changes: expect.any(Number) });
    expect((reply as { changes: number }).changes).toBeGreaterThan(0);

    // The popup's live query shows the new parcel, with its pickup code.
    await popup.waitForSelector('[data-tracking="73100059800035"]', { timeout: 15_000 });
    const row = await popup.$eval('[data-tracking="73100059800035"]', (el) => el.textContent ?? '');
    expect(row).toContain('4-6-7602');
    // and a freshly opened popup reads it from IndexedDB
    const again = await openExtensionPage(browser, 'popup.html');
    await again.waitForSelector('[data-tracking="73100059800035"]', { timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
