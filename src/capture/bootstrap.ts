// ISOLATED content-script bootstrap shared by every platform: reads the page (embedded JSON, DOM) and the
// responses copied by the MAIN-world hook, and sends observations and diagnostics to the background.
// Nothing here may throw into the extension's error log for a page we merely do not understand.
import { browser } from '../shared/browser';
import type { CaptureMessage, Message, Reply } from '../shared/messages';
import { isFetchedFollowUp, type ContentAdapter, type FollowUp, type ParseDiagnostic, type ParseResult } from '../platforms/types';
import { MAX_BODY_CHARS, type CapturedResponse } from './channel-protocol';
import { untrustedOrigin } from './read-response';
import { createOutbox } from './outbox';
import { connectToHook } from './isolated-channel';
import { fingerprint, toBatch } from './sanitize';
import { runFollowUps } from './follow-ups';

const RESCAN_DELAY_MS = 700;

export { untrustedOrigin };

/** A copied response on its way to the background: its message, and the body as the hook's pieces. */
interface PiecedResponse {
  type: 'pieced-response';
  msg: Extract<Message, { type: 'capture/response' }>;
  chunks: string[];
}
type Outgoing = Message | PiecedResponse;

/** Send a message. A copied response of several pieces goes as one capture/part message per piece (each at
 * most CAPTURE_PART_CHARS), each serialised in its own task: the next waits for the background's answer. */
async function sendOut(o: Outgoing): Promise<unknown> {
  if (o.type !== 'pieced-response') return browser.runtime.sendMessage(o);
  const { msg, chunks } = o;
  if (chunks.length <= 1) return browser.runtime.sendMessage({ ...msg, body: chunks[0] ?? '' } satisfies Message);
  const id = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  for (const [index, text] of chunks.entries()) {
    const reply = (await browser.runtime.sendMessage({ type: 'capture/part', id, index, text } satisfies Message)) as Reply | undefined;
    if (!reply?.ok) return reply ?? undefined;
  }
  return browser.runtime.sendMessage({ ...msg, body: '', parts: { id, count: chunks.length } } satisfies Message);
}

export function startCapture(adapter: ContentAdapter): void {
  const sent = new Set<string>();
  let pageSeenSent = false;
  // Every message waits in the outbox until the background answers it (retried across worker restarts).
  const outbox = createOutbox<Outgoing>(sendOut);

  /** `stored` runs once the background has acknowledged every batch of this result (or at once when there is
   * nothing to store). */
  const send = (result: ParseResult | null, url: string, stored?: () => void) => {
    if (!result) return stored?.();
    const { batches, diagnostics } = toBatch(adapter.id, result, url);
    const empty = !batches[0].orders.length && !batches[0].parcels.length;
    if (empty && !diagnostics.length) return stored?.();
    const key = empty ? `diag:${JSON.stringify(diagnostics)}` : fingerprint(batches[0]) + batches.length;
    if (sent.has(key)) return stored?.();
    sent.add(key);
    const toSend = batches.filter((batch, i) => i === 0 || batch.orders.length || batch.parcels.length);
    let waiting = toSend.length;
    toSend.forEach((batch, i) => {
      const msg: CaptureMessage = { type: 'capture/batch', batch, diagnostics: i === 0 ? diagnostics : [] };
      // given up after minutes of failures: let the next page change resend
      outbox.push(msg, (reply) => reply.ok && --waiting === 0 && stored?.(), () => sent.delete(key));
    });
    if (result.followUps?.length) followUp(result.followUps);
  };
  const followUp = (items: FollowUp[]) => {
    const { parsePayload } = adapter;
    if (parsePayload) void runFollowUps(items, (r, u, stored) => send(r, u, stored), { parsePayload }, reportProblem);
    // A platform whose content script cannot read the answers it would fetch: said, not silently dropped.
    else if (items.some(isFetchedFollowUp)) reportProblem({ kind: 'error', message: `no reader for ${items.find(isFetchedFollowUp)!.kind} answers in this content script` }, location.href);
  };

  const reportProblem = (d: ParseDiagnostic, url: string) => send({ source: 'logistics', orders: [], parcels: [], diagnostics: [d] }, url);

  // A copied response: cheap checks here, the parsing in the background (off the page's thread).
  const onCapture = (c: CapturedResponse) => {
    try {
      if (c.status && (c.status < 200 || c.status >= 300)) return;
      if (!adapter.isInterestingResponse(c.url)) return;
      // Only where the shopper looks at orders, logistics or after-sales; a shop's home page, a video or a
      // live room of the same host may load order-ish answers but is not read.
      if (!adapter.pageKind(new URL(location.href))) return;
      const why = untrustedOrigin(adapter, c.url);
      if (why) return reportProblem({ kind: 'unrecognized', message: `capture dropped: ${why}` }, location.href);
      if (c.truncated) {
        const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} M`;
        return reportProblem({ kind: 'partial', message: `response of ${mb(c.size)} characters is over the ${mb(MAX_BODY_CHARS)} capture cap: not read` }, c.url);
      }
      const msg: PiecedResponse['msg'] = { type: 'capture/response', platform: adapter.id, pageUrl: location.href, url: c.url, kind: c.kind, parsed: c.parsed, body: '' };
      outbox.push({ type: 'pieced-response', msg, chunks: c.chunks }, (reply) => {
        const ups = (reply as Reply).ok ? (reply as Extract<Reply, { ok: true }>).followUps : undefined;
        if (ups?.length) followUp(ups);
      });
    } catch (e) {
      reportProblem({ kind: 'error', message: `capture failed: ${String(e).slice(0, 200)}` }, c.url);
    }
  };

  const scanDocument = () => {
    try {
      const url = new URL(location.href);
      if (!adapter.pageKind(url)) return;
      if (!pageSeenSent) {
        pageSeenSent = true;
        outbox.push({ type: 'capture/page-seen', platform: adapter.id, url: url.href });
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

