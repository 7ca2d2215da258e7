// The options page: sections as tabs (only the open one is rendered, so the first paint stays light and a
// 20,000-row history costs nothing while settings are open). Shop data is rendered as text only (JSX text
// nodes), never as HTML.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_MAX_BACKUP_BYTES, type RestoreReport } from '../../core/backup';
import { t } from '../../shared/i18n';
import { exportCsv, exportJson, restoreFile, send, storageInfo, type RestoreProgress, type StorageInfo } from './data';
import { HealthView } from './health-view';
import { HistoryView } from './history-view';
import { ImportView } from './import-view';
import { SettingsView } from './settings-view';
import { StatsView } from './stats-view';

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
  const [phoneTails, setPhoneTails] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [progress, setProgress] = useState<RestoreProgress | null>(null);
  const [exporting, setExporting] = useState<[number, number] | null>(null);
  const [stopper, setStopper] = useState<AbortController | null>(null);
  const [stopped, setStopped] = useState('');
  useEffect(() => {
    void storageInfo().then(setStorage);
  }, [report, deleted]);

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
      setStopped('');
      if (file.size > DEFAULT_MAX_BACKUP_BYTES) throw new Error(t('optRestoreTooLarge'));
      const ctl = new AbortController();
      setStopper(ctl);
      try {
        const out = await restoreFile(file, setProgress, ctl.signal);
        if (out.ok) setReport(out.report);
        else if (out.written?.groups || out.cancelled) {
          // Part-way: what is written is whole; the same file again completes it.
          const why = out.cancelled ? t('optRestoreCancelled') : out.error;
          setStopped(t('optRestoreStopped', [String(out.written?.parcels ?? 0), String(out.totals?.parcels ?? '?'), why]));
        } else setError(t('optRestoreFailed', out.error));
      } finally {
        setStopper(null);
        setProgress(null);
      }
    });

  const exportBackup = () =>
    run(async () => {
      try {
        await exportJson(Date.now(), { phoneTails }, (done, total) => setExporting([done, total]));
      } finally {
        setExporting(null);
      }
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
    <div data-testid="data">
      <div class="row buttons">
        <button type="button" disabled={busy} onClick={() => run(() => exportCsv())} data-testid="export-csv">
          {t('optExportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportBackup()} data-testid="export-json">
          {t('optExportJson')}
        </button>
        <label>
          <input type="checkbox" checked={phoneTails} onChange={(e) => setPhoneTails((e.target as HTMLInputElement).checked)} data-testid="export-phone-tails" />
          {t('optExportPhoneTails')}
        </label>
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
      {exporting && (
        <p role="status" data-testid="export-progress">
          <progress value={exporting[0]} max={Math.max(1, exporting[1])} /> {t('optExporting', [exporting[0].toLocaleString(), exporting[1].toLocaleString()])}
        </p>
      )}
      {progress && (
        <p role="status" data-testid="restore-progress">
          {progress.pass === 'check' ? (
            <>
              <progress value={progress.bytes} max={Math.max(1, progress.total)} /> {t('optRestoreChecking', String(Math.floor((100 * progress.bytes) / Math.max(1, progress.total))))}
            </>
          ) : (
            <>
              <progress value={progress.written.groups} max={Math.max(1, progress.totals.groups)} />{' '}
              <span data-testid="restore-written">{t('optRestoreWriting', [progress.written.parcels.toLocaleString(), progress.totals.parcels.toLocaleString()])}</span>
            </>
          )}{' '}
          {stopper && (
            <button type="button" onClick={() => stopper.abort()} data-testid="restore-cancel">
              {t('optRestoreCancel')}
            </button>
          )}
        </p>
      )}
      {stopped && (
        <p class="error" role="alert" data-testid="restore-stopped">
          {stopped}
        </p>
      )}
      {storage && (
        <p data-testid="storage-info">
          {storage.usage !== undefined ? t('optStorageUsed', formatBytes(storage.usage)) : t('optStorageUnknown')}{' '}
          {storage.unlimited ? t('optStorageUnlimited') : storage.quota !== undefined ? t('optStorageQuota', formatBytes(storage.quota)) : ''}
        </p>
      )}
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
    </div>
  );
}

const formatBytes = (n: number): string =>
  n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`;

const SECTIONS: { id: string; title: string; view: ComponentType }[] = [
  { id: 'history', title: 'optHistoryTitle', view: HistoryView },
  { id: 'stats', title: 'optStatsTitle', view: StatsView },
  { id: 'import', title: 'optImportTitle', view: ImportView },
  { id: 'settings', title: 'optSettingsTitle', view: SettingsView },
  { id: 'health', title: 'optHealthTitle', view: HealthView },
  { id: 'data', title: 'optDataTitle', view: DataTools },
];

const sectionFromHash = () => SECTIONS.find((s) => `#${s.id}` === location.hash)?.id ?? SECTIONS[0].id;

export function App() {
  const [open, setOpen] = useState(sectionFromHash);
  useEffect(() => {
    const onHash = () => setOpen(sectionFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const section = SECTIONS.find((s) => s.id === open)!;
  const View = section.view;
  return (
    // The history table is wide (items, shop, ids, tracking, status, latest event): give it the room.
    <main class={section.id === 'history' ? 'options wide' : 'options'}>
      <h1>{t('optionsTitle')}</h1>
      <nav class="tabs" aria-label={t('optSections')}>
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#${s.id}`} aria-current={s.id === open ? 'page' : undefined} data-testid={`tab-${s.id}`}>
            {t(s.title)}
          </a>
        ))}
      </nav>
      {section.id === 'history' ? (
        <View />
      ) : (
        <section class="card" aria-labelledby={`${section.id}-h`} data-testid={`section-${section.id}`}>
          <h2 id={`${section.id}-h`}>{t(section.title)}</h2>
          <View />
        </section>
      )}
    </main>
  );
}
