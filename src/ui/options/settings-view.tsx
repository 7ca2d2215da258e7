// Settings form: every field of core/settings.ts. Keys are password inputs (masked unless the user shows
// them) and are never logged. Enabling a tracking service asks for its host permission from the click.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_THRESHOLDS, LAST_MILE_ALERTS, type AlertThresholds } from '../../core/alerts';
import type { Platform } from '../../core/model';
import { MAX_ALERT_HOURS, MIN_PAGE_VISIT_HOURS, NOTIFICATION_TYPES, type ServiceId, type Settings, type SourceId } from '../../core/settings';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../../core/language';
import { PLATFORM_LINKS } from '../../platforms/ui-facts';
import { t } from '../../shared/i18n';
import { platformLabel } from './labels';
import { RefreshStatus } from './refresh-status';
import { loadSettings, releaseServiceOrigins, requestServiceOrigins, saveLanguage, saveSettings } from './settings-store';

/** The registry's platforms, in its order: the on/off and page-visit toggles. */
const PLATFORM_IDS = PLATFORM_LINKS.map((f) => f.id);
const INTERVAL_FACTORS = [0.5, 1, 2, 4];
const LANGUAGE_LABEL: Record<LanguageChoice, string> = { auto: 'optLanguageAuto', zh_CN: 'optLanguageZh', en: 'optLanguageEn' };
const ALERT_KEYS: (keyof AlertThresholds)[] = ['unshippedHours', 'noPickupScanHours', 'stalledHours', 'outForDeliveryHours', 'awaitingCollectionHours', 'pickupGraceHours'];

function Check({ checked, onChange, children, testId }: { checked: boolean; onChange: (v: boolean) => void; children: ComponentChildren; testId?: string }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.currentTarget.checked)} />
      {children}
    </label>
  );
}

function Secret({ label, value, onInput, testId }: { label: string; value: string; onInput: (v: string) => void; testId: string }) {
  const [shown, setShown] = useState(false);
  return (
    <label class="field">
      <span>{label}</span>
      <span class="secret">
        <input
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellcheck={false}
          maxLength={200}
          value={value}
          data-testid={testId}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? t('optSecretHide') : t('optSecretShow')}
        </button>
      </span>
    </label>
  );
}

function Hours({ label, value, min, max, onChange, testId }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; testId?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="number" min={min} max={max} step={1} value={value} data-testid={testId} onChange={(e) => onChange(Number(e.currentTarget.value))} />
    </label>
  );
}

