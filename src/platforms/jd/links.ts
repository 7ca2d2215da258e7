// JD: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const JD_LINKS = {
  id: 'jd',
  icon: '京',
  orderListUrl: 'https://order.jd.com/center/list.action',
  orderDetailUrl: (orderId: string) => `https://details.jd.com/normal/item.action?orderid=${encodeURIComponent(orderId)}`,
} as const satisfies PlatformLinks;
