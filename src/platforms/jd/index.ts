// The JD (京东) adapter: the page readers of ./content.ts (what the content script starts), plus the captured
// answers by URL, read in the background (parse.ts reads each format; parse-after-sale.ts the after-sale pages).
import type { ParseResult, PlatformAdapter } from '../types';
import { jd as pages } from './content';
import { parseOrderListM, parseTrackMultiPackage } from './parse';
import { jdResponseKind } from './urls';

function parsePayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null {
  if (typeof body !== 'string') return null;
  switch (jdResponseKind(responseUrl)) {
    case 'order_list_m':
      return parseOrderListM(body);
    case 'track_multi_package':
      return parseTrackMultiPackage(body, responseUrl, pageUrl);
    default:
      return null;
  }
}

export const jd: PlatformAdapter = { ...pages, parsePayload };
