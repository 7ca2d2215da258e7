// A DevTools performance trace of one page load, summarized for bench/profiles/: main-thread time by trace
// event (script evaluation, compile, style, layout, paint, timers, IndexedDB callbacks…) and the functions with
// the most self time (from the V8 sampling profiler in the same trace). Traces are large; summaries are kept.
import type { CDPSession, Page } from 'playwright-core';
import type { TraceEvent } from '../../tests/fixtures/trace-event';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading'].join(',');

export async function startTrace(page: Page): Promise<() => Promise<TraceEvent[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(',') }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => {});
    return events;
  };
}

/** Markdown summary of the renderer that loaded `urlPart`, from its navigation to the user-timing mark `until`. */
export function summarize(events: TraceEvent[], urlPart: string, title: string): string {
  // The renderer's main thread: the one whose commit / navigation names the page.
  const commit = events.find((e) => (e.name === 'CommitLoad' || e.name === 'NavigationStartToBegin' || e.name === 'navigationStart') && JSON.stringify(e.args ?? {}).includes(urlPart));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!commit || e.pid === commit.pid));
  if (!main) return `# ${title}\n\n(no renderer main thread found in the trace)\n`;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const t0 = Math.min(...onMain.map((e) => e.ts));
  const t1 = Math.max(...onMain.map((e) => e.ts + e.dur!));
  // Top-level tasks only (RunTask), then what ran inside them, by event name.
  const byName = new Map<string, number>();
  for (const e of onMain) if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur!);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const busy = tasks.reduce((n, e) => n + e.dur!, 0);

  // Self time per function from the sampling profiler's chunks.
  const nodes = new Map<number, ProfileNode>();
  const self = new Map<number, number>();
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.pid === main.pid)) {
    const d = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const n of d?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const samples = d?.cpuProfile?.samples ?? [];
    const deltas = d?.timeDeltas ?? [];
    samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0)));
  }
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const f = nodes.get(id)?.callFrame;
    if (!f) continue;
    const file = (f.url ?? '').split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000).toFixed(1);
  const top = <K>(m: Map<K, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `# ${title}`,
    '',
    `Renderer main thread, ${ms(t1 - t0)} ms traced, ${ms(busy)} ms in tasks. Times include everything nested (a parent's time contains its children's).`,
    '',
    '| trace event | ms |',
    '|---|---:|',
    ...top(byName, 18).map(([k, v]) => `| ${k} | ${ms(v)} |`),
    '',
    '| function (self time, sampled) | ms |',
    '|---|---:|',
    ...top(byFn, 25).map(([k, v]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${ms(v)} |`),
    '',
  ].join('\n');
}
