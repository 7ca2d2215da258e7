// Provisions what `npm start` and `npm test` need beyond Node, the way `playwright install --with-deps` does:
// Chromium (both), Firefox (tests; PARCEL_HUB_NO_FIREFOX=1 opts out) and CJK fonts (screenshots of Chinese
// shop text). Silent when everything is there. Where something is missing it installs it with apt-get when it
// can (root, or sudo without a password); otherwise it stops with one line that says what to install.
// Run by npm's prestart / pretest / prebench and so by .ci/run. Usage: tsx scripts/provision.ts [start|test]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, findFirefox } from './browsers';

const purpose = process.argv[2] === 'start' ? 'start' : 'test';
const linux = process.platform === 'linux';
const wantFirefox = purpose === 'test' && process.env.PARCEL_HUB_NO_FIREFOX !== '1';

/** Known CJK font files first (no process), then fontconfig. macOS and Windows ship CJK fonts. */
function hasCjkFonts(): boolean {
  if (!linux) return true;
  const known = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc'];
  if (known.some((f) => existsSync(f))) return true;
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

interface Missing {
  chromium: boolean;
  firefox: boolean;
  fonts: boolean;
}

function missing(): Missing {
  return { chromium: !findChromium(), firefox: wantFirefox && !findFirefox(), fonts: !hasCjkFonts() };
}

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

/** apt-get as root, or through sudo when it needs no password; null where neither works. */
function aptRunner(): ((args: string[]) => ReturnType<typeof run>) | null {
  if (!linux || !existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return (args) => run('apt-get', args);
  if (run('sudo', ['-n', 'true']).status === 0) return (args) => run('sudo', ['-n', '-E', 'apt-get', ...args]);
  return null;
}

/** The first package name this system's apt can install (Debian calls it chromium, Ubuntu chromium-browser). */
function firstAvailable(names: string[]): string | null {
  for (const name of names) {
    const r = run('apt-cache', ['policy', name]);
    const candidate = /Candidate:\s*(\S+)/.exec(r.stdout ?? '')?.[1];
    if (candidate && candidate !== '(none)') return name;
  }
  return null;
}

function advice(m: Missing): string {
  const what: string[] = [];
  if (m.chromium) what.push(process.platform === 'darwin' ? 'Chromium (brew install --cask chromium)' : process.platform === 'win32' ? 'Chromium (winget install Hibbiki.Chromium)' : 'Chromium (your package manager: chromium)');
  if (m.firefox) what.push('Firefox (or set PARCEL_HUB_NO_FIREFOX=1 to check only the Firefox package)');
  return `Parcel Hub needs ${what.join(' and ')}; install it, or point CHROMIUM_PATH / FIREFOX_PATH at it.`;
}

function main(): number {
  let m = missing();
  if (!m.chromium && !m.firefox && !m.fonts) return warnBranded();
  const apt = aptRunner();
  if (apt) {
    const update = apt(['update', '-qq']);
    if (update.status !== 0) console.error(`apt-get update failed:\n${update.stderr}`);
    const packages = [
      m.chromium && firstAvailable(['chromium', 'chromium-browser']),
      m.firefox && firstAvailable(['firefox-esr', 'firefox']),
      m.fonts && firstAvailable(['fonts-noto-cjk']),
    ].filter((p): p is string => !!p);
    if (packages.length) {
      console.log(`Parcel Hub: installing ${packages.join(', ')} with apt-get (once) …`);
      const r = apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
      if (r.status !== 0) console.error(`apt-get install failed:\n${(r.stderr || r.stdout).slice(-2000)}`);
    }
    m = missing();
  }
  if (m.fonts) console.warn('Parcel Hub: no CJK font found; screenshots will show boxes for Chinese text (install fonts-noto-cjk).');
  if (m.chromium || m.firefox) {
    console.error(advice(m));
    return 1;
  }
  return warnBranded();
}

function warnBranded(): number {
  const c = findChromium();
  if (c?.branded) console.warn(`Parcel Hub: using ${c.path}; branded Chrome/Edge 137+ may refuse --load-extension — Chromium is the tested browser.`);
  return 0;
}

process.exit(main());
