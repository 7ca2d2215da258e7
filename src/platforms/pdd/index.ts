// The Pinduoduo (拼多多) adapter: pages dispatch by page kind, the order_list_v4 and after_sales_list answers by URL
// (parse.ts, parse-after-sale.ts).
import { emptyResult, type ParseResult, type PlatformAdapter } from '../types';
import { PDD_FACTS } from './facts';
import { parsePddDetailDocument, parsePddListDocument, parsePddLogisticsDocument, parsePddOrderList } from './parse';
import { parsePddAfterSaleDocument, parsePddAfterSaleList } from './parse-after-sale';
import { isPddAfterSaleListAnswer, isPddInterestingResponse, isPddOrderListAnswer, pddPageKind } from './urls';

function parseDocument(doc: Document, url: URL): ParseResult {
  switch (pddPageKind(url)) {
    case 'order_list':
      return parsePddListDocument(doc, url);
    case 'order_detail':
      return parsePddDetailDocument(doc, url);
    case 'logistics':
      return parsePddLogisticsDocument(doc, url);
    case 'after_sale':
      return parsePddAfterSaleDocument(doc, url);
    default:
      return emptyResult('list');
  }
}

function parsePayload(body: string, responseUrl: URL): ParseResult | null {
  if (typeof body !== 'string') return null;
  if (isPddAfterSaleListAnswer(responseUrl)) return parsePddAfterSaleList(body);
  if (!isPddOrderListAnswer(responseUrl)) return null;
  return parsePddOrderList(body);
}

export const pdd: PlatformAdapter = {
  id: 'pdd',
  facts: PDD_FACTS,
  pageKind: pddPageKind,
  isInterestingResponse: isPddInterestingResponse,
  parseDocument,
  parsePayload,
};
