// Security checks on the built extension/ (run after `vite build`): exactly the permissions we mean to ask
// for, a strict CSP, nothing exposed to web pages, and no code loaded from anywhere but the package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ext = resolve(import.meta.dirname, '../../extension');
const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));

const PERMISSIONS = ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'offscreen', 'clipboardWrite'];
const HOSTS = [
  'https://*.taobao.com/*', 'https://*.tmall.com/*', 'https://*.douyin.com/*', 'https://*.jinritemai.com/*', 'https://*.kuaishou.com/*', 'https://*.kwaixiaodian.com/*',
  // JD: its order, detail, mobile order and logistics pages, the mobile order API, and the two sign-in hosts only;
  // plus myjd.jd.com, the PC after-sale (返修/退换货) service pages (issue #16: the one host added for after-sale).
  'https://order.jd.com/*', 'https://details.jd.com/*', 'https://trade.m.jd.com/*', 'https://wqs.jd.com/*', 'https://api.m.jd.com/*', 'https://myjd.jd.com/*', 'https://passport.jd.com/*', 'https://plogin.m.jd.com/*',
  // Pinduoduo: the two mobile web hosts (order list, order page, logistics page, order_list_v4, login).
  'https://mobile.yangkeduo.com/*', 'https://mobile.pinduoduo.com/*',
];
const OPTIONAL_HOSTS = ['https://poll.kuaidi100.com/*', 'https://api.17track.net/*'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const built = files(ext).map((f) => ({ rel: relative(ext, f), text: readFileSync(f, 'utf8') }));
const code = built.filter((f) => /\.(js|html|css)$/.test(f.rel));

/** What loads or runs code: each pattern names one way a remote script or string code could get in. */
const REMOTE_CODE: [string, RegExp][] = [
  ['<script src> off the package', /<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i],
  ['<link href> off the package', /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\//i],
  ['static import from a URL', /\b(?:import|export)\b[^;'"`]{0,200}?\bfrom\s*["'`](?:https?:)?\/\//],
  ['side-effect import of a URL', /\bimport\s*["'`](?:https?:)?\/\//],
  ['dynamic import of a URL', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
  ['importScripts', /\bimportScripts\s*\(/],
  ['eval', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['Function constructor call', /(?<![\w$.])Function\s*\(\s*["'`]/],
  ['string setTimeout/setInterval', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['CSS @import of a URL', /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//i],
];

describe('built manifest: permissions', () => {
  it('permissions, host_permissions and optional_host_permissions are exactly the allowlist', () => {
    expect([...manifest.permissions].sort()).toEqual([...PERMISSIONS].sort());
    expect([...manifest.host_permissions].sort()).toEqual([...HOSTS].sort());
    expect([...manifest.optional_host_permissions].sort()).toEqual([...OPTIONAL_HOSTS].sort());
    expect(manifest.optional_permissions).toBeUndefined();
    // Content scripts run only where the host permissions reach.
    for (const c of manifest.content_scripts as { matches: string[] }[]) for (const m of c.matches) expect(HOSTS).toContain(m);
  });

  it('exposes nothing to web pages or other extensions', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('has a strict CSP: no unsafe-eval, unsafe-inline, wasm-unsafe-eval, remote or wildcard sources', () => {
    const csp = manifest.content_security_policy;
    expect(Object.keys(csp)).toEqual(['extension_pages']);
    const policy: string = csp.extension_pages;
    expect(policy).not.toMatch(/unsafe-|https?:|\*|data:|blob:/i);
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name, v]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'self'"]);
  });
});

describe('built files: no remote or string code', () => {
  it('scans every built file', () => {
    expect(code.map((f) => f.rel)).toEqual(expect.arrayContaining(['background.js', 'popup.html', 'options.html', 'content/capture-hook.js']));
    expect(code.length).toBeGreaterThan(10);
  });

  it('the scan patterns catch what they are meant to (so a pass means something)', () => {
    const samples: Record<string, string> = {
      '<script src> off the package': '<script src="https://cdn.example/x.js"></script>',
      '<link href> off the package': '<link rel="stylesheet" href="//cdn.example/x.css">',
      'static import from a URL': 'import{a as b}from"https://cdn.example/x.js";',
      'side-effect import of a URL': 'import "https://cdn.example/x.js";',
      'dynamic import of a URL': 'await import(`https://cdn.example/x.js`)',
      importScripts: 'importScripts("x.js")',
      eval: ';eval(code)',
      'new Function': 'new Function("return 1")',
      'Function constructor call': 'x=Function("return this")()',
      'string setTimeout/setInterval': 'setTimeout("alert(1)", 1)',
      'CSS @import of a URL': '@import url("https://fonts.example/x.css");',
    };
    for (const [name, re] of REMOTE_CODE) expect(re.test(samples[name]), name).toBe(true);
    // and not on our own bundle's relative imports
    for (const [, re] of REMOTE_CODE) expect(re.test('import{a}from"./i18n-CMmb7ieo.js";<script type="module" src="/assets/popup.js"></script>')).toBe(false);
  });

  it.each(REMOTE_CODE)('no %s in any built file', (_name, re) => {
    const hits = code.filter((f) => re.test(f.text)).map((f) => `${f.rel}: …${f.text.slice(Math.max(0, f.text.search(re) - 40), f.text.search(re) + 80)}…`);
    expect(hits).toEqual([]);
  });

  it('every absolute URL in built code is on a known host (platforms, tracking services, XML namespaces)', () => {
    const known = /^(?:[\w-]+\.)*(?:taobao\.com|tmall\.com|douyin\.com|jinritemai\.com|kuaishou\.com|kwaixiaodian\.com|jd\.com|yangkeduo\.com|pinduoduo\.com|kuaidi100\.com|17track\.net|w3\.org|bit\.ly|tinyurl\.com)$/;
    const unknown: string[] = [];
    for (const f of code) {
      for (const m of f.text.matchAll(/\bhttps?:\/\/([\w.*-]+)/g)) {
        const host = m[1].replace(/^\*\./, '');
        // bit.ly / tinyurl.com: links in Dexie's error messages, never loaded.
        if (!known.test(host) && host !== '') unknown.push(`${f.rel}: ${m[0]}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
