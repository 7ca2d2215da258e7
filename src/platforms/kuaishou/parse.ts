// Kuaishou parsing: the buyer formats are not public, so payloads and embedded page state
// (window.__INITIAL_STATE__, __APOLLO_STATE__, JSON script tags) go through the generic candidate-key scan;
// labelled DOM text is the fallback.
import type { ParseResult } from '../types';
import { createGenericParsers } from '../shared/generic-extract';
import { KUAISHOU_ORDER_ID_PARAMS, kuaishouPageKind } from './urls';

export interface KuaishouParsers {
  parsePayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null;
  parseDocument(doc: Document, url: URL): ParseResult;
}

/** `now` anchors relative promises ("明天送达"); injectable for tests. */
export function createKuaishouParsers(now?: () => number): KuaishouParsers {
  return createGenericParsers({ platform: 'kuaishou', pageKind: kuaishouPageKind, orderIdParams: KUAISHOU_ORDER_ID_PARAMS, now });
}

const defaults = createKuaishouParsers();
export const parseKuaishouPayload = defaults.parsePayload;
export const parseKuaishouDocument = defaults.parseDocument;
