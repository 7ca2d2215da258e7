// Logistics: transit_step.do JSON (body arrives already decoded from GBK), the mtop
// logistics.detailorlist.query answer (package list or one package), and the SSR h5 logistics page
// (`__ICE_SUSPENSE_LOADER__` → newLogistics.fields.multiStage).
import type { EventObservation } from '../../core/model';
import type { ParseResult } from '../types';
import { parseJsonText } from '../shared/json-text';
import { sliceBalancedJson } from '../shared/js-string-literal';
import { mtopGate, riskFromPage } from './common';
import { pageRiskText, scriptTexts, visibleText, waybillsFromText } from './dom';
import { guarded, ResultBuilder } from './result';
import { scanWaybills } from './scan';
import { SCRIPT_MARKERS } from './selectors';
import { orderIdFromUrl } from './urls';
import {
  firstStr,
  get,
  idStr,
  isRec,
  parseChinaTime,
  parseMonthDayTime,
  queryParam,
  rec,
  recs,
  str,
  trackingNo,
  type Rec,
} from './values';

/** "【杭州市】快件已揽收" → location 杭州市; "||" separates two short notes in transit_step texts. */
function event(time: number | undefined, rawText: string | undefined): EventObservation | undefined {
  const text = rawText?.replace(/\s*\|\|\s*/g, ' ').trim();
  if (time === undefined || !text) return undefined;
  const loc = /^【([^】]{1,30})】/.exec(text)?.[1]?.trim();
  return loc ? { time, text, location: loc } : { time, text };
}

const isEvent = (e: EventObservation | undefined): e is EventObservation => !!e;

// ---- transit_step.do -------------------------------------------------------------------------------

export function parseTransitStep(body: string, responseUrl: URL): ParseResult {
  return guarded('logistics', 'transit_step', () => {
    const b = new ResultBuilder('logistics');
    const json = parseJsonText(body);
    if (json === undefined) {
      if (!riskFromPage(body, b)) b.diag('unrecognized', 'transit_step.do answer is not JSON');
      return b.finish();
    }
    if (!mtopGate(json, b, 'transit_step')) return b.finish();
    if (!isRec(json)) {
      b.diag('unrecognized', 'transit_step.do answer is not an object', json);
      return b.finish();
    }
    // {"isSuccess":"false"}: no logistics for this order; {}: returned orders. Both are answers, not errors.
    if (json.isSuccess === 'false' || json.isSuccess === false || Object.keys(json).length === 0) return b.finish();
    const orderId = orderIdFromUrl(responseUrl) ?? idStr(json.bizOrderId) ?? idStr(json.orderId);
    const no = trackingNo(json.expressId) ?? trackingNo(json.mailNo);
    if (!no) {
      const known = 'expressId' in json || 'expressName' in json || 'address' in json;
      b.diag(known ? 'partial' : 'unrecognized', 'transit_step.do answer without a tracking number', json);
      return b.finish();
    }
    const events = recs(json.address)
      .map((a) => event(parseChinaTime(a.time), str(a.place)))
      .filter(isEvent);
    b.addParcel({
      trackingNo: no,
      carrierName: str(json.expressName),
      orderIds: orderId ? [orderId] : [],
      events: events.length ? events : undefined,
    });
    return b.finish();
  });
}

// ---- mtop logistics.detailorlist.query ---------------------------------------------------------------

function readPackages(comps: Rec, defaultOrderId: string | undefined, b: ResultBuilder): number {
  let n = 0;
  for (const [key, c] of Object.entries(comps)) {
    if (!isRec(c)) continue;
    const tag = str(c.tag) ?? '';
    // The tag really is spelled 'pakcage'; accept the correct spelling too.
    if (!/^(pakcage|package)$/i.test(tag) && !/^(pakcage|package)_/i.test(key)) continue;
    const f = rec(c.fields) ?? {};
    const link = str(f.rightBtnUrl);
    const no = trackingNo(queryParam(link, 'mailNo')) ?? trackingNo(f.mailNo);
    if (!no) continue;
    const orderId = idStr(queryParam(link, 'orderId', 'bizOrderId')) ?? defaultOrderId;
    b.addParcel({
      trackingNo: no,
      carrierName: firstStr(f.cpName, f.companyName, f.logisticsCompanyName, f.companyNameDesc),
      orderIds: orderId ? [orderId] : [],
      statusText: str(f.title),
    });
    n++;
  }
  // One package: popupBodyCompony (sic) {name, mailNo, phoneNum, icon}.
  const popup = rec(get(comps, 'popupBodyCompony', 'fields')) ?? rec(get(comps, 'popupBodyCompany', 'fields'));
  const no = trackingNo(popup?.mailNo);
  if (popup && no) {
    b.addParcel({
      trackingNo: no,
      carrierName: firstStr(popup.name, popup.companyName),
      orderIds: defaultOrderId ? [defaultOrderId] : [],
    });
    n++;
  }
  return n;
}

