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
  afterSale: {
    // 退款/售后 for an order: the "申请售后" / "退款投诉" links of the bought list point at this router with the order
    // id (Tmall orders included). For an order of several items the page asks which one.
    url: (orderId: string) => `https://refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=${encodeURIComponent(orderId)}&type=1`,
    perOrder: true,
    source: 'links of the bought list (已买到的宝贝) as public shopper scripts and userscripts read them: refund2.taobao.com/dispute/applyRouter.htm?bizOrderId=…',
  },
} as const satisfies PlatformLinks;
