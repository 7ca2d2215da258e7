// The list reader's own value readers must equal the shared ones: safeIntText (its ids) = String(), amountOf = fenAmount,
// mayBeJson = the scan's, imageUrlOf = urlOn.
import { describe, expect, it } from 'vitest';
import { readDeliveryService } from '../../../../src/core/after-sale-read';
import { safeIntText } from '../../../../src/platforms/shared/int-text';
import { amountOf, hasItem, idText, imageUrlOf, mayBeJson, mayNameFacts } from '../../../../src/platforms/shared/list-reader';
import { parsePromiseText } from '../../../../src/platforms/shared/promise-text';
import { mayBeJson as scanMayBeJson } from '../../../../src/platforms/shared/scan';
import { fenAmount, idOf, urlOn } from '../../../../src/platforms/shared/values';

describe('safeIntText, as the list reader reads ids', () => {
  it('is String(v) around every power of ten and multiples of 10^8, and at the safe limit', () => {
    const vs: number[] = [0, 1, 999_999_999, 1e9, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1];
    for (let p = 0; p <= 15; p++) for (const d of [-2, -1, 0, 1, 2]) vs.push(10 ** p + d);
    for (let k = 1; k < 90_071_992; k = Math.ceil(k * 1.37) + 1) for (const d of [-2, -1, 0, 1, 2]) vs.push(k * 1e8 + d);
    for (const v of vs) if (v >= 0 && Number.isSafeInteger(v)) expect([v, safeIntText(v)]).toEqual([v, String(v)]);
  });

  it('is String(v) for 100,000 random safe integers of every length', () => {
    let s = 7;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < 100_000; i++) {
      const digits = 1 + Math.floor(next() * 16);
      const v = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(next() * 10 ** digits) + Math.floor(next() * 1e6));
      const t = safeIntText(v);
      if (t !== String(v)) expect([v, t]).toEqual([v, String(v)]);
    }
  });
});

describe('amountOf (the list reader’s fenAmount)', () => {
  it('is fenAmount on amount texts, near misses and random texts', () => {
    const texts = [
      '', '0', '1', '39.90', '39.9', '39.', '.5', '0.29', '0.005', '123456789', '1234567890', '123456789.99', '1234567890.1',
      '999999999.99', '1000000000', '12.345', ' 39.90', '39.90 ', '¥39.90', '39.90元', '1,234.50', '-1', '39.9a', '3a.90',
      '0000000001', '00.01', '١٢', '1e3', '0x10', 'Infinity', '39..9', '39.9.', '５',
    ];
    let s = 11;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const chars = '0123456789.., ¥元a-';
    for (let i = 0; i < 50_000; i++) {
      let t = '';
      const len = Math.floor(next() * 14);
      for (let j = 0; j < len; j++) t += next() < 0.75 ? String(Math.floor(next() * 10)) : chars[Math.floor(next() * chars.length)];
      texts.push(t);
    }
    for (const t of texts) if (amountOf(t) !== fenAmount(t)) expect([t, amountOf(t)]).toEqual([t, fenAmount(t)]);
    for (const v of [0, 1, 39.9, -1, NaN, 1e12, 2 ** 60, null, undefined, true]) expect(amountOf(v)).toBe(fenAmount(v));
  });

  it('is fenAmount on every "x.y" and "x.yz" amount of up to 9 digits it sums from the digits', () => {
    let s = 13;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    let checked = 0;
    for (let digits = 1; digits <= 9; digits++) {
      for (let k = 0; k < 3000; k++) {
        const whole = digits === 1 ? Math.floor(next() * 10) : 10 ** (digits - 1) + Math.floor(next() * 9 * 10 ** (digits - 1));
        for (const frac of [String(Math.floor(next() * 10)), String(Math.floor(next() * 100)).padStart(2, '0')]) {
          const t = `${whole}.${frac}`;
          if (amountOf(t) !== fenAmount(t)) expect([t, amountOf(t)]).toEqual([t, fenAmount(t)]);
          checked++;
        }
      }
    }
    for (const t of ['999999999.99', '999999999.9', '0.01', '0.1', '0.29', '1.005', '123456789', '0']) expect([t, amountOf(t)]).toEqual([t, fenAmount(t)]);
    expect(checked).toBe(54_000);
  });
});

