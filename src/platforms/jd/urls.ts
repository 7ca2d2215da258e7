// Which JD pages and responses Parcel Hub reads (platform-formats.md §4, §4.3).
import { onHostSuffix } from '../facts';
import type { PageKind } from '../types';
import { JD_FACTS } from './facts';

/** The sign-in page's return address: a redirect there from an order page means "needs sign-in". */
export function returnUrlOf(url: URL): URL | undefined {
  const raw = url.searchParams.get('ReturnUrl') ?? url.searchParams.get('returnurl') ?? url.searchParams.get('returnUrl');
  if (!raw) return undefined;
  try {
    return new URL(raw, 'https://order.jd.com/');
  } catch {
    return undefined;
  }
}

export const isJdSignInPage = (url: URL) => onHostSuffix(url.hostname.toLowerCase(), JD_FACTS.signInHosts);

export function jdPageKind(url: URL): PageKind | null {
  const host = url.hostname.toLowerCase();
  if (isJdSignInPage(url)) {
    // Only a sign-in page that was reached from an order page speaks about the shopper's session.
    const back = returnUrlOf(url);
    return back && !isJdSignInPage(back) ? jdPageKind(back) : null;
  }
  const path = url.pathname;
  if (host === 'order.jd.com' && /^\/center\/(?:list|search)\.action/i.test(path)) return 'order_list';
  if ((host === 'details.jd.com' && /^\/normal\/item\.action/i.test(path)) || (host === 'order.jd.com' && /^\/center\/item\.action/i.test(path))) return 'order_detail';
  if ((host === 'trade.m.jd.com' && /^\/order\/orderlist_jdm\.shtml/i.test(path)) || (host === 'wqs.jd.com' && /^\/order\/orderlist_merge\.shtml/i.test(path))) return 'order_list';
  if (host === 'trade.m.jd.com' && /^\/order\/deal_wuliu_jdm\.shtml/i.test(path)) return 'logistics';
  if (host === 'trade.m.jd.com' && /^\/order\/orderdetail_jdm\.shtml/i.test(path)) return 'order_detail';
  // After-sale (返修/退换货): the PC service list and one service's page (docs/after-sale-sources.md).
  if (host === 'myjd.jd.com' && /^\/afs\/(?:indexNew\.action|view\/detailById\.action)/i.test(path)) return 'after_sale';
  return null;
}

export type JdResponseKind = 'order_list_m' | 'track_multi_package';

export function jdResponseKind(url: URL): JdResponseKind | null {
  const host = url.hostname.toLowerCase();
  if (host === 'api.m.jd.com' && url.searchParams.get('functionId') === 'order_list_m') return 'order_list_m';
  if ((host === 'order.jd.com' || host === 'details.jd.com') && /\/lazy\/getOrderTrackInfo(?:MultiPackage|ForNewList)\.action/i.test(url.pathname)) {
    return 'track_multi_package';
  }
  return null;
}

export const isJdInterestingResponse = (url: string): boolean => {
  try {
    return jdResponseKind(new URL(url)) !== null;
  } catch {
    return false;
  }
};

/** Query parameters that carry the order id on JD pages and answers. */
export const JD_ORDER_ID_PARAMS = ['orderid', 'orderId', 'dealId', 'order_id'] as const;

export function jdOrderIdOf(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  for (const p of JD_ORDER_ID_PARAMS) {
    const v = url.searchParams.get(p)?.trim();
    if (v && /^\d{6,20}$/.test(v)) return v;
  }
  return undefined;
}
