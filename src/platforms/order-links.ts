// The order page of a stored order: the URL captured with it (https only), else one built from its id where the
// platform's facts know its buyer detail URL.
import type { OrderRecord } from '../core/model';
import { orderUrl } from '../core/popup-query';
import { platformLinks } from './ui-facts';

export function orderPageUrl(o: OrderRecord | undefined): string | undefined {
  return orderUrl(o) ?? (o ? platformLinks(o.platform)?.orderDetailUrl?.(o.orderId, { tmall: o.tmall }) : undefined);
}

/** The platform's after-sale / complaint page for a stored order (src/platforms/<id>/links.ts `afterSale`). */
export function afterSalePageUrl(o: OrderRecord | undefined): string | undefined {
  return o ? platformLinks(o.platform)?.afterSale.url(o.orderId, { tmall: o.tmall }) : undefined;
}
