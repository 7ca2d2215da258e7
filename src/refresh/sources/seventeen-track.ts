// 17TRACK tracking API v2.2 with the shopper's own key (header `17token`). Facts and sources:
// notes-refresh-sources.md. Per call: POST /register for the batch (≤ 40 numbers; "already registered"
// -18019901 is fine and costs no quota), then POST /gettrackinfo for the same numbers.
// Envelope: {code: 0, data: {accepted: [...], rejected: [{number, error: {code, message}}]}}; whole-call
// failures: {code: <non-zero>, data: {errors: [{code, message}]}} or HTTP 401/429.
// 17TRACK is asynchronous: a number registered just now usually has no data yet (NotFound / -18019909), which
// is answered as not_found; the next scheduled refresh reads what 17TRACK fetched meanwhile.
import type { EventObservation, ParcelStatus } from '../../core/model';
import { SERVICE_ORIGINS, type Settings } from '../../core/settings';
import { eventStatus } from '../../core/status';
import type { RefreshOutcome, RefreshResult, RefreshTarget, SourceContext, TrackingSource } from '../source';
import { isRec, parseJson, parseZonedIso, recs, resultFor, retryAfterMs, safeFetch, safeText, str, type Rec } from './common';

export const SEVENTEEN_TRACK_BASE = 'https://api.17track.net/track/v2.2';
export const SEVENTEEN_TRACK_HOST = 'api.17track.net';
export const SEVENTEEN_TRACK_MAX = 40;

/** Error codes (17TRACK help centre "Error Codes and Troubleshooting"; see the notes). */
export const E17 = {
  IP_NOT_WHITELISTED: -18010001,
  INVALID_KEY: -18010002,
  ACCOUNT_DISABLED: -18010004,
  UNAUTHORIZED: -18010005,
  INVALID_FIELD: -18010011,
  INVALID_FORMAT: -18010012,
  INVALID_DATA: -18010013,
  TOO_MANY_NUMBERS: -18010014,
  ALREADY_REGISTERED: -18019901,
  NOT_REGISTERED: -18019902,
  CARRIER_NOT_DETECTED: -18019903,
  DAILY_LIMIT: -18019907,
  QUOTA_EXHAUSTED: -18019908,
  NO_INFO_YET: -18019909,
  WRONG_CARRIER: -18019910,
} as const;

const KEY_CODES = new Set<number>([E17.IP_NOT_WHITELISTED, E17.INVALID_KEY, E17.ACCOUNT_DISABLED, E17.UNAUTHORIZED]);
const QUOTA_CODES = new Set<number>([E17.DAILY_LIMIT, E17.QUOTA_EXHAUSTED]);
const FORMAT_CODES = new Set<number>([E17.INVALID_FIELD, E17.INVALID_FORMAT, E17.INVALID_DATA]);
const NOT_FOUND_CODES = new Set<number>([E17.NOT_REGISTERED, E17.CARRIER_NOT_DETECTED, E17.NO_INFO_YET, E17.WRONG_CARRIER]);

const RATE_LIMIT_WAIT_MS = 1000; // 3 requests a second per key
const QUOTA_WAIT_MS = 24 * 60 * 60_000; // daily limit / quota: tomorrow at the earliest

// ---- status mapping --------------------------------------------------------------------------------

/** Main `latest_status.status` → ParcelStatus. Expired = no update for long: says nothing about the parcel. */
const MAIN: Readonly<Record<string, ParcelStatus>> = {
  NotFound: 'unknown',
  InfoReceived: 'pending_pickup',
  InTransit: 'in_transit',
  Expired: 'unknown',
  AvailableForPickup: 'awaiting_collection',
  OutForDelivery: 'out_for_delivery',
  DeliveryFailure: 'exception',
  Delivered: 'delivered',
  Exception: 'exception',
};

