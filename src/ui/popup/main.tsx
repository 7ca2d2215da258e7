import { render } from 'preact';
import { currentLocale, initLanguage, onLanguageChange } from '../../shared/i18n';
import { App } from './app';
import './popup.css';

const root = document.getElementById('app')!;
// The language setting is read before the first string; a change re-mounts the page in the new language.
void initLanguage().then(() => {
  const draw = () => render(<App key={currentLocale()} />, root);
  onLanguageChange(draw);
  draw();
});
