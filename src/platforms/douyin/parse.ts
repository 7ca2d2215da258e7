// Douyin parsing: the buyer formats are not public, so payloads and embedded page state (RENDER_DATA,
// window.__INITIAL_STATE__ …) go through the generic candidate-key scan; labelled DOM text is the fallback.
import type { ParseResult } from '../types';
import { createGenericParsers } from '../shared/generic-extract';
import { DOUYIN_ORDER_ID_PARAMS, douyinPageKind } from './urls';

export interface DouyinParsers {
  parsePayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null;
  parseDocument(doc: Document, url: URL): ParseResult;
}

/** `now` anchors relative promises ("明天送达"); injectable for tests. */
export function createDouyinParsers(now?: () => number): DouyinParsers {
  return createGenericParsers({ platform: 'douyin', pageKind: douyinPageKind, orderIdParams: DOUYIN_ORDER_ID_PARAMS, now });
}

const defaults = createDouyinParsers();
export const parseDouyinPayload = defaults.parsePayload;
export const parseDouyinDocument = defaults.parseDocument;
