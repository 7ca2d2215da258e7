// Import tracking numbers from other tools: a CSV file or pasted text → a preview the user confirms → manual
// batches (source 'import') sent to the background, which validates and merges them.
import { useState } from 'preact/hooks';
import { importBatches, MAX_IMPORT_BYTES, parseImportCsv, parseImportText, type ImportError, type ImportPreview } from '../../core/import-tracking';
import { getDb } from '../../db/schema';
import { t } from '../../shared/i18n';
import { send } from './data';
import { carrierLabel } from './labels';

const PREVIEW_ROWS = 100;

export function ImportView() {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<(ImportPreview & { known: Set<string> }) | null>(null);
  const [error, setError] = useState('');
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);

  const show = async (r: { ok: true; preview: ImportPreview } | { ok: false; error: ImportError }) => {
    setResult('');
    if (!r.ok) {
      setPreview(null);
      setError(t(`optImportError_${r.error}`));
      return;
    }
    setError('');
    const existing = await getDb().parcels.where('trackingNo').anyOf(r.preview.rows.map((x) => x.trackingNo)).toArray();
    setPreview({ ...r.preview, known: new Set(existing.map((p) => p.trackingNo)) });
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    const fresh = preview.rows.filter((r) => !preview.known.has(r.trackingNo)).length;
    let sent = 0;
    let failed = '';
    for (const batch of importBatches(preview.rows, Date.now())) {
      const reply = await send({ type: 'manual/add', batch });
      if (!reply.ok) {
        failed = reply.error;
        break;
      }
      sent += batch.parcels.length;
    }
    setBusy(false);
    setPreview(null);
    setText('');
    if (failed) setError(t('optImportFailed', [String(sent), failed]));
    setResult(t('optImportDone', [String(Math.min(fresh, sent)), String(sent - Math.min(fresh, sent)), String(preview.rejected.length)]));
  };

  return (
    <div class="import" data-testid="import">
      <p class="muted">{t('optImportHint')}</p>
      <div class="row buttons">
        <label class="button">
          {t('optImportCsv')}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (!file) return;
              if (file.size > MAX_IMPORT_BYTES) return void show({ ok: false, error: 'too_large' });
              void file.text().then((s) => show(parseImportCsv(s, file.size)));
            }}
          />
        </label>
      </div>
      <label class="field block">
        <span>{t('optImportPaste')}</span>
        <textarea rows={4} maxLength={200_000} value={text} data-testid="import-text" onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="button" disabled={busy || !text.trim()} data-testid="import-text-preview" onClick={() => void show(parseImportText(text, Date.now()))}>
        {t('optImportPreview')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p role="status" data-testid="import-result">
          {result}
        </p>
      )}
      {preview && (
        <div class="preview" data-testid="import-preview">
          <p>
            {t('optImportSummary', [String(preview.rows.length), String(preview.known.size), String(preview.rejected.length)])}
            {preview.column ? ` ${t('optImportColumn', preview.column)}` : ''}
            {preview.carrierColumn ? ` ${t('optImportCarrierColumn', preview.carrierColumn)}` : ''}
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('optImportLine')}</th>
                  <th>{t('optCol_trackingNo')}</th>
                  <th>{t('optCol_carrier')}</th>
                  <th>{t('optCol_pickupCode')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                  <tr key={r.trackingNo}>
                    <td class="num">{r.line || ''}</td>
                    <td class="mono">{r.trackingNo}</td>
                    <td>{r.carrierId === 'unknown' ? (r.carrierName ?? t('optUnknownCarrier')) : carrierLabel(r.carrierId, r.carrierName)}</td>
                    <td class="mono">{r.pickupCode ?? ''}</td>
                    <td class="muted">{preview.known.has(r.trackingNo) ? t('optImportKnown') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.rows.length > PREVIEW_ROWS && <p class="muted">{t('optImportMore', String(preview.rows.length - PREVIEW_ROWS))}</p>}
          {preview.rejected.length > 0 && (
            <details>
              <summary>{t('optImportRejected', String(preview.rejected.length))}</summary>
              <ul>
                {preview.rejected.slice(0, 200).map((r, i) => (
                  <li key={i}>
                    {t('optImportRejectLine', [String(r.line), r.value, t(`optImportReject_${r.reason}`)])}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div class="row buttons">
            <button type="button" class="primary" disabled={busy || !preview.rows.length} data-testid="import-confirm" onClick={() => void confirm()}>
              {t('optImportConfirm', String(preview.rows.length))}
            </button>
            <button type="button" disabled={busy} onClick={() => setPreview(null)}>
              {t('optCancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
