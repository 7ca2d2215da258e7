// The Pinduoduo (拼多多) content script's adapter (vite.config.ts picks this file over ./index.ts): the page
// readers, dispatched by page kind. The order_list_v4 and after_sales_list answers are captured by the hook and
// read in the background by ./index.ts; Pinduoduo has no follow-up the content script fetches itself, so the
// answer parsers stay out of this script and its 30 KB budget.
import { emptyResult, type ContentAdapter, type ParseResult } from '../types';
import { PDD_FACTS } from './facts';
import { parsePddDetailDocument, parsePddListDocument, parsePddLogisticsDocument } from './parse';
import { parsePddAfterSaleDocument } from './parse-after-sale';
import { isPddInterestingResponse, pddPageKind } from './urls';

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

export const pdd: ContentAdapter = {
  id: 'pdd',
  facts: PDD_FACTS,
  pageKind: pddPageKind,
  isInterestingResponse: isPddInterestingResponse,
  parseDocument,
};
