// The user's settings as the background reads them: storage.local, validated on every read (see core/settings).
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { browser } from '../shared/browser';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(got[SETTINGS_KEY]);
}
