// Detail view of one parcel (timeline newest first, items, orders, note, archive, carrier choice) or of one
// unshipped order. Shop data is rendered as text only.
import { useEffect, useState } from 'preact/hooks';
import { shownStatus, type EventRecord, type OrderRecord, type ParcelRecord } from '../../core/model';
import { orderPageUrl } from '../../platforms/order-links';
import { getDb } from '../../db/schema';
import { CopyButton } from '../components/copy-button';
import { Thumb } from '../components/thumb';
import { useLiveQuery } from '../hooks/use-live-query';
import { relativeTime, t } from '../../shared/i18n';
import { detailAlerts, EvidenceBlock } from './evidence-block';
import { DEFAULT_ALERT_PREFS, type AlertPrefs } from '../../core/alert-prefs';
import { carrierLabel, lang } from './labels';
import { latestText, platformIcon, platformLabel } from './row';
import { send } from './send';

interface DetailData {
  loaded: boolean;
  parcel?: ParcelRecord;
  orders: OrderRecord[];
  events: EventRecord[];
  /** Other parcels of the same order(s): the rest of a split shipment, and return parcels. */
  siblings?: ParcelRecord[];
}

async function loadDetail(key: string): Promise<DetailData> {
  const db = getDb();
  const parcel = await db.parcels.get(key);
  if (!parcel) {
    const order = await db.orders.get(key);
    return { loaded: true, orders: order ? [order] : [], events: [] };
  }
  const [orders, events] = await Promise.all([db.orders.bulkGet(parcel.orderKeys), db.events.where('parcelKey').equals(key).toArray()]);
  events.sort((a, b) => b.time - a.time);
  const found = orders.filter((o): o is OrderRecord => !!o);
  const siblingKeys = [...new Set(found.flatMap((o) => o.parcelKeys))].filter((k) => k !== key);
  const siblings = (await db.parcels.bulkGet(siblingKeys)).filter((p): p is ParcelRecord => !!p);
  return { loaded: true, parcel, orders: found, events, siblings };
}

const fmt = (ms: number) =>
  new Date(ms).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export interface DetailProps {
  id: string;
  onBack: () => void;
  onOpen?: (key: string) => void;
  /** The shopper's alert switches and thresholds (settings alertKinds, alerts): a switched-off alert has no evidence block. */
  prefs?: AlertPrefs;
}

