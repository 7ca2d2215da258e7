// Kuaishou (快手 / 快手小店) URL rules, as data for the generic adapter. No buyer order page or API is documented
// publicly (platform-formats.md §3.1); the path rules follow the `/page/kwaishop-buyer-…` / `kwaishop-c-…` naming
// seen for product pages and are GUESSES to confirm in DevTools; the capture hook keeps any order-ish response.
import { genericUrlReaders, type GenericUrlRules } from '../shared/generic-adapter';
import { KUAISHOU_FACTS } from './facts';

export const KUAISHOU_RULES: GenericUrlRules = {
  /** Seller back-office, open platform and creator tools: not the shopper's orders. */
  sellerHost: /^(?:s|open|cp|fxg|syt|niu|ad|merchant)\./i,
  pageKinds: [
    ['after_sale', /after[-_]?sale|aftersale|refund|return/i],
    ['logistics', /logistics|express|wuliu|track/i],
    ['order_detail', /order[-_/]?detail|orderdetail/i],
    ['order_list', /order/i],
  ],
  orderIdParams: ['oid', 'orderId', 'order_id', 'orderNo'],
  /** Telemetry: log hosts and `/log/` paths (e.g. s.kwaixiaodian.com/rest/app/tts/user/log/common). */
  telemetry: /^(?:log|logsdk|log-sdk|wlog|mon)[.-]|\/log\//i,
};

export const { pageKind: kuaishouPageKind, isInterestingResponse: isKuaishouInterestingResponse } = genericUrlReaders(KUAISHOU_FACTS.pageHosts, KUAISHOU_RULES);
