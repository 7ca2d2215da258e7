// The shopper's language choice (a setting): follow the browser, or one of the extension's locales.
// A leaf module, so the popup can read it without the settings validator.
export const LANGUAGE_CHOICES = ['auto', 'zh_CN', 'en'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];
export type Locale = Exclude<LanguageChoice, 'auto'>;

export const asLanguageChoice = (v: unknown): LanguageChoice => (LANGUAGE_CHOICES.includes(v as LanguageChoice) ? (v as LanguageChoice) : 'auto');
