// The private channel between the MAIN-world hook and the ISOLATED content script.
//
// Why not window.postMessage: every script of the shop page sees those messages, so a nonce sent with them
// leaks on the first message. Instead the two worlds exchange one detached DOM element during document_start,
// before any page script runs, and talk through CustomEvents dispatched on it. Page scripts never get a
// reference to that element. A per-page nonce still travels in every message as a second check.
//
// Handshake (either world may run first):
//  - MAIN creates the channel element. If ISOLATED's waiting element is in the document, MAIN appends the
//    channel to it and fires HELLO on it; otherwise MAIN parks the channel on <html> for ISOLATED to take.
//  - ISOLATED takes a parked channel (and removes it), or parks a waiting element and listens for HELLO.

export const CHANNEL_TAG = 'parcelhub-channel';
export const WAITING_TAG = 'parcelhub-waiting';
export const HELLO_EVENT = 'parcelhub:hello';
export const CAPTURE_EVENT = 'parcelhub:capture';
/** Largest body the hook hands on (characters); a larger one is reported, not read. A list of 10,000
 * orders is about 6 M characters. */
export const MAX_BODY_CHARS = 12_000_000;
/** Characters per piece of a copied body, both hook → content script (one CustomEvent each, structured-
 * cloned across worlds) and content script → background (one capture/part message each). Each piece is
 * copied, sent and serialised in a task of its own on the shop page's thread, so it must stay well under a
 * 50 ms task even on a slow, loaded machine (a profile on a loaded 2-core machine saw 256 K characters cost
 * 50–110 ms to send, mostly the message's serialisation): the whole body is never copied in one task. */
export const CAPTURE_PART_CHARS = 64 * 1024;

/** One piece of a copied response. The CustomEvent detail is a string (strings cross worlds in every
 * browser): this header as JSON, a newline, then the piece's text. Pieces of one response share `id` and
 * arrive in order (`seq` 0, 1, …); the one with `end` closes it. */
export interface CapturedHeader {
  nonce: string;
  /** Per-page number of the response the piece belongs to. */
  id: number;
  seq: number;
  end: boolean;
  kind: 'fetch' | 'xhr' | 'jsonp';
  /** The response's own URL (after redirects), else the requested one. */
  url: string;
  status: number;
  /** The body was over MAX_BODY_CHARS and is not sent (the reader reports it). Set on the last piece. */
  truncated: boolean;
  /** Characters of the whole body (on the last piece; so far, on the others). */
  size: number;
  /** The browser had parsed the body already (XHR responseType json, a JSONP argument): integers beyond
   * 2^53 were rounded before the hook saw them. */
  parsed: boolean;
}

/** A whole copied response as the content script hands it on: its pieces, never joined in the page. */
export interface CapturedResponse extends Omit<CapturedHeader, 'id' | 'seq' | 'end'> {
  /** The body's pieces, each at most CAPTURE_PART_CHARS; empty when truncated. */
  chunks: string[];
}

/** Response URLs worth copying: orders, logistics, express/track, after-sale. Cheap, generic pre-filter;
 * each platform adapter filters again with its own isInterestingResponse. */
export const INTERESTING_URL =
  /order|logistic|express|track|trace|wuliu|transit|delivery|deliver|waybill|after_?sale|aftersale|refund|bought|package/i;
