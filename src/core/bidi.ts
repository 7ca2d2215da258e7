// Bidirectional-text controls (LRE…RLO U+202A–202E, LRI…PDI U+2066–2069, LRM/RLM U+200E/F) let a shop
// name or event text display reversed or hide what follows; inside a tracking number they split it. They
// are removed wherever text enters: capture, paste, import and restore.
export const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export const stripBidi = (s: string): string => (BIDI_CONTROLS.test(s) ? s.replace(BIDI_CONTROLS, '') : s);
