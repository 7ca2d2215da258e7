// Where npm start / npm test look for browsers on each system, and what an explicit path does.
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium, findFirefox, firefoxCandidates } from '../../../scripts/browsers';

const saved = { c: process.env.CHROMIUM_PATH, f: process.env.FIREFOX_PATH };
afterEach(() => {
  if (saved.c === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved.c;
  if (saved.f === undefined) delete process.env.FIREFOX_PATH;
  else process.env.FIREFOX_PATH = saved.f;
});

describe('browser discovery', () => {
  it('prefers Chromium over branded Chrome/Edge on every system', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      const list = chromiumCandidates(os);
      expect(list.length, os).toBeGreaterThan(1);
      const firstBranded = list.findIndex((c) => c.branded);
      expect(list.slice(0, firstBranded).every((c) => !c.branded), os).toBe(true);
      expect(list.slice(firstBranded).every((c) => c.branded), os).toBe(true);
      expect(firefoxCandidates(os).length, os).toBeGreaterThan(0);
    }
    expect(chromiumCandidates('linux')[0].path).toBe('/usr/bin/chromium');
    expect(chromiumCandidates('darwin').some((c) => c.path.includes('Google Chrome.app') && c.branded)).toBe(true);
  });

  it('finds the first that exists, and says so when there is none', () => {
    delete process.env.CHROMIUM_PATH;
    delete process.env.FIREFOX_PATH;
    const only = (p: string) => (x: string) => x === p;
    if (process.platform === 'linux') {
      expect(findChromium(only('/snap/bin/chromium'))).toEqual({ path: '/snap/bin/chromium', branded: false });
      expect(findChromium(only('/usr/bin/google-chrome-stable'))).toEqual({ path: '/usr/bin/google-chrome-stable', branded: true });
      expect(findFirefox(only('/usr/bin/firefox'))).toBe('/usr/bin/firefox');
    }
    expect(findChromium(() => false)).toBeNull();
    expect(findFirefox(() => false)).toBeNull();
  });

  it('takes CHROMIUM_PATH / FIREFOX_PATH as they are, and nothing else when they do not exist', () => {
    process.env.CHROMIUM_PATH = '/opt/my/chromium';
    process.env.FIREFOX_PATH = '/opt/my/firefox';
    expect(findChromium((p) => p === '/opt/my/chromium')).toEqual({ path: '/opt/my/chromium', branded: false });
    expect(findChromium(() => true)?.path).toBe('/opt/my/chromium');
    expect(findChromium((p) => p === '/usr/bin/chromium')).toBeNull();
    expect(findFirefox((p) => p === '/opt/my/firefox')).toBe('/opt/my/firefox');
    expect(findFirefox((p) => p === '/usr/bin/firefox-esr')).toBeNull();
  });
});
