// A Chromium trace of one page, to give each long task the page saw its thread (CPU) time: a task that did
// 2 ms of work but took 150 ms because the machine is loaded is the load's, not the capture's
// (tests/fixtures/longtask-page.ts). Used by tests/e2e/capture-load.test.ts and `npm run bench -- longtask`.
import type { BrowserContext, Page } from 'playwright-core';
import type { Harness } from './harness';
import { longTaskPage, readPageLongTasks, splitLongTasks, type LongTaskSplit } from '../fixtures/longtask-page';
import type { TraceEvent } from '../fixtures/trace-event';

/** Start tracing `page` (before it navigates). `stop()` ends it and returns `cpuOf(start, duration)`: the
 * thread time in ms of the page's main-thread task that ran the long task starting at `start`
 * (performance.now() ms) — clocks matched through the page's `anchor` mark, which is in the trace too — or
 * null if no task covers at least half of it. */
export async function tracePage(context: BrowserContext, page: Page, anchor: { name: string; at: () => Promise<number> }) {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
  return async (): Promise<(start: number, duration: number) => number | null> => {
    const at = await anchor.at();
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => undefined);
    const mark = events.find((e) => e.name === anchor.name && e.cat.includes('blink.user_timing'));
    if (!mark) return () => null;
    const offset = mark.ts - at * 1000; // trace µs = page ms × 1000 + offset
    const tasks = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && typeof e.tdur === 'number');
    return (start, duration) => {
      // the main-thread task overlapping the long task most, if it covers at least half of it
      const from = start * 1000 + offset;
      const to = from + duration * 1000;
      let best: TraceEvent | undefined;
      let bestOverlap = 0;
      for (const t of tasks) {
        const overlap = Math.min(to, t.ts + t.dur!) - Math.max(from, t.ts);
        if (overlap > bestOverlap) [best, bestOverlap] = [t, overlap];
      }
      return best && bestOverlap >= (duration * 1000) / 2 ? best.tdur! / 1000 : null;
    };
  };
}

/** Open the long-task page (tests/fixtures/longtask-page.ts) at `pageUrl`, loading `api`, traced; after
 * `settle()` and one more second, its long tasks split into the page's own and the others, with CPU times. */
export async function measureLongTasks(h: Harness, pageUrl: string, api: string, settle: () => Promise<unknown>): Promise<LongTaskSplit> {
  h.serve((u) => u.href === pageUrl, { body: longTaskPage(api) });
  const page = await h.context.newPage();
  const stopTrace = await tracePage(h.context, page, { name: 'page-fetch', at: () => page.evaluate(() => performance.getEntriesByName('page-fetch')[0].startTime) });
  try {
    await page.goto(pageUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done, undefined, { timeout: 120_000 });
    await settle();
    await new Promise((r) => setTimeout(r, 1000));
    const seen = await page.evaluate(readPageLongTasks);
    return splitLongTasks(seen, await stopTrace());
  } finally {
    await page.close();
  }
}

/** How many capture/response messages the background has received whole (every piece in), and read. */
export const captureStats = (h: Harness) =>
  h.sw(() => ({ ...(globalThis as unknown as { __parcelHub: { captureStats: { responsesReceived: number; responsesDone: number } } }).__parcelHub.captureStats }));

/** Run the extension's side of one round: open the page with `measure`, keeping it open until the background
 * has every piece of its answer (the page has nothing left to do for the capture). The background's parse
 * and store go on after the page closes; they load the machine but not the page's thread, and the CPU
 * times tell load from the capture's own work. */
export async function withCapture(h: Harness, measure: (settle: () => Promise<unknown>) => Promise<LongTaskSplit>): Promise<LongTaskSplit> {
  const before = await captureStats(h);
  return measure(() => h.waitFor(() => captureStats(h), (s) => s.responsesReceived > before.responsesReceived, 240_000));
}