/** Sub-statuses (also the events' `stage`) that say more than their main status. */
const SUB: Readonly<Record<string, ParcelStatus>> = {
  InTransit_PickedUp: 'picked_up',
  DeliveryFailure_Rejected: 'rejected',
  Exception_Returning: 'returning',
  Exception_Returned: 'returned',
  Exception_Rejected: 'rejected',
  Exception_Cancel: 'cancelled',
};

/** 17TRACK status / sub-status / event stage (e.g. "Exception_Returning", "InTransit") → ParcelStatus. */
export function statusFrom17Track(status: string | undefined, subStatus?: string): ParcelStatus {
  if (subStatus && SUB[subStatus]) return SUB[subStatus];
  const main = status ?? subStatus?.split('_')[0];
  return (main && MAIN[main]) || 'unknown';
}

// ---- requests ------------------------------------------------------------------------------------------

type Reply =
  | { kind: 'ok'; accepted: Rec[]; rejected: Rec[] }
  | { kind: 'fail'; outcome: RefreshOutcome; message: string; retryAfterMs?: number };

const errorCode = (r: Rec): number | undefined => {
  const e = isRec(r.error) ? r.error : undefined;
  return typeof e?.code === 'number' ? e.code : undefined;
};

function callFailure(code: number | undefined, httpStatus: number, res: Response, now: number): Reply {
  if (httpStatus === 401 || httpStatus === 403 || (code !== undefined && KEY_CODES.has(code))) {
    return { kind: 'fail', outcome: 'bad_key', message: `17TRACK 拒绝了 API key (${code ?? httpStatus})` };
  }
  if (httpStatus === 429 || code === 429) {
    return { kind: 'fail', outcome: 'rate_limited', message: '请求太频繁', retryAfterMs: retryAfterMs(res, now) ?? RATE_LIMIT_WAIT_MS };
  }
  if (code !== undefined && QUOTA_CODES.has(code)) {
    return { kind: 'fail', outcome: 'rate_limited', message: `17TRACK 额度已用完 (${code})`, retryAfterMs: QUOTA_WAIT_MS };
  }
  return { kind: 'fail', outcome: 'error', message: `17TRACK 错误 (${code ?? `HTTP ${httpStatus}`})` };
}

