// Evidence for a complaint (design §5, issue #16): for one alert, a short factual text the shopper pastes into the
// platform's complaint or after-sale form — the order, what was promised in the page's own words, what happened
// and when, and how late. Pure: strings come through `msg` (the _locales catalog of the shopper's language), the
// after-sale link from the platform's links (src/platforms/<id>/links.ts), records from the caller.
//
// What it may say is what the shopper saw on the platform's pages: order number, platform, shop, item titles,
// promise text, times, event texts, carrier name. Never record keys, shop or item ids, the phone tail, the pickup
// code, or — when there is an order to name — the tracking number. Times are China Standard Time whatever the
// machine's zone: the platforms show them so, and the complaint is read in China.
import type { Alert, AlertKind } from './alerts';
import { stripBidi } from './bidi';
import { carrierById, carrierDisplayName } from './carriers';
import type { OrderRecord, ParcelRecord, ParcelStatus } from './model';

/** A catalog lookup with chrome.i18n's substitution rules (src/shared/i18n.ts `t`). */
export type Msg = (key: string, subs?: string | string[]) => string;
export type EvidenceLang = 'zh' | 'en';

export interface EvidenceEvent {
  time: number;
  text: string;
  location?: string;
  status: ParcelStatus;
}

export interface EvidenceInput {
  alert: Alert;
  /** The orders the alert concerns (a parcel's linked orders, or the one order of an order alert). */
  orders: readonly OrderRecord[];
  /** The parcel the alert concerns, if any (for an order alert: its outbound parcel, when shipped). */
  parcel?: ParcelRecord;
  /** The parcel's events, in any order. */
  events?: readonly EvidenceEvent[];
  /** The platform's after-sale / complaint page for this order (src/platforms/<id>/links.ts). */
  afterSaleUrl?: string;
}

/** One line each; a fact with nothing to state is left out (firstScan says "no scan yet" when there is a parcel). */
export type FactId = 'items' | 'promise' | 'paid' | 'shipped' | 'firstScan' | 'lastScan' | 'station' | 'delivered' | 'returnState';

/** What the evidence of one alert kind says. */
export interface EvidenceEntry {
  /** Substitutions for the kind's problem line `evidence_problem_<kind>` (_locales): how long, then the alert's
   * own words (the promise text or the event text) where the line uses them. */
  problem: (a: Alert, dur: (hours: number) => string, parcel?: ParcelRecord) => string[];
  /** The facts stated after the problem, in order. */
  facts: readonly FactId[];
}

const ORDER_FACTS: readonly FactId[] = ['items', 'promise', 'paid'];
const PARCEL_FACTS: readonly FactId[] = ['items', 'promise', 'paid', 'shipped', 'firstScan', 'lastScan', 'station'];
const since = (a: Alert, dur: (h: number) => string) => [dur(a.evidence.hours ?? 0)];
const sinceWith = (a: Alert, dur: (h: number) => string, p?: ParcelRecord) => [dur(a.evidence.hours ?? 0), clean(redact(a.evidence.eventText ?? '', p))];

/** One entry per alert kind (tests/unit/core/evidence.test.ts walks ALERT_KINDS). */
export const EVIDENCE: Record<AlertKind, EvidenceEntry> = {
  not_shipped: { problem: since, facts: ORDER_FACTS },
  no_pickup_scan: { problem: since, facts: PARCEL_FACTS },
  stalled: { problem: since, facts: PARCEL_FACTS },
  out_for_delivery_long: { problem: since, facts: PARCEL_FACTS },
  awaiting_collection_long: { problem: since, facts: PARCEL_FACTS },
  promise_missed: { problem: (a, dur) => [dur(a.evidence.hours ?? 0), clean(a.evidence.promiseText ?? '')], facts: PARCEL_FACTS },
  exception: { problem: sinceWith, facts: PARCEL_FACTS },
  rejected: { problem: sinceWith, facts: PARCEL_FACTS },
  returning: { problem: sinceWith, facts: PARCEL_FACTS },
  // Issue #16 (the last mile): the page's own words for what was promised, and the event that shows what happened.
  door_promise_broken: {
    problem: (a, dur, p) => [dur(a.evidence.hours ?? 0), clean(a.evidence.promiseText ?? ''), clean(redact(a.evidence.eventTime ? `${chinaTime(a.evidence.eventTime)} ${a.evidence.eventText ?? ''}` : (a.evidence.eventText ?? ''), p))],
    facts: [...PARCEL_FACTS, 'delivered'],
  },
  return_pickup_missed: { problem: (a, dur) => [dur(a.evidence.hours ?? 0), clean(a.evidence.promiseText ?? '')], facts: [...ORDER_FACTS, 'returnState'] },
  refund_overdue: {
    problem: (a, dur) => [dur(a.evidence.hours ?? 0), a.evidence.eventTime !== undefined ? chinaTime(a.evidence.eventTime) : ''],
    facts: [...ORDER_FACTS, 'returnState'],
  },
  refund_late: { problem: (a, dur) => [dur(a.evidence.hours ?? 0), clean(a.evidence.promiseText ?? '')], facts: [...ORDER_FACTS, 'returnState'] },
};

