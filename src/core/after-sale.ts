// The last mile (issue #16): door-delivery promises and return / exchange after-sales, pure.
// - Door promise: the delivery service an order page shows (送货上门, 音尊达 …), kept with the page's words.
// - Station end: the event that shows a parcel was left at a station or locker (including 签收 at a station).
// - After-sale state from the page's own words, the booked pickup window, the refund a page promises.
// The readers of the pages' words are in after-sale-read.ts (platform parsers only, so the popup does not load
// them); merge and alerts use the ranks and the per-platform refund windows here.
import type { Platform } from './model';

// ---- door-delivery promises ------------------------------------------------------------------------------

export interface DeliveryService {
  /** The page's own words ("送货上门", "音尊达 · 送货上门"). */
  text: string;
  /** It promises delivery to the door (a station or locker breaks it). */
  door: boolean;
}

// ---- station end -------------------------------------------------------------------------------------------

/** Station and locker words in a delivered line ("签收人在【丰巢…】领取", "已从菜鸟驿站取出"). */
const STATION_WORDS = /驿站|快递柜|智能柜|丰巢|兔喜|代收点|代理点|快递超市|百世邻里|近邻宝|速递易|菜鸟|自提|入柜|投柜|(?:快递|包裹)?(?:服务)?站点?代收/;
/** Brands named in a line, for "却放在了{station}". */
const STATION_BRAND = /菜鸟驿站|妈妈驿站|兔喜生活|兔喜快递超市|兔喜|中邮驿站|多多驿站|丰巢|近邻宝|速递易|百世邻里|快递超市|快递柜|智能柜|驿站|代收点/;

export interface StationEvent {
  time: number;
  text: string;
  location?: string;
}

interface EventLike {
  time: number;
  text: string;
  location?: string;
  status: string;
}

/**
 * The event showing a parcel ended at a station or locker, or undefined. Oldest first: the first event of the
 * last stay at a station (status awaiting_collection — which includes the 签收-at-station trap — or a delivered
 * line naming a station). A later out-for-delivery line means a courier took it on to the door: no station end.
 * A later delivered line (the shopper took it out) keeps the evidence.
 */
export function stationEnd(events: readonly EventLike[]): StationEvent | undefined {
  const sorted = [...events].sort((a, b) => a.time - b.time || a.text.localeCompare(b.text));
  let found: EventLike | undefined;
  for (const e of sorted) {
    const atStation = e.status === 'awaiting_collection' || (e.status === 'delivered' && STATION_WORDS.test(e.text));
    if (atStation) found ??= e;
    else if (e.status === 'out_for_delivery') found = undefined;
  }
  if (!found) return undefined;
  const out: StationEvent = { time: found.time, text: found.text };
  if (found.location) out.location = found.location;
  return out;
}

/** The station or locker a line names ("菜鸟驿站", "丰巢"), for the alert's wording. */
export function stationName(text: string | undefined): string | undefined {
  return text ? STATION_BRAND.exec(text)?.[0] : undefined;
}

// ---- after-sale state --------------------------------------------------------------------------------------

export const RETURN_STATES = ['requested', 'pickup_booked', 'picked_up', 'in_transit_back', 'received', 'refunded', 'exchanged', 'closed'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];
export type AfterSaleKind = 'refund_only' | 'return' | 'exchange';

/** States only rise; the three ends (refunded, exchanged, closed) share the top rank. */
export const RETURN_STATE_RANK: Readonly<Record<ReturnState, number>> = {
  requested: 1,
  pickup_booked: 2,
  picked_up: 3,
  in_transit_back: 4,
  received: 5,
  refunded: 6,
  exchanged: 6,
  closed: 6,
};
export const isReturnEnded = (s: ReturnState) => RETURN_STATE_RANK[s] >= 6;
/** States of an after-sale still under way (the database finds such orders by its afterSale.state index). */
export const OPEN_RETURN_STATES: ReturnState[] = RETURN_STATES.filter((s) => !isReturnEnded(s));

export interface PickupWindow {
  from?: number;
  to: number;
  /** The page's words. */
  text: string;
}

export interface RefundDue {
  at: number;
  text: string;
}

// ---- the platforms' usual refund times ---------------------------------------------------------------------

/**
 * After the seller has the return, how long each platform usually lets it take before refunding (or refunds
 * automatically), in hours. Data, per platform; where each figure comes from is REFUND_WINDOW_SOURCES (kept apart so
 * the popup bundle carries only the numbers). 'manual' has no platform rule.
 */
export const REFUND_AFTER_RECEIPT: Readonly<Record<Platform, number>> = { taobao: 240, douyin: 48, kuaishou: 48, jd: 168, pdd: 48, manual: 240 };

/**
 * The source of each figure above; [G] = guessed: no public rule text was found for any of the five platforms
 * (searches listed in docs/after-sale-sources.md). Each refund carries its own deadline, which its page counts down
 * (taobao.refund.get refund_remind_timeout.timeout [S]); that promise, read by readRefundDue, drives refund_late.
 */
export const REFUND_WINDOW_SOURCES: Readonly<Record<Platform, string>> = {
  taobao: '[G] 淘宝: seller confirms a returned parcel within 10 days, else automatic refund (no public rule text found; each refund has its own deadline, refund_remind_timeout.timeout in taobao.refund.get [S], which the page counts down)',
  douyin: '[G] 抖音: 48 h for the shop to handle a received return',
  kuaishou: '[G] 快手: 48 h for the shop to handle a received return',
  jd: '[G] 京东: refund within 1–7 days of the return reaching the warehouse',
  pdd: '[G] 拼多多: 48 h for the shop to handle a received return',
  manual: '[G] no platform: the longest window above',
};
