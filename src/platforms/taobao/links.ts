// Taobao / Tmall: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const TAOBAO_LINKS = {
  id: 'taobao',
  icon: '淘',
  orderListUrl: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  orderDetailUrl: (orderId: string, opts?: { tmall?: boolean }) =>
    opts?.tmall
      ? `https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=${encodeURIComponent(orderId)}`
      : `https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=${encodeURIComponent(orderId)}`,
} as const satisfies PlatformLinks;
