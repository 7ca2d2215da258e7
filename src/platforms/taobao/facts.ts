// Taobao / Tmall as data (see ../facts-types.ts). Sources: platform-formats.md §1.
import type { PlatformFacts } from '../facts-types';

export const TAOBAO_FACTS = {
  id: 'taobao',
  name: { zh: '淘宝 / 天猫', en: 'Taobao / Tmall' },
  icon: '淘',
  matches: ['https://*.taobao.com/*', 'https://*.tmall.com/*'],
  pageHosts: ['taobao.com', 'tmall.com'],
  imageCdns: ['alicdn.com', 'tbcdn.cn', 'taobaocdn.com'],
  orderListUrl: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  signInHosts: ['login.taobao.com', 'login.tmall.com'],
  orderDetailUrl: (orderId: string, opts?: { tmall?: boolean }) =>
    opts?.tmall
      ? `https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=${encodeURIComponent(orderId)}`
      : `https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=${encodeURIComponent(orderId)}`,
} as const satisfies PlatformFacts;
