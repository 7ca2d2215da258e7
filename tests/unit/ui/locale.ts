// chrome.i18n.getMessage over the real _locales files, for UI unit tests (vi.mock the browser module with it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export const readLocale = (lang: 'zh_CN' | 'en'): Messages =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8'));

export function getMessageFor(lang: 'zh_CN' | 'en') {
  const m = readLocale(lang);
  return (key: string, subs?: string | string[]): string => {
    const e = m[key];
    if (!e) return '';
    const args = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return e.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = e.placeholders?.[name.toUpperCase()]?.content ?? e.placeholders?.[name]?.content ?? '';
      return content.replace(/\$(\d)/g, (_x, i: string) => args[Number(i) - 1] ?? '');
    });
  };
}
