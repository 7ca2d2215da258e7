import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeJsStringLiteral,
  extractAssignedJson,
  extractJsonParseArg,
  sliceBalancedJson,
} from '../../../src/platforms/shared/js-string-literal';

/** Test-only encoder: the ways servers write a single-quoted literal (minimal, \uXXXX, \xNN, \u{…}). */
function encode(s: string, style: 'min' | 'unicode' | 'hex' | 'brace'): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\u2028' || ch === '\u2029') out += `\\u${cp.toString(16)}`;
    else if (style === 'min' && cp >= 0x20) out += ch;
    else if (style === 'brace' && cp > 0x7e) out += `\\u{${cp.toString(16)}}`;
    else if (style === 'hex' && cp <= 0xff && (cp < 0x20 || cp > 0x7e)) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x20 || cp > 0x7e) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (ch === '"' || ch === '/') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

describe('decodeJsStringLiteral', () => {
  it.each([
    ['\\"a\\"', '"a"'],
    ["it\\'s", "it's"],
    ['C:\\\\temp', 'C:\\temp'],
    ['\\/\\/img.alicdn.com\\/a.jpg', '//img.alicdn.com/a.jpg'],
    ['a\\nb\\rc\\td', 'a\nb\rc\td'],
    ['\\b\\f\\v', '\b\f\v'],
    ['x\\0y', 'x\0y'],
    ['\\x3Cscript\\x3E', '<script>'],
    ['\\u4E2D\\u901A\\u5FEB\\u9012', '中通快递'],
    ['\\uFFE558.90', '￥58.90'],
    ['\\uD83D\\uDCE6', '📦'],
    ['\\u{1F4E6}', '📦'],
    ['\\u{4e2d}', '中'],
    ['line\\\ncontinued', 'linecontinued'],
    ['crlf\\\r\ncontinued', 'crlfcontinued'],
    ['\\101\\60', 'A0'],
    ['\\q\\8', 'q8'],
  ])('%j → %j', (body, expected) => expect(decodeJsStringLiteral(body)).toBe(expected));

  it('is lenient with malformed escapes instead of throwing', () => {
    expect(decodeJsStringLiteral('\\xZZ')).toBe('xZZ');
    expect(decodeJsStringLiteral('\\u12')).toBe('u12');
    expect(decodeJsStringLiteral('\\u{110000}')).toBe('u{110000}');
    expect(decodeJsStringLiteral('\\u{')).toBe('u{');
    expect(decodeJsStringLiteral('end\\')).toBe('end');
  });

  it('decodes the escaped-JSON style Taobao pages use (JSON escapes inside JS escapes)', () => {
    const body = '{\\"t\\":\\" \\u7684\\\\\\"\\u786E\\u8BA4\\u6536\\u8D27\\\\\\"\\",\\"u\\":\\"\\/\\/a\\"}';
    const json = decodeJsStringLiteral(body);
    expect(JSON.parse(json)).toEqual({ t: ' 的"确认收货"', u: '//a' });
  });

  it('round-trips any string through every encoding style', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('min', 'unicode', 'hex', 'brace'), (s, style) => {
        expect(decodeJsStringLiteral(encode(s, style as 'min'))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('extractJsonParseArg', () => {
  it('reads the argument of var data = JSON.parse(…) with escaped quotes inside', () => {
    const script = `var x = 1;\n var data = JSON.parse('{\\"a\\":\\"it\\'s \\\\\\"q\\\\\\"\\"}');\n var isSeller = 'false';`;
    const arg = extractJsonParseArg(script, 'data');
    expect(arg).toBe('{"a":"it\'s \\"q\\""}');
    expect(JSON.parse(arg!)).toEqual({ a: 'it\'s "q"' });
  });
  it('accepts let/const/window. forms and double quotes, and matches whole names only', () => {
    expect(extractJsonParseArg('window.data=JSON.parse( "[1]" )', 'data')).toBe('[1]');
    expect(extractJsonParseArg("const data = JSON.parse('{}')", 'data')).toBe('{}');
    expect(extractJsonParseArg("var mydata = JSON.parse('1'); var data = JSON.parse('2')", 'data')).toBe('2');
    expect(extractJsonParseArg("var data$x = JSON.parse('1')", 'data')).toBeUndefined();
  });
  it('returns undefined when absent or unterminated', () => {
    expect(extractJsonParseArg('var data = {}', 'data')).toBeUndefined();
    expect(extractJsonParseArg("var data = JSON.parse('{\\\"a\\\":1}", 'data')).toBeUndefined();
    expect(extractJsonParseArg("var data = JSON.parse('{\n}')", 'data')).toBeUndefined();
  });
});

describe('extractAssignedJson / sliceBalancedJson', () => {
  it('slices a balanced literal, ignoring brackets inside strings', () => {
    const s = 'var detailData = {"a":"}{][","b":[1,{"c":\'}\'}]};var other = 1;';
    expect(extractAssignedJson(s, 'detailData')).toBe('{"a":"}{][","b":[1,{"c":\'}\'}]}');
  });
  it('takes a RegExp prefix (the ICE SSR loader)', () => {
    const s = "window['__ICE_SUSPENSE_LOADER__']['undefined'] = {\"result\":{\"ok\":true}};";
    expect(extractAssignedJson(s, /__ICE_SUSPENSE_LOADER__'\]\['undefined'\]\s*=\s*/)).toBe('{"result":{"ok":true}}');
  });
  it('returns undefined for unbalanced or non-literal values', () => {
    expect(sliceBalancedJson('{"a":[1,2}', 0)).toBeUndefined();
    expect(sliceBalancedJson('  x{}', 0)).toBeUndefined();
    expect(extractAssignedJson('var detailData = fn({});', 'detailData')).toBeUndefined();
  });
});
