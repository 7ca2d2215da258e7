// Every user-facing string goes through _locales (zh_CN default, en). getMessage is synchronous.
import { browser } from '../shared/browser';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** "3 小时前" / "3 h ago" */
export function relativeTime(ms: number, now = Date.now()): string {
  const diff = Math.max(0, now - ms);
  const min = Math.floor(diff / 60_000);
  if (min < 1) return t('timeJustNow');
  if (min < 60) return t('timeMinutesAgo', String(min));
  const h = Math.floor(min / 60);
  if (h < 48) return t('timeHoursAgo', String(h));
  return t('timeDaysAgo', String(Math.floor(h / 24)));
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** "52 小时" / "52 h" up to three days, then "3 天" / "3 d" (a long-missed promise reads as days). */
export function duration(hours: number): string {
  const h = Math.max(0, Math.floor(hours));
  return h < 72 ? t('durHours', String(h)) : t('durDays', String(Math.floor(h / 24)));
}
