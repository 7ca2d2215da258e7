// Where the browsers are: the one place that `npm start`, the tests, the bench and `scripts/provision.ts` ask.
// CHROMIUM_PATH / FIREFOX_PATH win; otherwise the first existing file among the standard install paths of
// Linux distributions, macOS and Windows. Chromium comes first: branded Chrome and Edge (137+) ignore
// --load-extension, so they can run the demo only where they still honour it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Found {
  path: string;
  /** A branded build (Chrome, Edge) that may refuse to side-load an unpacked extension. */
  branded: boolean;
}

function windowsPaths(rel: string[]): string[] {
  const roots = [process.env.LOCALAPPDATA, process.env.PROGRAMFILES ?? 'C:\\Program Files', process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'].filter(Boolean) as string[];
  return roots.flatMap((root) => rel.map((r) => join(root, r)));
}

export function chromiumCandidates(platform: NodeJS.Platform = process.platform): Found[] {
  const plain = (paths: string[]) => paths.map((path) => ({ path, branded: false }));
  const branded = (paths: string[]) => paths.map((path) => ({ path, branded: true }));
  if (platform === 'darwin') {
    return [
      ...plain(['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']),
      ...branded(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']),
    ];
  }
  if (platform === 'win32') {
    return [
      ...plain(windowsPaths(['Chromium\\Application\\chrome.exe'])),
      ...branded(windowsPaths(['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'])),
    ];
  }
  return [
    ...plain(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/usr/local/bin/chromium']),
    ...branded(['/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge']),
  ];
}

export function firefoxCandidates(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['/Applications/Firefox.app/Contents/MacOS/firefox', '/Applications/Firefox ESR.app/Contents/MacOS/firefox'];
  if (platform === 'win32') return windowsPaths(['Mozilla Firefox\\firefox.exe']);
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/snap/bin/firefox'];
}

export function findChromium(exists: (p: string) => boolean = existsSync): Found | null {
  const env = process.env.CHROMIUM_PATH;
  if (env) return exists(env) ? { path: env, branded: /chrome\.exe$|Google Chrome|google-chrome|edge/i.test(env) && !/chromium|for Testing/i.test(env) } : null;
  return chromiumCandidates().find((c) => exists(c.path)) ?? null;
}

export function findFirefox(exists: (p: string) => boolean = existsSync): string | null {
  const env = process.env.FIREFOX_PATH;
  if (env) return exists(env) ? env : null;
  return firefoxCandidates().find((p) => exists(p)) ?? null;
}

/** The Chromium the harness launches; throws one clear line when there is none. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new Error(
      process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`
        : 'No Chromium found: run `node --import tsx scripts/provision.ts` (npm start and npm test do), or set CHROMIUM_PATH',
    );
  }
  return found.path;
}
