import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../src/shared/i18n';
import { parseSettings } from '../../../src/core/settings';
import { asLanguageChoice } from '../../../src/core/language';

const catalog = (locale: string) => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));

describe('formatMessage (chrome.i18n substitution rules)', () => {
  it('fills named placeholders from $1…$9 and keeps $$ as a dollar sign', () => {
    const entry = { message: '$WHO$ 的包裹 $N$ 件，运费 $$5', placeholders: { who: { content: '$1' }, N: { content: '$2' } } };
    expect(formatMessage(entry, ['张三', '3'])).toBe('张三 的包裹 3 件，运费 $5');
    expect(formatMessage(entry, '李四')).toBe('李四 的包裹  件，运费 $5');
    expect(formatMessage(undefined)).toBe('');
  });

  it('leaves no placeholder unfilled in any message of either locale', () => {
    for (const locale of ['zh_CN', 'en']) {
      for (const [key, entry] of Object.entries(catalog(locale)) as [string, { message: string }][]) {
        const out = formatMessage(entry as never, ['A1', 'B2', 'C3', 'D4', 'E5']);
        expect(out, `${locale}:${key}`).not.toMatch(/\$[A-Za-z_]+\$/);
      }
    }
  });

  it('both locales have the same keys and say which catalog they are', () => {
    const zh = catalog('zh_CN');
    const en = catalog('en');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(zh.localeId.message).toBe('zh_CN');
    expect(en.localeId.message).toBe('en');
  });
});

describe('language setting', () => {
  it('defaults to following the browser and rejects unknown values', () => {
    expect(parseSettings({}).language).toBe('auto');
    expect(parseSettings({ language: 'en' }).language).toBe('en');
    expect(parseSettings({ language: 'zh_CN' }).language).toBe('zh_CN');
    expect(parseSettings({ language: 'fr' }).language).toBe('auto');
    expect(asLanguageChoice(42)).toBe('auto');
  });
});
