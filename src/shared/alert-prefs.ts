// The alert settings (switches `alertKinds` and thresholds `alerts`) as the popup and the badge read them: one
// storage.local read of the settings object, no validator (core/alert-prefs.ts), and a callback when the options
// page changes one of them — only then, not on every settings save.
import { alertPrefsOf, DEFAULT_ALERT_PREFS, SETTINGS_KEY, type AlertPrefs } from '../core/alert-prefs';
import { browser } from './browser';

let current: AlertPrefs = DEFAULT_ALERT_PREFS;
let currentId = alertPrefsOf(undefined).id;
const listeners = new Set<(prefs: AlertPrefs) => void>();
let ready: Promise<void> | null = null;

function apply(raw: unknown): boolean {
  const { prefs, id } = alertPrefsOf(raw);
  if (id === currentId) return false;
  currentId = id;
  current = prefs;
  return true;
}

/** The alert settings now (the defaults until loadAlertPrefs() has read them). */
export const alertPrefs = (): AlertPrefs => current;

/** Reads the alert settings once and follows their changes; answers them now. Idempotent. */
export async function loadAlertPrefs(): Promise<AlertPrefs> {
  ready ??= (async () => {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      if (apply(changes[SETTINGS_KEY].newValue)) for (const fn of listeners) fn(current);
    });
    try {
      apply((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    } catch {
      // storage unavailable: the defaults stay
    }
  })();
  await ready;
  return current;
}

/** Called with the new settings whenever a switch or a threshold changes; returns the unsubscribe. */
export function onAlertPrefsChange(fn: (prefs: AlertPrefs) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
