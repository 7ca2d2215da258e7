// The records an alert's evidence text is made from (core/evidence.ts), read in one transaction: for the popup's
// "复制投诉凭证" and for the same button on a notification (background/notifier.ts).
import type { Alert } from '../core/alerts';
import type { EventRecord, OrderRecord, ParcelRecord } from '../core/model';
import type { ParcelHubDb } from './schema';

export interface EvidenceRecords {
  orders: OrderRecord[];
  parcel?: ParcelRecord;
  events: EventRecord[];
}

/** The records an alert speaks of: its parcel (for an order alert, the order's first outbound parcel), that
 * parcel's orders (or the alert's order) and the parcel's events. */
export async function evidenceRecords(db: ParcelHubDb, alert: Alert): Promise<EvidenceRecords> {
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
