// One refresh cycle (issue #6, design §3.5): pick the parcels that are due, ask the first configured source
// that can answer for each, merge the answers through the normal ingest, and schedule the next check.
// Everything lives in the database: each parcel's answer and its next check are written in ONE transaction,
// so a worker stopped mid-cycle leaves every parcel either done or still due — nothing lost, nothing twice.
// A per-host rate limit and a cap per wake-up keep a catch-up after sleep from becoming a storm.
import { isTerminal } from '../core/status';
import { nextCheckAt } from '../core/schedule';
import { normalizeBatch } from '../core/normalize';
import type { ParcelRecord, ParcelStatus, Platform } from '../core/model';
import type { Settings, SourceId } from '../core/settings';
import { ingestNormalized } from '../db/ingest';
import { activeUnarchived, type ParcelHubDb } from '../db/schema';
import { updatePlatformState } from '../db/platform-state';
import { getMeta, metaFamily, putMeta } from '../db/meta';
import type { RefreshOutcome, RefreshResult, RefreshTarget, TrackingSource } from './source';

export const STATE_KEY = 'refresh:state' as const;
export const PROGRESS_KEY = 'refresh:progress' as const;

/** Parcels looked at per alarm wake-up (the alarm fires every few minutes). */
export const PER_WAKE = 40;
/** "Refresh now" looks at every moving parcel, up to this many. */
export const PER_MANUAL_RUN = 500;
/** A rate-limited source without a Retry-After waits this long. */
export const DEFAULT_RETRY_AFTER_MS = 15 * 60_000;


export interface RunSummary {
  startedAt: number;
  finishedAt: number;
  manual: boolean;
  due: number;
  refreshed: number;
  /** Parcels whose status or events changed. */
  changed: number;
  requests: number;
  outcomes: Partial<Record<RefreshOutcome | 'no_source', number>>;
  /** Due parcels left for the next wake (budget, rate limit). */
  deferred: number;
}

export interface SchedulerState {
  /** Earliest time the next request to each host may start. */
  hostNextAt: Record<string, number>;
  /** Sources that refused their key: not used until the user changes the settings. */
  badKey: Partial<Record<SourceId, { at: number; message?: string; fingerprint: string }>>;
  lastRun?: RunSummary;
}

export interface Progress {
  running: boolean;
  manual: boolean;
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
}

