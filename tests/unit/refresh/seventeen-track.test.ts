import { describe, expect, it } from 'vitest';
import type { ParcelStatus } from '../../../src/core/model';
import { validateBatch } from '../../../src/core/observation-schema';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { seventeenTrackSource, statusFrom17Track } from '../../../src/refresh/sources/seventeen-track';
import { ctxWith, fakeFetch, fixture, json, rejecting, settingsWithKeys, target, TOKEN_17, type Call } from './helpers';

const f17 = (name: string) => () => json(fixture(`refresh/17track/${name}`));
const yto = () => target('yto', 'YT2512345678901');
const post = () => target('chinapost', '9876543210123');
const zto = () => target('zto', '78912345678901');
const bodyOf = (c: Call) => JSON.parse(String(c.init.body)) as { number: string; carrier?: number }[];

describe('seventeenTrackSource: configuration', () => {
  it('needs enabled + API key; batches of 40', () => {
    expect(seventeenTrackSource.enabled(DEFAULT_SETTINGS)).toBe(false);
    expect(seventeenTrackSource.enabled(settingsWithKeys())).toBe(true);
    expect(seventeenTrackSource.enabled(settingsWithKeys((s) => (s.services.seventeenTrack.apiKey = '')))).toBe(false);
    expect(seventeenTrackSource).toMatchObject({ id: 'seventeen_track', origins: ['https://api.17track.net/*'], host: 'api.17track.net', maxBatch: 40 });
    expect(seventeenTrackSource.canRefresh(yto(), settingsWithKeys())).toBe(true);
    expect(seventeenTrackSource.canRefresh(target('unknown', '1234'), settingsWithKeys())).toBe(false);
  });
});

