// What the background refresh last did (refresh:state in meta): when, how many parcels, and any tracking
// service whose key was refused (it is not used again until its key is changed here).
import type { SourceId } from '../../core/settings';
import { getDb } from '../../db/schema';
import { getMeta } from '../../db/meta';
import { useLiveQuery } from '../hooks/use-live-query';
import { relativeTime, t } from '../../shared/i18n';

export function RefreshStatus() {
  const state = useLiveQuery(async () => getMeta(getDb(), 'refresh:state'), [], undefined);
  const run = state?.lastRun;
  const bad = Object.entries(state?.badKey ?? {}) as [SourceId, { at: number; message?: string }][];
  return (
    <div class="refresh-status" role="status" data-testid="refresh-status">
      <p class="muted">{run ? t('optLastRefresh', [relativeTime(run.finishedAt), String(run.refreshed), String(run.due), String(run.requests)]) : t('optNoRefreshYet')}</p>
      {bad.map(([id, b]) => (
        <p key={id} class="error" data-bad-key={id}>
          {t('optKeyRefused', [t(`optSource_${id}`), b.message ?? '', relativeTime(b.at)])}
        </p>
      ))}
    </div>
  );
}
