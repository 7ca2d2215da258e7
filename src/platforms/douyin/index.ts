// The Douyin (抖音商城) adapter. URL rules are guesses (see urls.ts); parsing is the generic scan (parse.ts).
import type { PlatformAdapter } from '../types';
import { createDouyinParsers } from './parse';
import { DOUYIN_MATCHES, DOUYIN_ORDER_PAGE_URL, douyinPageKind, isDouyinInterestingResponse } from './urls';

export function createDouyinAdapter(opts: { now?: () => number } = {}): PlatformAdapter {
  const { parseDocument, parsePayload } = createDouyinParsers(opts.now);
  return {
    id: 'douyin',
    name: { zh: '抖音', en: 'Douyin' },
    matches: DOUYIN_MATCHES,
    orderPageUrl: DOUYIN_ORDER_PAGE_URL,
    pageKind: douyinPageKind,
    isInterestingResponse: isDouyinInterestingResponse,
    parseDocument,
    parsePayload,
  };
}

export const douyin: PlatformAdapter = createDouyinAdapter();
