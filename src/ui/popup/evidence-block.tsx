// The detail view's evidence: for each alert the parcel or order has now, its "copy evidence" button, the link to
// the platform's after-sale / complaint page, and the text itself (so the shopper can read what will be pasted).
// The text builder is loaded when the block is drawn, not with the popup.
import { useEffect, useState } from 'preact/hooks';
import { orderAlerts, parcelAlerts, type Alert } from '../../core/alerts';
import { DEFAULT_ALERT_PREFS, type AlertPrefs } from '../../core/alert-prefs';
import type { EventRecord, OrderRecord, ParcelRecord } from '../../core/model';
import { t } from '../../shared/i18n';
import { CopyButton } from '../components/copy-button';
import { afterSalePageUrl } from '../../platforms/order-links';

/** The alerts of a parcel (its own, and its orders' missed promises) or of an order without parcels, by the shopper's
 * thresholds; only the kinds switched on (`prefs`). */
export function detailAlerts(parcel: ParcelRecord | undefined, orders: OrderRecord[], siblings: ParcelRecord[], now: number, prefs: AlertPrefs = DEFAULT_ALERT_PREFS): Alert[] {
  const t = prefs.thresholds;
  const own = parcel ? parcelAlerts(parcel, now, t) : [];
  const parcels = parcel ? [parcel, ...siblings] : [];
  const ofOrders = orders.flatMap((o) => orderAlerts(o, parcels.filter((p) => p.orderKeys.includes(o.key)), now, t));
  const seen = new Set<string>();
  return [...own, ...ofOrders].filter((a) => prefs.on(a.kind) && !seen.has(a.key) && (seen.add(a.key), true));
}

export function EvidenceBlock({ alerts, orders, parcel, events }: { alerts: Alert[]; orders: OrderRecord[]; parcel?: ParcelRecord; events: EventRecord[] }) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void import('./evidence-copy').then((m) => {
      if (!live) return;
      setTexts(Object.fromEntries(alerts.map((a) => [a.key, m.evidenceFromRecords(a, { orders, parcel, events })])));
    });
    return () => {
      live = false;
    };
  }, [alerts.map((a) => a.key).join('|'), orders, parcel, events]);
  if (!alerts.length) return null;
  const link = afterSalePageUrl(orders[0]);
  return (
    <div class="block evidence-block" data-testid="evidence">
      <h3>{t('evidenceHeading')}</h3>
      {alerts.map((a) => {
        const text = texts[a.key];
        return (
          <div class="evidence-item" key={a.key} data-alert={a.kind}>
            <div class="actions">
              {text ? (
                <CopyButton class="evidence small" label={t('copyEvidence')} value={text}>
                  {t('copyEvidence')}
                </CopyButton>
              ) : (
                <button type="button" class="small" disabled>
                  {t('copyEvidence')}
                </button>
              )}
              {link && (
                <a class="link" href={link} target="_blank" rel="noopener noreferrer">
                  {t('openAfterSale')} ↗
                </a>
              )}
            </div>
            {text && <pre class="evidence-text">{text}</pre>}
          </div>
        );
      })}
    </div>
  );
}
