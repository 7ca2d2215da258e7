// The content script's outbox: every message to the background waits here until the background answers
// it. A send that fails (the worker was stopped, or restarted in the middle of the message) is retried
// with backoff, in order, so a capture is not lost when the worker stops; a refusal (the message is
// invalid, the platform is switched off) is final. Merges are idempotent, so a resend never duplicates.

export interface OutboxOptions {
  /** First retry delay; doubles each attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed sends a message is given up (about 3 minutes at the defaults). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Reply = { ok: boolean; error?: string } | undefined;

interface Item<M> {
  msg: M;
  attempts: number;
  onReply?: (reply: NonNullable<Reply>) => void;
  onGiveUp?: () => void;
}

/** Errors that say the background did not (fully) handle the message, so a resend may succeed. */
const TRANSIENT = /internal error|database|transaction|abort|closed|interrupted/i;

export function createOutbox<M>(send: (msg: M) => Promise<unknown>, opts: OutboxOptions = {}) {
  const base = opts.baseDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 5000;
  const maxAttempts = opts.maxAttempts ?? 45;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queue: Item<M>[] = [];
  let pumping = false;

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length) {
        const item = queue[0];
        let reply: Reply;
        let failed = false;
        try {
          reply = (await send(item.msg)) as Reply;
          if (!reply || typeof reply !== 'object') failed = true; // no listener answered (worker starting)
          else if (!reply.ok && TRANSIENT.test(String(reply.error))) failed = true;
        } catch {
          failed = true;
        }
        if (failed) {
          item.attempts++;
          if (item.attempts >= maxAttempts) {
            queue.shift();
            item.onGiveUp?.();
          } else await sleep(Math.min(max, base * 2 ** (item.attempts - 1)));
          continue;
        }
        queue.shift();
        item.onReply?.(reply!);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    /** Queue a message; `onReply` gets the background's answer once it has one. */
    push(msg: M, onReply?: (reply: NonNullable<Reply>) => void, onGiveUp?: () => void) {
      queue.push({ msg, attempts: 0, onReply, onGiveUp });
      void pump();
    },
    get size() {
      return queue.length;
    },
    /** Resolves when the queue is empty (tests). */
    async drained() {
      while (queue.length || pumping) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
