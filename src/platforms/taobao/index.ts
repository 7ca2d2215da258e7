// Taobao / Tmall adapter: pages dispatch by page kind, captured responses by URL and then by shape.
import { emptyResult, type PageKind, type ParseResult, type PlatformAdapter } from '../types';
import type { Source } from '../../core/model';
import { isSignInUrl } from '../url-match';
import { parseJsonText } from '../shared/json-text';
import { parseAfterSaleDocument } from './parse-after-sale';
import { parseDetailDocument, parseDetailPayload } from './parse-detail';
import { parseListDocument, parseListPayload } from './parse-list';
import { parseLogisticsDocument, parseMtopLogistics, parseTransitStep } from './parse-logistics';
import { guarded, ResultBuilder } from './result';
import { detectRiskControl } from './risk-control';
import { TAOBAO_FACTS } from './facts';
import { isInterestingResponse, pageKind, responseKind } from './urls';
import { get, isRec } from './values';

const SOURCE_OF: Record<PageKind, Source> = {
  order_list: 'list',
  order_detail: 'detail',
  logistics: 'logistics',
  after_sale: 'after_sale',
};

function parseDocument(doc: Document, url: URL): ParseResult {
  const kind = pageKind(url);
  switch (kind) {
    case 'order_list':
      return parseListDocument(doc);
    case 'order_detail':
      return parseDetailDocument(doc, url);
    case 'logistics':
      return parseLogisticsDocument(doc, url);
    case 'after_sale':
      return parseAfterSaleDocument(doc, url);
    default:
      return emptyResult('list');
  }
}

function parsePayload(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null {
  try {
    if (typeof body !== 'string') return null;
    // Redirected to the login page: the session is gone, whatever was asked for.
    if (isSignInUrl('taobao', responseUrl)) {
      return guarded('list', 'payload', () => {
        const b = new ResultBuilder(SOURCE_OF[pageKind(pageUrl) ?? 'order_list']);
        b.diag('signed_out', 'response came from login.taobao.com');
        return b.finish();
      });
    }
    switch (responseKind(responseUrl)) {
      case 'list_legacy':
        return parseListPayload(body, 'list_legacy');
      case 'list_mtop':
        return parseListPayload(body, 'list_mtop');
      case 'transit_step':
        return parseTransitStep(body, responseUrl);
      case 'logistics_mtop':
        return parseMtopLogistics(body, responseUrl, pageUrl);
      case 'detail_mtop':
        return parseDetailPayload(body, responseUrl, pageUrl);
      default:
        return bySniffing(body, responseUrl, pageUrl);
    }
  } catch {
    return { ...emptyResult('list'), diagnostics: [{ kind: 'error', message: 'taobao payload dispatch failed' }] };
  }
}

/** A response from an unexpected URL: read it only when its shape is unmistakably ours. */
function bySniffing(body: string, responseUrl: URL, pageUrl: URL): ParseResult | null {
  const json = parseJsonText(body);
  if (!isRec(json)) {
    const signal = detectRiskControl(body);
    if (!signal || !isInterestingResponse(responseUrl.href)) return null;
    return { ...emptyResult(SOURCE_OF[pageKind(pageUrl) ?? 'order_list']), diagnostics: [{ kind: signal.kind, message: signal.reason }] };
  }
  if (Array.isArray(json.mainOrders) || Array.isArray(get(json, 'data', 'mainOrders'))) {
    return parseListPayload(body, 'list_legacy');
  }
  if (/queryboughtlist/i.test(String(json.api ?? ''))) return parseListPayload(body, 'list_mtop');
  if (/logistics\.detailorlist/i.test(String(json.api ?? ''))) return parseMtopLogistics(body, responseUrl, pageUrl);
  if ('expressId' in json && 'address' in json) return parseTransitStep(body, responseUrl);
  return null;
}

export const taobao: PlatformAdapter = {
  id: 'taobao',
  facts: TAOBAO_FACTS,
  pageKind,
  isInterestingResponse,
  parseDocument,
  parsePayload,
};

export { detectRiskControl } from './risk-control';
export { pageKind, isInterestingResponse } from './urls';
