// History: every parcel and order with filters and sort; only the rows in view are drawn (fixed row height), so
// 20,000 rows scroll smoothly. Each row shows what is inside (thumbnail, first item, how many) and the shop.
// Export of everything or of the current filter. Shop data is text only; pictures only from the platforms' CDNs
// (checked at ingest), drawn as a CSS background, never as an <img> from shop data.
import { useMemo, useRef, useState } from 'preact/hooks';
import { formatYuan, localDateTime } from '../../core/export-csv';
import { ORDER_STATUSES, PLATFORMS, SHOWN_STATUSES, shownStatus } from '../../core/model';
import { Thumb } from '../components/thumb';
import { useLiveQuery } from '../hooks/use-live-query';
import { t } from '../../shared/i18n';
import { exportCsvOf, exportJsonOf, loadAll } from './data';
import { applyFilter, EMPTY_FILTER, entryPlatform, historyEntries, itemSummary, sortEntries, visibleRange, type HistoryEntry, type HistoryFilter, type SortKey } from './history';
import { carrierLabel, directionLabel, orderStatusLabel, parcelStatusLabel, platformLabel } from './labels';

const ROW = 32;
const VIEWPORT = 560;

const statusText = (e: HistoryEntry) => (e.parcel ? parcelStatusLabel(shownStatus(e.parcel)) : e.order ? orderStatusLabel(e.order.status) : '');
const platformText = (e: HistoryEntry) => {
  const p = entryPlatform(e);
  return p ? platformLabel(p) : '';
};
const carrierText = (e: HistoryEntry) => (e.parcel ? carrierLabel(e.parcel.carrier, e.parcel.carrierName) : '');

function sortLabel(key: SortKey, e: HistoryEntry): string | number {
  switch (key) {
    case 'platform':
      return platformText(e);
    case 'shop':
      return e.order?.shopName ?? '';
    case 'amount':
      return e.order?.amount ?? -1;
    case 'carrier':
      return carrierText(e);
    case 'status':
      return statusText(e);
    default:
      return e.time;
  }
}

const COLUMNS: { key: string; sort?: SortKey; cls?: string }[] = [
  { key: 'orderTime', sort: 'time', cls: 'nowrap' },
  { key: 'platform', sort: 'platform' },
  { key: 'items', cls: 'item' },
  { key: 'shop', sort: 'shop' },
  { key: 'orderId', cls: 'mono' },
  { key: 'amount', sort: 'amount', cls: 'num' },
  { key: 'carrier', sort: 'carrier' },
  { key: 'trackingNo', cls: 'mono' },
  { key: 'status', sort: 'status' },
  { key: 'lastEvent', cls: 'event' },
];

/** Thumbnail, first item title and "等 3 件" / "+2 more" in one fixed-height line. */
function ItemCell({ e }: { e: HistoryEntry }) {
  const s = itemSummary(e);
  if (!s) return <td class="item" />;
  const more = s.count > 1 ? t('itemsMore', [String(s.count), String(s.count - 1)]) : '';
  return (
    <td class="item" title={more ? `${s.title} ${more}` : s.title}>
      <Thumb src={s.imageUrl} fallback={platformText(e)} />
      <span class="item-title">{s.title}</span>
      {more && <span class="more">{more}</span>}
    </td>
  );
}

