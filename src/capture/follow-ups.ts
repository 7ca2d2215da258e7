// Requests a content script makes on its own page's origin for what the page did not show, e.g. Taobao's
// transit_step.do for a shipped order whose tracking number the list lacks. Polite by construction:
// one request per second, each order once per window, and a full stop at the first risk-control or
// signed-out answer (retrying would only make the platform suspicious of the shopper). Open orders are
// asked first; finished ones (their parcels go to the history) after them, and only once a month: their
// waybill does not change.
import { browser } from '../shared/browser';
import { isFetchedFollowUp, type FollowUp, type ParseDiagnostic, type ParseResult, type PlatformAdapter } from '../platforms/types';
import { decodeBody } from '../shared/decode-body';

export { decodeBody };

export const FOLLOW_UP_INTERVAL_MS = 1000;
export const FOLLOW_UP_WINDOW_MS = 2 * 60 * 60 * 1000;
export const FINISHED_FOLLOW_UP_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
const STORE_KEY = 'followUpsDone';
/** Per-page cap so a 500-order history page does not become 500 requests at once. */
const MAX_PER_PAGE = 40;

let queue: FollowUp[] = [];
let running = false;
let stopped = false;

const isFinished = (f: FollowUp) => f.priority === 'finished';
const windowOf = (f: FollowUp) => (isFinished(f) ? FINISHED_FOLLOW_UP_WINDOW_MS : FOLLOW_UP_WINDOW_MS);

export async function runFollowUps(
  items: FollowUp[],
  /** Sends a result; calls `stored` once the background has acknowledged it (never, if it is lost). */
  deliver: (r: ParseResult | null, url: string, stored?: () => void) => void,
  adapter: Pick<PlatformAdapter, 'parsePayload'>,
  report: (d: ParseDiagnostic, url: string) => void,
): Promise<void> {
  if (stopped) return;
  const done = ((await browser.storage.local.get(STORE_KEY))[STORE_KEY] ?? {}) as Record<string, number>;
  const now = Date.now();
  for (const f of items) {
    // Pages to open in a tab are the background's (opt-in page visits), never fetched from here.
    if (!isFetchedFollowUp(f)) continue;
    const key = `${f.kind}:${f.orderId}`;
    if ((done[key] ?? 0) > now - windowOf(f)) continue;
    if (queue.some((q) => q.kind === f.kind && q.orderId === f.orderId)) continue;
    // Only same-origin requests on the platform's own hosts: never a URL a page could steer elsewhere.
    if (new URL(f.url).origin !== location.origin) continue;
    queue.push(f);
  }
  // Open orders of a later page still go before finished ones already waiting (sort is stable).
  queue = queue.sort((a, b) => Number(isFinished(a)) - Number(isFinished(b))).slice(0, MAX_PER_PAGE);
  if (running) return;
  running = true;
  try {
    while (queue.length && !stopped) {
      const f = queue.shift()!;
      const key = `${f.kind}:${f.orderId}`;
      try {
        const res = await fetch(f.url, { credentials: 'include', headers: { accept: 'application/json, text/plain, */*' } });
        const text = decodeBody(await res.arrayBuffer(), res.headers.get('content-type'));
        if (res.redirected && /login/.test(res.url)) {
          stopped = true;
          report({ kind: 'signed_out', message: 'transit_step.do redirected to the login page' }, f.url);
          break;
        }
        const result = adapter.parsePayload(text, new URL(f.url), new URL(location.href));
        const problem = result?.diagnostics.find((d) => d.kind === 'risk_control' || d.kind === 'signed_out');
        if (problem) {
          deliver(result, f.url);
          stopped = true;
          break;
        }
        // Done only once the background has stored the answer: a worker stopped mid-delivery on a page that
        // closes leaves the order to be asked again, not skipped for the whole window.
        deliver(result, f.url, () => {
          done[key] = Date.now();
          void browser.storage.local.set({ [STORE_KEY]: prune(done) });
        });
      } catch (e) {
        report({ kind: 'error', message: `follow-up request failed: ${String(e).slice(0, 120)}` }, f.url);
      }
      await new Promise((r) => setTimeout(r, FOLLOW_UP_INTERVAL_MS));
    }
  } finally {
    running = false;
  }
}

function prune(done: Record<string, number>): Record<string, number> {
  const cutoff = Date.now() - FINISHED_FOLLOW_UP_WINDOW_MS;
  return Object.fromEntries(Object.entries(done).filter(([, t]) => t > cutoff));
}
