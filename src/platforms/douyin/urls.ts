// Douyin (抖音 / 抖音商城) URLs. No buyer order page or API is documented publicly (platform-formats.md §2.1),
// so every path rule below is a GUESS to confirm in DevTools; the capture hook keeps any order-ish response.
import { onHostSuffix } from '../facts';
import type { PageKind } from '../types';
import { DOUYIN_FACTS } from './facts';

/** Seller back-offices (抖店 fxg, 罗盘, 百应) show merchants' orders, not the shopper's. */
const SELLER_HOST_RE = /^(?:fxg|compass|buyin|op|school|doudian|fuwu|ark)\./i;

/** First rule that matches the path (+ hash, for SPA routes) wins. GUESSES, see file header. */
const KIND_RULES: readonly [PageKind, RegExp][] = [
  ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
  ['logistics', /logistics|express|wuliu|track|delivery/i],
  ['order_detail', /order[-_/]?detail|orderdetail|order\/info/i],
  ['order_list', /order/i],
];

/** Query parameters that carry an order id on detail / logistics URLs (GUESS). */
export const DOUYIN_ORDER_ID_PARAMS = ['order_id', 'orderId', 'shop_order_id', 'shopOrderId', 'oid'] as const;

const onHost = (host: string) => onHostSuffix(host, DOUYIN_FACTS.pageHosts);

export function douyinPageKind(url: URL): PageKind | null {
  if (!onHost(url.hostname) || SELLER_HOST_RE.test(url.hostname)) return null;
  const where = `${url.pathname}${url.hash}`;
  for (const [kind, re] of KIND_RULES) if (re.test(where)) return kind;
  return null;
}

const INTERESTING_RE = /order|logistic|express|track|trace|after[-_]?sale|aftersale|refund|wuliu/i;
const STATIC_RE = /\.(?:m?js|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|map|mp4|m3u8|ts|json5)$/i;
/** Telemetry endpoints whose paths mention "track" but never carry orders. */
const TELEMETRY_HOST_RE = /^(?:mcs|mon|mssdk|log|tracker|frontier)[.-]/i;

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
