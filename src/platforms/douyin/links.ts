// Douyin: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const DOUYIN_LINKS = {
  id: 'douyin',
  icon: '抖',
  orderListUrl: 'https://haohuo.jinritemai.com/views/order/list',
} as const satisfies PlatformLinks;
