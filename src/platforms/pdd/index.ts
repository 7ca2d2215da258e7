// The Pinduoduo (拼多多) adapter: pages dispatch by page kind, the order_list_v4 answer by URL (parse.ts).
import { emptyResult, type ParseResult, type PlatformAdapter } from '../types';
import { PDD_FACTS } from './facts';
import { parsePddDetailDocument, parsePddListDocument, parsePddLogisticsDocument, parsePddOrderList } from './parse';
import { isPddInterestingResponse, isPddOrderListAnswer, pddPageKind } from './urls';

function parseDocument(doc: Document, url: URL): ParseResult {
  switch (pddPageKind(url)) {
    case 'order_list':
      return parsePddListDocument(doc, url);
    case 'order_detail':
      return parsePddDetailDocument(doc, url);
    case 'logistics':
      return parsePddLogisticsDocument(doc, url);
    default:
      return emptyResult('list');
  }
}

function parsePayload(body: string, responseUrl: URL): ParseResult | null {
  if (typeof body !== 'string' || !isPddOrderListAnswer(responseUrl)) return null;
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
