// Douyin: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const DOUYIN_LINKS = {
  id: 'douyin',
  icon: '抖',
  orderListUrl: 'https://haohuo.jinritemai.com/views/order/list',
  afterSale: {
    // No public per-order after-sale URL is known for Douyin's web buyer pages: the order list carries each order's
    // 申请售后 / 投诉 entry.
    url: () => 'https://haohuo.jinritemai.com/views/order/list',
    perOrder: false,
    source: 'none public; the order list (facts.ts orderListUrl) where each order offers 申请售后',
  },
} as const satisfies PlatformLinks;
