// The options page (first version): history of every parcel and order, CSV / JSON export, backup restore and
// delete-all. Shop data is rendered as text only (JSX text nodes), never as HTML.
import { useMemo, useState } from 'preact/hooks';
import { DEFAULT_MAX_BACKUP_BYTES, type RestoreReport } from '../../core/backup';
import { formatYuan, localDateTime } from '../../core/export-csv';
import { useLiveQuery } from '../hooks/use-live-query';
import { t } from '../i18n';
import { exportCsv, exportJson, loadAll, send } from './data';
import { filterEntries, historyEntries } from './history';
import { carrierLabel, orderStatusLabel, parcelStatusLabel, platformLabel } from './labels';

const PAGE = 200;

function History() {
  const data = useLiveQuery(loadAll, [], { loaded: false, orders: [], parcels: [] });
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const entries = useMemo(() => historyEntries(data.orders, data.parcels), [data]);
  const shown = useMemo(() => filterEntries(entries, query), [entries, query]);
  return (
    <section class="card" aria-labelledby="history-h">
      <div class="row">
        <h2 id="history-h">{t('optHistoryTitle')}</h2>
        <input
          type="search"
          class="filter"
          aria-label={t('optFilterLabel')}
          placeholder={t('optFilterPlaceholder')}
          value={query}
          onInput={(e) => {
            setQuery((e.target as HTMLInputElement).value);
            setLimit(PAGE);
          }}
        />
      </div>
      {data.loaded && entries.length === 0 && <p class="muted">{t('optHistoryEmpty')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('optCol_orderTime')}</th>
                <th>{t('optCol_platform')}</th>
                <th>{t('optCol_shop')}</th>
                <th>{t('optCol_orderId')}</th>
                <th>{t('optCol_amount')}</th>
                <th>{t('optCol_carrier')}</th>
                <th>{t('optCol_trackingNo')}</th>
                <th>{t('optCol_status')}</th>
                <th>{t('optCol_lastEvent')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((e) => (
                <tr key={e.id} data-key={e.parcel?.key ?? e.order?.key}>
                  <td class="nowrap">{localDateTime(e.time)}</td>
                  <td>{e.order ? platformLabel(e.order.platform) : e.parcel?.platforms[0] ? platformLabel(e.parcel.platforms[0]) : ''}</td>
                  <td>{e.order?.shopName ?? ''}</td>
                  <td class="mono">{e.order?.orderId ?? ''}</td>
                  <td class="num">{formatYuan(e.order?.amount)}</td>
                  <td>{e.parcel ? carrierLabel(e.parcel.carrier, e.parcel.carrierName) : ''}</td>
                  <td class="mono">{e.parcel?.trackingNo ?? ''}</td>
                  <td>{e.parcel ? parcelStatusLabel(e.parcel.status) : e.order ? orderStatusLabel(e.order.status) : ''}</td>
                  <td class="event">{e.parcel?.latestEvent?.text ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p class="muted">{t('optNoMatches')}</p>}
          {shown.length > limit && (
            <button type="button" onClick={() => setLimit(limit + PAGE)}>
              {t('optShowMore', String(shown.length - limit))}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function ReportView({ report }: { report: RestoreReport }) {
  const line = (k: 'orders' | 'parcels' | 'events') =>
    t('optRestoreLine', [t(`optRestore_${k}`), String(report[k].added), String(report[k].updated), String(report[k].unchanged)]);
  return (
    <div class="report" role="status" data-testid="restore-report">
      <p>{t('optRestoreDone')}</p>
      <ul>
        <li>{line('orders')}</li>
        <li>{line('parcels')}</li>
        <li>{line('events')}</li>
      </ul>
      {report.rejected.length > 0 && (
        <details>
          <summary>{t('optRestoreRejected', String(report.rejected.length))}</summary>
          <ul>
            {report.rejected.slice(0, 50).map((r, i) => (
              <li key={i}>
                {r.kind} {r.key}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function DataTools() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [report, setReport] = useState<RestoreReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (e) {
      setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = (file: File) =>
    run(async () => {
      setReport(null);
      setDeleted(false);
      if (file.size > DEFAULT_MAX_BACKUP_BYTES) throw new Error(t('optRestoreTooLarge'));
      const reply = await send({ type: 'backup/restore', text: await file.text() });
      if (!reply.ok) setError(t('optRestoreFailed', reply.error));
      else if (reply.report) setReport(reply.report);
    });

  const deleteAll = () =>
    run(async () => {
      const reply = await send({ type: 'data/delete-all' });
      setConfirming(false);
      if (!reply.ok) setError(reply.error);
      else {
        setReport(null);
        setDeleted(true);
      }
    });

  return (
    <section class="card" aria-labelledby="data-h">
      <h2 id="data-h">{t('optDataTitle')}</h2>
      <div class="row buttons">
        <button type="button" disabled={busy} onClick={() => run(() => exportCsv())} data-testid="export-csv">
          {t('optExportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => run(() => exportJson())} data-testid="export-json">
          {t('optExportJson')}
        </button>
        <label class="button">
          {t('optRestore')}
          <input
            type="file"
            accept="application/json,.json"
            disabled={busy}
            data-testid="restore-file"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void restore(file);
            }}
          />
        </label>
      </div>
      <p class="muted">{t('optExportHint')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} />}
      <div class="danger">
        {!confirming ? (
          <button type="button" class="danger-btn" disabled={busy} onClick={() => setConfirming(true)} data-testid="delete-all">
            {t('optDeleteAll')}
          </button>
        ) : (
          <div class="row" role="alertdialog" aria-label={t('optDeleteConfirm')}>
            <span>{t('optDeleteConfirm')}</span>
            <button type="button" class="danger-btn" disabled={busy} onClick={deleteAll} data-testid="delete-confirm">
              {t('optDeleteConfirmButton')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('optCancel')}
            </button>
          </div>
        )}
        {deleted && <p role="status">{t('optDeleted')}</p>}
      </div>
    </section>
  );
}

export function App() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <DataTools />
      <History />
    </main>
  );
}
