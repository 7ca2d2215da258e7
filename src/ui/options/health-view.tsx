// Parser health per platform, and a redacted report to copy into a bug report (shown before it is copied).
import { useState } from 'preact/hooks';
import { healthReport, platformHealth, type PlatformHealth } from '../../core/health';
import { getDb } from '../../db/schema';
import { PLATFORM_LINKS } from '../../platforms/ui-facts';
import { metaFamily } from '../../db/meta';
import { browser } from '../../shared/browser';
import { useLiveQuery } from '../hooks/use-live-query';
import { relativeTime, t, uiLanguage } from '../../shared/i18n';
import { platformLabel } from './labels';
import { loadSettings, secretsOf } from './settings-store';
import { localDateTime } from '../../core/export-csv';

async function loadHealth(): Promise<PlatformHealth[]> {
  const db = getDb();
  const [meta, diagnostics] = await Promise.all([metaFamily(db, 'platform:'), db.diagnostics.toArray()]);
  return platformHealth(
    meta.map((m) => m.value),
    diagnostics,
    PLATFORM_LINKS.map((f) => f.id),
  );
}

async function buildReport(health: PlatformHealth[]): Promise<string> {
  const s = await loadSettings();
  return healthReport(health, {
    version: browser.runtime.getManifest().version,
    language: uiLanguage(),
    now: Date.now(),
    secrets: secretsOf(s),
    enabled: {
      platforms: s.platforms,
      services: [...(s.services.kuaidi100.enabled ? ['kuaidi100'] : []), ...(s.services.seventeenTrack.enabled ? ['17track'] : [])],
    },
  });
}

const when = (ms: number | undefined) => (ms ? `${localDateTime(ms)} (${relativeTime(ms)})` : t('optNever'));

export function HealthView() {
  const health = useLiveQuery(loadHealth, [], null as PlatformHealth[] | null);
  const [report, setReport] = useState('');
  const [status, setStatus] = useState('');
  if (!health) return <p class="muted">{t('optLoading')}</p>;
  const copy = async () => {
    const text = await buildReport(health);
    setReport(text);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('optHealthCopied'));
    } catch {
      setStatus(t('optHealthCopyFailed'));
    }
  };
  return (
    <div data-testid="health">
      <table class="stats">
        <thead>
          <tr>
            <th scope="col">{t('optCol_platform')}</th>
            <th scope="col">{t('optHealthLastCapture')}</th>
            <th scope="col" class="num">
              {t('optHealthPages')}
            </th>
            <th scope="col">{t('optHealthSignIn')}</th>
            <th scope="col">{t('optHealthUnrecognized')}</th>
          </tr>
        </thead>
        <tbody>
          {health.map((h) => (
            <tr key={h.platform} data-platform={h.platform}>
              <th scope="row">{platformLabel(h.platform)}</th>
              <td>{when(h.lastCaptureAt)}</td>
              <td class="num">{h.pagesRead}</td>
              <td>{h.needsSignIn ? t('optHealthSignInYes') : t('optHealthSignInNo')}</td>
              <td>
                {h.lastUnrecognized ? (
                  <details>
                    <summary>
                      {h.lastUnrecognized.kind} · {when(h.lastUnrecognized.at)}: {h.lastUnrecognized.message}
                    </summary>
                    <ul class="mono shape">
                      {h.lastUnrecognized.shape.slice(0, 100).map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  t('optHealthNone')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row buttons">
        <button type="button" onClick={() => void copy()} data-testid="health-copy">
          {t('optHealthCopy')}
        </button>
        <span role="status">{status}</span>
      </div>
      <p class="muted">{t('optHealthCopyHint')}</p>
      {report && (
        <pre class="report-text" data-testid="health-report">
          {report}
        </pre>
      )}
    </div>
  );
}
