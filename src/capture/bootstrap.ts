// ISOLATED content-script bootstrap shared by every platform: reads the page (embedded JSON, DOM) and the
// responses copied by the MAIN-world hook, and sends observations and diagnostics to the background.
// Nothing here may throw into the extension's error log for a page we merely do not understand.
import { browser } from '../shared/browser';
import type { CaptureMessage } from '../shared/messages';
import type { ParseDiagnostic, ParseResult, PlatformAdapter } from '../platforms/types';
import { MAX_BODY_CHARS, type CapturedResponse } from './channel-protocol';
import { matchesPattern } from '../platforms/matches';
import { connectToHook } from './isolated-channel';
import { fingerprint, toBatch } from './sanitize';
import { runFollowUps } from './follow-ups';

const RESCAN_DELAY_MS = 700;

/** Why a copied response cannot be trusted as the platform's own answer, or undefined when it can: it must
 * come over https from one of the platform's own hosts (not data:, blob:, or another site's script). */
export function untrustedOrigin(adapter: Pick<PlatformAdapter, 'matches'>, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'response URL unreadable';
  }
  if (u.protocol !== 'https:') return `response over ${u.protocol.replace(':', '')}, not https`;
  if (!adapter.matches.some((p) => matchesPattern(p, u.href))) return `response from ${u.hostname}, not a host of this platform`;
  return undefined;
}

export function startCapture(adapter: PlatformAdapter): void {
  const sent = new Set<string>();
  let pageSeenSent = false;

  const send = (result: ParseResult | null, url: string) => {
    if (!result) return;
    const { batch, diagnostics } = toBatch(adapter.id, result, url);
    const empty = !batch.orders.length && !batch.parcels.length;
    if (empty && !diagnostics.length) return;
    const key = empty ? `diag:${JSON.stringify(diagnostics)}` : fingerprint(batch);
    if (sent.has(key)) return;
    sent.add(key);
    const msg: CaptureMessage = { type: 'capture/batch', batch, diagnostics };
    browser.runtime.sendMessage(msg).catch(() => {
      // background restarting: let the next page change resend
      sent.delete(key);
    });
    if (result.followUps?.length) void runFollowUps(result.followUps, (r, u) => send(r, u), adapter, reportProblem);
  };

  const reportProblem = (d: ParseDiagnostic, url: string) => send({ source: 'logistics', orders: [], parcels: [], diagnostics: [d] }, url);

  const onCapture = (c: CapturedResponse) => {
    try {
      if (c.status && (c.status < 200 || c.status >= 300)) return;
      if (!adapter.isInterestingResponse(c.url)) return;
      const pageUrl = new URL(location.href);
      // Only where the shopper looks at orders, logistics or after-sales; a shop's home page, a video or a
      // live room of the same host may load order-ish answers but is not read.
      if (!adapter.pageKind(pageUrl)) return;
      const why = untrustedOrigin(adapter, c.url);
      if (why) return reportProblem({ kind: 'unrecognized', message: `capture dropped: ${why}` }, location.href);
      if (c.truncated) {
        const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} M`;
        return reportProblem({ kind: 'partial', message: `response of ${mb(c.size)} characters is over the ${mb(MAX_BODY_CHARS)} capture cap: not read` }, c.url);
      }
      const result = adapter.parsePayload(c.body, new URL(c.url), pageUrl);
      if (result && c.lostIntegers > 0) {
        result.diagnostics.push({
          kind: 'partial',
          message: `${c.lostIntegers} integer(s) beyond 2^53 were rounded by the browser (${c.kind} parsed as JSON): ids among them not read`,
        });
      }
      send(result, c.url);
    } catch (e) {
      send({ source: 'list', orders: [], parcels: [], diagnostics: [{ kind: 'error', message: `parse failed: ${String(e).slice(0, 200)}` }] }, c.url);
    }
  };

  const scanDocument = () => {
    try {
      const url = new URL(location.href);
      if (!adapter.pageKind(url)) return;
      if (!pageSeenSent) {
        pageSeenSent = true;
        browser.runtime.sendMessage({ type: 'capture/page-seen', platform: adapter.id, url: url.href }).catch(() => {});
      }
      send(adapter.parseDocument(document, url), url.href);
    } catch (e) {
      send({ source: 'list', orders: [], parcels: [], diagnostics: [{ kind: 'error', message: `page parse failed: ${String(e).slice(0, 200)}` }] }, location.href);
    }
  };

  // Our own uncaught errors (not the shop's) become diagnostics, so parser health and the tests see them.
  addEventListener('error', (e) => {
    if (typeof e.filename === 'string' && /^(chrome|moz)-extension:/.test(e.filename)) {
      reportProblem({ kind: 'error', message: `uncaught: ${String(e.message).slice(0, 200)}` }, location.href);
    }
  });

  try {
    connectToHook(onCapture);
  } catch {
    // no hook: embedded JSON and DOM still work
  }

  // Pages render late and change while the user scrolls or pages through (SPAs): re-read after DOM
  // changes settle. Unchanged results are not resent (fingerprint).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(scanDocument, RESCAN_DELAY_MS);
  };
  const start = () => {
    scanDocument();
    new MutationObserver(schedule).observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: false });
    addEventListener('popstate', schedule);
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

