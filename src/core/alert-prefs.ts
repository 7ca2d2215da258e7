// What the shopper chose about alerts — which last-mile kinds are switched off (settings `alertKinds`, issue #16)
// and after how many hours a parcel counts as stalled, late and so on (settings `alerts`) — read straight from
// the stored settings object without the settings validator: the popup and the badge need these answers, and
// loading core/settings.ts (with valibot) would put the validator on the popup's first load. It answers exactly
// what parseSettings(raw) answers — tests/unit/core/alert-prefs.test.ts checks the two agree — so the popup,
// the badge and the notifications judge a parcel by the same thresholds.
import { DEFAULT_THRESHOLDS, LAST_MILE_ALERTS, type AlertKind, type AlertThresholds, type LastMileAlert } from './alerts';

/** storage.local key of the settings object (re-exported by core/settings.ts). */
export const SETTINGS_KEY = 'settings';

/** Is an alert kind switched on? Only the last-mile kinds have switches; every other kind is always on. */
export type AlertOn = (kind: AlertKind) => boolean;

export const ALL_ALERTS_ON: AlertOn = () => true;

/** The alert settings the popup and the badge apply. */
export interface AlertPrefs {
  on: AlertOn;
  thresholds: AlertThresholds;
}

export const DEFAULT_ALERT_PREFS: AlertPrefs = { on: ALL_ALERTS_ON, thresholds: DEFAULT_THRESHOLDS };

/** The largest threshold settings accept (core/settings.ts `Hours`, the options page's fields): 30 days. */
export const MAX_ALERT_HOURS = 24 * 30;
const validHours = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= MAX_ALERT_HOURS;

const objectOf = (x: unknown): Record<string, unknown> | undefined => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined);

/** The last-mile kinds switched off in a raw (unvalidated) stored settings value, in LAST_MILE_ALERTS order.
 * A kind is off only when stored as `false`; any other value falls back to the default, on. */
export function alertKindsOff(rawSettings: unknown): LastMileAlert[] {
  const kinds = objectOf(objectOf(rawSettings)?.alertKinds);
  if (!kinds) return [];
  return LAST_MILE_ALERTS.filter((k) => kinds[k] === false);
}

/** The thresholds in a raw stored settings value: each valid field as stored, every other one the default. */
export function alertThresholdsOf(rawSettings: unknown): AlertThresholds {
  const stored = objectOf(objectOf(rawSettings)?.alerts) ?? {};
  const out = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(DEFAULT_THRESHOLDS) as (keyof AlertThresholds)[]) {
    const v = stored[k];
    if (validHours(v)) out[k] = v;
  }
  return out;
}

/** The switch of each kind, from the kinds switched off. */
export function alertOnFrom(off: readonly AlertKind[]): AlertOn {
  if (!off.length) return ALL_ALERTS_ON;
  const set = new Set<AlertKind>(off);
  return (kind) => !set.has(kind);
}

/** The alert settings in a raw stored settings value, with an id that changes only when they do. */
export function alertPrefsOf(rawSettings: unknown): { prefs: AlertPrefs; id: string } {
  const off = alertKindsOff(rawSettings);
  const thresholds = alertThresholdsOf(rawSettings);
  const id = `${off.join(',')}|${(Object.keys(DEFAULT_THRESHOLDS) as (keyof AlertThresholds)[]).map((k) => thresholds[k]).join(',')}`;
  return { prefs: { on: alertOnFrom(off), thresholds }, id };
}