const H = 3600_000;
/** China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we meet. */
const CST_OFFSET = 8 * H;
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-20 14:05" in China Standard Time, whatever the machine's time zone. */
export function chinaTime(ms: number): string {
  const d = new Date(ms + CST_OFFSET);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Page text as one plain line: no bidi controls, no line breaks, bounded. */
function clean(s: string, max = 120): string {
  const one = stripBidi(s).replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const escapeRe = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

/** Event texts may carry the pickup code (a key to the parcel, no use in a complaint) or a phone's last digits
 * (尾号1234): both are masked. */
function redact(text: string, p: ParcelRecord | undefined): string {
  let out = text.replace(/(尾号\s*[:：]?\s*)\d{4}/g, '$1****');
  // Only where they stand alone: a short code or four digits may also be part of a longer number.
  const alone = (s: string) => new RegExp(`(?<![0-9A-Za-z-])${escapeRe(s)}(?![0-9A-Za-z-])`, 'g');
  if (p?.pickupCode) out = out.replace(alone(p.pickupCode), '***');
  if (p?.phoneTail) out = out.replace(alone(p.phoneTail), '****');
  return out;
}

const eventLine = (e: EvidenceEvent, p: ParcelRecord | undefined) => {
  const text = clean(redact(e.text, p));
  const where = e.location ? clean(e.location, 40) : '';
  return `${chinaTime(e.time)} ${where && !text.includes(where) ? `${where} ` : ''}${text}`;
};

/** The evidence text of one alert, in the language of `msg`. */
export function evidenceText(input: EvidenceInput, msg: Msg, lang: EvidenceLang): string {
  const { alert, orders, parcel } = input;
  const entry = EVIDENCE[alert.kind];
  const dur = (hours: number) => {
    const h = Math.max(0, Math.floor(hours));
    return h < 72 ? msg('durHours', String(h)) : msg('durDays', String(Math.floor(h / 24)));
  };
  const order = orders[0];
  const events = [...(input.events ?? [])].sort((a, b) => a.time - b.time);
  const lines: string[] = [];

  if (order) {
    const platform = msg(`platform_${order.tmall ? 'tmall' : order.platform}`);
    const ids = orders.map((o) => o.orderId).join(lang === 'zh' ? '、' : ', ');
    const shop = orders.find((o) => o.shopName)?.shopName;
    lines.push(shop ? msg('evidence_order_shop', [platform, ids, clean(shop, 60)]) : msg('evidence_order', [platform, ids]));
  } else if (parcel) {
    // A parcel the shopper added by hand: no order to name, so its waybill is the identifier.
    lines.push(msg('evidence_waybill', [carrierName(parcel, lang), parcel.trackingNo]));
  }
  lines.push(msg(`evidence_problem_${alert.kind}`, entry.problem(alert, dur, parcel)));

  for (const fact of entry.facts) {
    const line = factLine(fact, { orders, parcel, events }, msg, lang);
    if (line) lines.push(line);
  }
  lines.push(msg('evidence_times_note'));
  if (input.afterSaleUrl) lines.push(msg('evidence_link', input.afterSaleUrl));
  return lines.join('\n');
}

function carrierName(p: ParcelRecord, lang: EvidenceLang): string {
  return carrierById(p.carrier) ? carrierDisplayName(p.carrier, lang) : clean(p.carrierName ?? '', 30);
}

function factLine(
  fact: FactId,
  d: { orders: readonly OrderRecord[]; parcel?: ParcelRecord; events: EvidenceEvent[] },
  msg: Msg,
  lang: EvidenceLang,
): string | undefined {
  const order = d.orders[0];
  const p = d.parcel;
  switch (fact) {
    case 'items': {
      const items = d.orders.flatMap((o) => o.items);
      if (!items.length) return undefined;
      const first = clean(items[0].title, 60);
      return items.length > 1 ? msg('evidence_items_more', [first, String(items.length)]) : msg('evidence_items', first);
    }
    case 'promise': {
      const promise = d.orders.find((o) => o.promise)?.promise;
      if (!promise) return undefined;
      return promise.at ? msg('evidence_promise_by', [clean(promise.text, 60), chinaTime(promise.at)]) : msg('evidence_promise', clean(promise.text, 60));
    }
    case 'paid': {
      const at = order?.paidAt ?? order?.createdAt;
      return at ? msg(order?.paidAt ? 'evidence_paid' : 'evidence_ordered', chinaTime(at)) : undefined;
    }
    case 'shipped': {
      if (!p) return undefined;
      const carrier = carrierName(p, lang);
      if (p.shippedAt) return carrier ? msg('evidence_shipped_by', [chinaTime(p.shippedAt), carrier]) : msg('evidence_shipped', chinaTime(p.shippedAt));
      return carrier ? msg('evidence_carrier', carrier) : undefined;
    }
    case 'firstScan': {
      if (!p) return undefined;
      const first = d.events.find((e) => e.status !== 'pending_pickup');
      return first ? msg('evidence_first_scan', eventLine(first, p)) : msg('evidence_no_scan');
    }
    case 'lastScan': {
      const last = d.events[d.events.length - 1];
      const first = d.events.find((e) => e.status !== 'pending_pickup');
      // One scan only: the first-scan line already says it.
      return last && last !== first ? msg('evidence_last_scan', eventLine(last, p)) : undefined;
    }
    case 'station': {
      const at = d.events.find((e) => e.status === 'awaiting_collection');
      return at ? msg('evidence_station', eventLine(at, p)) : undefined;
    }
    case 'delivered': {
      return p?.deliveredAt ? msg('evidence_delivered', chinaTime(p.deliveredAt)) : undefined;
    }
    case 'returnState': {
      const text = d.orders.find((o) => o.afterSale?.stateText)?.afterSale?.stateText;
      return text ? msg('evidence_return_state', clean(text, 60)) : undefined;
    }
  }
}
