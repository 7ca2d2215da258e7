// The Pinduoduo (拼多多) adapter: the page readers of ./content.ts (what the content script starts), plus the
// order_list_v4 and after_sales_list answers by URL, read in the background (parse.ts, parse-after-sale.ts).
import type { ParseResult, PlatformAdapter } from '../types';
import { pdd as pages } from './content';
import { parsePddOrderList } from './parse';
import { parsePddAfterSaleList } from './parse-after-sale';
import { isPddAfterSaleListAnswer, isPddOrderListAnswer } from './urls';

function parsePayload(body: string, responseUrl: URL): ParseResult | null {
  if (typeof body !== 'string') return null;
  if (isPddAfterSaleListAnswer(responseUrl)) return parsePddAfterSaleList(body);
  if (!isPddOrderListAnswer(responseUrl)) return null;
  return parsePddOrderList(body);
}

export const pdd: PlatformAdapter = { ...pages, parsePayload };
