// Copy text from the service worker (a notification button: a pickup code, a complaint's evidence) through an
// offscreen document, Chrome only.
import { browser } from '../shared/browser';

type OffscreenApi = {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

export async function copyFromBackground(text: string): Promise<boolean> {
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!offscreen) return false;
  try {
    const has = offscreen.hasDocument ? await offscreen.hasDocument() : false;
    if (!has) await offscreen.createDocument({ url: 'offscreen.html', reasons: ['CLIPBOARD'], justification: 'Copy a pickup code or complaint evidence from a notification button' });
  } catch {
    // "Only a single offscreen document may be created": it exists already.
  }
  try {
    return (await browser.runtime.sendMessage({ type: 'offscreen/copy', text })) === true;
  } catch {
    return false;
  }
}
