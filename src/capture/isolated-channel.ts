// ISOLATED-world end of the private channel to the MAIN-world hook (see channel-protocol.ts).
import { CAPTURE_EVENT, CHANNEL_TAG, HELLO_EVENT, WAITING_TAG, type CapturedHeader, type CapturedResponse } from './channel-protocol';

function isCaptured(x: unknown): x is CapturedHeader {
  const c = x as CapturedHeader;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.nonce === 'string' &&
    typeof c.url === 'string' &&
    typeof c.status === 'number' &&
    typeof c.truncated === 'boolean' &&
    typeof c.size === 'number' &&
    typeof c.parsed === 'boolean' &&
    (c.kind === 'fetch' || c.kind === 'xhr' || c.kind === 'jsonp')
  );
}

/** Connect to the hook; `onCapture` receives each copied response whose nonce matches. Runs at document_start.
 * The hook dispatches inside the page's own task (its fetch/XHR/JSONP callback), so the listener only keeps
 * the copy's text and returns; reading it happens in a task of its own (`defer`). */
export function connectToHook(onCapture: (c: CapturedResponse) => void, defer: (job: () => void) => void = (job) => setTimeout(job, 0)): void {
  const root = document.documentElement;
  if (!root) return;
  const listen = (channel: Element) => {
    const nonce = channel.getAttribute('data-nonce');
    channel.removeAttribute('data-nonce');
    channel.remove();
    if (!nonce) return;
    channel.addEventListener(CAPTURE_EVENT, (e) => {
      const detail = (e as CustomEvent).detail;
      if (typeof detail !== 'string') return;
      defer(() => {
        try {
          const cut = detail.indexOf('\n');
          if (cut < 0) return;
          const head: unknown = JSON.parse(detail.slice(0, cut));
          if (isCaptured(head) && head.nonce === nonce) onCapture({ ...head, body: detail.slice(cut + 1) });
        } catch {
          // malformed copy: ignore
        }
      });
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
