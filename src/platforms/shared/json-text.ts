// Lenient reading of captured response bodies: JSON, or JSONP such as `/**/ mtopjsonp3({...});`
// (Taobao mtop answers) or `jQuery123_456({...})`. Never throws; never evaluates code.

// The wrapper is `^\s*(?:\/\*\*\/\s*)?[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?\s*$`, read as a head matched at
// the start and a tail walked back from the end: one regex over the whole body cost a tenth of a JSON.parse.
const JSONP_HEAD_RE = /^\s*(?:\/\*\*\/\s*)?[A-Za-z_$][\w$.]*\s*\(/;
const SPACE_RE = /\s/;

/** Strip a JSONP wrapper if there is one; return the inner text otherwise the text itself. */
export function stripJsonp(text: string): string {
  const head = JSONP_HEAD_RE.exec(text);
  if (!head) return text;
  let end = text.length;
  while (end > 0 && SPACE_RE.test(text[end - 1])) end--;
  if (text[end - 1] === ';') {
    end--;
    while (end > 0 && SPACE_RE.test(text[end - 1])) end--;
  }
  const start = head[0].length;
  return end - 1 >= start && text[end - 1] === ')' ? text.slice(start, end - 1) : text;
}

/** Parse JSON or JSONP text; undefined when it is neither. */
export function parseJsonText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  for (const candidate of [trimmed, stripJsonp(trimmed)]) {
    const first = candidate.trimStart()[0];
    if (first !== '{' && first !== '[') continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** Key paths of a JSON value's shape (no values), for diagnostics: ["data.list[].order_no", …]. */
export function shapeOf(value: unknown, maxPaths = 60, maxDepth = 6): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, path: string, depth: number) => {
    if (out.size >= maxPaths) return;
    if (Array.isArray(v)) {
      if (v.length && depth < maxDepth) walk(v[0], `${path}[]`, depth + 1);
      else out.add(`${path}[]`);
      return;
    }
    if (v && typeof v === 'object') {
      const keys = Object.keys(v as object);
      if (!keys.length || depth >= maxDepth) {
        out.add(path || '{}');
        return;
      }
      for (const k of keys) walk((v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    out.add(path || typeof v);
  };
  walk(value, '', 0);
  return [...out];
}

/** The reference decision hasLongNumberToken implements (kept for the equivalence test). */
export const LONG_NUMBER_TOKEN_RE = /[:[,]\s*-?\d{16}/;

/** Same decision as `LONG_NUMBER_TOKEN_RE.test(text)` (/[:[,]\s*-?\d{16}/), without the regex trying every
 * ':' ',' '[': any 16 consecutive digits cover one index ≡ 15 (mod 16), so only every 16th character is read
 * until a digit run is met; a run of 16+ digits then qualifies when `-?`, whitespace and one of ':[,' precede
 * it (the 16 digits cannot start inside a run: the character before them is never a digit). */
export function hasLongNumberToken(text: string): boolean {
  const n = text.length;
  let i = 15;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      i += 16;
      continue;
    }
    // a run of 16+ digits through i also covers i - 8 or i + 8: most shorter runs stop here
    if (!isDigitCode(text.charCodeAt(i + 8)) && !(i >= 8 && isDigitCode(text.charCodeAt(i - 8)))) {
      i += 16;
      continue;
    }
    let start = i;
    while (start > 0 && isDigitCode(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < n && isDigitCode(text.charCodeAt(end))) end++;
    if (end - start >= 16 && longRunIsToken(text, start)) return true;
    // the next run starts after `end`: jump to its first index ≡ 15 (mod 16)
    i = end + ((15 - (end % 16) + 16) % 16);
  }
  return false;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** Whether code unit `c` is whitespace as JS `\s` reads it (only met next to a 16+ digit run: no need for speed). */
const isWhitespaceCode = (c: number) => SPACE_RE.test(String.fromCharCode(c));

/** Whether `-?`, then whitespace (JS \s), then one of ':[,' end just before index `start`. */
function longRunIsToken(text: string, start: number): boolean {
  let j = start - 1;
  if (j >= 0 && text.charCodeAt(j) === 45 /* - */) j--;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 58 /* : */ || c === 91 /* [ */ || c === 44 /* , */) return true;
    if (!isWhitespaceCode(c)) return false;
    j--;
  }
  return false;
}

/** Quote integers of 16+ digits outside strings, so 19-digit order ids survive JSON.parse. */
export function quoteLongIntegers(text: string): string {
  // Outside strings a JSON number follows ':', '[' or ',' (and whitespace): without such a long one there is
  // nothing to quote, and the full replace below (which walks every string) is skipped.
  if (!hasLongNumberToken(text)) return text;
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\w$.])-?\d{16,}(?![\w.])/g, (m) => (m.startsWith('"') ? m : `"${m}"`));
}

/** parseJsonText (JSON or JSONP) with long integers kept as strings. */
export function parseJsonPreservingIds(text: string): unknown {
  return parseJsonText(quoteLongIntegers(text));
}

/** JSON text re-serialised from a value the browser had already parsed (XHR responseType json, a JSONP
 * argument): every integer beyond 2^53 there was rounded, so it is replaced with null and counted, and no
 * parser reads a wrong id from it. Strings are left alone. */
export function nullUnsafeIntegers(text: string): { text: string; lost: number } {
  let lost = 0;
  if (!/\d{16}|e\+/.test(text)) return { text, lost };
  const out = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:e\+\d+)?/g, (m) => {
    if (m.startsWith('"')) return m;
    const n = Number(m);
    if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
      lost++;
      return 'null';
    }
    return m;
  });
  return { text: out, lost };
}