describe('mayNameFacts (the list reader’s pre-filter of order texts)', () => {
  it('is true for every text in which parsePromiseText or readDeliveryService finds something', () => {
    const phrases = [
      '预计11月22日送达', '今天18:00前发货', '明日达', '次日达', '送货上门', '按需上门', '京准达', '211限时达', '音尊达', '上门取件',
      '已签收', '6928104417280213000', 'JT5200000100000', '极客数码专营店', '48小时内发货', '准时达 送到家', '配送上门服务',
    ];
    const pieces = [...phrases, ' ', '，', '1', '12:00', '11月2日', '今天', '明天', '前', '内', '达', '发', '送', '门', '上', '家', 'a'];
    let s = 5;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const texts = [...phrases];
    for (let i = 0; i < 20_000; i++) {
      let t = '';
      const n = 1 + Math.floor(next() * 5);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(next() * pieces.length)];
      texts.push(t);
    }
    let found = 0;
    for (const t of texts) {
      const says = parsePromiseText(t, Date.UTC(2024, 10, 20), Date.UTC(2024, 10, 20)) !== undefined || readDeliveryService(t) !== undefined;
      if (says) found++;
      if (says && !mayNameFacts(t)) expect(t).toBe('a text with facts that the pre-filter drops');
    }
    expect(found).toBeGreaterThan(2000);
    expect(phrases.filter((t) => !mayNameFacts(t))).toEqual(['已签收', '6928104417280213000', 'JT5200000100000', '极客数码专营店']);
  });
});

describe('mayBeJson (the list reader’s)', () => {
  it('is the scan’s mayBeJson for texts starting with every UTF-16 code unit, and for the empty text', () => {
    expect(mayBeJson('')).toBe(scanMayBeJson(''));
    let yes = 0;
    for (let c = 0; c < 0x10000; c++) {
      const t = `${String.fromCharCode(c)}x`;
      if (mayBeJson(t) !== scanMayBeJson(t)) expect([c, mayBeJson(t)]).toEqual([c, scanMayBeJson(t)]);
      if (mayBeJson(t)) yes++;
    }
    // '{', '[', 0–32 and the 19 white-space code units above ASCII
    expect(yes).toBe(2 + 33 + 19);
  });
});

describe('imageUrlOf (the list reader’s urlOn)', () => {
  it('is urlOn on CDN links, near misses and random texts', () => {
    const hosts = ['ecombdimg.com', 'kwaixiaodian.com', 'c.cn'];
    const texts: unknown[] = [
      'https://p3-ecom.ecombdimg.com/img/ecom-shop-material/item_1~tplv-resize:300:300.jpeg', 'https://ecombdimg.com/a.jpg',
      'https://xecombdimg.com/a.jpg', 'https://p2.kwaixiaodian.com/ufile/a.jpg?x=1&y=/./z', 'https://p2.kwaixiaodian.com/a/./b.jpg',
      'https://p2.kwaixiaodian.com/a/../b.jpg', 'https://p2.kwaixiaodian.com/a/.../b.jpg', 'https://p2.kwaixiaodian.com/a/.',
      'https://p2.kwaixiaodian.com/a/..?q', 'https://p2.kwaixiaodian.com/.x/b.jpg', 'https://xn--fiq.kwaixiaodian.com/a.jpg',
      'https://a.xn--kwaixiaodian.com/a', 'https://P2.kwaixiaodian.com/a.jpg', 'https://p2.kwaixiaodian.com:443/a.jpg',
      'https://p2.kwaixiaodian.com', 'https://p2.kwaixiaodian.com/', 'https://p2.kwaixiaodian.com/a b.jpg', ' https://p2.kwaixiaodian.com/a.jpg ',
      '//p2.kwaixiaodian.com/a.jpg', 'http://p2.kwaixiaodian.com/a.jpg', 'https://p2.kwaixiaodian.com/a.jpg#x', 'https://p2.kwaixiaodian.com/%41.jpg',
      'https://p2.kwaixiaodian.com/图.jpg', 'https://1.2.3.4/a.jpg', 'https://c.cn/a', 'https://b.c.cn/a', 'https://bc.cn/a', 'https://.c.cn/a',
      'https://a..c.cn/a', 'https://c.cn./a', 'https://kwaixiaodian.com.evil.cn/a', `https://c.cn/${'a'.repeat(2050)}`, '', 5, null, undefined,
    ];
    let s = 3;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const pieces = ['https://', '//', 'p3.', 'ecombdimg.com', 'c.cn', 'xn--', '/', '.', '..', '?', '#', '%', ':', '-', 'a', 'Z', '9', ' ', '图', '~', '@'];
    for (let i = 0; i < 30_000; i++) {
      let t = next() < 0.7 ? 'https://' : '';
      const n = 1 + Math.floor(next() * 10);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(next() * pieces.length)];
      texts.push(t);
    }
    let links = 0;
    for (const t of texts) {
      const want = urlOn(t, hosts);
      if (imageUrlOf(t, hosts) !== want) expect([t, imageUrlOf(t, hosts)]).toEqual([t, want]);
      if (want) links++;
    }
    expect(links).toBeGreaterThan(500);
    expect(imageUrlOf('https://c.cn/a', [])).toBeUndefined();
  });
});

