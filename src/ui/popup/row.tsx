// One row of the popup list, in fixed-height lines (the list is windowed: see virtual-list.ts). Shop data
// is rendered as text only (JSX text nodes), never as HTML.
import type { JSX } from 'preact';
import { doorPromiseAlert, type Alert } from '../../core/alerts';
import { ALL_ALERTS_ON, type AlertOn } from '../../core/alert-prefs';
import { shownStatus, type OrderRecord, type ParcelRecord } from '../../core/model';
import { entryOrders, entryPlatform, itemsOf, type ListSection, type PlatformTag } from '../../core/popup-query';
import { parcelTime, type SectionEntry } from '../../core/sections';
import { CopyButton } from '../components/copy-button';
import { Thumb } from '../components/thumb';
import { duration, relativeTime, t } from '../../shared/i18n';
import { platformLinks } from '../../platforms/ui-facts';
import { carrierLabel } from './labels';
import { send } from './send';

export const platformLabel = (p: PlatformTag) => t(`platform_${p}`);
/** The platform's icon character (registry facts) where an item has no thumbnail; Tmall keeps its own 猫. */
export const platformIcon = (p: PlatformTag) => (p === 'tmall' ? '猫' : platformLinks(p)?.icon) ?? platformLabel(p);

export function Row({
  entry,
  section,
  orders,
  onOpen,
  now,
  idx,
  style,
  alertOn = ALL_ALERTS_ON,
}: {
  entry: SectionEntry;
  section: ListSection;
  orders: ReadonlyMap<string, OrderRecord>;
  onOpen: (key: string) => void;
  now: number;
  /** Position in the flat list (keyboard navigation). */
  idx?: number;
  style?: JSX.CSSProperties;
  /** The alert kinds switched on (settings alertKinds). */
  alertOn?: AlertOn;
}) {
  const os = entryOrders(entry, orders);
  const items = itemsOf(os);
  const platform = entryPlatform(entry, orders);
  const shop = os.find((o) => o.shopName)?.shopName;
  const open = () => onOpen(entry.kind === 'parcel' ? entry.parcel.key : entry.order.key);
  const keyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      open();
    }
  };
  const title = (
    <div class="title line">
      {items[0]?.title ?? (entry.kind === 'order' ? entry.order.orderId : (entry.parcel.carrierName ?? entry.parcel.trackingNo))}
      {items.length > 1 && <span class="more"> {t('itemsMore', [String(items.length), String(items.length - 1)])}</span>}
    </div>
  );
  const meta = (
    <div class="meta line">
      <span class={`badge p-${platform}`}>{platformLabel(platform)}</span> {shop && <span class="shop">{shop}</span>}
      {entry.kind === 'parcel' && entry.parcel.direction === 'return' && <span class="badge return">{t('returnParcel')}</span>}
    </div>
  );
  // A broken door promise shows on the parcel's row wherever it is (usually 待取件), with its evidence button.
  const door = entry.alert ? undefined : doorAlertOf(entry, os, now, alertOn);
  const reason = reasonText(door ? { ...entry, alert: door } : entry, section);
  const rowAlert = entry.alert ?? door;
  const common = { class: 'row', tabIndex: 0, 'data-key': entry.kind === 'parcel' ? entry.parcel.key : entry.order.key, 'data-idx': idx, style, onClick: open, onKeyDown: keyDown };

  if (entry.kind === 'order') {
    const o = entry.order;
    return (
      <li {...common} data-order={o.orderId}>
        <Thumb src={items[0]?.imageUrl} fallback={platformIcon(platform)} />
        <div class="body">
          {title}
          {meta}
          {reason && <ReasonLine reason={reason} alert={rowAlert} onFail={open} />}
          <div class="event line">{t('paidAgo', relativeTime(o.paidAt ?? o.createdAt ?? o.firstSeen, now))}</div>
        </div>
      </li>
    );
  }
  const p = entry.parcel;
  return (
    <li {...common} data-tracking={p.trackingNo}>
      <Thumb src={items[0]?.imageUrl} fallback={platformIcon(platform)} />
      <div class="body">
        {title}
        {meta}
        {section === 'archived' ? (
          <div class="row-actions">
            <button
              type="button"
              class="small"
              onClick={(e) => {
                e.stopPropagation();
                void send({ type: 'parcel/archive', key: p.key, archived: false });
              }}
            >
              {t('unarchive')}
            </button>
          </div>
        ) : (
          p.pickupCode && (
            <div class="pickup">
              <CopyButton value={p.pickupCode} label={t('copyPickupCode', p.pickupCode)} class="code">
                <span class="code-text">{p.pickupCode}</span>
              </CopyButton>
              {p.station && <span class="station">{p.station}</span>}
              {p.status === 'awaiting_collection' && (
                <button
                  type="button"
                  class="small"
                  onClick={(e) => {
                    e.stopPropagation();
                    void send({ type: 'parcel/collected', key: p.key });
                  }}
                >
                  {t('markCollected')}
                </button>
              )}
            </div>
          )
        )}
        {reason && <ReasonLine reason={reason} alert={rowAlert} onFail={open} />}
        <div class="meta line">
          <span class="carrier">{carrierLabel(p.carrier, p.carrierName)}</span>{' '}
          <CopyButton value={p.trackingNo} label={t('copyTrackingNo', p.trackingNo)} class="tracking">
            {p.trackingNo}
          </CopyButton>
        </div>
        <div class="event line">
          {latestText(p)} <time dateTime={new Date(p.latestEvent?.time ?? parcelTime(p)).toISOString()}>{relativeTime(p.latestEvent?.time ?? parcelTime(p), now)}</time>
        </div>
      </div>
    </li>
  );
}

