// Pinduoduo: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const PDD_LINKS = {
  id: 'pdd',
  icon: '拼',
  orderListUrl: 'https://mobile.yangkeduo.com/orders.html',
  orderDetailUrl: (orderId: string) => `https://mobile.yangkeduo.com/order.html?order_sn=${encodeURIComponent(orderId)}`,
} as const satisfies PlatformLinks;
