// The toolbar popup (first version): every parcel and unshipped order, in urgency sections.
// Shop data is rendered as text only (JSX text nodes), never as HTML.
import { useState } from 'preact/hooks';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { buildSections, type SectionEntry, type SectionId } from '../../core/sections';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import { useLiveQuery } from '../hooks/use-live-query';
import { relativeTime, t } from '../i18n';

const SECTION_TITLE: Record<SectionId, string> = {
  awaiting_collection: 'sectionAwaitingCollection',
  attention: 'sectionAttention',
  out_for_delivery: 'sectionOutForDelivery',
  in_transit: 'sectionInTransit',
  unshipped: 'sectionUnshipped',
  delivered: 'sectionDelivered',
};

interface Data {
  loaded: boolean;
  parcels: ParcelRecord[];
  orders: Map<string, OrderRecord>;
  unshipped: OrderRecord[];
}

async function load(): Promise<Data> {
  const db = getDb();
  const [parcels, unshipped] = await Promise.all([
    db.parcels.where('archived').equals(0).toArray(),
    db.orders.where('status').equals('unshipped').toArray(),
  ]);
  const keys = [...new Set(parcels.flatMap((p) => p.orderKeys))];
  const linked = (await db.orders.bulkGet(keys)).filter((o): o is OrderRecord => !!o);
  return { loaded: true, parcels, unshipped, orders: new Map(linked.map((o) => [o.key, o])) };
}

export function App() {
  const data = useLiveQuery(load, [], { loaded: false, parcels: [], orders: new Map(), unshipped: [] });
  const sections = buildSections(data.parcels, data.unshipped);
  return (
    <main class="popup">
      <header class="bar">
        <h1>{t('popupTitle')}</h1>
        <button class="link" type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </header>
      {data.loaded && sections.length === 0 && (
        <section class="empty" aria-live="polite">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      )}
      {sections.map((s) => (
        <section class="section" key={s.id} data-section={s.id}>
          <h2>
            {t(SECTION_TITLE[s.id])} <span class="count">{s.entries.length}</span>
          </h2>
          <ul role="list">
            {s.entries.map((e) => (
              <Row key={e.kind === 'parcel' ? e.parcel.key : e.order.key} entry={e} orders={data.orders} />
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

function platformLabel(o: OrderRecord | undefined, p?: ParcelRecord): string {
  if (o?.tmall) return t('platform_tmall');
  const id = o?.platform ?? p?.platforms[0] ?? 'manual';
  return t(`platform_${id}`);
}

function Row({ entry, orders }: { entry: SectionEntry; orders: Map<string, OrderRecord> }) {
  if (entry.kind === 'order') {
    const o = entry.order;
    return (
      <li class="row" data-order={o.orderId}>
        <div class="title">{o.items[0]?.title ?? o.orderId}</div>
        <div class="meta">
          <span class="badge">{platformLabel(o)}</span> {o.shopName}
          {' · '}
          {t('paidAgo', relativeTime(o.paidAt ?? o.createdAt ?? o.firstSeen))}
        </div>
      </li>
    );
  }
  const p = entry.parcel;
  const order = p.orderKeys.map((k) => orders.get(k)).find(Boolean);
  const items = order?.items ?? [];
  return (
    <li class="row" data-tracking={p.trackingNo}>
      <div class="title">
        {items[0]?.title ?? p.carrierName ?? p.trackingNo}
        {items.length > 1 && <span class="more"> {t('itemsMore', String(items.length - 1))}</span>}
      </div>
      <div class="meta">
        <span class="badge">{platformLabel(order, p)}</span> {order?.shopName}
        {p.direction === 'return' && <span class="badge return">{t('returnParcel')}</span>}
      </div>
      <div class="meta">
        <span class="carrier">{p.carrierName ?? p.carrier}</span> <TrackingNo value={p.trackingNo} />
        <span class={`status s-${p.status}`}>{t(`status_${p.status}`)}</span>
      </div>
      {p.pickupCode && (
        <div class="pickup">
          {t('pickupCode')} <strong class="code">{p.pickupCode}</strong> {p.station}
        </div>
      )}
      <div class="event">
        {p.latestEvent ? (
          <>
            {p.latestEvent.text} <time>{relativeTime(p.latestEvent.time)}</time>
          </>
        ) : (
          t('noEvents')
        )}
      </div>
    </li>
  );
}

function TrackingNo({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="tracking"
      title={t('copy')}
      onClick={() => navigator.clipboard.writeText(value).then(() => setCopied(true), () => {})}
    >
      {value} {copied ? `✓ ${t('copied')}` : ''}
    </button>
  );
}
