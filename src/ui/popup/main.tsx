import { render } from 'preact';
import { currentLocale, initLanguage, onLanguageChange } from '../../shared/i18n';
import { allRows, App, loadFirstScreen } from './app';
import { loadAlertSwitches } from '../../shared/alert-switches';
import './popup.css';

// Start-up marks (performance.mark, read by `npm run bench`): where a cold open spends its time.
performance.mark('popup:script');
const root = document.getElementById('app')!;
// The first screen's read and the language setting are both waits on other parts of the browser: start
// them together, draw once both are in (one paint with the rows, no empty frame first).
// The alert switches (one storage read) decide which alerts the first screen shows.
const first = loadAlertSwitches().then(() => loadFirstScreen());
let painted!: () => void;
// Every row is read right after the first screen is painted (not before: its reading and copying would
// delay that paint), without waiting for a component to mount, so search has them all by the first key.
const rows = allRows(new Promise<void>((r) => (painted = r)));
void Promise.all([initLanguage().then(() => performance.mark('popup:language')), first]).then(([, data]) => {
  const draw = () => render(<App key={currentLocale()} initial={data} rows={rows} />, root);
  onLanguageChange(draw);
  draw();
  requestAnimationFrame(() => setTimeout(painted, 0));
});
