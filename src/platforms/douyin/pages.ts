// Douyin: the pages Parcel Hub reads and the API answers it copies there, as data (GUESSES, see urls.ts).
// A response is read only on a page of one of these kinds; other pages of the same hosts (videos, live
// rooms, the shop's home) capture nothing.
import type { PageKind } from '../types';

export const HOST_SUFFIXES = ['douyin.com', 'jinritemai.com'] as const;
/** Seller back-offices (抖店 fxg, 罗盘, 百应) show merchants' orders, not the shopper's. */
export const SELLER_HOST_RE = /^(?:fxg|compass|buyin|op|school|doudian|fuwu|ark)\./i;

/** First rule that matches the path (+ hash, for SPA routes) wins. GUESSES, see file header. */
export const KIND_RULES: readonly [PageKind, RegExp][] = [
  ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
  ['logistics', /logistics|express|wuliu|track|delivery/i],
  ['order_detail', /order[-_/]?detail|orderdetail|order\/info/i],
  ['order_list', /order/i],
];

export const INTERESTING_RE = /order|logistic|express|track|trace|after[-_]?sale|aftersale|refund|wuliu/i;
export const STATIC_RE = /\.(?:m?js|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|map|mp4|m3u8|ts|json5)$/i;
/** Telemetry endpoints whose paths mention "track" but never carry orders. */
export const TELEMETRY_HOST_RE = /^(?:mcs|mon|mssdk|log|tracker|frontier)[.-]/i;

