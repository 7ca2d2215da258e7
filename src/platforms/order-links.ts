// The order page of a stored order: the URL captured with it (https only), else one built from its id where a
// platform's buyer detail URL is known (Taobao/Tmall; Douyin's and Kuaishou's are not known well enough).
import type { OrderRecord } from '../core/model';
import { orderUrl } from '../core/popup-query';
import { orderDetailUrl } from './taobao/links';

export function orderPageUrl(o: OrderRecord | undefined): string | undefined {
  return orderUrl(o) ?? (o?.platform === 'taobao' ? orderDetailUrl(o.orderId, o.tmall) : undefined);
}
