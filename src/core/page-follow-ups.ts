// Which follow-up pages (e.g. JD's mobile logistics page of a shipped order) the background may open in an
// inactive tab, and when. Pure: the background passes in what the database and settings say. The rules keep the
// visits few and slow, because each one is a real page load on the shopper's account:
// - only orders that are still shipped and have no outbound parcel yet (never unshipped, cancelled, finished);
// - each order at most once per cool-down, a few per list capture, a cap per hour;
// - one tab at a time, a gap between two tabs, a time-out per tab (the runner applies these).
import type { OrderStatus } from './model';

export interface PageFollowUpRules {
  gapMs: number;
  tabTimeoutMs: number;
  perCapture: number;
  perHour: number;
  coolDownMs: number;
}

export const PAGE_FOLLOW_UP_RULES: Readonly<PageFollowUpRules> = {
  /** Between two tabs: at most three a minute. */
  gapMs: 20_000,
  /** Longest a followed page stays open waiting for its capture. */
  tabTimeoutMs: 30_000,
  /** Pages opened for one list capture. */
  perCapture: 5,
  /** Pages opened in any hour. */
  perHour: 12,
  /** An order's page is not opened again within this time (it was read, or it showed nothing). */
  coolDownMs: 12 * 60 * 60 * 1000,
};

export interface PageFollowUpCandidate {
  orderId: string;
  url: string;
}

/** What is known of a candidate's order (undefined: the order is not stored, e.g. the platform is switched off). */
export interface FollowOrderFacts {
  status: OrderStatus;
  /** It already has an outbound parcel with a tracking number. */
  hasParcel: boolean;
  /** When its page was last opened (ms). */
  lastOpenedAt?: number;
}

export interface PageFollowUpPlan {
  open: PageFollowUpCandidate[];
  /** Why the others were left (counts, for the tests and diagnostics). */
  skipped: { notShipped: number; hasParcel: number; coolingDown: number; overCap: number };
}

/** The candidates to open now, in the order given, at most `perCapture` and what the hour still allows. */
export function planPageFollowUps(
  candidates: readonly PageFollowUpCandidate[],
  facts: (orderId: string) => FollowOrderFacts | undefined,
  /** When pages were opened in the last hour (ms; older ones are ignored). */
  recentOpens: readonly number[],
  now: number,
  rules: Readonly<PageFollowUpRules> = PAGE_FOLLOW_UP_RULES,
): PageFollowUpPlan {
  const skipped = { notShipped: 0, hasParcel: 0, coolingDown: 0, overCap: 0 };
  const lastHour = recentOpens.filter((t) => t > now - 3_600_000 && t <= now).length;
  const room = Math.max(0, Math.min(rules.perCapture, rules.perHour - lastHour));
  const open: PageFollowUpCandidate[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.orderId)) continue;
    seen.add(c.orderId);
    const f = facts(c.orderId);
    if (!f || f.status !== 'shipped') skipped.notShipped++;
    else if (f.hasParcel) skipped.hasParcel++;
    else if (f.lastOpenedAt !== undefined && f.lastOpenedAt > now - rules.coolDownMs) skipped.coolingDown++;
    else if (open.length >= room) skipped.overCap++;
    else open.push(c);
  }
  return { open, skipped };
}
