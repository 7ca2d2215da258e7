import { render } from 'preact';
import { t } from '../i18n';

function Options() {
  return (
    <main style={{ maxWidth: '720px', margin: '32px auto', font: '14px system-ui, sans-serif' }}>
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsComingSoon')}</p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
