// DOM selectors and label texts for Taobao/Tmall pages, kept as data so a markup change is a one-line fix.
// The embedded JSON is always preferred; these serve the fallbacks.

export const SELECTORS = {
  scripts: 'script',
  list: {
    /** Legacy React list: one container per order, id in data-id (greasyfork 414444). */
    orderContainers: '#J_bought_main div[data-id], .js-order-container[data-id], .js-order-container [data-id]',
    /** Old list HTML: a.view-logistics[data-url="/trade/json/transit_step.do?bizOrderId=…"]. */
    logisticsLinks: 'a.view-logistics[data-url], a[data-url*="transit_step.do"], a[href*="transit_step.do"]',
  },
  detail: {
    /** Archived orders (tradearchive.taobao.com): <td class="label">物流公司：</td><td>…</td>. */
    labelCells: 'td.label, th.label',
  },
  /** Generic label/value pairs on after-sale and fallback pages. */
  labelCells: 'td.label, th, dt, .label, [class*="label"], [class*="title"]',
  /** Elements whose text is never page content. */
  skip: ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'],
} as const;

/** Label texts (colons and spaces stripped before comparison). */
export const LABELS = {
  carrier: ['物流公司', '快递公司', '配送公司', '承运公司', '退货物流公司', '退货快递公司'],
  trackingNo: ['运单号', '运单号码', '快递单号', '物流单号', '运单编号', '退货运单号', '退货单号', '退货快递单号'],
  orderId: ['订单编号', '订单号', '淘宝订单号'],
  refundStatus: ['退款状态', '售后状态', '退款进度'],
  afterSaleType: ['退款类型', '售后类型', '服务类型', '申请类型'],
  pickupTime: ['预约取件时间', '上门取件时间', '预约上门时间', '取件时间'],
  exchangeCarrier: ['换货物流公司', '卖家发货物流公司', '商家发货物流公司'],
  exchangeTrackingNo: ['换货运单号', '卖家发货运单号', '商家发货运单号', '换货快递单号'],
} as const;

/** Inline-text patterns for the last-resort fallback ("运单号：YT1234567890123"). */
export const TEXT_PATTERNS = {
  carrierThenNumber: /(?:物流公司|快递公司|配送公司)\s*[:：]?\s*([\u4e00-\u9fa5A-Za-z()（）]{2,20}?)\s*(?:运单号|快递单号|物流单号|运单编号)(?:码)?\s*[:：]?\s*([A-Za-z0-9]{6,40})/g,
  numberOnly: /(?:运单号|快递单号|物流单号|运单编号)(?:码)?\s*[:：]?\s*([A-Za-z0-9]{6,40})/g,
  orderId: /(?:订单编号|订单号)\s*[:：]?\s*(\d{12,25})/g,
} as const;

/** Embedded-data markers. */
export const SCRIPT_MARKERS = {
  jsonParseVar: 'data',
  tmallDetailVar: 'detailData',
  iceSuspense: /__ICE_SUSPENSE_LOADER__['"]?\]\s*\[\s*['"]([^'"]*)['"]\s*\]\s*=\s*/g,
} as const;
