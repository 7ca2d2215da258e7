// Taobao's transit_step.do with the shopper's own session (reference platform-formats.md §1.4a): one plain
// cookie GET per order, the same URL the content script's follow-ups use (platforms/taobao/urls.ts), GBK
// body, parsed by the capture parser so a refresh and a page visit read the answer identically.
// A signed-out or risk-control answer stops the call at once: retrying would only make Taobao more
// suspicious of the shopper's account.
import type { ParcelObservation } from '../../core/model';
import { parseTransitStep } from '../../platforms/taobao/parse-logistics';
import { detectRiskControl } from '../../platforms/taobao/risk-control';
import { transitStepUrl } from '../../platforms/taobao/urls';
import { decodeBody } from '../../shared/decode-body';
import type { RefreshResult, RefreshTarget, SourceContext, TrackingSource } from '../source';
import { repeatFor, resultFor, retryAfterMs, safeFetch, STOPS_CALL } from './common';

export const TAOBAO_HOST = 'buyertrade.taobao.com';

const LOGIN_HOST = /^login\.(?:taobao|tmall)\.com$/i;
const PUNISH = /\/_____tmd_____\/punish|x5secdata|x5step=/;
/** A login page served in place of the JSON (no redirect visible to fetch). */
const LOGIN_PAGE = /密码登录|扫码登录|短信登录|<form[^>]+action=["'][^"']*login\.(?:taobao|tmall)\.com/i;

const orderIdOf = (t: RefreshTarget): string | undefined => t.orders.find((o) => o.platform === 'taobao' && o.orderId.trim())?.orderId.trim();

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

async function bodyText(res: Response): Promise<string | undefined> {
  try {
    return decodeBody(await res.arrayBuffer(), res.headers.get('content-type'));
  } catch {
    return undefined;
  }
}

async function queryOne(target: RefreshTarget, orderId: string, ctx: SourceContext): Promise<RefreshResult> {
  const url = transitStepUrl(orderId);
  const res = await safeFetch(ctx.fetch, url, {
    method: 'GET',
    credentials: 'include',
    headers: { accept: 'application/json, text/plain, */*' },
  });
  if (!res) return resultFor(target, 'error', { message: '网络错误' });

  // Where fetch ended up: a followed redirect shows in res.url (opaque redirects have no URL to read).
  const finalUrl = res.url || url;
  if (PUNISH.test(finalUrl)) return resultFor(target, 'risk_control', { message: '淘宝要求验证（滑块）' });
  if (LOGIN_HOST.test(hostOf(finalUrl)) || (res.redirected && /login/i.test(finalUrl))) {
    return resultFor(target, 'signed_out', { message: '淘宝未登录' });
  }

  const text = await bodyText(res);
  if (text === undefined) return resultFor(target, 'error', { message: '读取应答失败' });

  // Markers first: Taobao serves punish pages with 200 and sometimes with 4xx/5xx.
  const risk = detectRiskControl(text);
  if (risk?.kind === 'risk_control') return resultFor(target, 'risk_control', { message: '淘宝要求验证（滑块）' });
  if (risk?.kind === 'signed_out' || (!/^\s*[{[]/.test(text) && LOGIN_PAGE.test(text))) {
    return resultFor(target, 'signed_out', { message: '淘宝未登录' });
  }
  if (res.status === 429) return resultFor(target, 'rate_limited', { retryAfterMs: retryAfterMs(res, ctx.now) ?? 60_000, message: 'HTTP 429' });
  if (!res.ok) return resultFor(target, 'error', { message: `HTTP ${res.status}` });

  const parsed = parseTransitStep(text, new URL(url));
  const problem =
    parsed.diagnostics.find((d) => d.kind === 'risk_control') ??
    parsed.diagnostics.find((d) => d.kind === 'signed_out') ??
    parsed.diagnostics.find((d) => d.kind === 'error' || d.kind === 'unrecognized' || d.kind === 'partial');
  if (problem?.kind === 'risk_control') return resultFor(target, 'risk_control', { message: '淘宝要求验证（滑块）' });
  if (problem?.kind === 'signed_out') return resultFor(target, 'signed_out', { message: '淘宝未登录' });
  if (problem) return resultFor(target, 'error', { message: '淘宝物流应答无法识别' });

  // {"isSuccess":"false"} (no logistics yet) and {} (returned orders) parse to nothing.
  if (!parsed.parcels.length) return resultFor(target, 'not_found', { message: '该订单暂无物流信息' });

  const parcels: ParcelObservation[] = parsed.parcels.map((p) => ({ ...p, orderIds: p.orderIds.length ? p.orderIds : [orderId] }));
  const other = !parcels.some((p) => p.trackingNo.toUpperCase() === target.trackingNo.toUpperCase());
  return resultFor(target, 'ok', {
    batch: { platform: 'taobao', source: 'refresh', url, observedAt: ctx.now, orders: [], parcels },
    // Split shipments: transit_step.do shows one waybill per order, possibly not this one.
    ...(other ? { message: '订单物流显示的是另一个运单号' } : {}),
  });
}

export const taobaoSource: TrackingSource = {
  id: 'taobao',
  // buyertrade.taobao.com is a platform host the extension already holds: no optional permission to ask.
  origins: [],
  platform: 'taobao',
  host: TAOBAO_HOST,
  // Same pace as the content script's follow-ups (capture/follow-ups.ts FOLLOW_UP_INTERVAL_MS).
  minIntervalMs: 1000,
  maxBatch: 1,
  // The shopper's own session: always on unless Taobao is switched off in the settings.
  enabled: (settings) => settings.platforms.taobao !== false,
  canRefresh: (target) => orderIdOf(target) !== undefined,

  async refresh(targets, ctx) {
    const out: RefreshResult[] = [];
    let stop: RefreshResult | undefined;
    for (const target of targets) {
      if (stop) {
        out.push(repeatFor(target, stop));
        continue;
      }
      const orderId = orderIdOf(target);
      if (!orderId) {
        out.push(resultFor(target, 'unsupported', { message: '没有关联的淘宝订单' }));
        continue;
      }
      let r: RefreshResult;
      try {
        r = await queryOne(target, orderId, ctx);
      } catch {
        r = resultFor(target, 'error', { message: '淘宝物流应答无法识别' });
      }
      out.push(r);
      if (STOPS_CALL.has(r.outcome)) stop = r;
    }
    return out;
  },
};
