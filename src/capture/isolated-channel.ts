// ISOLATED-world end of the private channel to the MAIN-world hook (see channel-protocol.ts).
import { CAPTURE_EVENT, CAPTURE_PART_CHARS, CHANNEL_TAG, HELLO_EVENT, MAX_BODY_CHARS, WAITING_TAG, type CapturedHeader, type CapturedResponse } from './channel-protocol';

function isPiece(x: unknown): x is CapturedHeader {
  const c = x as CapturedHeader;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.nonce === 'string' &&
    Number.isSafeInteger(c.id) &&
    Number.isSafeInteger(c.seq) &&
    typeof c.end === 'boolean' &&
    typeof c.url === 'string' &&
    typeof c.status === 'number' &&
    typeof c.truncated === 'boolean' &&
    typeof c.size === 'number' &&
    typeof c.parsed === 'boolean' &&
    (c.kind === 'fetch' || c.kind === 'xhr' || c.kind === 'jsonp')
  );
}

/** Responses being received at once, at most (a page loads a few order answers at a time). */
const MAX_OPEN = 8;

/** Connect to the hook; `onCapture` receives each copied response whose nonce matches, as its pieces.
 * Runs at document_start. Each piece arrives in a task of the hook's own (one slice of the body); the
 * listener keeps it — bounded work per piece — and never joins the pieces. A complete response is handed
 * on in a task of its own (`defer`). */
export function connectToHook(onCapture: (c: CapturedResponse) => void, defer: (job: () => void) => void = (job) => setTimeout(job, 0)): void {
  const root = document.documentElement;
  if (!root) return;
  const listen = (channel: Element) => {
    const nonce = channel.getAttribute('data-nonce');
    channel.removeAttribute('data-nonce');
    channel.remove();
    if (!nonce) return;
    const open = new Map<number, { chunks: string[]; chars: number; next: number }>();
    channel.addEventListener(CAPTURE_EVENT, (e) => {
      try {
        const detail = (e as CustomEvent).detail;
        if (typeof detail !== 'string') return;
        const cut = detail.indexOf('\n');
        if (cut < 0 || cut > 10_000) return;
        const head: unknown = JSON.parse(detail.slice(0, cut));
        if (!isPiece(head) || head.nonce !== nonce) return;
        const text = detail.slice(cut + 1);
        let r = open.get(head.id);
        if (head.seq === 0) {
          if (open.size >= MAX_OPEN) open.delete(open.keys().next().value!);
          open.set(head.id, (r = { chunks: [], chars: 0, next: 0 }));
        }
        // Out of order or over the cap (the hook never sends either): the response is dropped.
        if (!r || r.next !== head.seq || text.length > CAPTURE_PART_CHARS || r.chars + text.length > MAX_BODY_CHARS) return void open.delete(head.id);
        if (text) r.chunks.push(text);
        r.chars += text.length;
        r.next++;
        if (!head.end) return;
        open.delete(head.id);
        const { kind, url, status, truncated, size, parsed } = head;
        const chunks = truncated ? [] : r.chunks;
        defer(() => onCapture({ nonce, kind, url, status, truncated, size, parsed, chunks }));
      } catch {
        // malformed copy: ignore
      }
    });
  };
  const parked = root.querySelector(`:scope > ${CHANNEL_TAG}`);
  if (parked) {
    listen(parked);
    return;
  }
  const waiting = document.createElement(WAITING_TAG);
  waiting.addEventListener(
    HELLO_EVENT,
    () => {
      const channel = waiting.querySelector(CHANNEL_TAG);
      waiting.remove();
      if (channel) listen(channel);
    },
    { once: true },
  );
  root.appendChild(waiting);
  // If no hook answers (it is injected on the same pages, so this is rare), leave no trace in the page.
  addEventListener('DOMContentLoaded', () => waiting.remove(), { once: true });
}
