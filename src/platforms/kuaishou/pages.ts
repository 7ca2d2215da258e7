// Kuaishou: the pages Parcel Hub reads and the API answers it copies there, as data (GUESSES, see urls.ts).
// A response is read only on a page of one of these kinds; other pages of the same hosts (videos, live
// rooms, the shop's home) capture nothing.
import type { PageKind } from '../types';

export const HOST_SUFFIXES = ['kuaishou.com', 'kwaixiaodian.com'] as const;
/** Seller back-office, open platform and creator tools: not the shopper's orders. */
export const SELLER_HOST_RE = /^(?:s|open|cp|fxg|syt|niu|ad|merchant)\./i;

/** First rule that matches the path (+ hash) wins. GUESSES, see file header. */
export const KIND_RULES: readonly [PageKind, RegExp][] = [
  ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
  ['logistics', /logistics|express|wuliu|track/i],
  ['order_detail', /order[-_/]?detail|orderdetail/i],
  ['order_list', /order/i],
];

export const INTERESTING_RE = /order|logistic|express|track|trace|after[-_]?sale|aftersale|refund|wuliu/i;
export const STATIC_RE = /\.(?:m?js|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|map|mp4|m3u8|ts)$/i;
/** Telemetry: log hosts and `/log/` paths (e.g. s.kwaixiaodian.com/rest/app/tts/user/log/common). */
export const TELEMETRY_RE = /^(?:log|logsdk|log-sdk|wlog|mon)[.-]|\/log\//i;

