import { render } from 'preact';
import { currentLocale, initLanguage, onLanguageChange } from '../../shared/i18n';
import { App, loadFirstScreen } from './app';
import { EMPTY_DATA, type PopupData } from '../../db/popup-data';
import { laterStore } from '../hooks/use-live-query';
import type { AllRows } from './all-rows';
import { loadAlertPrefs } from '../../shared/alert-prefs';
import './popup.css';

// Start-up marks (performance.mark, read by `npm run bench`): where a cold open spends its time.
performance.mark('popup:script');
const root = document.getElementById('app')!;
// The first screen's read and the language setting are both waits on other parts of the browser: start
// them together, draw once both are in (one paint with the rows, no empty frame first).
// The alert settings (one storage read: switches and thresholds) decide which alerts the first screen shows.
const first = loadAlertPrefs().then(() => loadFirstScreen());
let painted!: (first: PopupData) => void;
// Every row is read right after the first screen is painted (not before: its reading and copying would
// delay that paint), without waiting for a component to mount, in chunks (all-rows.ts) that a key pressed
// meanwhile does not wait behind.
// The reader's code (all-rows.ts, db/popup-rows.ts) loads then too: it is not part of the popup's first load.
const NO_ROWS: AllRows = { data: EMPTY_DATA, index: new Map(), complete: false };
const rows = laterStore(
  new Promise<PopupData>((r) => (painted = r)).then(async (data) => (await import('./all-rows')).allRows(Promise.resolve(data))),
  NO_ROWS,
);
void Promise.all([initLanguage().then(() => performance.mark('popup:language')), first]).then(([, data]) => {
  const draw = () => render(<App key={currentLocale()} initial={data} rows={rows} />, root);
  onLanguageChange(draw);
  draw();
  requestAnimationFrame(() => setTimeout(() => painted(data), 0));
});
