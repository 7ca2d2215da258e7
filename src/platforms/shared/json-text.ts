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

const LONG_NUMBER_TOKEN_RE = /[:[,]\s*-?\d{16}/;

/** Quote integers of 16+ digits outside strings, so 19-digit order ids survive JSON.parse. */
export function quoteLongIntegers(text: string): string {
  // Outside strings a JSON number follows ':', '[' or ',' (and whitespace): without such a long one there is
  // nothing to quote, and the full replace below (which walks every string) is skipped.
  if (!LONG_NUMBER_TOKEN_RE.test(text)) return text;
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
