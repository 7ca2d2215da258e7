// Shipping / delivery promises shown next to Taobao items and orders: "12月08日 03:46前发货",
// "承诺48小时内发货", "预计11月08日送达", "次日达", "极速达".
import type { OrderPromise, OrderStatus } from '../../core/model';
import { parseChinaTime, parseMonthDayTime } from './values';

const HOUR = 3_600_000;
const SHIP_RE = /前发货|小时内发货|天内发货|承诺.{0,20}发货/;
const DELIVER_RE = /预计.{0,20}送达|次日达|极速达|当日达|今日达|半日达|小时达|隔日达/;
const FULL_DATE_RE = /(\d{4}\s*[-/年]\s*\d{1,2}\s*[-/月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)/;

export interface PromiseContext {
  /** Order creation / payment times: "48小时内" counts from payment, year-less dates take its year. */
  createdAt?: number;
  paidAt?: number;
  status?: OrderStatus;
}

function shipBy(text: string, ctx: PromiseContext): OrderPromise {
  const ref = ctx.paidAt ?? ctx.createdAt;
  const hours = /(\d{1,3})\s*小时内/.exec(text);
  const days = /(\d{1,2})\s*天内/.exec(text);
  let at: number | undefined;
  const full = FULL_DATE_RE.exec(text);
  if (full) at = parseChinaTime(full[1]);
  else if (/\d{1,2}\s*[-/月]\s*\d{1,2}/.test(text) && ref !== undefined) at = parseMonthDayTime(text, ref, 'after', true);
  else if (hours && ref !== undefined) at = ref + Number(hours[1]) * HOUR;
  else if (days && ref !== undefined) at = ref + Number(days[1]) * 24 * HOUR;
  return at === undefined ? { kind: 'ship_by', text } : { kind: 'ship_by', text, at };
}

function deliverBy(text: string, ctx: PromiseContext): OrderPromise {
  const ref = ctx.paidAt ?? ctx.createdAt;
  let at: number | undefined;
  const full = FULL_DATE_RE.exec(text);
  if (full) at = parseChinaTime(full[1]);
  else if (/\d{1,2}\s*[-/月]\s*\d{1,2}/.test(text) && ref !== undefined) at = parseMonthDayTime(text, ref, 'after', true);
  // A date-only "送达" promise means by the end of that day.
  if (full && at !== undefined && !/\d[:：]\d/.test(full[1])) at += 24 * HOUR - 1000;
  return at === undefined ? { kind: 'deliver_by', text } : { kind: 'deliver_by', text, at };
}

/**
 * The order's promise from candidate texts (item extras, prompts). Before shipment the ship-by promise is
 * the useful one; afterwards the delivery promise is.
 */
export function promiseFrom(texts: (string | undefined)[], ctx: PromiseContext): OrderPromise | undefined {
  const clean = texts.map((t) => t?.trim().slice(0, 200)).filter((t): t is string => !!t);
  const ship = clean.find((t) => SHIP_RE.test(t));
  const deliver = clean.find((t) => DELIVER_RE.test(t));
  const preShip = ctx.status === 'unpaid' || ctx.status === 'unshipped';
  if (ship && (preShip || !deliver)) return shipBy(ship, ctx);
  if (deliver) return deliverBy(deliver, ctx);
  return undefined;
}
