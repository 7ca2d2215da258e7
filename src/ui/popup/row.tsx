// One row of the popup list. Shop data is rendered as text only (JSX text nodes), never as HTML.
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { entryOrders, entryPlatform, itemsOf, type PlatformTag } from '../../core/popup-query';
import { attentionAlert, type SectionEntry, type SectionId } from '../../core/sections';
import { CopyButton } from '../components/copy-button';
import { Thumb } from '../components/thumb';
import { relativeTime, t } from '../i18n';
import { carrierLabel } from './labels';
import { send } from './send';

export const platformLabel = (p: PlatformTag) => t(`platform_${p}`);

export function Row({
  entry,
  section,
  orders,
  onOpen,
  now,
}: {
  entry: SectionEntry;
  section: SectionId;
  orders: ReadonlyMap<string, OrderRecord>;
  onOpen: (key: string) => void;
  now: number;
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
    <div class="title">
      {items[0]?.title ?? (entry.kind === 'order' ? entry.order.orderId : (entry.parcel.carrierName ?? entry.parcel.trackingNo))}
      {items.length > 1 && <span class="more"> {t('itemsMore', String(items.length - 1))}</span>}
    </div>
  );
  const meta = (
    <div class="meta">
      <span class={`badge p-${platform}`}>{platformLabel(platform)}</span> {shop && <span class="shop">{shop}</span>}
      {entry.kind === 'parcel' && entry.parcel.direction === 'return' && <span class="badge return">{t('returnParcel')}</span>}
    </div>
  );

  if (entry.kind === 'order') {
    const o = entry.order;
    return (
      <li class="row" tabIndex={0} data-order={o.orderId} data-key={o.key} onClick={open} onKeyDown={keyDown}>
        <Thumb src={items[0]?.imageUrl} fallback={platformLabel(platform)} />
        <div class="body">
          {title}
          {meta}
          <div class="event">{t('paidAgo', relativeTime(o.paidAt ?? o.createdAt ?? o.firstSeen, now))}</div>
        </div>
      </li>
    );
  }
  const p = entry.parcel;
  return (
    <li class="row" tabIndex={0} data-tracking={p.trackingNo} data-key={p.key} onClick={open} onKeyDown={keyDown}>
      <Thumb src={items[0]?.imageUrl} fallback={platformLabel(platform)} />
      <div class="body">
        {title}
        {meta}
        {p.pickupCode && (
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
        )}
        {section === 'attention' && <div class="reason">{attentionText(p)}</div>}
        <div class="meta">
          <span class="carrier">{carrierLabel(p.carrier, p.carrierName)}</span>{' '}
          <CopyButton value={p.trackingNo} label={t('copyTrackingNo', p.trackingNo)} class="tracking">
            {p.trackingNo}
          </CopyButton>
        </div>
        <div class="event">
          {p.latestEvent ? (
            <>
              {p.latestEvent.text} <time dateTime={new Date(p.latestEvent.time).toISOString()}>{relativeTime(p.latestEvent.time, now)}</time>
            </>
          ) : (
            t('noEvents')
          )}
        </div>
      </div>
    </li>
  );
}

/** Why a parcel needs attention: its alert with evidence ("52 小时没有新的物流信息"), else its status. */
function attentionText(p: ParcelRecord): string {
  const alert = attentionAlert(p, Date.now());
  if (alert) return t(`alert_${alert.kind}`, String(alert.evidence.hours ?? 0));
  return t('attentionReason', p.statusText ?? t(`status_${p.status}`));
}
