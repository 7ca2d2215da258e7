// Pinduoduo: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const PDD_LINKS = {
  id: 'pdd',
  icon: '拼',
  orderListUrl: 'https://mobile.yangkeduo.com/orders.html',
  orderDetailUrl: (orderId: string) => `https://mobile.yangkeduo.com/order.html?order_sn=${encodeURIComponent(orderId)}`,
  afterSale: {
    // 退款/售后: the personal page's list of after-sale requests and complaints; a new one starts from the order page.
    url: () => 'https://mobile.yangkeduo.com/complaint_list.html',
    perOrder: false,
    source: "the 退款/售后 entry of Pinduoduo's mobile personal page (mobile.yangkeduo.com/complaint_list.html), as public shopper scripts read it",
  },
} as const satisfies PlatformLinks;