export function parseMtopLogistics(body: string, responseUrl: URL, pageUrl: URL): ParseResult {
  return guarded('logistics', 'logistics.detailorlist', () => {
    const b = new ResultBuilder('logistics');
    const json = parseJsonText(body);
    if (json === undefined) {
      if (!riskFromPage(body, b)) b.diag('unrecognized', 'logistics.detailorlist answer is not JSON');
      return b.finish();
    }
    if (!mtopGate(json, b, 'logistics.detailorlist')) return b.finish();
    const data = rec(get(json, 'data'));
    const defaultOrderId = orderIdFromUrl(responseUrl) ?? orderIdFromUrl(pageUrl);
    const comps = rec(data?.data);
    if (comps && readPackages(comps, defaultOrderId, b)) return b.finish();
    // Unknown component names: fall back to any tracking-number key.
    const scanned = scanWaybills(data);
    for (const w of scanned) {
      const orderId = w.orderId ?? defaultOrderId;
      b.addParcel({ trackingNo: w.trackingNo, carrierName: w.carrierName, orderIds: orderId ? [orderId] : [] });
    }
    const emptyList = str(get(data, 'endpoint', 'page')) === 'logisticsPackageList';
    if (!scanned.length && !emptyList) b.diag('unrecognized', 'logistics.detailorlist: no package found', json);
    return b.finish();
  });
}

// ---- SSR h5 logistics page -------------------------------------------------------------------------

/** labelDesc.text, or the joined labelDesc.richContent[].text. */
function stageText(stage: Rec): string | undefined {
  const desc = stage.labelDesc;
  if (isRec(desc)) {
    const rich = recs(desc.richContent).map((r) => str(r.text)).filter(Boolean);
    if (rich.length) return rich.join('');
    return str(desc.text);
  }
  return firstStr(desc, stage.text, stage.desc);
}

export function readSsrLogistics(fields: Rec, orderId: string | undefined, b: ResultBuilder, now: number): boolean {
  const company = rec(fields.logisticCompany);
  const no = trackingNo(fields.mailNo) ?? trackingNo(company?.mailNo);
  if (!no) return false;
  const stages = recs(fields.multiStage);
  const timeTexts = stages.map((st) => firstStr(st.subtitle, st.time));
  const fullTimes = timeTexts.map((t) => parseChinaTime(t));
  // Year-less "11-11 19:02" takes its year from the newest dated stage, else from the clock.
  const dated = fullTimes.filter((t): t is number => t !== undefined);
  const ref = dated.length ? dated.reduce((m, x) => Math.max(m, x)) : now;
  const events = stages
    .map((st, i) => {
      const t = timeTexts[i];
      const time = fullTimes[i] ?? (t ? parseMonthDayTime(t, ref, 'before') : undefined);
      return event(time, stageText(st) ?? str(st.title));
    })
    .filter(isEvent);
  b.addParcel({
    trackingNo: no,
    carrierName: firstStr(company?.name, fields.cpName),
    orderIds: orderId ? [orderId] : [],
    statusText: str(stages[0]?.title),
    events: events.length ? events : undefined,
  });
  return true;
}

export function parseLogisticsDocument(doc: Document, url: URL, now = Date.now()): ParseResult {
  return guarded('logistics', 'logistics page', () => {
    const b = new ResultBuilder('logistics');
    const orderId = orderIdFromUrl(url);
    for (const text of scriptTexts(doc)) {
      if (!text.includes('__ICE_SUSPENSE_LOADER__')) continue;
      for (const m of text.matchAll(SCRIPT_MARKERS.iceSuspense)) {
        const literal = sliceBalancedJson(text, (m.index ?? 0) + m[0].length);
        const root = literal === undefined ? undefined : parseJsonText(literal);
        const data = get(root, 'result', 'data');
        const fields = rec(get(data, 'newLogistics', 'fields')) ?? rec(get(data, 'logisticsDetailH5', 'fields'));
        if (fields && readSsrLogistics(fields, orderId, b, now)) return b.finish();
        if (root !== undefined) b.diag('unrecognized', 'logistics page: SSR data of unknown shape', root);
      }
    }
    // Legacy wuliu.taobao.com pages and others: "运单号：…" in the visible text.
    const visible = visibleText(doc.body);
    const waybills = waybillsFromText(visible);
    for (const w of waybills) {
      b.addParcel({ trackingNo: w.trackingNo, carrierName: w.carrierName, orderIds: orderId ? [orderId] : [] });
    }
    if (!waybills.length) riskFromPage(pageRiskText(doc), b);
    return b.finish();
  });
}
