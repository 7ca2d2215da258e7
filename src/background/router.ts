// The background's only door: every runtime message is checked for who sent it (our own extension, and for
// content-script messages a tab on the claimed platform's hosts), validated with the schema, and answered
// with a Reply. Errors are answered, never thrown.
import * as v from 'valibot';
import { describeIssues } from '../core/observation-schema';
import { platformForUrl } from '../platforms/url-match';
import { MESSAGE_ORIGIN, MessageSchema, type Message, type Reply } from '../shared/messages';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export type SenderCheck = { ok: true; from: 'content' | 'extension'; tabPlatform?: string } | { ok: false; error: string };

/** Pure: who sent this, and may that context send it? */
export function checkSender(type: Message['type'], sender: SenderInfo, runtimeId: string, extensionOrigin: string): SenderCheck {
  if (sender.id !== runtimeId) return { ok: false, error: 'message from another extension or a web page' };
  const fromExtension = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  const from = fromExtension ? 'extension' : 'content';
  const allowed = MESSAGE_ORIGIN[type];
  if (allowed !== 'any' && allowed !== from) return { ok: false, error: `${type} is not accepted from ${from} contexts` };
  if (from === 'content') {
    const tabUrl = sender.tab?.url;
    const frameUrl = sender.url;
    const tabPlatform = tabUrl ? platformForUrl(tabUrl) : null;
    if (!tabPlatform) return { ok: false, error: 'content message from a tab outside the platforms' };
    if (!frameUrl || platformForUrl(frameUrl) !== tabPlatform) return { ok: false, error: 'content message from a frame outside the platform' };
    return { ok: true, from, tabPlatform };
  }
  return { ok: true, from };
}

export type Handlers = {
  [K in Message['type']]: (msg: Extract<Message, { type: K }>, ctx: { tabPlatform?: string; sender: SenderInfo }) => Promise<Reply>;
};

export async function routeMessage(
  raw: unknown,
  sender: SenderInfo,
  handlers: Handlers,
  runtimeId: string,
  extensionOrigin: string,
): Promise<Reply> {
  try {
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(type in MESSAGE_ORIGIN)) return { ok: false, error: 'unknown message type' };
    const who = checkSender(type as Message['type'], sender, runtimeId, extensionOrigin);
    if (!who.ok) return who;
    const parsed = v.safeParse(MessageSchema, raw);
    if (!parsed.success) return { ok: false, error: `invalid ${type}: ${describeIssues(parsed.issues)}` };
    const msg = parsed.output;
    if (msg.type === 'capture/batch' || msg.type === 'capture/page-seen' || msg.type === 'capture/response') {
      // A content script speaks for the platform of its own tab only, about URLs on that platform.
      const claimed = msg.type === 'capture/batch' ? msg.batch.platform : msg.platform;
      const url = msg.type === 'capture/batch' ? msg.batch.url : msg.type === 'capture/response' ? msg.pageUrl : msg.url;
      if (claimed !== who.tabPlatform) return { ok: false, error: `platform ${claimed} claimed from a ${who.tabPlatform} tab` };
      if (platformForUrl(url) !== claimed) return { ok: false, error: 'observation URL is not on the claimed platform' };
    }
    const handler = handlers[msg.type] as (m: Message, c: { tabPlatform?: string; sender: SenderInfo }) => Promise<Reply>;
    return await handler(msg, { tabPlatform: who.ok ? who.tabPlatform : undefined, sender });
  } catch (e) {
    return { ok: false, error: `internal error: ${String(e).slice(0, 200)}` };
  }
}
