// Which Pinduoduo pages and answers Parcel Hub reads (platform-formats.md §5, §5.1; after-sale: parse-after-sale.ts).
import { onHostSuffix } from '../facts';
import type { PageKind } from '../types';
import { PDD_FACTS } from './facts';

const onPdd = (url: URL) => onHostSuffix(url.hostname.toLowerCase(), PDD_FACTS.pageHosts);

/** The login page (login.html): reached by a redirect from an order page when the session is gone. */
export const isPddLoginPage = (url: URL) => onPdd(url) && /^\/login\.html$/i.test(url.pathname);

export function pddPageKind(url: URL): PageKind | null {
  if (!onPdd(url)) return null;
  const path = url.pathname;
  if (/^\/orders\.html$/i.test(path)) return 'order_list';
  if (/^\/order\.html$/i.test(path)) return 'order_detail';
  if (/^\/goods_express\.html$/i.test(path)) return 'logistics';
  // 退款/售后: the list (both paths are linked from the personal page) and one after-sale's detail.
  if (/^\/(?:complaint_list\/)?complaint_list\.html$|^\/complaint_detail\.html$/i.test(path)) return 'after_sale';
  // A signed-out shopper lands here from the order pages: read as the list, which reports "needs sign-in".
  if (isPddLoginPage(url)) return 'order_list';
  return null;
}

/** Order-list answers; `express/track/status` (a status table) and `my_order_group` (a feed) look alike but are not. */
export const isPddOrderListAnswer = (url: URL) => onPdd(url) && /\/proxy\/api\/api\/aristotle\/order_list(?:_v\d+)?$/i.test(url.pathname);

/** The after-sale list answer (POST, body {range, nextQueryCreatedAt}): the shopper's after-sales, newest first. */
export const isPddAfterSaleListAnswer = (url: URL) => onPdd(url) && /\/proxy\/api\/api\/blade\/after_sales_list$/i.test(url.pathname);

export const isPddInterestingResponse = (url: string): boolean => {
  try {
    const u = new URL(url);
    return isPddOrderListAnswer(u) || isPddAfterSaleListAnswer(u);
  } catch {
    return false;
  }
};

/** The order of a detail or logistics page. */
export function pddOrderSnOf(url: URL): string | undefined {
  const v = (url.searchParams.get('order_sn') ?? url.searchParams.get('orderSn') ?? '').trim();
  return /^[0-9A-Za-z-]{6,40}$/.test(v) ? v : undefined;
}
