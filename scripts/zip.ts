// `npm run zip`: store-ready zips of extension/ in dist/ — manifest at the zip root, one per store:
// Chrome/Edge get `background.service_worker` only, Firefox gets `background.scripts` only.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';

const root = resolve(import.meta.dirname, '..');
const ext = join(root, 'extension');
const dist = join(root, 'dist');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

export function makeZips(): { chrome: string; firefox: string } {
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  const entries: Record<string, Uint8Array> = {};
  for (const f of files(ext)) {
    const rel = relative(ext, f).split('\\').join('/');
    if (rel !== 'manifest.json') entries[rel] = readFileSync(f);
  }
  const chromeManifest = { ...manifest, background: { service_worker: manifest.background.service_worker, type: 'module' } };
  delete chromeManifest.browser_specific_settings;
  const firefoxManifest = { ...manifest, background: { scripts: manifest.background.scripts, type: 'module' } };
  delete firefoxManifest.minimum_chrome_version;
  // Offscreen documents are Chrome's; Firefox has no notification buttons, so it needs neither.
  firefoxManifest.permissions = manifest.permissions.filter((p: string) => p !== 'offscreen');
  mkdirSync(dist, { recursive: true });
  const out = { chrome: join(dist, `parcel-hub-chrome-${manifest.version}.zip`), firefox: join(dist, `parcel-hub-firefox-${manifest.version}.zip`) };
  const enc = (m: unknown) => new TextEncoder().encode(JSON.stringify(m, null, 2));
  writeFileSync(out.chrome, zipSync({ 'manifest.json': enc(chromeManifest), ...entries }, { level: 9 }));
  writeFileSync(out.firefox, zipSync({ 'manifest.json': enc(firefoxManifest), ...entries }, { level: 9 }));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = makeZips();
  for (const p of Object.values(out)) console.log(`${p}  ${(statSync(p).size / 1024).toFixed(1)} KiB`);
}
