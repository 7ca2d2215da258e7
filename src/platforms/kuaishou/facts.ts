// Kuaishou (快手小店) as data (see ../facts-types.ts). The buyer formats are not public (platform-formats.md
// §3.1): the order list URL is a GUESS, and no buyer detail URL or sign-in host is known well enough to use.
// After-sale: no buyer page is public; the seller platform's refund record (refundId, oid, status, handlingWay) is
// read in case the buyer's answers reuse it (docs/after-sale-sources.md).
import type { PlatformFacts } from '../facts-types';
import { KUAISHOU_LINKS } from './links';

export const KUAISHOU_FACTS = {
  ...KUAISHOU_LINKS,
  name: { zh: '快手', en: 'Kuaishou' },
  matches: ['https://*.kuaishou.com/*', 'https://*.kwaixiaodian.com/*'],
  pageHosts: ['kuaishou.com', 'kwaixiaodian.com'],
  imageCdns: ['kwaixiaodian.com', 'yximgs.com', 'kwimgs.com', 'kuaishou.com'],
  signInHosts: [],
  // open.seller.order.refund.* status [S] (two public projects): 10 买家仅退款申请, 11 买家退货退款申请, 20–22 平台介入-…,
  // 30 商品回寄信息待买家更新, 40 商品回寄信息待卖家确认, 45 卖家已经发货，等待买家确认收货, 60 退款成功, 70 退款失败.
  // 23 and 50 (退款执行中) name no step of a return: not read. Only inside a refund record (refundId / after-sale key).
  afterSaleStatusCodes: {
    keys: ['refund_status', 'status'],
    states: { 10: 'requested', 11: 'requested', 20: 'requested', 21: 'requested', 22: 'requested', 30: 'requested', 40: 'in_transit_back', 45: 'received', 60: 'refunded', 70: 'closed' },
  },
} as const satisfies PlatformFacts;
