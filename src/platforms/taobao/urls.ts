// Which Taobao/Tmall pages and responses Parcel Hub reads, and the canonical links it builds.
import type { PageKind } from '../types';
import { TAOBAO_FACTS } from './facts';
import { AFTER_SALE_HOSTS, AFTER_SALE_PATH, DETAIL_PATH, INTERESTING, LIST_PATH, LOGISTICS_HOSTS, LOGISTICS_PATH } from './pages';

const onHost = (host: string, base: string) => host === base || host.endsWith(`.${base}`);
const isTaobaoOrTmall = (host: string) => onHost(host, 'taobao.com') || onHost(host, 'tmall.com');

export function pageKind(url: URL): PageKind | null {
  const host = url.hostname.toLowerCase();
  if (!isTaobaoOrTmall(host) || onHost(host, 'login.taobao.com') || onHost(host, 'login.tmall.com')) return null;
  const path = url.pathname;
  if (LIST_PATH.test(path)) return 'order_list';
  if (DETAIL_PATH.test(path)) return 'order_detail';
  if (AFTER_SALE_HOSTS.includes(host)) return 'after_sale';
  if (LOGISTICS_HOSTS.includes(host)) return 'logistics';
  if (/(?:^|\.)m\.taobao\.com$/.test(host) || host.startsWith('pages-g.')) {
    if (LOGISTICS_PATH.test(path)) return 'logistics';
    if (AFTER_SALE_PATH.test(path)) return 'after_sale';
  }
  return null;
}

export function isInterestingResponse(url: string): boolean {
  return INTERESTING.some((re) => re.test(url));
}

export type ResponseKind = 'list_legacy' | 'list_mtop' | 'transit_step' | 'logistics_mtop' | 'detail_mtop';

export function responseKind(url: URL): ResponseKind | null {
  const s = url.pathname + url.search;
  if (/\/trade\/itemlist\/asyncBought\.htm/i.test(s)) return 'list_legacy';
  if (/\/trade\/json\/transit_step\.do/i.test(s)) return 'transit_step';
  if (/queryboughtlist/i.test(s)) return 'list_mtop';
  if (/mtop\.taobao\.logistics\.detailorlist\.query/i.test(s)) return 'logistics_mtop';
  if (/mtop\.taobao\.order\.query\.detail/i.test(s)) return 'detail_mtop';
  return null;
}

export const transitStepUrl = (orderId: string) =>
  `https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${encodeURIComponent(orderId)}`;

export const orderDetailUrl = (orderId: string, tmall = false) => TAOBAO_FACTS.orderDetailUrl(orderId, { tmall });

/** Order id carried by a page or response URL (`bizOrderId`, `biz_order_id`, `orderId`, `trade_id`…). */
export function orderIdFromUrl(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  for (const name of ['bizOrderId', 'biz_order_id', 'orderId', 'order_id', 'tradeId', 'trade_id', 'mainOrderId']) {
    const v = url.searchParams.get(name);
    if (v && /^\d{4,25}$/.test(v.trim())) return v.trim();
  }
  // mtop GET requests carry their arguments as JSON in `data`.
  const data = url.searchParams.get('data');
  if (data) {
    const m = /"(?:orderId|bizOrderId|mainOrderId)"\s*:\s*"?(\d{4,25})/.exec(data);
    if (m) return m[1];
  }
  return undefined;
}
