// JD (京东) as data (see ../facts-types.ts). Sources: platform-formats.md §4 and §4.3: the PC order list and
// detail pages are server-rendered; the mobile list loads `order_list_m` from api.m.jd.com (JSONP, page-signed).
// Hosts are listed one by one (not *.jd.com): only the order, logistics, after-sale and sign-in pages Parcel Hub reads.
// After-sale (返修/退换货): the PC pages on myjd.jd.com (/afs/indexNew.action, /afs/view/detailById.action) are read
// from their visible text (parse-after-sale.ts). myjd.jd.com is the one host added for it: it widens the shopper's
// grant by one JD host (the 我的京东 pages), accepted for the feature (issue #16). The mobile after-sale hosts
// (tuihuan.jd.com/afs/orders, afs.m.jd.com) are apps whose text is not sourced: not matched
// (docs/after-sale-sources.md).
import type { PlatformFacts } from '../facts-types';
import { JD_LINKS } from './links';

export const JD_FACTS = {
  ...JD_LINKS,
  name: { zh: '京东', en: 'JD' },
  matches: [
    'https://order.jd.com/*',
    'https://details.jd.com/*',
    'https://trade.m.jd.com/*',
    'https://wqs.jd.com/*',
    'https://api.m.jd.com/*',
    'https://myjd.jd.com/*',
    'https://passport.jd.com/*',
    'https://plogin.m.jd.com/*',
  ],
  pageHosts: ['order.jd.com', 'details.jd.com', 'trade.m.jd.com', 'wqs.jd.com', 'myjd.jd.com'],
  imageCdns: ['360buyimg.com'],
  signInHosts: ['passport.jd.com', 'plogin.m.jd.com'],
} as const satisfies PlatformFacts;
