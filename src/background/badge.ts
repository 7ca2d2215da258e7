// The toolbar badge counts what needs the shopper: parcels waiting for pickup + the needs-attention rows
// (stalled parcels, missed promises…), the same two sections the popup shows first. Index counts only. An alert
// switched off in the settings (alertKinds) counts as the popup shows it: not at all.
import { needsUserTotal } from '../db/popup-data';
import { loadAlertPrefs } from '../shared/alert-prefs';
import { getDb } from '../db/schema';
import { browser } from '../shared/browser';
import { initLanguage, t } from '../shared/i18n';

export async function badgeCount(): Promise<number> {
  return needsUserTotal(getDb(), Date.now(), await loadAlertPrefs());
}

export async function updateBadge(): Promise<number> {
  const n = await badgeCount();
  try {
    await browser.action.setBadgeBackgroundColor({ color: '#ff6a00' });
    await browser.action.setBadgeText({ text: n ? String(Math.min(n, 999)) : '' });
    await initLanguage();
    await browser.action.setTitle({ title: n ? t('badgeTitleNeeds', String(n)) : t('badgeTitleNone') });
  } catch {
    // action API unavailable (tests without it): the count is still returned
  }
  return n;
}
