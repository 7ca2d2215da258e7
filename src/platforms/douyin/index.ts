// The Douyin (抖音商城) adapter. URL rules are guesses (see urls.ts); parsing is the generic scan (parse.ts).
import type { PlatformAdapter } from '../types';
import { DOUYIN_FACTS } from './facts';
import { createDouyinParsers } from './parse';
import { douyinPageKind, isDouyinInterestingResponse } from './urls';

export function createDouyinAdapter(opts: { now?: () => number } = {}): PlatformAdapter {
  const { parseDocument, parsePayload } = createDouyinParsers(opts.now);
  return {
    id: 'douyin',
    facts: DOUYIN_FACTS,
    pageKind: douyinPageKind,
    isInterestingResponse: isDouyinInterestingResponse,
    parseDocument,
    parsePayload,
  };
}

export const douyin: PlatformAdapter = createDouyinAdapter();
