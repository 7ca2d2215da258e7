// Each platform's buyer order list: where capture reads orders and where the shopper signs in. A leaf module
// (no imports) so the popup can link to them without loading the platforms' URL matchers.
export const ORDER_PAGES = {
  taobao: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  douyin: 'https://haohuo.jinritemai.com/views/order/list',
  kuaishou: 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list',
} as const;
