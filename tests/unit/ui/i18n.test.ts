import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getMessageFor, readLocale } from './locale';

const i18n = vi.hoisted(() => ({ lang: 'zh_CN' as 'zh_CN' | 'en' }));
vi.mock('../../../src/shared/browser', () => ({
  browser: { i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor(i18n.lang)(k, s), getUILanguage: () => (i18n.lang === 'en' ? 'en-US' : 'zh-CN') } },
}));

const { duration, relativeTime, t } = await import('../../../src/ui/i18n');

const NOW = Date.UTC(2026, 10, 22, 4);
const MIN = 60_000;

describe('relativeTime', () => {
  beforeEach(() => {
    i18n.lang = 'zh_CN';
  });

  it.each([
    [0, '刚刚'],
    [59_000, '刚刚'],
    [MIN, '1 分钟前'],
    [59 * MIN, '59 分钟前'],
    [60 * MIN, '1 小时前'],
    [47 * 60 * MIN, '47 小时前'],
    [48 * 60 * MIN, '2 天前'],
    [10 * 24 * 60 * MIN, '10 天前'],
  ])('%i ms ago reads %s', (ago, text) => {
    expect(relativeTime(NOW - ago, NOW)).toBe(text);
  });

  it('treats future times (clock skew) as just now', () => {
    expect(relativeTime(NOW + 5 * MIN, NOW)).toBe('刚刚');
  });

  it('speaks English with the en locale', () => {
    i18n.lang = 'en';
    expect(relativeTime(NOW - 3 * 60 * MIN, NOW)).toMatch(/^3 h/);
    expect(t('pasteAdded', '2')).toBe('Added 2 parcel(s)');
  });

  it('substitutes placeholders and falls back to the key', () => {
    expect(t('copyPickupCode', '4-6-7602')).toBe('复制取件码 4-6-7602');
    expect(t('no_such_key')).toBe('no_such_key');
  });
});

describe('popup strings', () => {
  it('exist in both locales, with the same placeholders', () => {
    const zh = readLocale('zh_CN');
    const en = readLocale('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const keys = ['searchLabel', 'searchPlaceholder', 'markCollected', 'timeline', 'addByPaste', 'pasteNothing', 'chooseCarrier', 'archive', 'noteLabel', 'keyboardHint'];
    for (const k of keys) {
      expect(zh[k]?.message, k).toBeTruthy();
      expect(Object.keys(en[k]?.placeholders ?? {}), k).toEqual(Object.keys(zh[k]?.placeholders ?? {}));
    }
  });
});

describe('duration', () => {
  it('says hours up to three days, then whole days, in the UI language', () => {
    i18n.lang = 'zh_CN';
    expect(duration(3)).toBe('3 小时');
    expect(duration(71.9)).toBe('71 小时');
    expect(duration(72)).toBe('3 天');
    expect(duration(17406)).toBe('725 天');
    expect(duration(-5)).toBe('0 小时');
    expect(t('alert_promise_missed', ['极速达', duration(17406)])).toBe('没有兑现承诺“极速达”，已超时 725 天');
    i18n.lang = 'en';
    expect(duration(52)).toBe('52 h');
    expect(t('alert_stalled', duration(100))).toBe('No tracking update for 4 d');
  });
});
