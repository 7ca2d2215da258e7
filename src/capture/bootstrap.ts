// ISOLATED content-script bootstrap shared by every platform: reads the page (embedded JSON, DOM) and the
// responses copied by the MAIN-world hook, and sends observations and diagnostics to the background.
// Nothing here may throw into the extension's error log for a page we merely do not understand.
import { browser } from '../shared/browser';
import type { CaptureMessage } from '../shared/messages';
import type { ParseDiagnostic, ParseResult, PlatformAdapter } from '../platforms/types';
import type { CapturedResponse } from './channel-protocol';
import { connectToHook } from './isolated-channel';
import { fingerprint, toBatch } from './sanitize';
import { runFollowUps } from './follow-ups';

const RESCAN_DELAY_MS = 700;

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
      const result = adapter.parsePayload(c.body, new URL(c.url), new URL(location.href));
      if (result && c.truncated) result.diagnostics.push({ kind: 'partial', message: 'response larger than the capture cap; parsed its start only' });
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

