// The Kuaishou (快手小店) adapter. URL rules are guesses (see urls.ts); parsing is the generic scan (parse.ts).
import type { PlatformAdapter } from '../types';
import { KUAISHOU_FACTS } from './facts';
import { createKuaishouParsers } from './parse';
import { kuaishouPageKind, isKuaishouInterestingResponse } from './urls';

export function createKuaishouAdapter(opts: { now?: () => number } = {}): PlatformAdapter {
  const { parseDocument, parsePayload } = createKuaishouParsers(opts.now);
  return {
    id: 'kuaishou',
    facts: KUAISHOU_FACTS,
    pageKind: kuaishouPageKind,
    isInterestingResponse: isKuaishouInterestingResponse,
    parseDocument,
    parsePayload,
  };
}

export const kuaishou: PlatformAdapter = createKuaishouAdapter();
