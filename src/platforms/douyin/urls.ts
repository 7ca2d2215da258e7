// Douyin (抖音 / 抖音商城) URL rules, as data for the generic adapter. No buyer order page or API is documented
// publicly (platform-formats.md §2.1), so every path rule below is a GUESS to confirm in DevTools; the capture
// hook keeps any order-ish response.
import { genericUrlReaders, type GenericUrlRules } from '../shared/generic-adapter';
import { DOUYIN_FACTS } from './facts';

export const DOUYIN_RULES: GenericUrlRules = {
  /** Seller back-offices (抖店 fxg, 罗盘, 百应) show merchants' orders, not the shopper's. */
  sellerHost: /^(?:fxg|compass|buyin|op|school|doudian|fuwu|ark)\./i,
  pageKinds: [
    ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
    ['logistics', /logistics|express|wuliu|track|delivery/i],
    ['order_detail', /order[-_/]?detail|orderdetail|order\/info/i],
    ['order_list', /order/i],
  ],
  orderIdParams: ['order_id', 'orderId', 'shop_order_id', 'shopOrderId', 'oid'],
  /** Telemetry hosts whose paths mention "track" but never carry orders. */
  telemetry: /^(?:mcs|mon|mssdk|log|tracker|frontier)[.-]/i,
};

export const { pageKind: douyinPageKind, isInterestingResponse: isDouyinInterestingResponse } = genericUrlReaders(DOUYIN_FACTS.pageHosts, DOUYIN_RULES);
