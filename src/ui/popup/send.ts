// The popup's only way to change data: a message to the background (which validates and writes).
import type { Message, Reply } from '../../shared/messages';
import { browser } from '../../shared/browser';

export async function send(msg: Message): Promise<Reply> {
  try {
    return ((await browser.runtime.sendMessage(msg)) as Reply | undefined) ?? { ok: false, error: 'no answer' };
  } catch (e) {
    return { ok: false, error: String(e).slice(0, 200) };
  }
}
