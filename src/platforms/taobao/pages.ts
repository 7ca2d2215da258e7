// Taobao / Tmall: the pages Parcel Hub reads and the API answers it copies there, as data. A response is
// read only on a page of one of these kinds; other pages of the same hosts (a shop's home, item pages,
// search) capture nothing.

export const LIST_PATH = /\/trade\/itemlist\/(?:list_bought_items|listBoughtItems)\.htm/i;
export const DETAIL_PATH = /\/(?:trade_order_detail|trade_item_detail)\.htm|\/detail\/orderDetail\.htm/i;
export const LOGISTICS_HOSTS = ['wuliu.taobao.com', 'wuliu.tmall.com', 'detail.i56.taobao.com'];
export const LOGISTICS_PATH = /logistics|\/wuliu\//i;
// Guessed from the refund links in order data (refund2.taobao.com/dispute/…, refund2.tmall.com/dispute/…).
export const AFTER_SALE_HOSTS = ['refund2.taobao.com', 'refund2.tmall.com', 'refund.taobao.com', 'refund.tmall.com'];
export const AFTER_SALE_PATH = /\/dispute\/|refund|aftersale|after-sale|\/rights\//i;

export const INTERESTING: RegExp[] = [
  /\/trade\/itemlist\/asyncBought\.htm/i,
  /\/trade\/json\/transit_step\.do/i,
  /queryboughtlist/i,
  /mtop\.taobao\.logistics\.detailorlist\.query/i,
  /mtop\.taobao\.order\.query\.detail/i,
];

