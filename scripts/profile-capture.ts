// Where the shop page's main thread spends its time when the extension captures a 10,000-order Kuaishou
// list answer (6.2 M characters): a Chromium trace (CDP Tracing) of the same page with and without the
// extension, summarised per long task (> 50 ms) of the page's renderer main thread: what ran inside it
// (scripts by URL, GC, structured clone, message serialisation, decoding), in self time.
// `npx vite build && npx tsx scripts/profile-capture.ts [out.md]` — prints a summary (and writes it).
import { writeFileSync } from 'node:fs';
import { launch } from '../tests/e2e/harness';
import { kuaishouList } from '../tests/fixtures/kuaishou-big';
import { longTaskPage, readPageLongTasks, splitLongTasks } from '../tests/fixtures/longtask-page';
import type { TraceEvent } from '../tests/fixtures/trace-event';

const CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.gc',
  'blink.user_timing',
  'extensions',
  'ipc',
  'mojom',
].join(',');

async function main() {
  const out = process.argv[2];
  const h = await launch();
  const lines: string[] = [];
  const log = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  try {
    const body = kuaishouList(10_000);
    log(`body: ${body.length} characters`);
    h.serve((u) => u.pathname.endsWith('/order/big'), { body, contentType: 'application/json' });
    const runs: [string, string, string][] = [
      ['without the extension', 'https://shop.example.test/order/list?p=1', 'https://shop.example.test/rest/order/big'],
      ['with the extension', 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list?p=1', 'https://app.kwaixiaodian.com/rest/app/grocery/order/big'],
    ];
    for (const [label, pageUrl, api] of runs) {
      h.serve((u) => u.href === pageUrl, { body: longTaskPage(api) });
      const p = await h.context.newPage();
      const cdp = await h.context.newCDPSession(p);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(',').filter((c) => c !== '-*'), excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
      await p.goto(pageUrl, { waitUntil: 'domcontentloaded' });
      await p.waitForFunction(() => (window as unknown as { __done?: boolean }).__done, undefined, { timeout: 120_000 });
      await new Promise((r) => setTimeout(r, 6000)); // the hook's slices and the content script's parts
      const seen = await p.evaluate(readPageLongTasks);
      await cdp.send('Tracing.end');
      await done;
      await p.close();
      log(`\n## ${label}\nPerformanceObserver long tasks after the fetch (ms): ${JSON.stringify(splitLongTasks(seen))}`);
      summarise(events, pageUrl, log);
    }
  } finally {
    await h.close();
  }
  if (out) writeFileSync(out, lines.join('\n') + '\n');
}

/** Long tasks of the renderer main thread that ran the page, with their heaviest contents by self time. */
function summarise(events: TraceEvent[], pageUrl: string, log: (s: string) => void) {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  // The renderer of the page: the main thread that evaluated or parsed the page's URL.
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const host = new URL(pageUrl).host;
  const mains = new Map<string, number>();
  for (const e of events) {
    if (threadNames.get(key(e)) !== 'CrRendererMain') continue;
    const data = e.args?.data as Record<string, unknown> | undefined;
    const url = String(data?.url ?? data?.frame ?? '');
    if (url.includes(host)) mains.set(key(e), (mains.get(key(e)) ?? 0) + 1);
  }
  const main = [...mains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return log('page renderer main thread not found in the trace');
  const mine = events.filter((e) => key(e) === main && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask');
  // Top-level tasks only (RunTask nested in RunTask is the same task).
  const top: TraceEvent[] = [];
  for (const t of tasks) if (!top.length || t.ts >= top[top.length - 1].ts + top[top.length - 1].dur!) top.push(t);
  const long = top.filter((t) => t.dur! > 50_000);
  const total = top.reduce((a, t) => a + t.dur!, 0);
  const ms = (us: number | undefined) => ((us ?? 0) / 1000).toFixed(0);
  log(`main thread: ${top.length} tasks, ${ms(total)} ms; over 50 ms: ${long.length} (wall/CPU ms: ${long.map((t) => `${ms(t.dur)}/${ms(t.tdur)}`).join(', ')})`);
  // The extension's tasks: those running its scripts (hook slices, content-script handlers, its messages).
  const inside = (t: TraceEvent) => mine.filter((e) => e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
  const ours = top.filter((t) =>
    inside(t).some((e) => /^chrome-extension:/.test(String((e.args?.data as Record<string, unknown> | undefined)?.url ?? '')) || /extension$/.test(e.name) || e.name === 'RunPostTaskCallback'),
  );
  if (ours.length) {
    const maxWall = Math.max(...ours.map((t) => t.dur!));
    const maxCpu = Math.max(...ours.map((t) => t.tdur ?? 0));
    log(`extension's tasks: ${ours.length}, ${ms(ours.reduce((a, t) => a + t.dur!, 0))} ms wall / ${ms(ours.reduce((a, t) => a + (t.tdur ?? 0), 0))} ms CPU; longest ${ms(maxWall)} ms wall, ${ms(maxCpu)} ms CPU; over 50 ms wall: ${ours.filter((t) => t.dur! > 50_000).length}, over 50 ms CPU: ${ours.filter((t) => (t.tdur ?? 0) > 50_000).length}`);
  }
  const t0 = top[0]?.ts ?? 0;
  for (const t of long) {
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
    // self time of each event = its duration minus its direct children's
    const self = new Map<TraceEvent, number>();
    for (const e of inside) self.set(e, e.dur!);
    const stack: TraceEvent[] = [];
    for (const e of inside) {
      while (stack.length && e.ts >= stack[stack.length - 1].ts + stack[stack.length - 1].dur!) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent, self.get(parent)! - e.dur!);
      stack.push(e);
    }
    const byName = new Map<string, number>();
    for (const [e, s] of self) {
      const d = e.args?.data as Record<string, unknown> | undefined;
      const where = d?.url ? ` ${String(d.url).replace(/^chrome-extension:\/\/[a-z]+/, 'ext:').slice(0, 90)}` : d?.functionName ? ` ${String(d.functionName)}` : '';
      const k = `${e.name}${where}`;
      byName.set(k, (byName.get(k) ?? 0) + s);
    }
    const parts = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, s]) => `${k} ${(s / 1000).toFixed(1)}`);
    const untracked = t.dur! - [...self.values()].reduce((a, x) => a + x, 0);
    log(`- task at +${((t.ts - t0) / 1000).toFixed(0)} ms, ${(t.dur! / 1000).toFixed(0)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(0)}): ${parts.join('; ')}; (task itself ${(untracked / 1000).toFixed(1)})`);
  }
}

await main();
