// Checks on the built extension/ (run after `vite build`): the manifest is what we mean to ship, every file
// it names exists, and Firefox's linter finds no errors.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_FACTS } from '../../src/platforms/facts';
import { SERVICE_ORIGINS } from '../../src/core/settings';

const ext = resolve(import.meta.dirname, '../../extension');
const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));

describe('built manifest', () => {
  it('asks only for the permissions Parcel Hub needs', () => {
    // offscreen + clipboardWrite: a notification's 复制取件码 button copies through an offscreen document (Chrome).
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'clipboardWrite', 'notifications', 'offscreen', 'storage', 'unlimitedStorage']);
    expect([...manifest.host_permissions].sort()).toEqual(
      [
        'https://*.douyin.com/*',
        'https://*.jinritemai.com/*',
        'https://*.kuaishou.com/*',
        'https://*.kwaixiaodian.com/*',
        'https://*.taobao.com/*',
        'https://*.tmall.com/*',
        'https://order.jd.com/*',
        'https://details.jd.com/*',
        'https://trade.m.jd.com/*',
        'https://wqs.jd.com/*',
        'https://api.m.jd.com/*',
        // JD's PC after-sale (返修/退换货) pages: the one host added for after-sale (issue #16).
        'https://myjd.jd.com/*',
        'https://passport.jd.com/*',
        'https://plogin.m.jd.com/*',
        'https://mobile.yangkeduo.com/*',
        'https://mobile.pinduoduo.com/*',
      ].sort(),
    );
    // Tracking services: optional, requested when the user enables one (SERVICE_ORIGINS in core/settings.ts).
    expect([...manifest.optional_host_permissions].sort()).toEqual(Object.values(SERVICE_ORIGINS).flat().sort());
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(JSON.stringify(manifest.content_security_policy)).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });

  it('runs the MAIN-world hook first and one ISOLATED script per platform, at document_start', () => {
    const [hook, ...rest] = manifest.content_scripts;
    expect(hook).toMatchObject({ world: 'MAIN', run_at: 'document_start', js: ['content/capture-hook.js'] });
    expect(rest.map((c: { js: string[] }) => c.js[0])).toEqual(PLATFORM_FACTS.map((f) => `content/${f.id}.js`));
    for (const c of rest) expect(c.world ?? 'ISOLATED').toBe('ISOLATED');
  });

  it('is cross-browser: module service worker, Firefox background scripts and gecko settings', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: 'background.js', type: 'module', scripts: ['background.js'] });
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.id).toMatch(/@/);
    expect(parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(128);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest.default_locale).toBe('zh_CN');
  });

  it('names only files that exist', () => {
    const named = [
      manifest.background.service_worker,
      manifest.action.default_popup,
      manifest.options_ui.page,
      ...Object.values(manifest.icons as Record<string, string>),
      ...manifest.content_scripts.flatMap((c: { js: string[] }) => c.js),
      '_locales/zh_CN/messages.json',
      '_locales/en/messages.json',
    ];
    for (const f of named) expect(existsSync(join(ext, f)), f).toBe(true);
  });

  it('has every locale key in both languages and a store description of at most 132 characters', () => {
    const zh = JSON.parse(readFileSync(join(ext, '_locales/zh_CN/messages.json'), 'utf8'));
    const en = JSON.parse(readFileSync(join(ext, '_locales/en/messages.json'), 'utf8'));
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(zh.extDescription.message.length).toBeLessThanOrEqual(132);
    expect(en.extDescription.message.length).toBeLessThanOrEqual(132);
  });

  it('content scripts are classic scripts (no import statements) and contain no eval', () => {
    for (const c of manifest.content_scripts) {
      const code = readFileSync(join(ext, c.js[0]), 'utf8');
      expect(code).not.toMatch(/^\s*import\s|\bimport\(/m);
      expect(code).not.toMatch(/\beval\(|new Function\(/);
    }
  });
});

describe('web-ext lint', () => {
  it('reports 0 errors on extension/', () => {
    const bin = resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');
    let out: string;
    try {
      out = execFileSync(bin, ['lint', '--source-dir', ext, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // web-ext exits non-zero when it finds errors; the JSON is still on stdout
      out = (e as { stdout: string }).stdout;
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    const errors = report.errors.map((e: { code: string; message: string; file?: string }) => `${e.code}: ${e.message} (${e.file ?? ''})`);
    expect(errors).toEqual([]);
    // Warnings we accept, and why: Chrome's service_worker key is ignored by Firefox (we ship both keys).
    const warnings = report.warnings.map((w: { code: string }) => w.code);
    console.log(`web-ext lint: ${report.errors.length} errors, ${warnings.length} warnings (${[...new Set(warnings)].join(', ')})`);
  });
});
