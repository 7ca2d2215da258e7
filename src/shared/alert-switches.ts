// The alert switches (settings `alertKinds`) as the popup and the badge read them: one storage.local read of the
// settings object, no validator (core/alert-switches.ts), and a callback when the options page switches a kind —
// only then, not on every settings save.
import { alertKindsOff, alertOnFrom, ALL_ALERTS_ON, SETTINGS_KEY, type AlertOn } from '../core/alert-switches';
import { browser } from './browser';

let current: AlertOn = ALL_ALERTS_ON;
let currentOff = '';
const listeners = new Set<(on: AlertOn) => void>();
let ready: Promise<void> | null = null;

function apply(raw: unknown): boolean {
  const off = alertKindsOff(raw);
  const id = off.join(',');
  if (id === currentOff) return false;
  currentOff = id;
  current = alertOnFrom(off);
  return true;
}

/** The switches now (all on until loadAlertSwitches() has read them). */
export const alertSwitches = (): AlertOn => current;

/** Reads the switches once and follows their changes; answers the switches now. Idempotent. */
export async function loadAlertSwitches(): Promise<AlertOn> {
  ready ??= (async () => {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      if (apply(changes[SETTINGS_KEY].newValue)) for (const fn of listeners) fn(current);
    });
    try {
      apply((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    } catch {
      // storage unavailable: every alert stays on
    }
  })();
  await ready;
  return current;
}

/** Called with the new switches whenever a kind is switched on or off; returns the unsubscribe. */
export function onAlertSwitchesChange(fn: (on: AlertOn) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
