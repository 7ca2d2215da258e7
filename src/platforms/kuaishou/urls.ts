// Kuaishou (快手 / 快手小店) URLs. No buyer order page or API is documented publicly (platform-formats.md §3.1);
// the path rules follow the `/page/kwaishop-buyer-…` / `kwaishop-c-…` naming seen for product pages and are
// GUESSES to confirm in DevTools; the capture hook keeps any order-ish response.
import { onHostSuffix } from '../facts';
import type { PageKind } from '../types';
import { KUAISHOU_FACTS } from './facts';

/** Seller back-office, open platform and creator tools: not the shopper's orders. */
const SELLER_HOST_RE = /^(?:s|open|cp|fxg|syt|niu|ad|merchant)\./i;

/** First rule that matches the path (+ hash) wins. GUESSES, see file header. */
const KIND_RULES: readonly [PageKind, RegExp][] = [
  ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
  ['logistics', /logistics|express|wuliu|track/i],
  ['order_detail', /order[-_/]?detail|orderdetail/i],
  ['order_list', /order/i],
];

/** Query parameters that carry an order id on detail / logistics URLs (GUESS). */
export const KUAISHOU_ORDER_ID_PARAMS = ['oid', 'orderId', 'order_id', 'orderNo'] as const;

const onHost = (host: string) => onHostSuffix(host, KUAISHOU_FACTS.pageHosts);

export function kuaishouPageKind(url: URL): PageKind | null {
  if (!onHost(url.hostname) || SELLER_HOST_RE.test(url.hostname)) return null;
  const where = `${url.pathname}${url.hash}`;
  for (const [kind, re] of KIND_RULES) if (re.test(where)) return kind;
  return null;
}

const INTERESTING_RE = /order|logistic|express|track|trace|after[-_]?sale|aftersale|refund|wuliu/i;
const STATIC_RE = /\.(?:m?js|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|map|mp4|m3u8|ts)$/i;
/** Telemetry: log hosts and `/log/` paths (e.g. s.kwaixiaodian.com/rest/app/tts/user/log/common). */
const TELEMETRY_RE = /^(?:log|logsdk|log-sdk|wlog|mon)[.-]|\/log\//i;

export function isKuaishouInterestingResponse(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(u.protocol) || STATIC_RE.test(u.pathname)) return false;
  if (TELEMETRY_RE.test(u.hostname) || TELEMETRY_RE.test(u.pathname)) return false;
  return INTERESTING_RE.test(`${u.pathname}${u.search}`);
}
