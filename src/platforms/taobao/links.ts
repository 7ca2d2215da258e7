// Canonical Taobao/Tmall order page links (no imports: the popup and notifications use them).
export const orderDetailUrl = (orderId: string, tmall = false) =>
  tmall
    ? `https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=${encodeURIComponent(orderId)}`
    : `https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=${encodeURIComponent(orderId)}`;
