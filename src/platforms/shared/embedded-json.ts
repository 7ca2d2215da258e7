// JSON values a server-rendered page embeds in its scripts (window.__INITIAL_STATE__, window.rawData, JSON
// script tags…), read as data: never evaluated.
import { extractAssignedJson, extractJsonParseArg } from './js-string-literal';
import { parseJsonPreservingIds } from './json-text';

/** Global variables pages assign their state to (as data; first found wins per script). */
export const STATE_VARIABLES = [
  '__INITIAL_STATE__',
  '__APOLLO_STATE__',
  '__PRELOADED_STATE__',
  '__INITIAL_DATA__',
  '__INIT_PROPS__',
  '_ROUTER_DATA',
  '_SSR_DATA',
  '__pageData',
  'rawData',
] as const;
const MAX_SCRIPT_CHARS = 5_000_000;
const MAX_EMBEDDED_VALUES = 10;

const tryJson = (text: string): unknown => {
  const v = parseJsonPreservingIds(text);
  // JS object literals often carry `undefined`; JSON cannot.
  return v !== undefined ? v : parseJsonPreservingIds(text.replace(/([:,[]\s*)undefined(?=\s*[,}\]])/g, '$1null'));
};

/** JSON values a page embeds: `window.X = {…}`, `X = JSON.parse("…")`, and JSON script tags (RENDER_DATA is URL-encoded). */
export function readEmbeddedJson(root: ParentNode, variables: readonly string[] = STATE_VARIABLES): unknown[] {
  const out: unknown[] = [];
  const scripts = Array.from(root.querySelectorAll('script')).slice(0, 300);
  for (const script of scripts) {
    if (out.length >= MAX_EMBEDDED_VALUES) break;
    const text = (script.textContent ?? '').trim();
    if (!text || text.length > MAX_SCRIPT_CHARS) continue;
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (type.includes('json')) {
      if (type.includes('ld+json')) continue; // SEO metadata, never orders
      let body = text;
      if (/^%(?:7B|5B)/i.test(body)) {
        try {
          body = decodeURIComponent(body);
        } catch {
          continue;
        }
      }
      const v = tryJson(body);
      if (v !== undefined) out.push(v);
      continue;
    }
    if (type && !/javascript|ecmascript|module/.test(type)) continue;
    for (const name of variables) {
      // `X = JSON.parse('…')` first, then `X = {…}`; `X = decodeURIComponent("%7B…")` would need page code.
      const body = extractJsonParseArg(text, name) ?? extractAssignedJson(text, name);
      const v = body && !/^\s*%(?:7B|5B)/i.test(body) ? tryJson(body) : undefined;
      if (v !== undefined) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}
