// Pinduoduo (拼多多) as data (see ../facts-types.ts). Sources: platform-formats.md §5 and §5.1: the mobile web
// order list (SSR window.rawData, then the order_list_v4 XHR), order.html (expressInfo), goods_express.html.
// The login page is on the same hosts (login.html), so no sign-in host of its own. After-sale pages
// (complaint_list.html, complaint_detail.html) and the after_sales_list answer are on the same hosts too
// (parse-after-sale.ts; docs/after-sale-sources.md).
import type { PlatformFacts } from '../facts-types';
import { PDD_LINKS } from './links';

export const PDD_FACTS = {
  ...PDD_LINKS,
  name: { zh: '拼多多', en: 'Pinduoduo' },
  matches: ['https://mobile.yangkeduo.com/*', 'https://mobile.pinduoduo.com/*'],
  pageHosts: ['mobile.yangkeduo.com', 'mobile.pinduoduo.com'],
  imageCdns: ['pddpic.com', 'yangkeduo.com'],
  signInHosts: [],
} as const satisfies PlatformFacts;
