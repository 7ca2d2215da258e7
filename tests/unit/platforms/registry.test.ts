// The platform registry drives every surface: the build (content-script entries, host permissions, matches),
// the router's sender check, the popup (labels, icons, sign-in links), the options page (toggles, statistics,
// parser health), the demo, the fixtures, fuzzing and end-to-end capture. Each check below fails when one of
// them forgets a platform of src/platforms/facts.ts, or when the two halves of the registry disagree.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformHealth } from '../../../src/core/health';
import { PLATFORMS } from '../../../src/core/model';
import { isPlatformImageUrl } from '../../../src/core/observation-schema';
import { DEFAULT_SETTINGS, SHOP_PLATFORMS } from '../../../src/core/settings';
import { checkSender } from '../../../src/background/router';
import { FACTS_BY_ID, IMAGE_CDN_HOSTS, PLATFORM_FACTS } from '../../../src/platforms/facts';
import { platformForUrl } from '../../../src/platforms/url-match';
import { ADAPTERS } from '../../../src/platforms/registry';
import { LINKS_BY_ID, PLATFORM_LINKS } from '../../../src/platforms/ui-facts';
import { DEMO_PAGES } from '../../fixtures/demo';
import { buildManifest, contentEntries } from '../../../vite.config';

const root = resolve(import.meta.dirname, '../../..');
const ids = PLATFORM_FACTS.map((f) => f.id);
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const locales = ['en', 'zh_CN'].map((l) => [l, JSON.parse(read(`public/_locales/${l}/messages.json`)) as Record<string, { message: string }>] as const);