export interface RunOptions {
  db: ParcelHubDb;
  sources: readonly TrackingSource[];
  settings: Settings;
  fetch: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Optional host permission granted for these origins? (Tracking services are optional permissions.) */
  permitted?: (origins: string[]) => Promise<boolean>;
  /** Refresh now: every moving parcel, not only due ones. */
  manual?: boolean;
  limit?: number;
  /** Stop starting new requests after this long (a worker event should finish well within 5 minutes). */
  budgetMs?: number;
  /** Called after each parcel is written (progress, badge, notifications). */
  onParcelDone?: (done: number, total: number, changed: boolean) => void | Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Which configuration a bad-key mark belongs to: changing the key in the settings clears it. */
export function keyFingerprint(id: SourceId, s: Settings): string {
  const raw = id === 'kuaidi100' ? `${s.services.kuaidi100.customer}\n${s.services.kuaidi100.key}` : id === 'seventeen_track' ? s.services.seventeenTrack.apiKey : '';
  let h = 0;
  for (let i = 0; i < raw.length; i++) h = (Math.imul(h, 31) + raw.charCodeAt(i)) | 0;
  return `${raw.length}:${(h >>> 0).toString(36)}`;
}

export async function loadState(db: ParcelHubDb): Promise<SchedulerState> {
  const v = (await getMeta(db, STATE_KEY)) ?? {};
  return { hostNextAt: { ...(v.hostNextAt ?? {}) }, badKey: { ...(v.badKey ?? {}) }, lastRun: v.lastRun };
}

const saveState = (db: ParcelHubDb, state: SchedulerState) => putMeta(db, STATE_KEY, state);
const saveProgress = (db: ParcelHubDb, p: Progress) => putMeta(db, PROGRESS_KEY, p);

/** Next check for a status, scaled by the user's interval factor; 0 = never. */
export function scheduleFor(status: ParcelStatus, now: number, errors: number, settings: Settings, random = Math.random()): number {
  const at = nextCheckAt(status, now, errors, random);
  return at ? now + Math.round((at - now) * settings.refresh.intervalFactor) : 0;
}

/** Parcels that are moving but were never scheduled (first capture, older versions): give them a time. */
export async function scheduleUnscheduled(db: ParcelHubDb, settings: Settings, now: number): Promise<number> {
  return db.transaction('rw', db.parcels, async () => {
    const rows = await db.parcels.where('[archived+status]').anyOf(activeUnarchived()).filter((p) => p.nextCheckAt === 0).toArray();
    for (const p of rows) p.nextCheckAt = scheduleFor(p.status, now, 0, settings);
    if (rows.length) await db.parcels.bulkPut(rows);
    return rows.length;
  });
}

async function pickParcels(db: ParcelHubDb, now: number, manual: boolean, limit: number): Promise<ParcelRecord[]> {
  if (manual) {
    const rows = await db.parcels.where('[archived+status]').anyOf(activeUnarchived()).toArray();
    return rows.sort((a, b) => (a.nextCheckAt || Infinity) - (b.nextCheckAt || Infinity)).slice(0, limit);
  }
  // Due = 0 < nextCheckAt <= now, oldest first (index order), so a long backlog drains fairly.
  return db.parcels
    .where('nextCheckAt')
    .between(1, now, true, true)
    .filter((p) => !p.archived && !isTerminal(p.status))
    .limit(limit)
    .toArray();
}

async function targetsFor(db: ParcelHubDb, parcels: ParcelRecord[]): Promise<RefreshTarget[]> {
  const orderKeys = [...new Set(parcels.flatMap((p) => p.orderKeys))];
  const orders = new Map((await db.orders.bulkGet(orderKeys)).filter((o) => !!o).map((o) => [o.key, o]));
  return parcels.map((p) => ({
    key: p.key,
    carrier: p.carrier,
    trackingNo: p.trackingNo,
    status: p.status,
    phoneTail: p.phoneTail,
    orders: p.orderKeys.flatMap((k) => {
      const o = orders.get(k);
      return o ? [{ platform: o.platform, orderId: o.orderId }] : [];
    }),
  }));
}

async function platformsNeedingSignIn(db: ParcelHubDb): Promise<Set<Platform>> {
  const rows = await metaFamily(db, 'platform:');
  return new Set(rows.map((r) => r.value).filter((v) => v?.needsSignIn).map((v) => v.platform));
}

const markSignIn = (db: ParcelHubDb, platform: Platform, outcome: RefreshOutcome, now: number) =>
  updatePlatformState(db, platform, (s) => {
    s.needsSignIn = true;
    s.lastProblem = { kind: outcome === 'risk_control' ? 'risk_control' : 'signed_out', message: `refresh: ${outcome}`, at: now };
  });

/** Sources usable this run, in the user's order. */
async function usableSources(opts: RunOptions, state: SchedulerState): Promise<TrackingSource[]> {
  const { settings } = opts;
  const out: TrackingSource[] = [];
  for (const id of settings.refresh.sourceOrder) {
    const src = opts.sources.find((s) => s.id === id);
    if (!src || !src.enabled(settings)) continue;
    const bad = state.badKey[id];
    if (bad && bad.fingerprint === keyFingerprint(id, settings)) continue;
    if (bad) delete state.badKey[id]; // the user changed the key: try again
    if (src.origins.length && opts.permitted && !(await opts.permitted(src.origins))) continue;
    out.push(src);
  }
  return out;
}

/** Write one parcel's answer and its next check in one transaction. Returns whether anything changed. */
async function applyResult(db: ParcelHubDb, parcel: ParcelRecord, source: SourceId | undefined, r: RefreshResult, settings: Settings, now: number): Promise<boolean> {
  return db.transaction('rw', [db.orders, db.parcels, db.events], async () => {
    let changed = false;
    if (r.outcome === 'ok' && r.batch) {
      const { batch } = normalizeBatch({ ...r.batch, source: 'refresh' });
      const res = await ingestNormalized(db, batch, now);
      changed = res.changes.some((c) => c.type !== 'order_new' && c.type !== 'parcel_new');
    }
    const cur = (await db.parcels.get(parcel.key)) ?? (await db.parcels.where('trackingNo').equals(parcel.trackingNo).first());
    if (!cur) return changed;
    const prevErrors = cur.refresh?.errors ?? 0;
    const failed = r.outcome === 'error' || r.outcome === 'not_found';
    const errors = r.outcome === 'ok' ? 0 : failed ? prevErrors + 1 : prevErrors;
    let next = scheduleFor(cur.status, now, errors, settings);
    if (r.outcome === 'rate_limited') next = Math.max(next, now + (r.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
    cur.nextCheckAt = isTerminal(cur.status) ? 0 : next;
    cur.refresh = { errors, at: now, outcome: r.outcome, ...(source ? { source } : {}), ...(r.needs ? { needs: r.needs } : {}) };
    await db.parcels.put(cur);
    return changed;
  });
}

/**
 * One cycle. Never throws for a source's failure (those are outcomes); database errors propagate.
 * Sources run in the user's order; each parcel goes to the first usable source that can query it.
 */
export async function runRefresh(opts: RunOptions): Promise<RunSummary> {
  const { db, settings } = opts;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const manual = !!opts.manual;
  const startedAt = now();
  const deadline = startedAt + (opts.budgetMs ?? 4 * 60_000);
  const summary: RunSummary = { startedAt, finishedAt: startedAt, manual, due: 0, refreshed: 0, changed: 0, requests: 0, outcomes: {}, deferred: 0 };
  const count = (o: RefreshOutcome | 'no_source', n = 1) => (summary.outcomes[o] = (summary.outcomes[o] ?? 0) + n);

  await scheduleUnscheduled(db, settings, startedAt);
  const state = await loadState(db);
  const parcels = await pickParcels(db, startedAt, manual, opts.limit ?? (manual ? PER_MANUAL_RUN : PER_WAKE));
  summary.due = parcels.length;
  const progress: Progress = { running: true, manual, done: 0, total: parcels.length, startedAt };
  await saveProgress(db, progress);

  const targets = await targetsFor(db, parcels);
  const byKey = new Map(parcels.map((p) => [p.key, p]));
  const signIn = await platformsNeedingSignIn(db);
  const sources = (await usableSources(opts, state)).filter((s) => !(s.platform && signIn.has(s.platform)));

  const done = async (t: RefreshTarget, source: SourceId | undefined, r: RefreshResult, label: RefreshOutcome | 'no_source' = r.outcome) => {
    const changed = await applyResult(db, byKey.get(t.key)!, source, r, settings, now());
    count(label);
    if (r.outcome === 'ok') summary.refreshed++;
    if (changed) summary.changed++;
    progress.done++;
    await saveProgress(db, progress);
    await opts.onParcelDone?.(progress.done, progress.total, changed);
  };

  // Assign each parcel to the first usable source that can query it.
  const queues = new Map<TrackingSource, RefreshTarget[]>(sources.map((s) => [s, []]));
  for (const t of targets) {
    const src = sources.find((s) => s.canRefresh(t, settings));
    if (src) queues.get(src)!.push(t);
    else {
      // Nothing can query it (e.g. a Douyin parcel with no tracking service set up): it is refreshed when
      // the shopper (or an opt-in page visit) opens the order page. Check again at the normal interval.
      await done(t, undefined, { key: t.key, outcome: 'unsupported' }, 'no_source');
    }
  }

  for (const [src, queue] of queues) {
    let stopped = false;
    for (let i = 0; i < queue.length && !stopped; i += src.maxBatch) {
      const chunk = queue.slice(i, i + src.maxBatch);
      const wait = (state.hostNextAt[src.host] ?? 0) - now();
      if (wait > 0) {
        if (now() + wait > deadline) {
          summary.deferred += queue.length - i;
          break;
        }
        await sleep(wait);
      }
      if (now() > deadline) {
        summary.deferred += queue.length - i;
        break;
      }
      state.hostNextAt[src.host] = now() + src.minIntervalMs;
      summary.requests++;
      let results: RefreshResult[];
      try {
        results = await src.refresh(chunk, { fetch: opts.fetch, settings, now: now() });
      } catch (e) {
        // Sources promise not to throw; if one does, it is an error outcome, not a failed cycle.
        results = chunk.map((t) => ({ key: t.key, outcome: 'error' as const, message: String(e).slice(0, 120) }));
      }
      for (const t of chunk) {
        const r = results.find((x) => x.key === t.key) ?? { key: t.key, outcome: 'error' as const, message: 'no answer' };
        if (r.outcome === 'bad_key') {
          state.badKey[src.id] = { at: now(), message: r.message, fingerprint: keyFingerprint(src.id, settings) };
          stopped = true;
        } else if (r.outcome === 'rate_limited') {
          state.hostNextAt[src.host] = now() + (r.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
          stopped = true;
        } else if (r.outcome === 'signed_out' || r.outcome === 'risk_control') {
          if (src.platform) await markSignIn(db, src.platform, r.outcome, now());
          stopped = true;
        }
        // bad key / signed out: the parcel stays due for another source or a later run; record the outcome only.
        if (r.outcome === 'bad_key' || r.outcome === 'signed_out' || r.outcome === 'risk_control') {
          count(r.outcome);
          progress.done++;
          continue;
        }
        await done(t, src.id, r);
      }
      await saveState(db, state);
      if (stopped) summary.deferred += Math.max(0, queue.length - i - chunk.length);
    }
  }

  summary.finishedAt = now();
  state.lastRun = summary;
  await saveState(db, state);
  await saveProgress(db, { ...progress, running: false, done: progress.total, finishedAt: summary.finishedAt });
  return summary;
}
