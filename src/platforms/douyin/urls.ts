// Douyin (抖音 / 抖音商城) URLs. No buyer order page or API is documented publicly (platform-formats.md §2.1),
// so every path rule below is a GUESS to confirm in DevTools; the capture hook keeps any order-ish response.
import { ADAPTER_MATCHES } from '../matches';
import { ORDER_PAGES } from '../order-pages';
import type { PageKind } from '../types';
import { HOST_SUFFIXES, INTERESTING_RE, KIND_RULES, SELLER_HOST_RE, STATIC_RE, TELEMETRY_HOST_RE } from './pages';

/** Match patterns: the shared list in ../matches.ts (https only), so manifest and adapter agree. */
export const DOUYIN_MATCHES: string[] = [...ADAPTER_MATCHES.douyin];

/** GUESS: the 抖音商城 H5 order list; linked from the popup's empty state. */
export const DOUYIN_ORDER_PAGE_URL = ORDER_PAGES.douyin;

/** Query parameters that carry an order id on detail / logistics URLs (GUESS). */
export const DOUYIN_ORDER_ID_PARAMS = ['order_id', 'orderId', 'shop_order_id', 'shopOrderId', 'oid'] as const;

const onHost = (host: string) => HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));

export function douyinPageKind(url: URL): PageKind | null {
  if (!onHost(url.hostname) || SELLER_HOST_RE.test(url.hostname)) return null;
  const where = `${url.pathname}${url.hash}`;
  for (const [kind, re] of KIND_RULES) if (re.test(where)) return kind;
  return null;
}

export function isDouyinInterestingResponse(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(u.protocol) || STATIC_RE.test(u.pathname) || TELEMETRY_HOST_RE.test(u.hostname)) return false;
  return INTERESTING_RE.test(`${u.pathname}${u.search}`);
}