describe('platform registry', () => {
  it('has its platforms once each, and the two halves (facts, adapters) and core agree on them', () => {
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ADAPTERS.map((a) => a.id)).toEqual(ids);
    expect([...SHOP_PLATFORMS].sort()).toEqual([...ids].sort());
    expect(PLATFORMS.filter((p) => p !== 'manual').sort()).toEqual([...ids].sort());
    for (const a of ADAPTERS) expect(a.facts, a.id).toBe(FACTS_BY_ID[a.id]);
    // The popup's half (ui-facts.ts) lists the same platforms in the same order, with the same links.
    expect(PLATFORM_LINKS.map((l) => l.id)).toEqual(ids);
    for (const id of ids) {
      const { icon, orderListUrl, orderDetailUrl } = FACTS_BY_ID[id];
      expect(LINKS_BY_ID[id], id).toMatchObject({ id, icon, orderListUrl });
      expect(LINKS_BY_ID[id].orderDetailUrl).toBe(orderDetailUrl);
    }
  });

  it.each(ids)('%s: names the after-sale / complaint page of an order (links.ts), on its own domain, with its source', (id) => {
    const { afterSale, pageHosts, orderListUrl } = FACTS_BY_ID[id];
    expect(LINKS_BY_ID[id].afterSale).toBe(afterSale);
    const url = new URL(afterSale.url('1234567890'));
    expect(url.protocol).toBe('https:');
    // On one of the platform's registrable domains (the last two labels of its page hosts and order list).
    const domains = [...pageHosts, new URL(orderListUrl).hostname].map((h) => h.split('.').slice(-2).join('.'));
    expect(domains.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`)), url.hostname).toBe(true);
    expect(afterSale.source.length).toBeGreaterThan(10);
    if (afterSale.perOrder) expect(url.href).toContain('1234567890');
    // An order id is a query value, never markup or a path escape.
    expect(afterSale.url('1&x=<b>/..')).not.toMatch(/<b>|\/\.\./);
  });

  it.each(ids)('%s: its facts are complete and consistent with its own parser', (id) => {
    const f = FACTS_BY_ID[id];
    const adapter = ADAPTERS.find((a) => a.id === id)!;
    expect(f.matches.length).toBeGreaterThan(0);
    for (const m of f.matches) expect(m).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    expect([...f.icon]).toHaveLength(1);
    expect(f.imageCdns.length).toBeGreaterThan(0);
    for (const h of f.imageCdns) expect(IMAGE_CDN_HOSTS).toContain(h);
    expect(isPlatformImageUrl(`https://img.${f.imageCdns[0]}/a.jpg`)).toBe(true);
    // The order list is where capture reads orders and where the shopper signs in: it must be read.
    expect(adapter.pageKind(new URL(f.orderListUrl))).toBe('order_list');
    expect(platformForUrl(f.orderListUrl)).toBe(id);
    for (const h of f.signInHosts) expect(adapter.pageKind(new URL(`https://${h}/login`)), h).toBeNull();
  });

  it.each(ids)('%s: the build makes its content script from the adapter in src/platforms/<id>/index.ts', async (id) => {
    expect(contentEntries[id]).toContain(id);
    const mod = (await import(`../../../src/platforms/${id}/index.ts`)) as Record<string, unknown>;
    expect(mod[id], `src/platforms/${id}/index.ts must export the adapter as "${id}"`).toBe(ADAPTERS.find((a) => a.id === id));
  });

  it('the manifest asks for exactly the registry hosts and runs one ISOLATED script per platform', () => {
    const manifest = buildManifest() as { host_permissions: string[]; content_scripts: { matches: string[]; js: string[]; world?: string }[] };
    expect([...manifest.host_permissions].sort()).toEqual([...new Set(PLATFORM_FACTS.flatMap((f) => f.matches))].sort());
    for (const f of PLATFORM_FACTS) {
      const cs = manifest.content_scripts.find((c) => c.js[0] === `content/${f.id}.js`);
      expect(cs?.matches, f.id).toEqual([...f.matches]);
      expect(cs?.world).toBeUndefined();
    }
    const hook = manifest.content_scripts.find((c) => c.world === 'MAIN')!;
    for (const m of PLATFORM_FACTS.flatMap((f) => f.matches)) expect(hook.matches).toContain(m);
  });

  it.each(ids)('%s: the router accepts its content script and refuses it speaking for another platform', (id) => {
    const url = FACTS_BY_ID[id].orderListUrl;
    const sender = { id: 'ext', url, tab: { id: 1, url } };
    expect(checkSender('capture/batch', sender, 'ext', 'chrome-extension://ext/')).toEqual({ ok: true, from: 'content', tabPlatform: id });
    for (const other of ids.filter((o) => o !== id)) expect(platformForUrl(FACTS_BY_ID[other].orderListUrl)).not.toBe(id);
  });

  it.each(ids)('%s: popup, history, CSV, statistics and options have its names in every language', (id) => {
    for (const [lang, messages] of locales) {
      expect(messages[`platform_${id}`]?.message, `${lang} platform_${id}`).toBeTruthy();
      expect(messages[`optPlatform_${id}`]?.message, `${lang} optPlatform_${id}`).toBeTruthy();
    }
  });

  it.each(ids)('%s: settings switch it on by default, and parser health reports it', (id) => {
    expect(DEFAULT_SETTINGS.platforms[id]).toBe(true);
    expect(platformHealth([], [], ids).map((h) => h.platform)).toContain(id);
    expect(platformHealth([], []).map((h) => h.platform)).toContain(id);
  });

  it.each(ids)('%s: fixtures, fuzzing, end-to-end capture, the demo and the README cover it', (id) => {
    const fixtures = join(root, 'tests/fixtures', id);
    expect(existsSync(fixtures), `tests/fixtures/${id}/`).toBe(true);
    expect(readdirSync(fixtures).filter((f) => !f.endsWith('.md')).length).toBeGreaterThan(0);
    expect(read('tests/unit/fuzz/parsers.test.ts')).toContain(`fixtureList('${id}'`);
    const e2e = readdirSync(join(root, 'tests/e2e')).filter((f) => f.endsWith('.test.ts')).map((f) => read(`tests/e2e/${f}`)).join('\n');
    expect(e2e, 'an e2e test visits one of its pages').toMatch(new RegExp(FACTS_BY_ID[id].pageHosts.map((h) => h.replace(/\./g, '\\.')).join('|')));
    expect(DEMO_PAGES.some((p) => platformForUrl(p.url) === id), 'a demo page').toBe(true);
    expect(read('README.md')).toContain(FACTS_BY_ID[id].name.zh.split(' / ')[0]);
  });
});
