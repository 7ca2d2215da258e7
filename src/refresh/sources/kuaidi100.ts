// Kuaidi100 real-time query (实时快递查询, api.kuaidi100.com/document/5f0ffb5ebc8da837cbd8aefc) with the
// shopper's own enterprise `customer` + `key`. Facts and sources: notes-refresh-sources.md.
//   POST https://poll.kuaidi100.com/poll/query.do, application/x-www-form-urlencoded:
//   customer, sign = upper(md5(param + key + customer)), param = JSON {com, num, phone?, resultv2, show, order}.
// Success: {message:'ok', status:'200', state, ischeck, com, nu, data:[{time, ftime, context, areaName?, status?,
// statusCode?}]}, newest first. Failure: {result:false, returnCode:'400'|'408'|'500'|'501'|'502'|'503'|'601', message}.
// The key never leaves this module except inside the MD5 sign; results carry fixed texts only.
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { carrierById, kuaidi100CodeFor } from '../../core/carriers';
import type { EventObservation, ParcelStatus } from '../../core/model';
import { eventStatus, statusFromKuaidi100State } from '../../core/status';
import { SERVICE_ORIGINS, type Settings } from '../../core/settings';
import type { RefreshResult, RefreshTarget, SourceContext, TrackingSource } from '../source';
import { isRec, parseChinaTime, parseJson, recs, repeatFor, resultFor, retryAfterMs, safeFetch, safeText, STOPS_CALL, str } from './common';

export const KUAIDI100_URL = 'https://poll.kuaidi100.com/poll/query.do';
export const KUAIDI100_HOST = 'poll.kuaidi100.com';

/**
 * Carriers whose query needs the receiver's (or sender's) phone: the current doc names 顺丰速运, 顺丰快运 and
 * 中通快递; an older copy (apifox api-8562559) names 顺丰速运 and 丰网速运. Others answer 408 when they want
 * one too, which is handled the same way.
 */
export const PHONE_REQUIRED: ReadonlySet<string> = new Set(['sf', 'sf_freight', 'zto', 'fengwang']);

/** resultv2 '4': per-event advanced status name + code (statusCode) and area parsing (current doc). */
const RESULT_V2 = '4';

export interface Kuaidi100Param {
  com: string;
  num: string;
  phone?: string;
  resultv2: string;
  show: '0';
  order: 'desc';
}

/** The `param` JSON exactly as sent (and signed). */
export function kuaidi100Param(com: string, num: string, phoneTail?: string): string {
  const p: Kuaidi100Param = { com, num, ...(phoneTail ? { phone: phoneTail } : {}), resultv2: RESULT_V2, show: '0', order: 'desc' };
  return JSON.stringify(p);
}

/** sign = MD5(param + key + customer) over UTF-8 bytes, 32 upper-case hex digits. */
export function kuaidi100Sign(param: string, key: string, customer: string): string {
  return bytesToHex(md5(utf8ToBytes(param + key + customer))).toUpperCase();
}

const configured = (s: Settings) => {
  const k = s.services.kuaidi100;
  return k.enabled && !!k.customer.trim() && !!k.key.trim();
};

const comFor = (target: RefreshTarget): string | undefined => kuaidi100CodeFor(target.carrier);

const validTail = (t: string | undefined): string | undefined => (t && /^\d{4}$/.test(t.trim()) ? t.trim() : undefined);

/** Per-event status: the advanced code (resultv2 4) first, then the status name (在途, 投柜或驿站…). */
function eventStatusOf(e: Record<string, unknown>): ParcelStatus | undefined {
  for (const v of [str(e.statusCode), str(e.status)]) {
    if (!v) continue;
    const s = statusFromKuaidi100State(v);
    if (s !== 'unknown') return s;
  }
  return undefined;
}

function readEvents(data: unknown): EventObservation[] {
  const out: EventObservation[] = [];
  for (const e of recs(data)) {
    const time = parseChinaTime(e.ftime) ?? parseChinaTime(e.time);
    const text = str(e.context)?.slice(0, 1000);
    if (time === undefined || !text) continue;
    const ev: EventObservation = { time, text };
    const loc = str(e.areaName) ?? str(e.location);
    if (loc) ev.location = loc.slice(0, 200);
    const status = eventStatusOf(e);
    if (status) ev.status = status;
    out.push(ev);
  }
  return out;
}

/** returnCode answers (result:false). Messages are ours, never the service's text. */
function failure(target: RefreshTarget, code: string, message: string, res: Response, now: number): RefreshResult {
  switch (code) {
    case '500':
      return resultFor(target, 'not_found', { message: '查询无结果' });
    case '503':
      return resultFor(target, 'bad_key', { message: '签名验证失败，请检查 customer 和 key' });
    case '601':
      return resultFor(target, 'bad_key', { message: 'key 已过期或没有可用单量' });
    case '408':
      return resultFor(target, 'unsupported', { needs: 'phone_tail', message: '需要正确的收件人手机尾号' });
    case '502':
      return resultFor(target, 'rate_limited', { retryAfterMs: retryAfterMs(res, now) ?? 60_000, message: '服务器繁忙' });
    case '400':
      // "不支持此快递公司" is about this parcel; the other 400 texts (找不到对应公司 = 提交数据不完整或者账号未充值,
      // 没授权) are about the account, since every request we send is complete.
      if (/不支持/.test(message)) return resultFor(target, 'unsupported', { message: '快递100不支持此快递公司' });
      return resultFor(target, 'bad_key', { message: '账号未授权或未充值 (400)' });
    default:
      if (/频繁|锁单/.test(message)) return resultFor(target, 'rate_limited', { retryAfterMs: 60 * 60_000, message: '查询太频繁' });
      return resultFor(target, 'error', { message: `快递100错误 (${/^\d{1,4}$/.test(code) ? code : '?'})` });
  }
}

