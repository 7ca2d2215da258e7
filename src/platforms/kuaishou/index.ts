// The Kuaishou (快手小店) adapter. URL rules are guesses (see urls.ts); parsing is the generic scan (parse.ts).
import type { PlatformAdapter } from '../types';
import { createKuaishouParsers } from './parse';
import { KUAISHOU_MATCHES, KUAISHOU_ORDER_PAGE_URL, kuaishouPageKind, isKuaishouInterestingResponse } from './urls';

export function createKuaishouAdapter(opts: { now?: () => number } = {}): PlatformAdapter {
  const { parseDocument, parsePayload } = createKuaishouParsers(opts.now);
  return {
    id: 'kuaishou',
    name: { zh: '快手', en: 'Kuaishou' },
    matches: KUAISHOU_MATCHES,
    orderPageUrl: KUAISHOU_ORDER_PAGE_URL,
    pageKind: kuaishouPageKind,
    isInterestingResponse: isKuaishouInterestingResponse,
    parseDocument,
    parsePayload,
  };
}

export const kuaishou: PlatformAdapter = createKuaishouAdapter();
