// The JD (京东) content script's adapter (vite.config.ts picks this file over ./index.ts): the page readers,
// dispatched by page kind. JD's answers (order_list_m, track_multi_package) are captured by the hook and read
// in the background by ./index.ts; JD has no follow-up the content script fetches itself, so the answer
// parsers stay out of this script and its 30 KB budget.
import type { Source } from '../../core/model';
import { emptyResult, type ContentAdapter, type PageKind, type ParseResult } from '../types';
import { JD_FACTS } from './facts';
import { parseJdAfterSaleDocument } from './parse-after-sale';
import { parseJdDetailDocument, parseJdListDocument, parseJdLogisticsDocument } from './parse';
import { isJdInterestingResponse, isJdSignInPage, jdPageKind } from './urls';

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

export const jd: ContentAdapter = {
  id: 'jd',
  facts: JD_FACTS,
  pageKind: jdPageKind,
  isInterestingResponse: isJdInterestingResponse,
  parseDocument,
};
