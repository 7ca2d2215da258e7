// The list's shortcuts in scan.ts decide as the full readers do: mayNameTmallHost is false only for texts whose
// URL host is no tmall.com host, and pushStringsWhere gives collectStrings(root).filter(keep).
import { describe, expect, it } from 'vitest';
import { collectStrings, mayNameTmallHost, pushStringsWhere } from '../../../../src/platforms/taobao/scan';
import { hostOf, isTmallHost } from '../../../../src/platforms/taobao/values';
import { mulberry32 } from '../../../fixtures/rng';

const SCHEMES = ['https://', 'http://', '//', 'HTTPS://', 'HtTp://', '', 'https:///', 'user:pw@'];
const HOST_PIECES = [
  'store.', 'detail.', 'taobao', 'tmall', 'TMALL', 'tMaLl', 'tm', 'all', '.com', '.COM', '.com.cn', '%74', '%2e', '%6D',
  '\u00ad', 'ｔ', 'ｍａｌｌ', '．', ':443', '@', '.', '-', 'xn--', '1', '127.0.0.1', ' ', '\\',
];
const TAILS = ['', '/', '/shop/view_shop.htm', '?id=1', '#x', '/a b', '\\x'];
const pick = <T>(next: () => number, xs: T[]) => xs[Math.floor(next() * xs.length)];

describe('mayNameTmallHost', () => {
  it('is true for every text whose host is a tmall.com host, on the known forms', () => {
    for (const t of ['https://detail.tmall.com/item.htm?id=1', '//TMALL.COM/x', 'http://a.Tmall.com', 'https://%74mall.com/', 'https://ｔｍａｌｌ.com/', 'https://tm\u00adall.com/']) {
      if (isTmallHost(hostOf(t) ?? '')) expect(mayNameTmallHost(t), t).toBe(true);
    }
    expect(isTmallHost(hostOf('https://%74mall.com/') ?? '')).toBe(true);
    expect(mayNameTmallHost('//store.taobao.com/shop/view_shop.htm?user_number_id=2208881642')).toBe(false);
  });

  it('never hides a tmall.com host in random URL-like texts', () => {
    const next = mulberry32(0x7a11);
    let tmall = 0;
    for (let i = 0; i < 20_000; i++) {
      let t = pick(next, SCHEMES);
      const n = 1 + Math.floor(next() * 4);
      for (let j = 0; j < n; j++) t += pick(next, HOST_PIECES);
      t += pick(next, TAILS);
      if (!isTmallHost(hostOf(t) ?? '')) continue;
      tmall++;
      expect(mayNameTmallHost(t), t).toBe(true);
    }
    expect(tmall).toBeGreaterThan(50);
  });
});

describe('pushStringsWhere', () => {
  it('appends collectStrings(root).filter(keep), in order', () => {
    const root = {
      fields: { item: { title: '退款中的标题', skuText: [{ name: '颜色', value: '白色' }], extra: [{ value: '48小时内发货' }], priceInfo: { text: '退款成功' } } },
      status: ['预计11月08日送达', { text: '交易成功', url: '退' }],
    };
    const keep = (s: string) => /[退发达]/.test(s);
    const out = ['first'];
    expect(pushStringsWhere(root, keep, out)).toBe(out);
    expect(out).toEqual(['first', ...collectStrings(root).filter(keep)]);
    expect(out.length).toBeGreaterThan(2);
  });
});
