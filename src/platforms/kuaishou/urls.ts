// Kuaishou (快手 / 快手小店) URLs. No buyer order page or API is documented publicly (platform-formats.md §3.1);
// the path rules follow the `/page/kwaishop-buyer-…` / `kwaishop-c-…` naming seen for product pages and are
// GUESSES to confirm in DevTools; the capture hook keeps any order-ish response.
import { ADAPTER_MATCHES } from '../matches';
import { ORDER_PAGES } from '../order-pages';
import type { PageKind } from '../types';
import { HOST_SUFFIXES, INTERESTING_RE, KIND_RULES, SELLER_HOST_RE, STATIC_RE, TELEMETRY_RE } from './pages';

/** Match patterns: the shared list in ../matches.ts (https only), so manifest and adapter agree. */
export const KUAISHOU_MATCHES: string[] = [...ADAPTER_MATCHES.kuaishou];

/** GUESS: the buyer order list H5 page; linked from the popup's empty state. */
export const KUAISHOU_ORDER_PAGE_URL = ORDER_PAGES.kuaishou;

/** Query parameters that carry an order id on detail / logistics URLs (GUESS). */
export const KUAISHOU_ORDER_ID_PARAMS = ['oid', 'orderId', 'order_id', 'orderNo'] as const;

const onHost = (host: string) => HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));

export function kuaishouPageKind(url: URL): PageKind | null {
  if (!onHost(url.hostname) || SELLER_HOST_RE.test(url.hostname)) return null;
  const where = `${url.pathname}${url.hash}`;
  for (const [kind, re] of KIND_RULES) if (re.test(where)) return kind;
  return null;
}

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
