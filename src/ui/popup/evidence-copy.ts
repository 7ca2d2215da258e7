// The evidence text of one alert, made from the database when the shopper asks for it. Loaded with import() from
// the row's button and the detail view, so neither the text builder nor these reads are on the popup's start path.
import type { Alert } from '../../core/alerts';
import { evidenceText } from '../../core/evidence';
import type { EventRecord, OrderRecord, ParcelRecord } from '../../core/model';
import { getDb } from '../../db/schema';
import { afterSalePageUrl } from '../../platforms/order-links';
import { lang, t } from '../../shared/i18n';

export interface EvidenceRecords {
  orders: OrderRecord[];
  parcel?: ParcelRecord;
  events: EventRecord[];
}

/** The text from records already at hand (the detail view has them). */
export function evidenceFromRecords(alert: Alert, r: EvidenceRecords): string {
  return evidenceText({ alert, orders: r.orders, parcel: r.parcel, events: r.events, afterSaleUrl: afterSalePageUrl(r.orders[0]) }, t, lang());
}

/** The records an alert speaks of: its parcel (for an order alert, the order's first outbound parcel), that
 * parcel's orders (or the alert's order) and the parcel's events. */
export async function loadEvidenceRecords(alert: Alert): Promise<EvidenceRecords> {
  const db = getDb();
  return db.transaction('r', db.parcels, db.orders, db.events, async () => {
    let parcel = alert.parcelKey ? await db.parcels.get(alert.parcelKey) : undefined;
    const keys = [...new Set([...(alert.orderKey ? [alert.orderKey] : []), ...(parcel?.orderKeys ?? [])])];
    const orders = (await db.orders.bulkGet(keys)).filter((o): o is OrderRecord => !!o);
    if (!parcel && orders[0]?.parcelKeys.length) {
      const linked = (await db.parcels.bulkGet(orders[0].parcelKeys)).filter((p): p is ParcelRecord => !!p);
      parcel = linked.find((p) => p.direction === 'outbound');
    }
    const events = parcel ? await db.events.where('parcelKey').equals(parcel.key).toArray() : [];
    return { orders, parcel, events };
  });
}

export async function evidenceFor(alert: Alert): Promise<string> {
  return evidenceFromRecords(alert, await loadEvidenceRecords(alert));
}
