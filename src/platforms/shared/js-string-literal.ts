// Reading data that pages embed in their own scripts, e.g. Taobao's `var data = JSON.parse('…');` or
// `var detailData = {…}`. Hand-written scanners: page text is data, so it is never evaluated.

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX_CP = /^[0-9a-fA-F]{1,6}$/;

/**
 * Decode the body (text between the quotes) of a JS string literal: \" \' \\ \/ \n \r \t \b \f \v \0,
 * \xNN, \uNNNN, \u{…}, legacy octal and line continuations. Lenient like sloppy-mode JS: an unknown or
 * malformed escape yields the escaped character itself instead of failing.
 */
export function decodeJsStringLiteral(body: string): string {
  let out = '';
  let i = 0;
  const n = body.length;
  while (i < n) {
    const bs = body.indexOf('\\', i);
    if (bs < 0) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, bs);
    i = bs + 1;
    if (i >= n) break; // a lone trailing backslash cannot escape anything
    const c = body[i];
    if (c in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[c];
      i += 1;
    } else if (c === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (HEX2.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 3;
      } else {
        out += 'x';
        i += 1;
      }
    } else if (c === 'u') {
      if (body[i + 1] === '{') {
        const close = body.indexOf('}', i + 2);
        const hex = close > 0 ? body.slice(i + 2, close) : '';
        const cp = HEX_CP.test(hex) ? parseInt(hex, 16) : -1;
        if (cp >= 0 && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i = close + 1;
        } else {
          out += 'u';
          i += 1;
        }
      } else {
        const hex = body.slice(i + 1, i + 5);
        if (HEX4.test(hex)) {
          // Surrogate pairs written as two escapes recombine by plain concatenation.
          out += String.fromCharCode(parseInt(hex, 16));
          i += 5;
        } else {
          out += 'u';
          i += 1;
        }
      }
    } else if (c === '\r') {
      i += body[i + 1] === '\n' ? 2 : 1; // line continuation (CRLF)
    } else if (c === '\n' || c === '\u2028' || c === '\u2029') {
      i += 1; // line continuation
    } else if (c >= '0' && c <= '7') {
      // \0 is NUL; \1…\377 are legacy octal escapes (still seen in old server templates).
      const maxLen = c <= '3' ? 3 : 2;
      let j = i;
      while (j < i + maxLen && j < n && body[j] >= '0' && body[j] <= '7') j++;
      out += String.fromCharCode(parseInt(body.slice(i, j), 8));
      i = j;
    } else {
      out += c; // \" \' \\ \/ and identity escapes such as \8 or \q
      i += 1;
    }
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** End index (exclusive, after the closing quote) of the string literal whose opening quote is at `start`. */
function endOfStringLiteral(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n' || c === '\r') return undefined; // raw newline: not a valid literal
  }
  return undefined;
}

/**
 * The decoded string argument of `varName = JSON.parse('…')` in a script (also `var`/`let`/`const`/
 * `window.` forms and double quotes), i.e. the JSON text; undefined when absent or unterminated.
 */
export function extractJsonParseArg(scriptText: string, varName: string): string | undefined {
  const re = new RegExp(`(?<![\\w$])${escapeRe(varName)}\\s*=\\s*JSON\\.parse\\(\\s*(['"])`, 'g');
  for (let m = re.exec(scriptText); m; m = re.exec(scriptText)) {
    const start = m.index + m[0].length - 1;
    const end = endOfStringLiteral(scriptText, start);
    if (end !== undefined) return decodeJsStringLiteral(scriptText.slice(start + 1, end - 1));
  }
  return undefined;
}

/**
 * The source text of the JSON object/array literal starting at the first `{` or `[` at or after `from`
 * (only whitespace may come before it), balanced with string literals skipped; undefined if it never closes.
 */
export function sliceBalancedJson(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  const open = text[i];
  if (open !== '{' && open !== '[') return undefined;
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const end = endOfStringLiteral(text, j);
      if (end === undefined) return undefined;
      j = end - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(i, j + 1);
    }
  }
  return undefined;
}

/**
 * The object/array literal assigned to `target` in a script: a variable name (`var detailData = {…}`)
 * or a RegExp that matches everything up to the literal. Returns the literal's source text.
 */
export function extractAssignedJson(scriptText: string, target: string | RegExp): string | undefined {
  const re =
    typeof target === 'string'
      ? new RegExp(`(?<![\\w$])${escapeRe(target)}\\s*=\\s*`, 'g')
      : new RegExp(target.source, target.flags.includes('g') ? target.flags : `${target.flags}g`);
  for (let m = re.exec(scriptText); m; m = re.exec(scriptText)) {
    const literal = sliceBalancedJson(scriptText, m.index + m[0].length);
    if (literal !== undefined) return literal;
    if (m[0].length === 0) re.lastIndex++;
  }
  return undefined;
}
