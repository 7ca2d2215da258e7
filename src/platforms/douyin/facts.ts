// Douyin (抖音商城) as data (see ../facts-types.ts). The buyer web formats are not public (platform-formats.md
// §2.1): the order list URL is a GUESS, and no buyer detail URL or sign-in host is known well enough to use.
// After-sale: no buyer page or answer is public either; 抖店's seller names (aftersale_id, aftersale_status, type_desc,
// logistics_code = 退货物流单号) are read in case the buyer's answers reuse them (docs/after-sale-sources.md).
import type { PlatformFacts } from '../facts-types';
import { DOUYIN_LINKS } from './links';

export const DOUYIN_FACTS = {
  ...DOUYIN_LINKS,
  name: { zh: '抖音', en: 'Douyin' },
  matches: ['https://*.douyin.com/*', 'https://*.jinritemai.com/*'],
  pageHosts: ['douyin.com', 'jinritemai.com'],
  imageCdns: ['ecombdimg.com', 'douyinpic.com', 'byteimg.com', 'pstatp.com'],
  signInHosts: [],
  // 抖店 aftersale_status [S] (renhonghai/doudian-sdk AfterSaleStatusConstant.php, cgghui/shop_sdk_douyin aftersale/base.go):
  // 6 待商家处理, 7 待买家退货, 11 待商家收货, 12 售后成功, 13 换货待买家收货, 14 换货成功, 28 售后关闭. 27 / 29 (商家拒绝)
  // leave the buyer a next step: not read.
  afterSaleStatusCodes: {
    keys: ['aftersale_status', 'after_sale_status'],
    states: { 6: 'requested', 7: 'requested', 11: 'in_transit_back', 12: 'refunded', 13: 'received', 14: 'exchanged', 28: 'closed' },
  },
} as const satisfies PlatformFacts;
