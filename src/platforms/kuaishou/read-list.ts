// Kuaishou's order list answer read directly (issue #15): the layout of `data.orderList[]` as the fixtures
// (tests/fixtures/kuaishou/order-list-page1.json) and the bench (scripts/bench/parser-payloads.ts) show it — a
// hand-written GUESS like the fixtures themselves (platform-formats.md §3.1). An answer with any other key or
// value type is declined and read by the generic scan (../shared/scan.ts), which gives the same output, slower.
import { createListReader } from '../shared/list-reader';

export const KUAISHOU_LIST_LAYOUT = {
  rootKeys: ['result', 'error_msg'],
  rootObjects: {},
  dataKey: 'data',
  dataKeys: ['pcursor'],
  listKey: 'orderList',
  order: {
    oid: 'id',
    sellerId: 'shopId',
    sellerName: 'shopName',
    orderStatus: 'code',
    orderStatusDesc: 'statusText',
    createTime: 'created',
    payTime: 'paid',
    payAmount: 'amount',
    deliveryPromise: 'text',
    shipPromiseDesc: 'text',
    itemInfo: 'item',
    itemList: 'items',
    expressInfo: 'logistics',
  },
  noteKeys: [],
  item: {
    itemId: 'itemId',
    itemTitle: 'title',
    itemPic: 'image',
    skuDesc: 'sku',
    itemCount: 'quantity',
    price: 'price',
  },
  specKeys: { name: 'name', value: 'value' },
  logistics: {
    expressCompanyName: 'carrier',
    expressNo: 'trackingNo',
    logisticsStatusDesc: 'statusText',
    traceList: 'traces',
  },
  trace: { time: 'time', desc: 'text', site: 'location' },
} as const;

export const readKuaishouList = createListReader(KUAISHOU_LIST_LAYOUT);
