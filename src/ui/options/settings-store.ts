// Settings in storage.local (never sync: they hold tracking-service keys). The options page writes them itself,
// always through parseSettings, so what is stored is always complete and valid.
import { parseSettings, SETTINGS_KEY, SERVICE_ORIGINS, type ServiceId, type Settings } from '../../core/settings';
import { browser } from '../../shared/browser';

export { loadSettings } from '../../shared/settings-storage';

export async function saveSettings(s: Settings): Promise<Settings> {
  const valid = parseSettings(s);
  await browser.storage.local.set({ [SETTINGS_KEY]: valid });
  return valid;
}

/** Change only the language in the stored settings (the rest of an unsaved form stays unsaved). */
export async function saveLanguage(language: Settings['language']): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  return saveSettings({ ...parseSettings(stored), language });
}

/** Ask for a service's host permission. Must be called synchronously from the click that enables it (the
 * browser only shows the prompt during a user gesture). */
export function requestServiceOrigins(service: ServiceId): Promise<boolean> {
  return browser.permissions.request({ origins: [...SERVICE_ORIGINS[service]] }).catch(() => false);
}

export function releaseServiceOrigins(service: ServiceId): Promise<boolean> {
  return browser.permissions.remove({ origins: [...SERVICE_ORIGINS[service]] }).catch(() => false);
}

/** Every secret in the settings (for redaction of copied reports). */
export const secretsOf = (s: Settings): string[] =>
  [s.services.kuaidi100.customer, s.services.kuaidi100.key, s.services.seventeenTrack.apiKey].filter(Boolean);