describe('seventeenTrackSource.refresh', () => {
  it('registers the batch, then asks gettrackinfo; "already registered" is fine', async () => {
    const f = fakeFetch(f17('register-ok.json'), f17('gettrackinfo-ok.json'));
    const rs = await seventeenTrackSource.refresh([yto(), post()], ctxWith(f.fetch));
    expect(f.calls.map((c) => c.url)).toEqual(['https://api.17track.net/track/v2.2/register', 'https://api.17track.net/track/v2.2/gettrackinfo']);
    for (const c of f.calls) {
      expect(c.init.method).toBe('POST');
      const h = new Headers(c.init.headers);
      expect(h.get('17token')).toBe(TOKEN_17);
      expect(h.get('content-type')).toBe('application/json');
    }
    // No carrier guessed by us: 17TRACK auto-detects; its answer is echoed to gettrackinfo.
    expect(bodyOf(f.calls[0])).toEqual([{ number: 'YT2512345678901' }, { number: '9876543210123' }]);
    expect(bodyOf(f.calls[1])).toEqual([{ number: 'YT2512345678901', carrier: 190157 }, { number: '9876543210123' }]);
    expect(rs.map((r) => [r.key, r.outcome])).toEqual([
      ['yto:YT2512345678901', 'ok'],
      ['chinapost:9876543210123', 'ok'],
    ]);
    for (const r of rs) expect(validateBatch(r.batch).ok).toBe(true);
  });

  it('maps latest status and event stages; times come from time_utc', async () => {
    const f = fakeFetch(f17('register-ok.json'), f17('gettrackinfo-ok.json'));
    const [a, b] = await seventeenTrackSource.refresh([yto(), post()], ctxWith(f.fetch));
    const p = a.batch!.parcels[0];
    expect(p).toMatchObject({ trackingNo: 'YT2512345678901', carrierId: 'yto', orderIds: [], status: 'awaiting_collection' });
    expect(p.events!.map((e) => e.status)).toEqual(['awaiting_collection', 'out_for_delivery', 'in_transit', 'picked_up']);
    expect(p.events![0]).toMatchObject({ time: Date.parse('2026-11-20T09:16:34Z'), location: '成都市' });
    expect(p.events![0].text).toContain('菜鸟驿站代收');
    expect(b.batch!.parcels[0]).toMatchObject({ status: 'in_transit', carrierId: 'chinapost' });
  });

  it('an unknown carrier gets 17TRACK\'s carrier name to resolve it', async () => {
    const f = fakeFetch(f17('register-ok.json'), f17('gettrackinfo-ok.json'));
    const [r] = await seventeenTrackSource.refresh([target('unknown', 'YT2512345678901')], ctxWith(f.fetch));
    expect(r.batch!.parcels[0].carrierId).toBeUndefined();
    expect(r.batch!.parcels[0].carrierName).toBe('YTO Express');
  });

  it('a number just registered with no data yet is not_found (NotFound or -18019909)', async () => {
    for (const info of ['gettrackinfo-not-yet.json', 'gettrackinfo-rejected-no-info.json']) {
      const [r] = await seventeenTrackSource.refresh([zto()], ctxWith(fakeFetch(f17('register-new.json'), f17(info)).fetch));
      expect(r.outcome).toBe('not_found');
      expect(r.batch).toBeUndefined();
    }
  });

  it('an invalid key is bad_key (envelope code, or HTTP 401), and gettrackinfo is not asked', async () => {
    for (const res of [f17('invalid-key.json'), () => json(fixture('refresh/17track/invalid-key.json'), { status: 401 })]) {
      const f = fakeFetch(res);
      const rs = await seventeenTrackSource.refresh([yto(), zto()], ctxWith(f.fetch));
      expect(rs.map((r) => r.outcome)).toEqual(['bad_key', 'bad_key']);
      expect(f.calls).toHaveLength(1);
    }
  });

  it('rate limits (429 envelope / HTTP 429) and exhausted quota are rate_limited with a wait', async () => {
    const [a] = await seventeenTrackSource.refresh([yto()], ctxWith(fakeFetch(f17('rate-limited.json')).fetch));
    expect(a.outcome).toBe('rate_limited');
    expect(a.retryAfterMs).toBeGreaterThan(0);
    const [b] = await seventeenTrackSource.refresh([yto()], ctxWith(fakeFetch(() => json(fixture('refresh/17track/rate-limited.json'), { status: 429, headers: { 'retry-after': '2' } })).fetch));
    expect(b).toMatchObject({ outcome: 'rate_limited', retryAfterMs: 2000 });
    const f = fakeFetch(f17('register-quota.json'));
    const [c] = await seventeenTrackSource.refresh([zto()], ctxWith(f.fetch));
    expect(c.outcome).toBe('rate_limited');
    expect(c.retryAfterMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(f.calls).toHaveLength(1); // nothing registered, nothing to ask
  });

  it('a gettrackinfo rate limit after a good register is rate_limited too', async () => {
    const rs = await seventeenTrackSource.refresh([yto(), post()], ctxWith(fakeFetch(f17('register-ok.json'), f17('rate-limited.json')).fetch));
    expect(rs.map((r) => r.outcome)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('a number 17TRACK refuses as malformed is unsupported', async () => {
    const [r] = await seventeenTrackSource.refresh([target('unknown', '1234')], ctxWith(fakeFetch(f17('register-invalid-format.json')).fetch));
    expect(r.outcome).toBe('unsupported');
  });

  it('HTML and malformed answers are error', async () => {
    for (const res of [
      () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      () => new Response('<html><body>maintenance</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      () => json('{"code":0,"data":{"accepted":'),
      () => json('{"code":0}'),
      () => json('{"data":{"accepted":[],"rejected":[]}}'),
    ]) {
      const [r] = await seventeenTrackSource.refresh([yto()], ctxWith(fakeFetch(res).fetch));
      expect(r.outcome).toBe('error');
    }
  });

  it('an accepted entry without track_info is error; a number missing from the answer is error', async () => {
    const [a] = await seventeenTrackSource.refresh(
      [yto()],
      ctxWith(fakeFetch(f17('register-ok.json'), () => json('{"code":0,"data":{"accepted":[{"number":"YT2512345678901","carrier":190157}],"rejected":[]}}')).fetch),
    );
    expect(a.outcome).toBe('error');
    const [b] = await seventeenTrackSource.refresh([yto()], ctxWith(fakeFetch(f17('register-ok.json'), () => json('{"code":0,"data":{"accepted":[],"rejected":[]}}')).fetch));
    expect(b.outcome).toBe('error');
  });

  it('a network failure is error for the whole batch', async () => {
    const rs = await seventeenTrackSource.refresh([yto(), zto()], ctxWith(fakeFetch(rejecting).fetch));
    expect(rs.map((r) => r.outcome)).toEqual(['error', 'error']);
    const rs2 = await seventeenTrackSource.refresh([yto()], ctxWith(fakeFetch(f17('register-ok.json'), rejecting).fetch));
    expect(rs2.map((r) => r.outcome)).toEqual(['error']);
  });

  it('sends at most 40 numbers per request and keeps one result per target, in order', async () => {
    const targets = Array.from({ length: 45 }, (_, i) => target('yto', `YT25${String(i).padStart(11, '0')}`));
    const f = fakeFetch(() => json('{"code":0,"data":{"accepted":[],"rejected":[]}}'));
    const rs = await seventeenTrackSource.refresh(targets, ctxWith(f.fetch));
    expect(rs.map((r) => r.key)).toEqual(targets.map((t) => t.key));
    expect(f.calls.every((c) => bodyOf(c).length <= 40)).toBe(true);
  });

  it('unconfigured: bad_key without a request', async () => {
    const f = fakeFetch(f17('register-ok.json'));
    const [r] = await seventeenTrackSource.refresh([yto()], ctxWith(f.fetch, DEFAULT_SETTINGS));
    expect(r.outcome).toBe('bad_key');
    expect(f.calls).toHaveLength(0);
  });
});

describe('17TRACK status mapping', () => {
  it.each([
    ['NotFound', undefined, 'unknown'],
    ['InfoReceived', 'InfoReceived', 'pending_pickup'],
    ['InTransit', 'InTransit_PickedUp', 'picked_up'],
    ['InTransit', 'InTransit_Departure', 'in_transit'],
    ['InTransit', 'InTransit_Arrival', 'in_transit'],
    ['Expired', 'Expired_Other', 'unknown'],
    ['AvailableForPickup', 'AvailableForPickup_Other', 'awaiting_collection'],
    ['OutForDelivery', 'OutForDelivery_Other', 'out_for_delivery'],
    ['DeliveryFailure', 'DeliveryFailure_NoBody', 'exception'],
    ['DeliveryFailure', 'DeliveryFailure_Rejected', 'rejected'],
    ['Delivered', 'Delivered_Other', 'delivered'],
    ['Exception', 'Exception_Returning', 'returning'],
    ['Exception', 'Exception_Returned', 'returned'],
    ['Exception', 'Exception_Cancel', 'cancelled'],
    ['Exception', 'Exception_Lost', 'exception'],
    [undefined, 'OutForDelivery', 'out_for_delivery'],
    [undefined, 'Something_New', 'unknown'],
  ] as [string | undefined, string | undefined, ParcelStatus][])('%s / %s → %s', (status, sub, want) => {
    expect(statusFrom17Track(status, sub)).toBe(want);
  });
});
