// The user's settings as every extension context reads them: storage.local (never sync: they hold tracking-
// service keys), validated on every read by parseSettings (src/core/settings.ts).
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { browser } from './browser';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}
