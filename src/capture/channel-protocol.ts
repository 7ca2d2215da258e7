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
/** Largest body the hook copies (characters). Order lists are far below this. */
export const MAX_BODY_CHARS = 3_000_000;

/** A copied response, serialized as JSON in the CustomEvent detail (strings cross worlds in every browser). */
export interface CapturedResponse {
  nonce: string;
  kind: 'fetch' | 'xhr' | 'jsonp';
  url: string;
  status: number;
  body: string;
  truncated: boolean;
  /** Characters of the whole body (before truncation). */
  size: number;
  /** The browser had parsed the body already (XHR responseType json, a JSONP argument): integers beyond
   * 2^53 were rounded before the hook saw them. */
  parsed: boolean;
  /** How many such integers the hook replaced with null. */
  lostIntegers: number;
}

/** Response URLs worth copying: orders, logistics, express/track, after-sale. Cheap, generic pre-filter;
 * each platform adapter filters again with its own isInterestingResponse. */
export const INTERESTING_URL =
  /order|logistic|express|track|trace|wuliu|transit|delivery|deliver|waybill|after_?sale|aftersale|refund|bought|package/i;
