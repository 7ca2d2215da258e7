// Kuaishou: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const KUAISHOU_LINKS = {
  id: 'kuaishou',
  icon: '快',
  orderListUrl: 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list',
} as const satisfies PlatformLinks;