export function HistoryView() {
  const data = useLiveQuery(loadAll, [], { loaded: false, orders: [], parcels: [] });
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'time', desc: true });
  const [scrollTop, setScrollTop] = useState(0);
  const [busy, setBusy] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const entries = useMemo(() => historyEntries(data.orders, data.parcels), [data]);
  const filtered = useMemo(() => applyFilter(entries, filter), [entries, filter]);
  const shown = useMemo(() => (sort.key === 'time' && sort.desc ? filtered : sortEntries(filtered, sort, sortLabel)), [filtered, sort]);
  const carriers = useMemo(() => [...new Set(data.parcels.map((p) => p.carrier))].sort(), [data]);
  const { start, end } = visibleRange(shown.length, scrollTop, VIEWPORT, ROW);

  const set = (patch: Partial<HistoryFilter>) => {
    setFilter({ ...filter, ...patch });
    setScrollTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  };
  const exportWith = (fn: (e: readonly HistoryEntry[]) => Promise<void>, rows: readonly HistoryEntry[]) => {
    setBusy(true);
    void fn(rows).finally(() => setBusy(false));
  };
  const filtering = JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);

  return (
    <section class="card" aria-labelledby="history-h" data-testid="history">
      <div class="row">
        <h2 id="history-h">{t('optHistoryTitle')}</h2>
        <span class="muted" role="status" data-testid="history-count">
          {t('optHistoryCount', [String(shown.length), String(entries.length)])}
        </span>
      </div>
      <div class="filters">
        <input
          type="search"
          class="filter"
          aria-label={t('optFilterLabel')}
          placeholder={t('optFilterPlaceholder')}
          value={filter.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
        <select aria-label={t('optCol_platform')} value={filter.platform} data-testid="filter-platform" onChange={(e) => set({ platform: e.currentTarget.value as HistoryFilter['platform'] })}>
          <option value="">{t('optAllPlatforms')}</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p)}
            </option>
          ))}
        </select>
        <select aria-label={t('optCol_carrier')} value={filter.carrier} data-testid="filter-carrier" onChange={(e) => set({ carrier: e.currentTarget.value })}>
          <option value="">{t('optAllCarriers')}</option>
          {carriers.map((c) => (
            <option key={c} value={c}>
              {c === 'unknown' ? t('optUnknownCarrier') : carrierLabel(c)}
            </option>
          ))}
        </select>
        <select aria-label={t('optCol_status')} value={filter.status} data-testid="filter-status" onChange={(e) => set({ status: e.currentTarget.value })}>
          <option value="">{t('optAllStatuses')}</option>
          <optgroup label={t('optParcelStatuses')}>
            {SHOWN_STATUSES.map((s) => (
              <option key={s} value={`p:${s}`}>
                {parcelStatusLabel(s)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('optOrderStatuses')}>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={`o:${s}`}>
                {orderStatusLabel(s)}
              </option>
            ))}
          </optgroup>
        </select>
        <select aria-label={t('optCol_direction')} value={filter.direction} onChange={(e) => set({ direction: e.currentTarget.value as HistoryFilter['direction'] })}>
          <option value="">{t('optAllDirections')}</option>
          <option value="outbound">{directionLabel('outbound')}</option>
          <option value="return">{directionLabel('return')}</option>
        </select>
        <label class="date">
          {t('optFrom')}
          <input type="date" value={filter.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label class="date">
          {t('optTo')}
          <input type="date" value={filter.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        {filtering && (
          <button type="button" onClick={() => set(EMPTY_FILTER)}>
            {t('optClearFilters')}
          </button>
        )}
      </div>
      <div class="row buttons">
        <button type="button" disabled={busy || !shown.length} data-testid="export-csv-filtered" onClick={() => exportWith(exportCsvOf, shown)}>
          {filtering ? t('optExportCsvFiltered') : t('optExportCsv')}
        </button>
        <button type="button" disabled={busy || !shown.length} data-testid="export-json-filtered" onClick={() => exportWith(exportJsonOf, shown)}>
          {filtering ? t('optExportJsonFiltered') : t('optExportJsonAll')}
        </button>
      </div>
      {data.loaded && entries.length === 0 && <p class="muted">{t('optHistoryEmpty')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap history-scroll" ref={scroller} style={{ maxHeight: `${VIEWPORT}px` }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <table class="history" aria-rowcount={shown.length + 1}>
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const active = c.sort && sort.key === c.sort;
                  return (
                    <th key={c.key} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}>
                      {c.sort ? (
                        <button type="button" class="sort" onClick={() => setSort({ key: c.sort!, desc: active ? !sort.desc : c.sort === 'time' })}>
                          {t(`optCol_${c.key}`)}
                          {active ? (sort.desc ? ' ↓' : ' ↑') : ''}
                        </button>
                      ) : (
                        t(`optCol_${c.key}`)
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {start > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${start * ROW}px` }} />}
              {shown.slice(start, end).map((e, i) => (
                <tr key={e.id} data-key={e.parcel?.key ?? e.order?.key} aria-rowindex={start + i + 2} style={{ height: `${ROW}px` }}>
                  <td class="nowrap">{localDateTime(e.time)}</td>
                  <td>{platformText(e)}</td>
                  <ItemCell e={e} />
                  <td class="shop" title={e.order?.shopName}>{e.order?.shopName ?? ''}</td>
                  <td class="mono">{e.order?.orderId ?? ''}</td>
                  <td class="num">{formatYuan(e.order?.amount)}</td>
                  <td>{carrierText(e)}</td>
                  <td class="mono">{e.parcel?.trackingNo ?? ''}</td>
                  <td>{statusText(e)}</td>
                  <td class="event" title={e.parcel?.latestEvent?.text}>
                    {e.parcel?.latestEvent?.text ?? ''}
                  </td>
                </tr>
              ))}
              {end < shown.length && <tr class="spacer" aria-hidden="true" style={{ height: `${(shown.length - end) * ROW}px` }} />}
            </tbody>
          </table>
          {shown.length === 0 && <p class="muted">{t('optNoMatches')}</p>}
        </div>
      )}
    </section>
  );
}