async function post(ctx: SourceContext, path: 'register' | 'gettrackinfo', body: unknown): Promise<Reply> {
  const res = await safeFetch(ctx.fetch, `${SEVENTEEN_TRACK_BASE}/${path}`, {
    method: 'POST',
    headers: { '17token': ctx.settings.services.seventeenTrack.apiKey.trim(), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  if (!res) return { kind: 'fail', outcome: 'error', message: '网络错误' };
  const text = await safeText(res);
  const json = text === undefined ? undefined : parseJson(text);
  const envelope = isRec(json) ? json : undefined;
  const code = typeof envelope?.code === 'number' ? envelope.code : undefined;
  const data = isRec(envelope?.data) ? envelope.data : undefined;
  const firstError = recs(data?.errors)[0];
  const errCode = typeof firstError?.code === 'number' ? firstError.code : undefined;
  if (!res.ok) return callFailure(code || errCode, res.status, res, ctx.now);
  if (!envelope || code === undefined) return { kind: 'fail', outcome: 'error', message: '17TRACK 应答无法识别' };
  if (code !== 0 || errCode !== undefined) return callFailure(code || errCode, res.status, res, ctx.now);
  if (!data || !Array.isArray(data.accepted) || !Array.isArray(data.rejected)) {
    return { kind: 'fail', outcome: 'error', message: '17TRACK 应答无法识别' };
  }
  return { kind: 'ok', accepted: recs(data.accepted), rejected: recs(data.rejected) };
}

// ---- reading track_info --------------------------------------------------------------------------------

function readEvents(trackInfo: Rec): EventObservation[] {
  const tracking = isRec(trackInfo.tracking) ? trackInfo.tracking : {};
  const out: EventObservation[] = [];
  for (const provider of recs(tracking.providers)) {
    for (const e of recs(provider.events)) {
      const time = parseZonedIso(e.time_utc) ?? parseZonedIso(e.time_iso);
      const text = str(e.description)?.slice(0, 1000);
      if (time === undefined || !text) continue;
      const ev: EventObservation = { time, text };
      const loc = str(e.location);
      if (loc) ev.location = loc.slice(0, 200);
      // v2.2 names it `stage`, v2 `sub_status`.
      const stage = str(e.stage) ?? str(e.sub_status);
      const status = stage ? statusFrom17Track(undefined, stage) : 'unknown';
      if (status !== 'unknown') ev.status = status;
      out.push(ev);
    }
  }
  return out;
}

function readAccepted(target: RefreshTarget, entry: Rec, now: number): RefreshResult {
  const info = isRec(entry.track_info) ? entry.track_info : undefined;
  if (!info) return resultFor(target, 'error', { message: '17TRACK 应答无法识别' });
  const latest = isRec(info.latest_status) ? info.latest_status : {};
  const latestStatus = statusFrom17Track(str(latest.status), str(latest.sub_status));
  const events = readEvents(info);
  let status = latestStatus;
  if (!events.length) {
    if (str(latest.status) === 'NotFound' || status === 'unknown') return resultFor(target, 'not_found', { message: '17TRACK 暂无轨迹' });
  } else if (status !== 'unknown') {
    const newest = events.reduce((a, b) => (b.time > a.time ? b : a));
    if (!newest.status) newest.status = status;
    // The claim follows core/status's reading of that event: "AvailableForPickup" on a line saying the parcel
    // was taken out of the locker is a delivered parcel.
    status = eventStatus(newest);
  }
  const provider = recs(isRec(info.tracking) ? info.tracking.providers : undefined)[0];
  const providerName = isRec(provider?.provider) ? str(provider.provider.name) : undefined;
  const known = target.carrier && target.carrier !== 'unknown';
  return resultFor(target, 'ok', {
    batch: {
      platform: 'manual',
      source: 'refresh',
      url: `${SEVENTEEN_TRACK_BASE}/gettrackinfo`,
      observedAt: now,
      orders: [],
      parcels: [
        {
          trackingNo: target.trackingNo,
          // Our carrier id when we have one; otherwise 17TRACK's carrier name helps resolve it.
          ...(known ? { carrierId: target.carrier } : providerName ? { carrierName: providerName.slice(0, 100) } : {}),
          orderIds: [],
          ...(status !== 'unknown' ? { status } : {}),
          ...(events.length ? { events } : {}),
        },
      ],
    },
  });
}

function rejection(target: RefreshTarget, code: number | undefined): RefreshResult {
  if (code !== undefined && NOT_FOUND_CODES.has(code)) return resultFor(target, 'not_found', { message: `17TRACK 暂无此单号信息 (${code})` });
  if (code !== undefined && QUOTA_CODES.has(code)) {
    return resultFor(target, 'rate_limited', { retryAfterMs: QUOTA_WAIT_MS, message: `17TRACK 额度已用完 (${code})` });
  }
  if (code !== undefined && FORMAT_CODES.has(code)) return resultFor(target, 'unsupported', { message: `17TRACK 不接受此单号 (${code})` });
  if (code !== undefined && KEY_CODES.has(code)) return resultFor(target, 'bad_key', { message: `17TRACK 拒绝了 API key (${code})` });
  return resultFor(target, 'error', { message: `17TRACK 错误 (${code ?? '?'})` });
}

const numberOf = (r: Rec): string | undefined => str(r.number)?.toUpperCase();

// ---- one call ------------------------------------------------------------------------------------------

async function refreshChunk(targets: RefreshTarget[], ctx: SourceContext): Promise<RefreshResult[]> {
  const numbers = [...new Set(targets.map((t) => t.trackingNo.trim().toUpperCase()))];
  const final = new Map<string, (t: RefreshTarget) => RefreshResult>();

  const reg = await post(
    ctx,
    'register',
    numbers.map((number) => ({ number })),
  );
  if (reg.kind === 'fail') {
    return targets.map((t) => resultFor(t, reg.outcome, { message: reg.message, ...(reg.retryAfterMs ? { retryAfterMs: reg.retryAfterMs } : {}) }));
  }
  const carrierOf = new Map<string, number>();
  for (const a of reg.accepted) {
    const n = numberOf(a);
    if (n && typeof a.carrier === 'number' && a.carrier > 0) carrierOf.set(n, a.carrier);
  }
  for (const r of reg.rejected) {
    const n = numberOf(r);
    const code = errorCode(r);
    if (n && code !== E17.ALREADY_REGISTERED) final.set(n, (t) => rejection(t, code));
  }

  const ask = numbers.filter((n) => !final.has(n));
  if (ask.length) {
    const info = await post(
      ctx,
      'gettrackinfo',
      ask.map((number) => (carrierOf.has(number) ? { number, carrier: carrierOf.get(number) } : { number })),
    );
    if (info.kind === 'fail') {
      for (const n of ask) final.set(n, (t) => resultFor(t, info.outcome, { message: info.message, ...(info.retryAfterMs ? { retryAfterMs: info.retryAfterMs } : {}) }));
    } else {
      for (const r of info.rejected) {
        const n = numberOf(r);
        if (n && !final.has(n)) final.set(n, (t) => rejection(t, errorCode(r)));
      }
      // One number may come back once per carrier it was registered with: prefer an entry that has data.
      const byNumber = new Map<string, Rec>();
      for (const a of info.accepted) {
        const n = numberOf(a);
        if (!n) continue;
        const prev = byNumber.get(n);
        const hasData = (x: Rec | undefined) => isRec(x?.track_info) && isRec(x.track_info.latest_status) && x.track_info.latest_status.status !== 'NotFound';
        if (!prev || (!hasData(prev) && hasData(a))) byNumber.set(n, a);
      }
      for (const [n, a] of byNumber) final.set(n, (t) => readAccepted(t, a, ctx.now));
    }
  }
  return targets.map((t) => {
    const make = final.get(t.trackingNo.trim().toUpperCase());
    return make ? make(t) : resultFor(t, 'error', { message: '17TRACK 没有回答此单号' });
  });
}

const configured = (s: Settings) => s.services.seventeenTrack.enabled && !!s.services.seventeenTrack.apiKey.trim();

export const seventeenTrackSource: TrackingSource = {
  id: 'seventeen_track',
  origins: [...SERVICE_ORIGINS.seventeenTrack],
  host: SEVENTEEN_TRACK_HOST,
  // 17TRACK allows 3 requests a second per key and a call makes two (register + gettrackinfo).
  minIntervalMs: 1000,
  maxBatch: SEVENTEEN_TRACK_MAX,
  enabled: configured,
  // Carrier left to 17TRACK's auto-detection: we hold no verified map from our ids to its numeric codes.
  canRefresh: (target) => /^[A-Za-z0-9-]{5,50}$/.test(target.trackingNo.trim()),

  async refresh(targets, ctx) {
    if (!configured(ctx.settings)) return targets.map((t) => resultFor(t, 'bad_key', { message: '未配置 17TRACK API key' }));
    const out: RefreshResult[] = [];
    for (let i = 0; i < targets.length; i += SEVENTEEN_TRACK_MAX) {
      const chunk = targets.slice(i, i + SEVENTEEN_TRACK_MAX);
      const stop = out.find((r) => r.outcome === 'bad_key' || r.outcome === 'rate_limited');
      if (stop) {
        out.push(...chunk.map((t) => resultFor(t, stop.outcome, { message: stop.message, ...(stop.retryAfterMs ? { retryAfterMs: stop.retryAfterMs } : {}) })));
        continue;
      }
      try {
        out.push(...(await refreshChunk(chunk, ctx)));
      } catch {
        out.push(...chunk.map((t) => resultFor(t, 'error', { message: '17TRACK 应答无法识别' })));
      }
    }
    return out;
  },
};