async function queryOne(target: RefreshTarget, ctx: SourceContext): Promise<RefreshResult> {
  const com = comFor(target);
  if (!com) return resultFor(target, 'unsupported', { message: '快递100没有此快递公司的编码' });
  const phoneTail = validTail(target.phoneTail);
  if (!phoneTail && PHONE_REQUIRED.has(target.carrier)) {
    return resultFor(target, 'unsupported', { needs: 'phone_tail', message: '此快递公司需要收件人手机尾号' });
  }
  const { customer, key } = ctx.settings.services.kuaidi100;
  const param = kuaidi100Param(com, target.trackingNo, phoneTail);
  const body = new URLSearchParams({ customer: customer.trim(), sign: kuaidi100Sign(param, key.trim(), customer.trim()), param });
  const res = await safeFetch(ctx.fetch, KUAIDI100_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
    body: body.toString(),
    credentials: 'omit',
  });
  if (!res) return resultFor(target, 'error', { message: '网络错误' });
  if (res.status === 429) return resultFor(target, 'rate_limited', { retryAfterMs: retryAfterMs(res, ctx.now) ?? 60_000, message: 'HTTP 429' });
  if (!res.ok) return resultFor(target, 'error', { message: `HTTP ${res.status}` });
  const text = await safeText(res);
  const json = text === undefined ? undefined : parseJson(text);
  if (!isRec(json)) return resultFor(target, 'error', { message: '快递100应答无法识别' });

  const returnCode = str(json.returnCode);
  if (json.result === false || (returnCode && returnCode !== '200')) {
    return failure(target, returnCode ?? '', str(json.message) ?? '', res, ctx.now);
  }
  if (!Array.isArray(json.data)) return resultFor(target, 'error', { message: '快递100应答无法识别' });

  const events = readEvents(json.data);
  if (!events.length) return resultFor(target, 'not_found', { message: '暂无轨迹' });
  const state = str(json.state);
  const stateStatus = state === undefined ? 'unknown' : statusFromKuaidi100State(state);
  // `state` describes the newest event: give it to that event when it carries no status of its own.
  const newest = events.reduce((a, b) => (b.time > a.time ? b : a));
  if (!newest.status && stateStatus !== 'unknown') newest.status = stateStatus;
  // The parcel's claim is what core/status makes of that event, so a code and a clearer text never disagree
  // (a 304 投柜或站签收 on "签收人凭取货码签收" is a collected parcel, a 3 签收 on "…代收，请及时取件" is not).
  const status: ParcelStatus = newest.status ? eventStatus(newest) : stateStatus;

  const carrierId = carrierById(target.carrier) ? target.carrier : undefined;
  return resultFor(target, 'ok', {
    batch: {
      platform: 'manual',
      source: 'refresh',
      url: KUAIDI100_URL,
      observedAt: ctx.now,
      orders: [],
      parcels: [
        {
          trackingNo: target.trackingNo,
          ...(carrierId ? { carrierId } : {}),
          orderIds: [],
          ...(status !== 'unknown' ? { status } : {}),
          events,
        },
      ],
    },
  });
}

export const kuaidi100Source: TrackingSource = {
  id: 'kuaidi100',
  origins: [...SERVICE_ORIGINS.kuaidi100],
  host: KUAIDI100_HOST,
  // The doc publishes no requests-per-second limit for query.do; its limits are per number (query each at most
  // every half hour; more than 48 queries of one number in 24 h locks it for a day — the scheduler's per-parcel
  // intervals keep far below that). Every query is billed to the shopper's account and bursts answer 502
  // 服务器繁忙, so due parcels are spread to at most two requests a second.
  minIntervalMs: 500,
  maxBatch: 1,
  enabled: configured,
  // True also for SF/ZTO without a phone tail: refresh() then answers 'unsupported' + needs 'phone_tail',
  // which is how the settings page learns to ask for it.
  canRefresh: (target) => comFor(target) !== undefined,

  async refresh(targets, ctx) {
    const out: RefreshResult[] = [];
    let stop: RefreshResult | undefined;
    for (const target of targets) {
      if (stop) {
        out.push(repeatFor(target, stop));
        continue;
      }
      if (!configured(ctx.settings)) {
        out.push(resultFor(target, 'bad_key', { message: '未配置快递100 customer/key' }));
        continue;
      }
      let r: RefreshResult;
      try {
        r = await queryOne(target, ctx);
      } catch {
        r = resultFor(target, 'error', { message: '快递100应答无法识别' });
      }
      out.push(r);
      if (STOPS_CALL.has(r.outcome)) stop = r;
    }
    return out;
  },
};