export function Detail({ id, onBack, onOpen, prefs = DEFAULT_ALERT_PREFS }: DetailProps) {
  const d = useLiveQuery(() => loadDetail(id), [id], { loaded: false, orders: [], events: [] });
  const [error, setError] = useState('');
  const act = async (p: Promise<{ ok: boolean; error?: string }>) => {
    const r = await p;
    setError(r.ok ? '' : t('actionFailed', r.error ?? ''));
    return r.ok;
  };
  const p = d.parcel;
  const now = Date.now();
  const alerts = d.loaded ? detailAlerts(p, d.orders, d.siblings ?? [], now, prefs) : [];
  return (
    <section class="detail" aria-labelledby="detail-title">
      <div class="detail-bar">
        <button type="button" class="link" onClick={onBack} autoFocus>
          ← {t('back')}
        </button>
        <h2 id="detail-title">{t('detailTitle')}</h2>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {p && (
        <div class="block">
          <div class="meta">
            <span class="carrier">{carrierLabel(p.carrier, p.carrierName)}</span>{' '}
            <CopyButton value={p.trackingNo} label={t('copyTrackingNo', p.trackingNo)} class="tracking">
              {p.trackingNo}
            </CopyButton>{' '}
            <span class={`status s-${shownStatus(p)}`}>{shownStatus(p) === 'unknown' ? latestText(p) : t(`status_${shownStatus(p)}`)}</span>
            {shownStatus(p) === 'shipped' && p.shippedAt && <span class="muted"> {t('shippedOn', fmt(p.shippedAt))}</span>}
          </div>
          {p.pickupCode && (
            <div class="pickup">
              <CopyButton value={p.pickupCode} label={t('copyPickupCode', p.pickupCode)} class="code">
                <span class="code-text">{p.pickupCode}</span>
              </CopyButton>
              {p.station && <span class="station">{p.station}</span>}
            </div>
          )}
          {p.carrierCandidates && p.carrierCandidates.length > 0 && p.carrier === 'unknown' && (
            <div class="candidates" role="group" aria-label={t('chooseCarrier')}>
              <span>{t('chooseCarrier')}</span>
              {p.carrierCandidates.map((c) => (
                <button key={c} type="button" class="chip" onClick={() => void act(send({ type: 'parcel/carrier', key: p.key, carrier: c })).then((ok) => ok && onBack())}>
                  {carrierLabel(c)}
                </button>
              ))}
            </div>
          )}
          {p.refresh?.needs === 'phone_tail' && !p.phoneTail && (
            <form
              class="phone-tail"
              onSubmit={(e) => {
                e.preventDefault();
                const v = (new FormData(e.currentTarget).get('tail') ?? '').toString().trim();
                void act(send({ type: 'parcel/phone-tail', key: p.key, phoneTail: v }));
              }}
            >
              <label>
                {t('phoneTailAsk')} <input name="tail" inputMode="numeric" pattern="\d{4}" maxLength={4} required size={5} />
              </label>{' '}
              <button type="submit" class="small">
                {t('save')}
              </button>
            </form>
          )}
          <div class="actions">
            {p.status === 'awaiting_collection' && (
              <button type="button" class="small" onClick={() => void act(send({ type: 'parcel/collected', key: p.key }))}>
                {t('markCollected')}
              </button>
            )}
            <button type="button" class="small" onClick={() => void act(send({ type: 'parcel/archive', key: p.key, archived: !p.archived }))}>
              {p.archived ? t('unarchive') : t('archive')}
            </button>
          </div>
          <Note parcel={p} onSave={(note) => act(send({ type: 'parcel/note', key: p.key, note }))} />
        </div>
      )}
      <EvidenceBlock alerts={alerts} orders={d.orders} parcel={p} events={d.events} />
      {p && (
        <div class="block">
          <h3>{t('timeline')}</h3>
          {d.events.length === 0 ? (
            <p class="muted">{t('noEvents')}</p>
          ) : (
            <ol class="timeline" aria-label={t('timeline')}>
              {d.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={new Date(e.time).toISOString()} title={relativeTime(e.time, now)}>
                    {fmt(e.time)}
                  </time>
                  <div>
                    {e.text}
                    {e.location && <span class="muted"> · {e.location}</span>}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {p && d.siblings && d.siblings.length > 0 && (
        <div class="block" data-testid="siblings">
          <h3>{t('siblingsHeading', String(d.siblings.length + 1))}</h3>
          <ul class="siblings">
            {d.siblings.map((x) => (
              <li key={x.key}>
                <button type="button" class="link" onClick={() => onOpen?.(x.key)}>
                  {x.direction === 'return' && <span class="badge">{t('returnParcel')}</span>} {carrierLabel(x.carrier, x.carrierName)} {x.trackingNo} · {t(`status_${shownStatus(x)}`)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {d.orders.length > 0 && (
        <div class="block">
          <h3>{d.orders.length > 1 ? t('mergedOrdersHeading', String(d.orders.length)) : t('ordersHeading')}</h3>
          {d.orders.map((o) => (
            <div class="order" key={o.key}>
              <div class="meta">
                <span class="badge">{platformLabel(o.tmall ? 'tmall' : o.platform)}</span> {o.shopName && <span class="shop">{o.shopName}</span>}{' '}
                <CopyButton value={o.orderId} label={t('orderNo', o.orderId)} class="tracking">
                  {t('orderNo', o.orderId)}
                </CopyButton>
              </div>
              {(o.paidAt ?? o.createdAt) && <div class="muted">{t('paidAgo', relativeTime(o.paidAt ?? o.createdAt ?? 0, now))}</div>}
              {orderPageUrl(o) && (
                <a class="link" href={orderPageUrl(o)} target="_blank" rel="noopener noreferrer">
                  {t('openOrderPage')} ↗
                </a>
              )}
              <h3 class="sr-only">{t('itemsHeading')}</h3>
              <ul class="items" aria-label={t('itemsHeading')}>
                {o.items.map((it, i) => (
                  <li key={i}>
                    <Thumb src={it.imageUrl} fallback={platformIcon(o.tmall ? 'tmall' : o.platform)} />
                    <span>
                      {it.title}
                      {it.sku && <span class="muted"> · {it.sku}</span>}
                      {it.quantity && it.quantity > 1 ? <span class="muted"> ×{it.quantity}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function Note({ parcel, onSave }: { parcel: ParcelRecord; onSave: (note: string) => Promise<boolean> }) {
  const [value, setValue] = useState(parcel.note ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setValue(parcel.note ?? ''), [parcel.key]);
  return (
    <form
      class="note"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(value).then(setSaved);
      }}
    >
      <label>
        {t('noteLabel')}
        <textarea rows={2} maxLength={1000} value={value} onInput={(e) => (setValue(e.currentTarget.value), setSaved(false))} />
      </label>
      <button type="submit" class="small">
        {t('saveNote')}
      </button>
      <span aria-live="polite">{saved ? ` ✓ ${t('saved')}` : ''}</span>
    </form>
  );
}