/** A parcel left at a station though its order promised the door ("承诺送货上门，却放在了菜鸟驿站"), unless that alert
 * is switched off: then the row is the plain row of its section (待取件, 已签收). */
export function doorAlertOf(entry: SectionEntry, orders: readonly OrderRecord[], now: number, on: AlertOn = ALL_ALERTS_ON): Alert | undefined {
  if (entry.kind !== 'parcel' || !on('door_promise_broken')) return undefined;
  return orders.map((o) => doorPromiseAlert(o, entry.parcel, now)).find(Boolean);
}

/** Why the row is here; with an alert, its "copy evidence" button (the text is made from the database on click,
 * by a module loaded then). Where the clipboard refuses, the detail view opens: it shows the text to copy by hand. */
function ReasonLine({ reason, alert, onFail }: { reason: string; alert?: Alert; onFail: () => void }) {
  return (
    <div class="reason line">
      <span class="reason-text">{reason}</span>
      {alert && (
        <CopyButton class="evidence" label={t('copyEvidenceLabel', reason)} value={() => import('./evidence-copy').then((m) => m.evidenceFor(alert))} onResult={(ok) => ok || onFail()}>
          {t('copyEvidence')}
        </CopyButton>
      )}
    </div>
  );
}

/** The latest event's text; without events, the platform's own status text, else wording from the status. */
export function latestText(p: ParcelRecord): string {
  return p.latestEvent?.text ?? p.statusText ?? t(`noEvent_${shownStatus(p)}`);
}

/** Why a row is where it is: its alert with evidence ("52 小时没有新的物流信息", a missed 次日达), or for a
 * parcel in needs attention without one, its status. */
export function reasonText(entry: SectionEntry, section: ListSection): string | undefined {
  const a: Alert | undefined = entry.alert;
  const hours = duration(a?.evidence.hours ?? 0);
  if (a?.kind === 'promise_missed') return t('alert_promise_missed', [a.evidence.promiseText ?? '', hours]);
  if (a?.kind === 'door_promise_broken') return t('alert_door_promise_broken', [a.evidence.promiseText ?? '', a.evidence.station ?? t('stationFallback')]);
  if (a?.kind === 'return_pickup_missed' || a?.kind === 'refund_late') return t(`alert_${a.kind}`, [a.evidence.promiseText ?? '', hours]);
  if (a?.kind === 'refund_overdue') return t('alert_refund_overdue', hours);
  if (a && (a.kind === 'stalled' || a.kind === 'no_pickup_scan' || a.kind === 'out_for_delivery_long' || a.kind === 'not_shipped')) return t(`alert_${a.kind}`, hours);
  if (entry.kind === 'parcel' && (a || section === 'attention')) {
    const p = entry.parcel;
    return t('attentionReason', a?.evidence.eventText ?? p.statusText ?? t(`status_${shownStatus(p)}`));
  }
  return undefined;
}
