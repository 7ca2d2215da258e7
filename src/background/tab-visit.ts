// Opening a shop page in an inactive tab for the content script there to read (opt-in page visits, followed
// logistics pages), and knowing when it has been read.
import { browser } from '../shared/browser';

/** Longest a visited order list is left open for capture to run. */
export const VISIT_MAX_MS = 45_000;
/** After the page's first capture, how long to wait for the rest of its API answers. */
export const VISIT_SETTLE_MS = 3_000;
/** A page that reported itself read but no orders yet: its order API may still be loading. */
export const VISIT_SEEN_SETTLE_MS = 10_000;

/** Tabs opened here, resolved when their content script reports. */
const visitWaiters = new Map<number, (settleMs: number) => void>();

/** Called by the capture handlers for every message from a tab: a visited tab has been read. */
export function noteCaptureFromTab(tabId: number | undefined, kind: 'batch' | 'seen'): void {
  if (tabId !== undefined) visitWaiters.get(tabId)?.(kind === 'batch' ? VISIT_SETTLE_MS : VISIT_SEEN_SETTLE_MS);
}

function waitForCapture(tabId: number, maxMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      visitWaiters.delete(tabId);
      resolve(false);
    }, maxMs);
    let settle: ReturnType<typeof setTimeout> | undefined;
    visitWaiters.set(tabId, (settleMs) => {
      // Each report (re)starts a short settle; a batch after a page-seen shortens the wait.
      clearTimeout(settle);
      settle = setTimeout(() => {
        visitWaiters.delete(tabId);
        clearTimeout(timer);
        resolve(true);
      }, settleMs);
    });
  });
}

/** Until the blank tab has finished loading (at least 500 ms, at most 5 s): a tab still starting up (a slow
 * machine, a debugger attaching) can lose a navigation sent to it too early. */
async function blankLoaded(tabId: number): Promise<void> {
  const start = Date.now();
  await new Promise((r) => setTimeout(r, 500));
  while (Date.now() - start < 5_000) {
    try {
      if ((await browser.tabs.get(tabId)).status === 'complete') return;
    } catch {
      return; // closed: the update below fails and the caller closes nothing
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Open `url` in an inactive tab, wait until its content script has reported and settled (true) or `maxMs`
 * passed (false), then close the tab. */
export async function readInInactiveTab(url: string, maxMs: number): Promise<boolean> {
  // Open blank, then navigate: the page then loads as a normal navigation of an existing tab, which every
  // observer of the tab (and Chrome's own tab restore) sees from its first request.
  const tab = await browser.tabs.create({ url: 'about:blank', active: false });
  if (tab.id === undefined) return false;
  try {
    await blankLoaded(tab.id);
    await browser.tabs.update(tab.id, { url });
    return await waitForCapture(tab.id, maxMs);
  } finally {
    try {
      await browser.tabs.remove(tab.id);
    } catch {
      // the shopper closed it already
    }
  }
}
