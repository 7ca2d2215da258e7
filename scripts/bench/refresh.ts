// One refresh cycle ("refresh now") for 500 moving parcels in the real service worker, against 17TRACK and
// Kuaidi100 faked at their real addresses with 200 ms latency (context.route): requests made, wall time, and
// the worker's JS heap (sampled through performance.memory while the cycle runs).
import { fixture, median, type Recorder } from './common';
import type { ParcelHubDb } from '../../src/db/schema';
import type { ParcelRecord } from '../../src/core/model';

const LATENCY_MS = 200;
/** Parcels per service: Kuaidi100 takes one number per request, 500 ms apart, so 100 are enough to see its pace. */
const PARCELS = { seventeen_track: 500, kuaidi100: 100 } as const;

type Ph = { __parcelHub: { getDb(): ParcelHubDb; refreshOnce(manual: boolean): Promise<{ requests: number; refreshed: number; due: number }> } };

/** 17TRACK answers for whatever numbers were asked, built from the fixture's first entry. */
function gettrackinfoFor(numbers: string[]): string {
  const base = JSON.parse(fixture('refresh/17track/gettrackinfo-ok.json'));
  const entry = base.data.accepted[0];
  base.data.accepted = numbers.map((number) => ({ ...structuredClone(entry), number }));
  base.data.rejected = [];
  return JSON.stringify(base);
}

/** Used JS heap of the extension's service worker, in bytes. */
async function workerHeapProbe(h: import('../../tests/e2e/harness').Harness) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/offscreen.html`);
  const cdp = await h.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`));
  if (!sw) throw new Error('no service worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
  let next = 0;
  const pending = new Map<number, (r: { usedSize?: number }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
    if (m.id !== undefined) pending.get(m.id)?.(m.result ?? {});
  });
  const call = (method: string) =>
    new Promise<{ usedSize?: number }>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  const probe = async () => (await call('Runtime.getHeapUsage')).usedSize ?? 0;
  probe.close = async () => {
    await cdp.detach().catch(() => undefined);
    await page.close();
  };
  return probe;
}

export async function benchRefresh(record: Recorder) {
  const { launch } = await import('../../tests/e2e/harness');
  for (const service of ['seventeen_track', 'kuaidi100'] as const) {
    const N = PARCELS[service];
    const h = await launch({ grantOptionalHosts: true });
    let requests = 0;
    h.serve((u) => u.hostname === 'api.17track.net', async (route) => {
      requests++;
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      const body = JSON.parse(route.request().postData() ?? '[]') as { number: string }[];
      const numbers = body.map((b) => b.number);
      if (route.request().url().endsWith('/register')) return { body: JSON.stringify({ code: 0, data: { accepted: numbers.map((number) => ({ origin: 1, number, carrier: 190157 })), rejected: [] } }), contentType: 'application/json' };
      return { body: gettrackinfoFor(numbers), contentType: 'application/json' };
    });
    h.serve((u) => u.hostname === 'poll.kuaidi100.com', async () => {
      requests++;
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      return { body: fixture('refresh/kuaidi100/query-ok-zto-station.json'), contentType: 'application/json;charset=UTF-8' };
    });
    try {
      await h.sw(
        (s) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: s }),
        service === 'seventeen_track'
          ? { refresh: { sourceOrder: ['seventeen_track'] }, services: { seventeenTrack: { enabled: true, apiKey: 'BENCHTOKEN' } } }
          : { refresh: { sourceOrder: ['kuaidi100'] }, services: { kuaidi100: { enabled: true, customer: 'BENCHCUSTOMER', key: 'benchkey' } } },
      );
      await h.sw(async (n) => {
        const db = (globalThis as unknown as Ph).__parcelHub.getDb();
        const now = Date.now();
        const rows: ParcelRecord[] = [];
        for (let i = 0; i < n; i++) {
          const no = `7310${String(5_000_000_000 + i)}`;
          rows.push({ key: `zto:${no}`, carrier: 'zto', trackingNo: no, phoneTail: '5678', direction: 'outbound', orderKeys: [], platforms: ['manual'], status: 'in_transit', latestEvent: { time: now - 5 * 3600_000, text: '快件已到达【杭州中转部】' }, nextCheckAt: now - 1000, archived: 0, firstSeen: now - 30 * 3600_000, lastSeen: now, updatedAt: now - 5 * 3600_000, sources: {}, statusClaims: {} });
        }
        await db.parcels.bulkPut(rows);
      }, N);
      // Sample the worker's heap while the cycle runs: DevTools Runtime.getHeapUsage in the worker's own target
      // (reached from an extension page's session; performance.memory does not exist in workers).
      const heap = await workerHeapProbe(h);
      const before = await heap();
      const samples: number[] = [];
      let running = true;
      const sampler = (async () => {
        while (running) {
          samples.push(await heap());
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      const t = performance.now();
      const summary = await h.sw(() => (globalThis as unknown as Ph).__parcelHub.refreshOnce(true));
      const wall = performance.now() - t;
      running = false;
      await sampler;
      const peak = Math.max(before, ...samples);
      await heap.close();
      const label = service === 'seventeen_track' ? '17TRACK (batches of 40)' : 'Kuaidi100 (one number per request, 500 ms apart)';
      record({ name: `refresh now, ${N} parcels, ${label}, ${LATENCY_MS} ms latency: wall time`, value: wall / 1000, unit: 's' });
      record({ name: `refresh now, ${N} parcels, ${label}: requests made (${summary.refreshed} refreshed of ${summary.due})`, value: requests, unit: 'req' });
      record({ name: `refresh now, ${N} parcels, ${label}: worker JS heap peak (start ${(before / 2 ** 20).toFixed(1)} MB, median ${(median(samples) / 2 ** 20).toFixed(1)} MB)`, value: peak / 2 ** 20, unit: 'MB' });
    } finally {
      await h.close();
    }
  }
}