describe('hasItem (the list reader’s item dedupe)', () => {
  const identity = (it: { itemId?: string; title: string; sku?: string }) => `${it.itemId ?? ''}|${it.title}|${it.sku ?? ''}`;
  it('finds an item exactly when one with the same itemId|title|sku identity is listed', () => {
    const ids = [undefined, '1234', '12345', 'a-b_c'];
    const titles = ['茶', '茶|礼盒', '礼盒', '|', 'a|b', 'a', 'b|c'];
    const skus = [undefined, '白', 'b|c', 'c', '|白', 'b'];
    const all: { itemId?: string; title: string; sku?: string }[] = [];
    for (const itemId of ids) for (const title of titles) for (const sku of skus) {
      const it: { itemId?: string; title: string; sku?: string } = { title };
      if (itemId) it.itemId = itemId;
      if (sku) it.sku = sku;
      all.push(it);
    }
    let found = 0;
    for (let i = 0; i < all.length; i++) {
      const list = [all[(i * 7) % all.length], all[(i * 13 + 5) % all.length], all[(i * 31 + 11) % all.length]];
      for (const it of all) {
        const want = list.some((x) => identity(x) === identity(it));
        if (hasItem(list, it) !== want) expect([list, it, hasItem(list, it)]).toEqual([list, it, want]);
        if (want) found++;
      }
    }
    // some identities are equal only as strings ("a|b" + "c" and "a" + "b|c")
    expect(hasItem([{ title: 'a|b', sku: 'c' }], { title: 'a', sku: 'b|c' })).toBe(true);
    expect(hasItem([{ itemId: '1234', title: 'a' }], { itemId: '12345', title: 'a' })).toBe(false);
    expect(found).toBeGreaterThan(all.length * 3);
  });
});

describe('idText (the list reader’s idOf for texts)', () => {
  it('is idOf on ids, near misses and random texts', () => {
    const texts = ['6928104417280213000', 'JT5200000100000', 'ab-1', 'a_b-', '-abc', '_abc', 'abc', 'a'.repeat(64), 'a'.repeat(65), ' 1234', '1234 ',
      '12 34', '１２３４', '12.4', '', 'YT7500000100000', 'abcd\u200b', '1234\n'];
    let s = 17;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const chars = 'aZ09-_ .|中\t';
    for (let i = 0; i < 40_000; i++) {
      let t = '';
      const len = Math.floor(next() * 70);
      for (let j = 0; j < len; j++) t += next() < 0.8 ? 'aZ09'[Math.floor(next() * 4)] : chars[Math.floor(next() * chars.length)];
      texts.push(t);
    }
    let ids = 0;
    for (const t of texts) {
      if (idText(t) !== idOf(t)) expect([t, idText(t)]).toEqual([t, idOf(t)]);
      if (idOf(t)) ids++;
    }
    expect(ids).toBeGreaterThan(3000);
  });
});
