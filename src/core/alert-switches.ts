// Which alerts the shopper switched off (settings `alertKinds`, issue #16), read straight from the stored settings
// object without the settings validator: the popup and the badge need this one answer, and loading
// core/settings.ts (with valibot) would put the validator on the popup's first load. It answers exactly what
// parseSettings(raw).alertKinds answers: a kind is off only when stored as `false` (any other value falls back to
// the default, on) — tests/unit/core/alert-switches.test.ts checks the two agree.
import { LAST_MILE_ALERTS, type AlertKind, type LastMileAlert } from './alerts';

/** storage.local key of the settings object (re-exported by core/settings.ts). */
export const SETTINGS_KEY = 'settings';

/** Is an alert kind switched on? Only the last-mile kinds have switches; every other kind is always on. */
export type AlertOn = (kind: AlertKind) => boolean;

export const ALL_ALERTS_ON: AlertOn = () => true;

/** The last-mile kinds switched off in a raw (unvalidated) stored settings value, in LAST_MILE_ALERTS order. */
export function alertKindsOff(rawSettings: unknown): LastMileAlert[] {
  const kinds = rawSettings && typeof rawSettings === 'object' ? (rawSettings as { alertKinds?: unknown }).alertKinds : undefined;
  if (!kinds || typeof kinds !== 'object' || Array.isArray(kinds)) return [];
  return LAST_MILE_ALERTS.filter((k) => (kinds as Record<string, unknown>)[k] === false);
}

/** The switch of each kind, from the kinds switched off. */
export function alertOnFrom(off: readonly AlertKind[]): AlertOn {
  if (!off.length) return ALL_ALERTS_ON;
  const set = new Set<AlertKind>(off);
  return (kind) => !set.has(kind);
}
