// ISOLATED-world end of the private channel to the MAIN-world hook (see channel-protocol.ts).
import { CAPTURE_EVENT, CHANNEL_TAG, HELLO_EVENT, WAITING_TAG, type CapturedResponse } from './channel-protocol';

function isCaptured(x: unknown): x is CapturedResponse {
  const c = x as CapturedResponse;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.nonce === 'string' &&
    typeof c.url === 'string' &&
    typeof c.body === 'string' &&
    typeof c.status === 'number' &&
    (c.kind === 'fetch' || c.kind === 'xhr' || c.kind === 'jsonp')
  );
}

/** Connect to the hook; `onCapture` receives each copied response whose nonce matches. Runs at document_start. */
export function connectToHook(onCapture: (c: CapturedResponse) => void): void {
  const root = document.documentElement;
  if (!root) return;
  const listen = (channel: Element) => {
    const nonce = channel.getAttribute('data-nonce');
    channel.removeAttribute('data-nonce');
    channel.remove();
    if (!nonce) return;
    channel.addEventListener(CAPTURE_EVENT, (e) => {
      try {
        const detail = (e as CustomEvent).detail;
        const parsed: unknown = typeof detail === 'string' ? JSON.parse(detail) : null;
        if (isCaptured(parsed) && parsed.nonce === nonce) onCapture(parsed);
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
