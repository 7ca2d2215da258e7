// The popup's status line: per platform, when its pages were last read and whether it needs the shopper to
// sign in (a link opens the platform's order page), and "refresh now" with its progress.
import { useState } from 'preact/hooks';
// Types only from core/settings: its value exports pull the schema validator into the popup bundle.
import type { ShopPlatform } from '../../core/settings';
import { getDb, type PlatformStateValue } from '../../db/schema';
import { getMeta, getMetaMany, platformKey } from '../../db/meta';
import { PLATFORM_LINKS } from '../../platforms/ui-facts';
import type { Progress } from '../../refresh/scheduler';
import { useLiveQuery } from '../hooks/use-live-query';
import { relativeTime, t } from '../../shared/i18n';
import { platformLabel } from './row';
import { send } from './send';

const SHOP_PLATFORMS: readonly ShopPlatform[] = PLATFORM_LINKS.map((f) => f.id);
const SIGN_IN = Object.fromEntries(PLATFORM_LINKS.map((f) => [f.id, f.orderListUrl]));

interface StripData {
  states: Partial<Record<ShopPlatform, PlatformStateValue>>;
  progress?: Progress;
}

async function load(): Promise<StripData> {
  const db = getDb();
  const [rows, progress] = await Promise.all([getMetaMany(db, SHOP_PLATFORMS.map(platformKey)), getMeta(db, 'refresh:progress')]);
  const states: StripData['states'] = {};
  rows.forEach((r, i) => r && (states[SHOP_PLATFORMS[i]] = r));
  return { states, progress };
}

export function StatusStrip() {
  const d = useLiveQuery(load, [], { states: {} });
  const [result, setResult] = useState('');
  const running = !!d.progress?.running && Date.now() - d.progress.startedAt < 10 * 60_000;
  const refresh = async () => {
    setResult('');
    const r = await send({ type: 'refresh/now' });
    setResult(r.ok ? t('refreshDone', String(r.parcels ?? 0)) : t('refreshFailed'));
  };
  return (
    <div class="strip" role="status" aria-live="polite">
      {SHOP_PLATFORMS.map((p) => {
        const s = d.states[p];
        const seen = s?.lastCaptureAt ?? s?.lastPageAt;
        return (
          <span key={p} class={`pf${s?.needsSignIn ? ' warn' : ''}`} data-platform-state={p}>
            {platformLabel(p)}{' '}
            {s?.needsSignIn ? (
              <a href={SIGN_IN[p]} target="_blank" rel="noreferrer">
                {t('needsSignIn')}
              </a>
            ) : seen ? (
              <span class="muted">{relativeTime(seen)}</span>
            ) : (
              <a class="muted" href={SIGN_IN[p]} target="_blank" rel="noreferrer">
                {t('notReadYet')}
              </a>
            )}
          </span>
        );
      })}
      <button type="button" class="link refresh" disabled={running} onClick={refresh}>
        {running ? t('refreshing', [String(d.progress!.done), String(d.progress!.total)]) : result || t('refreshNow')}
      </button>
    </div>
  );
}
