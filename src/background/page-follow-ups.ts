// Follow-up pages opened in an inactive tab (opt-in page visits): JD's mobile order list carries no waybill,
// and its logistics page deal_wuliu_jdm.shtml is a client-rendered app whose data endpoint is not public, so the
// background opens the list's own logistics link (all its parameters) and the JD content script reads the page
// there, as when the shopper opens it. The rules (which orders, how many, how often) are in core/page-follow-ups.
import { orderKey } from '../core/model';
import { PAGE_FOLLOW_UP_RULES, planPageFollowUps, type PageFollowUpRules, type FollowOrderFacts, type PageFollowUpCandidate } from '../core/page-follow-ups';
import { platformEnabled, type Settings, type ShopPlatform } from '../core/settings';
import { getMeta, platformKey, putMeta } from '../db/meta';
import { getDb, type ParcelHubDb } from '../db/schema';
import { adapterById } from '../platforms/registry';
import { isFetchedFollowUp, type FollowUp, type ParseDiagnostic } from '../platforms/types';
import { loadSettings } from '../shared/settings-storage';
import { readInInactiveTab } from './tab-visit';

/** Stores a diagnostic about a followed page (the capture handler's store, passed in to avoid a cycle). */
export type StoreDiagnostic = (platform: ShopPlatform, url: string, d: ParseDiagnostic) => Promise<unknown>;

/** Opt-in: page visits on, this platform chosen for them and switched on. */
export const followingAllowed = (s: Settings, platform: ShopPlatform): boolean =>
  s.pageVisits.enabled && s.pageVisits.platforms.includes(platform) && platformEnabled(s, platform);

let chain: Promise<unknown> = Promise.resolve();
let lastOpenAt = 0;

/** Queue the page follow-ups of one capture; one tab at a time across captures. Resolves with the order ids
 * whose pages were opened. */
export function followPages(platform: ShopPlatform, ups: readonly FollowUp[], store: StoreDiagnostic, rules: Readonly<PageFollowUpRules> = PAGE_FOLLOW_UP_RULES): Promise<string[]> {
  const run = chain.then(() => followNow(platform, ups, store, rules));
  chain = run.catch(() => undefined);
  return run.catch(async (e) => {
    await store(platform, '', { kind: 'error', message: `following logistics pages failed: ${String(e).slice(0, 160)}` }).catch(() => undefined);
    return [];
  });
}

/** Only a page the platform's own adapter calls a logistics page, on https: never a URL a payload could steer. */
function logisticsUrl(platform: ShopPlatform, raw: string): string | undefined {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && adapterById(platform)?.pageKind(u) === 'logistics' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

async function orderFacts(db: ParcelHubDb, platform: ShopPlatform, ids: string[], opened: Record<string, number>): Promise<Map<string, FollowOrderFacts>> {
  const orders = await db.orders.bulkGet(ids.map((id) => orderKey(platform, id)));
  const parcels = await db.parcels.bulkGet(orders.flatMap((o) => o?.parcelKeys ?? []));
  const outbound = new Set(parcels.filter((p) => p && p.direction !== 'return' && p.trackingNo).map((p) => p!.key));
  const facts = new Map<string, FollowOrderFacts>();
  for (const o of orders) {
    if (!o) continue;
    const last = opened[orderKey(platform, o.orderId)];
    facts.set(o.orderId, { status: o.status, hasParcel: o.parcelKeys.some((k) => outbound.has(k)), ...(last !== undefined ? { lastOpenedAt: last } : {}) });
  }
  return facts;
}

const prune = (opened: Record<string, number>, now: number, coolDownMs: number) => Object.fromEntries(Object.entries(opened).filter(([, t]) => t > now - coolDownMs && t <= now));

async function followNow(platform: ShopPlatform, ups: readonly FollowUp[], store: StoreDiagnostic, rules: Readonly<PageFollowUpRules>): Promise<string[]> {
  const candidates: PageFollowUpCandidate[] = ups.flatMap((f) => {
    const url = isFetchedFollowUp(f) ? undefined : logisticsUrl(platform, f.url);
    return url ? [{ orderId: f.orderId, url }] : [];
  });
  if (!candidates.length || !followingAllowed(await loadSettings(), platform)) return [];
  const db = getDb();
  const stillAllowed = async () => followingAllowed(await loadSettings(), platform) && !(await getMeta(db, platformKey(platform)))?.needsSignIn;
  if (!(await stillAllowed())) return [];
  const opened = (await getMeta(db, 'follow:opened')) ?? {};
  const facts = await orderFacts(db, platform, candidates.map((c) => c.orderId), opened);
  const plan = planPageFollowUps(candidates, (id) => facts.get(id), Object.values(opened), Date.now(), rules);
  const done: string[] = [];
  for (const c of plan.open) {
    const wait = lastOpenAt + rules.gapMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Between two tabs the shopper may have switched visits off, been signed out, or opened the page.
    if (!(await stillAllowed())) break;
    const now = Date.now();
    const current = (await getMeta(db, 'follow:opened')) ?? {};
    if ((await orderFacts(db, platform, [c.orderId], current)).get(c.orderId)?.hasParcel) continue;
    await putMeta(db, 'follow:opened', { ...prune(current, now, rules.coolDownMs), [orderKey(platform, c.orderId)]: now });
    lastOpenAt = now;
    done.push(c.orderId);
    const reported = await readInInactiveTab(c.url, rules.tabTimeoutMs);
    const after = (await orderFacts(db, platform, [c.orderId], {})).get(c.orderId);
    if (!after?.hasParcel && !(await getMeta(db, platformKey(platform)))?.needsSignIn) {
      await store(platform, c.url, {
        kind: 'unrecognized',
        message: reported
          ? 'followed logistics page of a shipped order: no tracking number read there'
          : `followed logistics page of a shipped order: nothing read within ${Math.round(rules.tabTimeoutMs / 1000)} s`,
      });
    }
  }
  return done;
}
