// `npm start`: build the extension, open Chromium with it loaded, serve the bundled demo shop pages at the
// platforms' real URLs, visit them so their orders are imported, then open the popup.
// With no display (or with --headless) it saves a screenshot of the popup and prints what it imported.
// --docs (npm run docs:images) also writes the README's pictures: docs/popup.png and docs/history.png.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_TODAY_PAGES, serveDemoToday } from '../tests/fixtures/demo-today';
import { artifactPath, dbSnapshot, launch } from '../tests/e2e/harness';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const skipBuild = process.argv.includes('--no-build');
const docs = process.argv.includes('--docs');
const DOCS = resolve(import.meta.dirname, '../docs');

async function main() {
  if (!skipBuild) execSync('npx vite build', { stdio: 'inherit' });
  const h = await launch({ headless, userDataDir: undefined });
  serveDemoToday(h);
  for (const page of DEMO_TODAY_PAGES) {
    const tab = await h.openShopPage(page.url);
    console.log(`visited ${page.label}: ${page.url}`);
    // let the capture run (embedded JSON at load, API answers a moment later)
    await tab.waitForTimeout(1500);
    if (headless) await tab.close();
  }
  const expected = DEMO_TODAY_PAGES.reduce((n: number, p) => n + p.expectParcels, 0);
  await h
    .waitForSw(
      () => (globalThis as unknown as { __parcelHub: { getDb(): { parcels: { count(): Promise<number> } } } }).__parcelHub.getDb().parcels.count(),
      (n) => n >= expected,
      20_000,
    )
    .catch(() => undefined);

  const snap = await dbSnapshot(h);
  console.log(`\nImported ${snap.parcels.length} parcels and ${snap.orders.length} orders:`);
  for (const p of snap.parcels) {
    const platform = p.orderKeys[0]?.split(':')[0] ?? 'manual';
    console.log(`  ${platform.padEnd(9)} ${p.carrier.padEnd(10)} ${p.trackingNo.padEnd(18)} ${p.status}`);
  }
  const unshipped = snap.orders.filter((o) => o.status === 'unshipped' && o.parcelKeys.length === 0);
  for (const o of unshipped) console.log(`  ${o.key.split(':')[0].padEnd(9)} (not yet shipped) order ${o.orderId}`);

  const popup = await h.openPopup();
  await popup.waitForSelector('.row', { timeout: 10_000 }).catch(() => undefined);
  if (docs) {
    mkdirSync(DOCS, { recursive: true });
    const shot = await h.openPopup({ width: 420, height: 600 });
    await shot.locator('.row img').first().waitFor().catch(() => undefined);
    await shot.waitForTimeout(500);
    await shot.screenshot({ path: resolve(DOCS, 'popup.png') });
    const options = await h.openOptions();
    await options.setViewportSize({ width: 1640, height: 640 });
    await options.locator('[data-testid="history"] tbody tr[data-key]').first().waitFor();
    await options.waitForTimeout(500);
    await options.screenshot({ path: resolve(DOCS, 'history.png') });
    console.log(`\nREADME pictures: ${resolve(DOCS, 'popup.png')}, ${resolve(DOCS, 'history.png')}`);
  }
  if (headless) {
    const png = artifactPath('popup-demo.png');
    await popup.screenshot({ path: png, fullPage: true });
    console.log(`\nPopup screenshot: ${png}`);
    const errors = await h.errors();
    if (errors.length) console.log(`Errors:\n  ${errors.join('\n  ')}`);
    await h.close();
    process.exit(errors.length ? 1 : 0);
  }
  console.log('\nChromium is open with Parcel Hub loaded. Close the browser window to quit.');
  await new Promise<void>((resolve) => h.context.on('close', () => resolve()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
