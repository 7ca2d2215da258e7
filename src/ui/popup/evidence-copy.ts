// The evidence text of one alert, made from the database when the shopper asks for it. Loaded with import() from
// the row's button and the detail view, so neither the text builder nor these reads are on the popup's start path.
import type { Alert } from '../../core/alerts';
import { evidenceText } from '../../core/evidence';
import { evidenceRecords, type EvidenceRecords } from '../../db/evidence-records';
import { getDb } from '../../db/schema';
import { afterSalePageUrl } from '../../platforms/order-links';
import { lang, t } from '../../shared/i18n';

export type { EvidenceRecords };

/** The text from records already at hand (the detail view has them). */
export function evidenceFromRecords(alert: Alert, r: EvidenceRecords): string {
  return evidenceText({ alert, orders: r.orders, parcel: r.parcel, events: r.events, afterSaleUrl: afterSalePageUrl(r.orders[0]) }, t, lang());
}

/** The records an alert speaks of (db/evidence-records.ts). */
export const loadEvidenceRecords = (alert: Alert): Promise<EvidenceRecords> => evidenceRecords(getDb(), alert);

export async function evidenceFor(alert: Alert): Promise<string> {
  return evidenceFromRecords(alert, await loadEvidenceRecords(alert));
}
