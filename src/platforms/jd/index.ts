// The JD (京东) adapter: pages dispatch by page kind, captured answers by URL (parse.ts reads each format;
// parse-after-sale.ts the after-sale service pages).
import type { Source } from '../../core/model';
import { emptyResult, type PageKind, type ParseResult, type PlatformAdapter } from '../types';
import { JD_FACTS } from './facts';
import { parseJdAfterSaleDocument } from './parse-after-sale';
import { parseJdDetailDocument, parseJdListDocument, parseJdLogisticsDocument, parseOrderListM, parseTrackMultiPackage } from './parse';
import { isJdInterestingResponse, isJdSignInPage, jdPageKind, jdResponseKind } from './urls';

const SOURCE_OF: Record<PageKind, Source> = { order_list: 'list', order_detail: 'detail', logistics: 'logistics', after_sale: 'after_sale' };

function parseDocument(doc: Document, url: URL): ParseResult {
  const kind = jdPageKind(url);
  // The mobile list is an app: its orders come from order_list_m; a sign-in redirect still says "signed out".
  const mobileList = kind === 'order_list' && /orderlist_(?:jdm|merge)\.shtml/i.test(url.pathname);
  if (kind === 'order_list') return mobileList && !isJdSignInPage(url) ? emptyResult('list') : parseJdListDocument(doc, url);
  if (kind === 'order_detail') return parseJdDetailDocument(doc, url);
  if (kind === 'logistics') return parseJdLogisticsDocument(doc, url);
  if (kind === 'after_sale') return parseJdAfterSaleDocument(doc, url);
  return emptyResult(kind ? SOURCE_OF[kind] : 'list');
}

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

export const jd: PlatformAdapter = {
  id: 'jd',
  facts: JD_FACTS,
  pageKind: jdPageKind,
  isInterestingResponse: isJdInterestingResponse,
  parseDocument,
  parsePayload,
};
