// A response copied by the MAIN-world hook, read into observations. Pure (no extension APIs): the
// background runs it, off the shop page's thread, so a 10,000-order answer never stalls the page.
import type { ParseResult, PlatformAdapter } from '../platforms/types';
import { matchesPattern } from '../platforms/url-match';
import { nullUnsafeIntegers } from '../platforms/shared/json-text';

export interface CopiedResponse {
  /** The response's own URL (after redirects). */
  url: string;
  /** The page that loaded it. */
  pageUrl: string;
  body: string;
  /** Re-serialised from a value the browser had parsed (XHR json, JSONP): big integers were rounded. */
  parsed: boolean;
  kind: 'fetch' | 'xhr' | 'jsonp';
}

/** Why a copied response cannot be trusted as the platform's own answer, or undefined when it can: it must
 * come over https from one of the platform's own hosts (not data:, blob:, or another site's script). */
export function untrustedOrigin(adapter: Pick<PlatformAdapter, 'facts'>, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'response URL unreadable';
  }
  if (u.protocol !== 'https:') return `response over ${u.protocol.replace(':', '')}, not https`;
  if (!adapter.facts.matches.some((p) => matchesPattern(p, u.href))) return `response from ${u.hostname}, not a host of this platform`;
  return undefined;
}

/** Parse one copied response; null when it is nothing of ours. Never throws. */
export function readCopiedResponse(adapter: PlatformAdapter, c: CopiedResponse): ParseResult | null {
  try {
    if (!adapter.isInterestingResponse(c.url)) return null;
    const pageUrl = new URL(c.pageUrl);
    if (!adapter.pageKind(pageUrl)) return null;
    const why = untrustedOrigin(adapter, c.url);
    if (why) return { source: 'list', orders: [], parcels: [], diagnostics: [{ kind: 'unrecognized', message: `capture dropped: ${why}` }] };
    const { text, lost } = c.parsed ? nullUnsafeIntegers(c.body) : { text: c.body, lost: 0 };
    const result = adapter.parsePayload(text, new URL(c.url), pageUrl);
    if (lost > 0) {
      const diag = { kind: 'partial' as const, message: `${lost} integer(s) beyond 2^53 were rounded by the browser (${c.kind} parsed as JSON): ids among them not read` };
      if (result) result.diagnostics.push(diag);
      else return { source: 'list', orders: [], parcels: [], diagnostics: [diag] };
    }
    return result;
  } catch (e) {
    return { source: 'list', orders: [], parcels: [], diagnostics: [{ kind: 'error', message: `parse failed: ${String(e).slice(0, 200)}` }] };
  }
}
