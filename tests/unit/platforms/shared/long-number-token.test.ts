// hasLongNumberToken must give exactly the decision of LONG_NUMBER_TOKEN_RE.test (the pre-check that lets
// quoteLongIntegers skip its full replace), on random, adversarial and real payload texts.
import { describe, expect, it } from 'vitest';
import { benchPayloads } from '../../../../scripts/bench/parser-payloads';
import { hasLongNumberToken, LONG_NUMBER_TOKEN_RE } from '../../../../src/platforms/shared/json-text';
import { mulberry32 } from '../../../fixtures/rng';


// Pieces that matter to the decision: separators, whitespace of every kind \s knows (and some it does not),
// signs, digit runs around 16 long, quotes and letters.
const PIECES = [
  ':', '[', ',', '-', '--', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b',
  '"', '\\"', 'a', 'e', '.', '{', '}', ']', '+', '0', '7', '12345', '123456789012345', '1234567890123456',
  '12345678901234567890', '٣', '１',
];

function randomText(next: () => number): string {
  const len = Math.floor(next() * 40);
  let s = '';
  for (let i = 0; i < len; i++) {
    if (next() < 0.3) s += String(Math.floor(next() * 10)).repeat(1 + Math.floor(next() * 18));
    else s += PIECES[Math.floor(next() * PIECES.length)];
  }
  return s;
}

const same = (text: string) => expect([text, hasLongNumberToken(text)]).toEqual([text, LONG_NUMBER_TOKEN_RE.test(text)]);

describe('hasLongNumberToken', () => {
  it('decides like the regex on adversarial texts', () => {
    const digits16 = '1234567890123456';
    const cases = [
      '', ':', digits16, `:${digits16}`, `: ${digits16}`, `:-${digits16}`, `: -${digits16}`, `:- ${digits16}`,
      `:--${digits16}`, `[${digits16}]`, `,${digits16}`, `,\n\t ${digits16}`, `:\u00a0\u3000${digits16}`,
      `:\u200b${digits16}`, `:${digits16.slice(1)}`, `:a${digits16}`, `"${digits16}"`, `:"${digits16}"`,
      `x:1${digits16}`, `${digits16}:${digits16}`, `:1.${digits16}`, `:${digits16}0000`, `{"a":${digits16}}`,
      ` ${' '.repeat(40)}:${' '.repeat(33)}-${digits16}`, '9'.repeat(200), `:${'9'.repeat(15)}a${'9'.repeat(15)}`,
    ];
    for (const c of cases) same(c);
    // every offset of the run against the 16-character stride
    for (let pad = 0; pad < 40; pad++) {
      same(`${'x'.repeat(pad)}:${digits16}`);
      same(`${'x'.repeat(pad)}:${digits16.slice(1)}`);
      same(`${'1'.repeat(pad)},-${digits16}`);
      same(`${'x'.repeat(pad)}1${digits16}x:-${digits16.slice(2)}`);
    }
  });

  it('treats every UTF-16 code unit between the separator and the digits as the regex does', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const text = `"a":${ch}1234567890123456`;
      if (hasLongNumberToken(text) !== LONG_NUMBER_TOKEN_RE.test(text)) same(text);
    }
  });

  it('decides like the regex on 20,000 random texts', () => {
    const next = mulberry32(15);
    let positives = 0;
    for (let i = 0; i < 20000; i++) {
      const text = randomText(next);
      same(text);
      if (LONG_NUMBER_TOKEN_RE.test(text)) positives++;
    }
    // both decisions are exercised often
    expect(positives).toBeGreaterThan(2000);
    expect(positives).toBeLessThan(18000);
  });

  it('decides like the regex on the bench payloads and on them with long ids put in', () => {
    const next = mulberry32(3);
    for (const p of benchPayloads()) {
      same(p.body);
      for (let k = 0; k < 20; k++) {
        const at = Math.floor(next() * p.body.length);
        const id = '1'.repeat(14 + Math.floor(next() * 4));
        same(p.body.slice(0, at) + id + p.body.slice(at));
        same(`${p.body.slice(0, at)}:${id}${p.body.slice(at)}`);
      }
    }
  });
});
