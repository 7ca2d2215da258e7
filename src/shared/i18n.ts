// Every user-facing string goes through _locales (zh_CN default, en). The shopper picks the language in the
// settings (跟随浏览器 / 简体中文 / English): "follow the browser" is chrome.i18n as is; an explicit choice loads
// that locale's messages.json from the extension itself (no bundle cost, no network) and every surface —
// popup, options, notifications, badge tooltip — switches at once through onLanguageChange. `t` stays
// synchronous: call `initLanguage()` (awaited once per context) before the first render.
import { asLanguageChoice, type LanguageChoice, type Locale } from '../core/language';
import { browser } from './browser';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Settings live in storage.local under this key (core/settings.ts); read raw here to keep the popup light. */
const SETTINGS_KEY = 'settings';

let catalog: Catalog | null = null;
let active: Locale | null = null;
const listeners = new Set<() => void>();

/** Chrome's substitution rules: $NAME$ → the placeholder's content, $1…$9 → substitutions, $$ → $. */
export function formatMessage(entry: Catalog[string] | undefined, substitutions?: string | string[]): string {
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const bySub = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  // One pass, so a substituted value is never read again as a placeholder.
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$(\d)/g, (whole, name?: string, digit?: string) => {
    if (whole === '$$') return '$';
    if (digit) return subs[Number(digit) - 1] ?? '';
    const key = name!.toLowerCase();
    return key in placeholders ? bySub(placeholders[key]) : whole;
  });
}

export function t(key: string, substitutions?: string | string[]): string {
  if (catalog) return formatMessage(catalog[key], substitutions) || key;
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The locale chrome.i18n serves (its UI language, or the default locale when we have none for it). */
function browserLocale(): Locale {
  return browser.i18n.getMessage('localeId') === 'en' ? 'en' : 'zh_CN';
}

/** The locale every string is in now. */
export function currentLocale(): Locale {
  return active ?? browserLocale();
}

/** "zh-CN" / "en": for Intl, <html lang> and reports. */
export function uiLanguage(): string {
  return currentLocale() === 'en' ? 'en' : 'zh-CN';
}

export const lang = (): 'zh' | 'en' => (currentLocale() === 'en' ? 'en' : 'zh');

async function loadCatalog(locale: Locale): Promise<Catalog> {
  const res = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
  return (await res.json()) as Catalog;
}

/** Apply a choice: no fetch when it is what the browser serves anyway. */
export async function applyLanguage(choice: LanguageChoice): Promise<void> {
  const want = choice === 'auto' ? null : choice;
  const next = want && want !== browserLocale() ? await loadCatalog(want).catch(() => null) : null;
  const changed = (want ?? browserLocale()) !== currentLocale();
  catalog = next;
  active = want && next ? want : null;
  if (typeof document !== 'undefined') document.documentElement.lang = uiLanguage();
  if (changed) for (const fn of listeners) fn();
}

let ready: Promise<void> | null = null;

/** Reads the setting once and follows its changes. Idempotent; await it before the first string. */
export function initLanguage(): Promise<void> {
  ready ??= (async () => {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      const value = changes[SETTINGS_KEY].newValue as { language?: unknown } | undefined;
      void applyLanguage(asLanguageChoice(value?.language));
    });
    const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { language?: unknown } | undefined;
    await applyLanguage(asLanguageChoice(stored?.language));
  })();
  return ready;
}

/** Called after the language changed; returns the unsubscribe. */
export function onLanguageChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
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

/** "52 小时" / "52 h" up to three days, then "3 天" / "3 d" (a long-missed promise reads as days). */
export function duration(hours: number): string {
  const h = Math.max(0, Math.floor(hours));
  return h < 72 ? t('durHours', String(h)) : t('durDays', String(Math.floor(h / 24)));
}
