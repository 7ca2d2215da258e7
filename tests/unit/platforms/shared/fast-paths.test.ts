// Fast paths of the parsers. The URL fast path (shared/values.ts parseUrl / urlOn) must give exactly what new URL() gives: the same href
// and hostname for every text it accepts, and undefined where new URL() throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrl, urlOn } from '../../../../src/platforms/shared/values';

const PARTS = [
  'https://', 'http://', '//', 'HTTPS://', 'img.alicdn.com', 'xn--fiqs8s.cn', 'xn--zz', '1.2.3.4', '0x7f', 'a-b.c0', 'A.com', '/', '/.', '/..',
  '/./', '/a/../b', '?q=1', "'", '%2e', '%41', '#f', ':80', '@', '~', '!$&()*+,;=', ' ', '\t', '\\', 'é', '中', '.', '..', 'a', '-', '_',
];
const text = fc.tuple(fc.constantFrom('https://', 'https://img.alicdn.com', 'https://a.b', '//img.alicdn.com'), fc.array(fc.constantFrom(...PARTS), { maxLength: 8 }))
  .map(([head, tail]) => head + tail.join(''));

function viaUrl(s: string): { href: string; hostname: string } | undefined {
  try {
    const u = new URL(s);
    return { href: u.href, hostname: u.hostname };
  } catch {
    return undefined;
  }
}

describe('URL fast path', () => {
  it('parseUrl equals new URL on tricky texts', () => {
    fc.assert(fc.property(text, (s) => {
      expect(parseUrl(s)).toEqual(viaUrl(s));
    }), { numRuns: 5_000 });
  });

  it('urlOn equals the new URL rule (https, host on the list) on tricky texts', () => {
    const hosts = ['alicdn.com', 'a.b'];
    fc.assert(fc.property(text, (s) => {
      const raw = s.trim();
      const u = viaUrl(raw.startsWith('//') ? `https:${raw}` : raw);
      const want = u && u.href.startsWith('https:') && hosts.some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`)) ? u.href : undefined;
      expect(urlOn(s, hosts)).toBe(want);
    }), { numRuns: 5_000 });
  });

  it('keeps simple CDN links as they are and still normalises the rest', () => {
    expect(parseUrl('https://img.alicdn.com/imgextra/i1/O1CN01a_!!22.jpg')).toEqual({ href: 'https://img.alicdn.com/imgextra/i1/O1CN01a_!!22.jpg', hostname: 'img.alicdn.com' });
    expect(parseUrl('https://IMG.alicdn.com/a/./b')?.href).toBe('https://img.alicdn.com/a/b');
    expect(parseUrl('https://xn--zz.com/')).toBeUndefined();
  });
});

describe('key tables', () => {
  it('every key table of the platform parsers has its bit (none falls back to the slow lookup)', async () => {
    await import('../../../../src/platforms/registry');
    const { keyTableStats } = await import('../../../../src/platforms/shared/keys');
    const s = keyTableStats();
    expect(s.tables).toBeGreaterThan(40);
    expect(s.withBit).toBe(s.tables);
  });
});
