// Alarm jobs (issue #6): alarms → refresh cycle → notifications → badge; "refresh now" from the popup; the
// opt-in order-page visits; housekeeping. (src/refresh/ is the refresh engine; this file wires it to alarms.)
import { MIN_PAGE_VISIT_HOURS, type Settings, type ShopPlatform } from '../core/settings';
import { loadSettings } from '../shared/settings-storage';
import { getMeta, platformKey, putMeta } from '../db/meta';
import { getDb } from '../db/schema';
import { ALL_SOURCES } from '../refresh/sources';
import { runRefresh, type RunSummary } from '../refresh/scheduler';
import { browser } from '../shared/browser';
import type { Reply } from '../shared/messages';
import { FACTS_BY_ID } from '../platforms/facts';
import { updateBadge } from './badge';
import { DRAIN_ALARM, drainOutbox, notifyChanges, pruneSeen } from './notifier';
import { readInInactiveTab, VISIT_MAX_MS } from './tab-visit';

export { noteCaptureFromTab } from './tab-visit';

export const REFRESH_ALARM = 'refresh';
export const VISIT_ALARM = 'page-visit';
export const HOUSEKEEPING_ALARM = 'housekeeping';
/** The refresh alarm's period. Due parcels are picked by their own next-check times; this is the tick. */
export const REFRESH_PERIOD_MIN = 5;


/** Create missing alarms (they survive restarts, but not every install path creates them). */
export async function ensureAlarms(settings?: Settings): Promise<void> {
  const s = settings ?? (await loadSettings());
  if (!(await browser.alarms.get(REFRESH_ALARM))) await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: 1, periodInMinutes: REFRESH_PERIOD_MIN });
  if (!(await browser.alarms.get(HOUSEKEEPING_ALARM))) await browser.alarms.create(HOUSEKEEPING_ALARM, { delayInMinutes: 60, periodInMinutes: 24 * 60 });
  const visit = await browser.alarms.get(VISIT_ALARM);
  const every = Math.max(MIN_PAGE_VISIT_HOURS, s.pageVisits.everyHours) * 60;
  if (s.pageVisits.enabled && s.pageVisits.platforms.length) {
    if (!visit || visit.periodInMinutes !== every) await browser.alarms.create(VISIT_ALARM, { delayInMinutes: Math.min(every, 30), periodInMinutes: every });
  } else if (visit) await browser.alarms.clear(VISIT_ALARM);
}

const permitted = async (origins: string[]) => {
  try {
    return await browser.permissions.contains({ origins });
  } catch {
    return false;
  }
};

let running: Promise<RunSummary> | null = null;
/** During a long refresh, notifications go out at most this often (and once more at the end). */
export const NOTIFY_EVERY_MS = 3_000;

/** One refresh at a time: an alarm during "refresh now" joins it instead of starting another. */
export function refreshOnce(manual: boolean): Promise<RunSummary> {
  if (running) return running;
  const run = (async () => {
    const db = getDb();
    const settings = await loadSettings();
    let lastNotify = 0;
    const summary = await runRefresh({
      db,
      sources: ALL_SOURCES,
      settings,
      fetch: (input, init) => fetch(input, init),
      permitted,
      manual,
      onParcelDone: async (_done, _total, changed) => {
        // Notify as changes land (at most every few seconds: collecting looks at every moving parcel). Facts
        // are recomputed from the records, so a worker stopped before the next round loses none.
        if (changed && Date.now() - lastNotify >= NOTIFY_EVERY_MS) {
          lastNotify = Date.now();
          await notifyChanges(db, settings);
        }
      },
    });
    await notifyChanges(db, settings);
    await updateBadge();
    return summary;
  })();
  running = run.finally(() => {
    running = null;
  });
  return running;
}

/** After a capture or a user action changed records: notifications and badge. */
export async function afterChange(): Promise<void> {
  const db = getDb();
  await notifyChanges(db, await loadSettings());
  await updateBadge();
}

/** Opt-in: open each chosen platform's order list in an inactive tab, let capture run, close it. */
export async function visitPages(now = Date.now()): Promise<ShopPlatform[]> {
  const settings = await loadSettings();
  if (!settings.pageVisits.enabled) return [];
  const db = getDb();
  const visited: ShopPlatform[] = [];
  for (const platform of settings.pageVisits.platforms) {
    if (!settings.platforms[platform]) continue;
    const state = await getMeta(db, platformKey(platform));
    if (state?.needsSignIn) continue; // a signed-out page would only show a login form
    const last = (await getMeta(db, `visit:${platform}`)) ?? 0;
    if (now - last < Math.max(MIN_PAGE_VISIT_HOURS, settings.pageVisits.everyHours) * 3600_000 - 60_000) continue;
    await putMeta(db, `visit:${platform}`, now);
    visited.push(platform);
    await readInInactiveTab(FACTS_BY_ID[platform].orderListUrl, VISIT_MAX_MS);
  }
  return visited;
}

export async function onAlarm(name: string): Promise<void> {
  if (name === REFRESH_ALARM) {
    const settings = await loadSettings();
    if (settings.refresh.enabled) await refreshOnce(false);
    else await notifyChanges(getDb(), settings); // alerts are time-based: still computed
    await updateBadge();
  } else if (name === DRAIN_ALARM) {
    await drainOutbox(getDb(), await loadSettings());
  } else if (name === VISIT_ALARM) {
    await visitPages();
  } else if (name === HOUSEKEEPING_ALARM) {
    await pruneSeen(getDb());
  }
}

export async function handleRefreshNow(): Promise<Reply> {
  const s = await refreshOnce(true);
  return { ok: true, changes: s.changed, parcels: s.refreshed };
}
