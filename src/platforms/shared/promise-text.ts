// Delivery and shipping promises in order texts ("预计11月24日送达", "承诺48小时内发货", "次日达"), in China time.
import { inTimeRange } from '../../core/bounds';
import type { OrderPromise } from '../../core/model';
import { CN_OFFSET, cleanText } from './values';

const DAY = 86_400_000;
const cnDay = (ms: number) => Math.floor((ms + CN_OFFSET) / DAY);
const endOfCnDay = (day: number) => (day + 1) * DAY - CN_OFFSET - 1;
const cnYear = (ms: number) => new Date(ms + CN_OFFSET).getUTCFullYear();
const HOUR_PART = '(?:(\\d{1,2})(?:[:：](\\d{2})|点|时))?';
const DATE_PROMISE_RE = new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日${HOUR_PART}(?:前|之前)?(送达|到达|达|发货|发出)`);
const REL_DAY_PROMISE_RE = new RegExp(`(今天|今日|明天|明日|后天)${HOUR_PART}(?:前|之前)?(送达|到达|发货|发出)`);
const HOURS_PROMISE_RE = /(\d{1,3})(?:个)?(?:小时|h)内?(发货|发出|送达)/i;
const DAYS_PROMISE_RE = /(\d{1,2})(?:天|日)内?(发货|发出|送达)/;
const SAME_DAY_SHIP_RE = /当日发货?|当天发货?|今日发货/;
const NEXT_DAY_RE = /次日达|隔日达|明日达/;
const SAME_DAY_RE = /当日达|今日达/;
const FAST_RE = /极速达|半日达|小时达|闪电送|极速送达/;

const PROMISE_WORD_RE = /[达发送]/;

const kindOf = (verb: string): OrderPromise['kind'] => (/发/.test(verb) ? 'ship_by' : 'deliver_by');

// Module functions, not closures made per call (under tsx, which keeps names, each closure costs a defineProperty).
const promiseOf = (kind: OrderPromise['kind'], text: string, at?: number): OrderPromise => {
  const p: OrderPromise = { kind, text: cleanText(text, 200) };
  if (at !== undefined && inTimeRange(at)) p.at = at;
  return p;
};
const atTime = (day: number, h?: string, mi?: string) =>
  h === undefined ? endOfCnDay(day) : day * DAY - CN_OFFSET + Number(h) * 3_600_000 + Number(mi ?? 0) * 60_000;

/**
 * A delivery/shipping promise in a text. `orderAt` (paid/created time) anchors "48小时内发货" and "次日达";
 * `now` anchors "明天送达" (relative to when the page was shown); both give the year of "11月24日".
 */
export function parsePromiseText(text: string, orderAt?: number, now?: number): OrderPromise | undefined {
  // Every promise below names 达, 发 or 送: most texts (names, statuses, titles) are ruled out here.
  if (!PROMISE_WORD_RE.test(text)) return undefined;
  const t = text.replace(/\s+/g, '');
  if (!t || t.length > 200) return undefined;
  let m = DATE_PROMISE_RE.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, verb] = m;
    const ref = orderAt ?? now;
    let at: number | undefined;
    if (y || ref !== undefined) {
      let year = y ? Number(y) : cnYear(ref as number);
      let day = Math.floor(Date.UTC(year, Number(mo) - 1, Number(d)) / DAY);
      // A promise lies after the order: "1月2日" seen on a December order means next year.
      if (!y && ref !== undefined && endOfCnDay(day) < ref - 60 * DAY) {
        year += 1;
        day = Math.floor(Date.UTC(year, Number(mo) - 1, Number(d)) / DAY);
      }
      at = atTime(day, h, mi);
    }
    return promiseOf(kindOf(verb), text, at);
  }
  m = REL_DAY_PROMISE_RE.exec(t);
  if (m) {
    const [, word, h, mi, verb] = m;
    const ref = now ?? orderAt;
    const add = /今/.test(word) ? 0 : /明/.test(word) ? 1 : 2;
    return promiseOf(kindOf(verb), text, ref === undefined ? undefined : atTime(cnDay(ref) + add, h, mi));
  }
  m = HOURS_PROMISE_RE.exec(t);
  if (m) {
    const ref = orderAt ?? now;
    return promiseOf(kindOf(m[2]), text, ref === undefined ? undefined : ref + Number(m[1]) * 3_600_000);
  }
  m = DAYS_PROMISE_RE.exec(t);
  if (m) {
    const ref = orderAt ?? now;
    return promiseOf(kindOf(m[2]), text, ref === undefined ? undefined : ref + Number(m[1]) * DAY);
  }
  const ref = orderAt ?? now;
  if (SAME_DAY_SHIP_RE.test(t)) return promiseOf('ship_by', text, ref === undefined ? undefined : endOfCnDay(cnDay(ref)));
  if (NEXT_DAY_RE.test(t)) return promiseOf('deliver_by', text, ref === undefined ? undefined : endOfCnDay(cnDay(ref) + 1));
  if (SAME_DAY_RE.test(t)) return promiseOf('deliver_by', text, ref === undefined ? undefined : endOfCnDay(cnDay(ref)));
  if (FAST_RE.test(t)) return promiseOf('deliver_by', text);
  return undefined;
}

