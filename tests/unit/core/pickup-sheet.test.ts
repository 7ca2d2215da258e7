// 取件码 → 手机: the QR text (one line per parcel, code first), its split into parts a phone can read off a laptop
// screen, and a round trip through the QR encoder the popup uses (lean-qr, UTF-8 byte mode) and a decoder (jsQR).
import jsQR from 'jsqr';
import { correction, generate, mode } from 'lean-qr';
import { describe, expect, it } from 'vitest';
import { codesOf, MAX_QR_BYTES, pickupLine, qrParts, sortForPickup, utf8Length, type PickupEntry } from '../../../src/core/pickup-sheet';

const header = (i: number, n: number, count: number) => `取件码 ${i}/${n}（共 ${count} 件）`;

const STATIONS = ['菜鸟驿站(新郑龙湖富田兴龙湾31号楼店)', '丰巢快递柜(龙湖锦艺城东门)', '兔喜生活(龙湖大学城店)', '妈妈驿站(湖滨路店)'];
const CARRIERS = ['中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递'];
/** Twenty waiting parcels with long station names and titles: the worst day the view is made for. */
const twenty = (): PickupEntry[] =>
  Array.from({ length: 20 }, (_, i) => ({
    key: `zto:7310005980${String(i).padStart(4, '0')}`,
    code: i % 3 === 0 ? `${(i % 9) + 1}-${(i % 4) + 1}-${7600 + i}` : i % 3 === 1 ? `A${88100 + i}` : `7652-58${String(i).padStart(2, '0')}`,
    station: STATIONS[i % STATIONS.length],
    carrier: CARRIERS[i % CARRIERS.length],
    item: `云南高山红茶礼盒装 第${i + 1}款 250g 送礼佳品`,
  }));

/** Draws a QR bitmap as RGBA pixels (4 px per module, quiet zone 4) for the decoder. */
function rasterize(text: string) {
  const code = generate(mode.utf8(text), { minCorrectionLevel: correction.M, maxVersion: 30 });
  const s = 4;
  const n = code.size + 8;
  const data = new Uint8ClampedArray(n * s * n * s * 4).fill(255);
  for (let y = 0; y < n * s; y++)
    for (let x = 0; x < n * s; x++) {
      if (!code.get(Math.floor(x / s) - 4, Math.floor(y / s) - 4)) continue;
      const o = (y * n * s + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = 0;
    }
  return { code, data, width: n * s, height: n * s };
}

describe('pickup QR text', () => {
  it('one line per parcel, code first, then station · carrier · item (long text cut, no line breaks)', () => {
    expect(pickupLine({ key: 'k', code: '5-2-7602', station: '菜鸟驿站(龙湖店)', carrier: '中通快递', item: '云南红茶 250g' })).toBe('5-2-7602 菜鸟驿站(龙湖店) · 中通快递 · 云南红茶 250g');
    expect(pickupLine({ key: 'k', code: 'A88123' })).toBe('A88123');
    const long = pickupLine({ key: 'k', code: '1234', station: '驿站\n二号\u202E店', item: '一二三四五六七八九十十一十二十三' });
    expect(long).toBe('1234 驿站 二号店 · 一二三四五六七八九…');
    expect(long).not.toContain('k');
  });

  it('sorts station by station, then by code (numbers in number order)', () => {
    const s = sortForPickup([
      { key: 'a', code: '10-1-2', station: '丰巢' },
      { key: 'b', code: '9-1-2', station: '丰巢' },
      { key: 'c', code: '1', station: '菜鸟驿站' },
    ]);
    // 菜鸟 (cài) before 丰巢 (fēng): Chinese collation is by pinyin.
    expect(s.map((e) => e.key)).toEqual(['c', 'b', 'a']);
  });

  it('a few parcels fit one code; twenty are split into numbered parts, each within the byte budget, codes in order', () => {
    const few = qrParts(twenty().slice(0, 3), header);
    expect(few).toHaveLength(1);
    expect(few[0].text.split('\n')[0]).toBe('取件码 1/1（共 3 件）');

    const all = sortForPickup(twenty());
    const parts = qrParts(all, header);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(utf8Length(p.text)).toBeLessThanOrEqual(MAX_QR_BYTES);
      expect(p.text.split('\n')[0]).toBe(`取件码 ${i + 1}/${parts.length}（共 20 件）`);
      expect(codesOf(p.text)).toEqual(p.entries.map((e) => e.code));
    });
    expect(parts.flatMap((p) => codesOf(p.text))).toEqual(all.map((e) => e.code));
    // The keys of the records never go into the text.
    for (const p of parts) expect(p.text).not.toContain('zto:');
  });

  it('a larger budget keeps twenty parcels in one code; none gives no part', () => {
    expect(qrParts(twenty(), header, 4000)).toHaveLength(1);
    expect(qrParts([], header)).toEqual([]);
  });
});

describe('QR round trip (lean-qr → jsQR)', () => {
  it('every part of twenty parcels encodes at version ≤ 23, level M or better, and decodes to the same UTF-8 text', () => {
    for (const p of qrParts(sortForPickup(twenty()), header)) {
      const { code, data, width, height } = rasterize(p.text);
      // version = (size − 17) / 4
      expect((code.size - 17) / 4).toBeLessThanOrEqual(23);
      const out = jsQR(data, width, height);
      expect(out, p.text.slice(0, 30)).not.toBeNull();
      // The bytes are UTF-8 (a strict decode), and they are exactly the text.
      const bytes = Uint8Array.from(out!.binaryData);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(p.text);
      expect(out!.data).toBe(p.text);
    }
  });
});
