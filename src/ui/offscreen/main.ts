// Offscreen document (Chrome only): the service worker has no clipboard, so a notification's "复制取件码" or
// "复制投诉凭证" button asks this hidden page to copy. It accepts only our background's message, nothing from tabs.
import { browser, type Runtime } from '../../shared/browser';

/** A pickup code is short; an evidence text (core/evidence.ts: bounded lines and a link) stays well under this. */
const MAX_TEXT = 4000;

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const m = message as { type?: unknown; text?: unknown } | null;
  if (m?.type !== 'offscreen/copy') return undefined;
  if (sender.id !== browser.runtime.id || sender.tab || typeof m.text !== 'string' || m.text.length > MAX_TEXT) return Promise.resolve(false);
  const area = document.getElementById('buffer') as HTMLTextAreaElement;
  area.value = m.text;
  area.select();
  // execCommand is the one clipboard path open to a document without focus (offscreen reason CLIPBOARD).
  const ok = document.execCommand('copy');
  area.value = '';
  return Promise.resolve(ok);
});
