// JD: what the popup needs (id, icon, order links), in its own module so the popup's bundle does not carry
// the platform's host lists (./facts.ts spreads this into the full facts).
import type { PlatformLinks } from '../facts-types';

export const JD_LINKS = {
  id: 'jd',
  icon: '京',
  orderListUrl: 'https://order.jd.com/center/list.action',
  orderDetailUrl: (orderId: string) => `https://details.jd.com/normal/item.action?orderid=${encodeURIComponent(orderId)}`,
  afterSale: {
    // 返修/退换货: JD's after-sale centre lists the orders that can take a request; no per-order URL is public.
    url: () => 'https://myjd.jd.com/afs/indexNew.action?entry=1',
    perOrder: false,
    source: "the 返修退换货 link of JD's own PC header and 我的京东 menu (myjd.jd.com/afs/indexNew.action?entry=1), as public page copies show; a service's own page needs its afsServiceId (myjd.jd.com/afs/view/detailById.action), not the order id",
  },
} as const satisfies PlatformLinks;
