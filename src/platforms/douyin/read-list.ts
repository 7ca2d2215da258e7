// Douyin's order list answer read directly (issue #15): the layout of `data.orders[]` as the fixtures
// (tests/fixtures/douyin/order-list-page1.json) and the bench (scripts/bench/parser-payloads.ts) show it — a
// hand-written GUESS like the fixtures themselves (platform-formats.md §2.1). An answer with any other key or
// value type is declined and read by the generic scan (../shared/scan.ts), which gives the same output, slower.
import { createListReader } from '../shared/list-reader';

export const DOUYIN_LIST_LAYOUT = {
  rootKeys: ['status_code', 'status_msg'],
  rootObjects: { extra: ['now', 'logid'] },
  dataKey: 'data',
  dataKeys: ['has_more', 'page_anchor'],
  listKey: 'orders',
  order: {
    shop_order_id: 'id',
    shop_id: 'shopId',
    shop_name: 'shopName',
    create_time: 'created',
    pay_time: 'paid',
    order_status: 'code',
    order_status_desc: 'statusText',
    pay_amount: 'amount',
    product_item: 'items',
    ship_promise: 'note',
    promise_info: 'note',
    logistics_info: 'logistics',
  },
  noteKeys: ['desc', 'promise_text'],
  item: {
    product_id: 'itemId',
    product_name: 'title',
    sku_spec: 'sku',
    combo_num: 'quantity',
    combo_amount: 'price',
    pay_amount: 'price',
    img: 'image',
  },
  specKeys: { name: 'name', value: 'value' },
  logistics: {
    company_name: 'carrier',
    tracking_no: 'trackingNo',
    logistics_status_desc: 'statusText',
    ship_time: 'shipped',
    traces: 'traces',
  },
  trace: { time: 'time', content: 'text', location: 'location' },
} as const;

export const readDouyinList = createListReader(DOUYIN_LIST_LAYOUT);