export function SettingsView() {
  const [s, setS] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void loadSettings().then(setS);
  }, []);
  if (!s) return <p class="muted">{t('optLoading')}</p>;

  const update = (fn: (draft: Settings) => void) => {
    const next = structuredClone(s);
    fn(next);
    setS(next);
    setStatus('');
  };
  const toggleService = (service: ServiceId, on: boolean) => {
    if (on) {
      // The permission prompt needs the user's gesture: call it before anything else awaits.
      void requestServiceOrigins(service).then((granted) => {
        update((d) => (d.services[service].enabled = granted));
        if (!granted) setStatus(t('optPermissionDenied'));
      });
    } else {
      void releaseServiceOrigins(service);
      update((d) => (d.services[service].enabled = false));
    }
  };
  const move = (i: number, by: -1 | 1) =>
    update((d) => {
      const o = d.refresh.sourceOrder;
      const j = i + by;
      if (j < 0 || j >= o.length) return;
      [o[i], o[j]] = [o[j], o[i]];
    });
  const togglePlatformIn = <P extends Platform>(list: P[], p: P, on: boolean): P[] => (on ? [...new Set([...list, p])] : list.filter((x) => x !== p));

  return (
    <form
      class="settings"
      data-testid="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void saveSettings(s).then((saved) => {
          setS(saved);
          setStatus(t('optSaved'));
        });
      }}
    >
      <label class="field">
        <span>{t('optLanguage')}</span>
        {/* Applies at once (every surface follows), without saving the rest of the form. */}
        <select
          value={s.language}
          data-testid="set-language"
          onChange={(e) => {
            const language = e.currentTarget.value as LanguageChoice;
            update((d) => (d.language = language));
            void saveLanguage(language);
          }}
        >
          {LANGUAGE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(LANGUAGE_LABEL[c])}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('optSetRefresh')}</legend>
        <Check checked={s.refresh.enabled} onChange={(v) => update((d) => (d.refresh.enabled = v))} testId="set-refresh">
          {t('optSetRefreshOn')}
        </Check>
        <label class="field">
          <span>{t('optSetInterval')}</span>
          <select value={String(s.refresh.intervalFactor)} data-testid="set-interval" onChange={(e) => update((d) => (d.refresh.intervalFactor = Number(e.currentTarget.value)))}>
            {[...new Set([...INTERVAL_FACTORS, s.refresh.intervalFactor])].sort((a, b) => a - b).map((f) => (
              <option key={f} value={String(f)}>
                {t('optSetIntervalFactor', String(f))}
              </option>
            ))}
          </select>
        </label>
        <p class="muted">{t('optSetSourceOrder')}</p>
        <ol class="sources" data-testid="source-order">
          {s.refresh.sourceOrder.map((src: SourceId, i) => (
            <li key={src} data-source={src}>
              <span>{t(`optSource_${src}`)}</span>
              <button type="button" disabled={i === 0} aria-label={t('optMoveUp', t(`optSource_${src}`))} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" disabled={i === s.refresh.sourceOrder.length - 1} aria-label={t('optMoveDown', t(`optSource_${src}`))} onClick={() => move(i, 1)}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      </fieldset>

      <fieldset>
        <legend>{t('optSetServices')}</legend>
        <p class="muted">{t('optSetServicesHint')}</p>
        <RefreshStatus />
        <Check checked={s.services.kuaidi100.enabled} onChange={(v) => toggleService('kuaidi100', v)} testId="set-k100">
          {t('optSource_kuaidi100')}
        </Check>
        <Secret label={t('optSetK100Customer')} value={s.services.kuaidi100.customer} onInput={(v) => update((d) => (d.services.kuaidi100.customer = v))} testId="set-k100-customer" />
        <Secret label={t('optSetK100Key')} value={s.services.kuaidi100.key} onInput={(v) => update((d) => (d.services.kuaidi100.key = v))} testId="set-k100-key" />
        <Check checked={s.services.seventeenTrack.enabled} onChange={(v) => toggleService('seventeenTrack', v)} testId="set-17track">
          {t('optSource_seventeen_track')}
        </Check>
        <Secret label={t('optSet17Key')} value={s.services.seventeenTrack.apiKey} onInput={(v) => update((d) => (d.services.seventeenTrack.apiKey = v))} testId="set-17track-key" />
      </fieldset>

      <fieldset>
        <legend>{t('optSetVisits')}</legend>
        <p class="muted">{t('optSetVisitsHint')}</p>
        <Check checked={s.pageVisits.enabled} onChange={(v) => update((d) => (d.pageVisits.enabled = v))} testId="set-visits">
          {t('optSetVisitsOn')}
        </Check>
        <div class="inline">
          {PLATFORM_IDS.map((p) => (
            <Check key={p} checked={s.pageVisits.platforms.includes(p)} onChange={(v) => update((d) => (d.pageVisits.platforms = togglePlatformIn(d.pageVisits.platforms, p, v)))}>
              {platformLabel(p)}
            </Check>
          ))}
        </div>
        <Hours label={t('optSetVisitsEvery')} value={s.pageVisits.everyHours} min={MIN_PAGE_VISIT_HOURS} max={168} onChange={(v) => update((d) => (d.pageVisits.everyHours = v))} testId="set-visits-hours" />
      </fieldset>

      <fieldset>
        <legend>{t('optSetNotifications')}</legend>
        <Check checked={s.notifications.enabled} onChange={(v) => update((d) => (d.notifications.enabled = v))}>
          {t('optSetNotificationsOn')}
        </Check>
        <div class="inline">
          {NOTIFICATION_TYPES.map((k) => (
            <Check key={k} checked={s.notifications.types[k]} onChange={(v) => update((d) => (d.notifications.types[k] = v))} testId={`set-note-${k}`}>
              {t(`optNote_${k}`)}
            </Check>
          ))}
        </div>
        <Check checked={s.notifications.quietHours.enabled} onChange={(v) => update((d) => (d.notifications.quietHours.enabled = v))} testId="set-quiet">
          {t('optSetQuiet')}
        </Check>
        <div class="inline">
          <label class="field">
            <span>{t('optSetQuietFrom')}</span>
            <input type="time" value={s.notifications.quietHours.start} data-testid="set-quiet-start" onChange={(e) => update((d) => (d.notifications.quietHours.start = e.currentTarget.value))} />
          </label>
          <label class="field">
            <span>{t('optSetQuietTo')}</span>
            <input type="time" value={s.notifications.quietHours.end} onChange={(e) => update((d) => (d.notifications.quietHours.end = e.currentTarget.value))} />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('optSetAlerts')}</legend>
        <div class="grid">
          {ALERT_KEYS.map((k) => (
            <Hours key={k} label={t(`optAlert_${k}`)} value={s.alerts[k] ?? DEFAULT_THRESHOLDS[k] ?? 1} min={1} max={MAX_ALERT_HOURS} onChange={(v) => update((d) => (d.alerts[k] = v))} testId={`set-alert-${k}`} />
          ))}
        </div>
        <div class="inline">
          {LAST_MILE_ALERTS.map((k) => (
            <Check key={k} checked={s.alertKinds[k]} onChange={(v) => update((d) => (d.alertKinds[k] = v))} testId={`set-alert-kind-${k}`}>
              {t(`optAlertKind_${k}`)}
            </Check>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('optSetPlatforms')}</legend>
        <div class="inline">
          {PLATFORM_IDS.map((p) => (
            <Check key={p} checked={s.platforms[p]} onChange={(v) => update((d) => (d.platforms[p] = v))} testId={`set-platform-${p}`}>
              {platformLabel(p)}
            </Check>
          ))}
        </div>
      </fieldset>

      <div class="row buttons">
        <button type="submit" class="primary" data-testid="settings-save">
          {t('optSave')}
        </button>
        <span role="status" data-testid="settings-status">
          {status}
        </span>
      </div>
    </form>
  );
}
