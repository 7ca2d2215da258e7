import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParcelStatus } from '../../../src/core/model';
import { validateBatch } from '../../../src/core/observation-schema';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { statusFromKuaidi100State } from '../../../src/core/status';
import { KUAIDI100_URL, kuaidi100Param, kuaidi100Sign, kuaidi100Source } from '../../../src/refresh/sources/kuaidi100';
import { ctxWith, cst, fakeFetch, fixture, json, K100_CUSTOMER, K100_KEY, NOW, rejecting, settingsWithKeys, target } from './helpers';

const zto = (extra = {}) => target('zto', '78912345678901', { phoneTail: '5678', ...extra });
const yto = () => target('yto', 'YT2512345678901');
const k100 = (name: string) => () => json(fixture(`refresh/kuaidi100/${name}`));

/** md5 computed by node:crypto, independently of the source. */
const nodeSign = (param: string, key: string, customer: string) => createHash('md5').update(param + key + customer, 'utf8').digest('hex').toUpperCase();

describe('kuaidi100 signature and request', () => {
  it('sign = upper-case hex MD5 of param + key + customer', () => {
    const param = kuaidi100Param('zhongtong', '78912345678901', '5678');
    expect(param).toBe('{"com":"zhongtong","num":"78912345678901","phone":"5678","resultv2":"4","show":"0","order":"desc"}');
    const sign = kuaidi100Sign(param, K100_KEY, K100_CUSTOMER);
    expect(sign).toMatch(/^[0-9A-F]{32}$/);
    expect(sign).toBe(nodeSign(param, K100_KEY, K100_CUSTOMER));
  });

  it('matches a fixed known value (param with Chinese text is hashed as UTF-8)', () => {
    // Known vector: md5("abc") = 900150983cd24fb0d6963f7d28e17f72.
    expect(kuaidi100Sign('a', 'b', 'c')).toBe('900150983CD24FB0D6963F7D28E17F72');
    expect(kuaidi100Sign('{"num":"顺丰"}', 'k', 'c')).toBe(nodeSign('{"num":"顺丰"}', 'k', 'c'));
  });

  it('POSTs form-urlencoded customer, sign and param; the key itself is never sent', async () => {
    const f = fakeFetch(k100('query-ok-zto-station.json'));
    await kuaidi100Source.refresh([zto()], ctxWith(f.fetch));
    expect(f.calls).toHaveLength(1);
    const { url, init } = f.calls[0];
    expect(url).toBe('https://poll.kuaidi100.com/poll/query.do');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(String(init.body));
    expect([...form.keys()].sort()).toEqual(['customer', 'param', 'sign']);
    expect(form.get('customer')).toBe(K100_CUSTOMER);
    expect(JSON.parse(form.get('param')!)).toEqual({ com: 'zhongtong', num: '78912345678901', phone: '5678', resultv2: '4', show: '0', order: 'desc' });
    expect(form.get('sign')).toBe(nodeSign(form.get('param')!, K100_KEY, K100_CUSTOMER));
    expect(String(init.body)).not.toContain(K100_KEY);
    expect(url).not.toContain(K100_KEY);
  });

  it('sends no phone for carriers that do not need one and have none', async () => {
    const f = fakeFetch(k100('query-ok-yto-signed.json'));
    await kuaidi100Source.refresh([yto()], ctxWith(f.fetch));
    expect(JSON.parse(new URLSearchParams(String(f.calls[0].init.body)).get('param')!)).not.toHaveProperty('phone');
  });
});

describe('kuaidi100Source: configuration', () => {
  it('needs enabled + customer + key', () => {
    expect(kuaidi100Source.enabled(DEFAULT_SETTINGS)).toBe(false);
    expect(kuaidi100Source.enabled(settingsWithKeys())).toBe(true);
    expect(kuaidi100Source.enabled(settingsWithKeys((s) => (s.services.kuaidi100.key = '')))).toBe(false);
    expect(kuaidi100Source.enabled(settingsWithKeys((s) => (s.services.kuaidi100.customer = ' ')))).toBe(false);
    expect(kuaidi100Source.enabled(settingsWithKeys((s) => (s.services.kuaidi100.enabled = false)))).toBe(false);
    expect(kuaidi100Source).toMatchObject({ origins: ['https://poll.kuaidi100.com/*'], host: 'poll.kuaidi100.com', maxBatch: 1, minIntervalMs: 500 });
  });

  it('can refresh carriers with a kuaidi100 code only', () => {
    const s = settingsWithKeys();
    expect(kuaidi100Source.canRefresh(yto(), s)).toBe(true);
    expect(kuaidi100Source.canRefresh(target('sf', 'SF1234567890123'), s)).toBe(true); // answers needs phone_tail
    expect(kuaidi100Source.canRefresh(target('unknown', '1234567890'), s)).toBe(false);
    expect(kuaidi100Source.canRefresh(target('jingxi', 'JX1234567890'), s)).toBe(false); // no kuaidi100 code
  });
});

describe('kuaidi100Source.refresh', () => {
  it('reads a resultv2=4 answer: China-time events, advanced status codes, area names', async () => {
    const f = fakeFetch(k100('query-ok-zto-station.json'));
    const [r] = await kuaidi100Source.refresh([zto()], ctxWith(f.fetch));
    expect(r.outcome).toBe('ok');
    const batch = r.batch!;
    expect(validateBatch(batch).ok).toBe(true);
    expect(batch).toMatchObject({ source: 'refresh', url: KUAIDI100_URL, observedAt: NOW, orders: [] });
    const [p] = batch.parcels;
    expect(p).toMatchObject({ trackingNo: '78912345678901', carrierId: 'zto', orderIds: [], status: 'awaiting_collection' });
    expect(p.events!.map((e) => e.status)).toEqual(['awaiting_collection', 'out_for_delivery', 'in_transit', 'in_transit', 'in_transit', 'picked_up']);
    expect(p.events![0]).toMatchObject({ time: cst('2026-11-20 18:05:12'), location: '广东,深圳市,南山区' });
    // 18:05:12 China time is 10:05:12 UTC whatever the test machine's zone.
    expect(new Date(p.events![0].time).toISOString()).toBe('2026-11-20T10:05:12.000Z');
  });

  it('reads per-event status names and the main state (签收)', async () => {
    const [r] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(k100('query-ok-yto-signed.json')).fetch));
    const [p] = r.batch!.parcels;
    expect(p.status).toBe('delivered');
    expect(p.events!.map((e) => e.status)).toEqual(['delivered', 'out_for_delivery', 'in_transit', 'picked_up']);
  });

  it('without per-event statuses, the main state goes to the newest event only', async () => {
    const [r] = await kuaidi100Source.refresh([target('sto', '773012345678901')], ctxWith(fakeFetch(k100('query-ok-no-event-status.json')).fetch));
    const [p] = r.batch!.parcels;
    expect(p.status).toBe('out_for_delivery');
    expect(p.events!.map((e) => e.status)).toEqual(['out_for_delivery', undefined]);
  });

  it.each([
    ['query-500-not-found.json', 'not_found', undefined],
    ['query-503-bad-sign.json', 'bad_key', undefined],
    ['query-601-key-expired.json', 'bad_key', undefined],
    ['query-400-no-company.json', 'bad_key', undefined],
    ['query-400-unsupported.json', 'unsupported', undefined],
    ['query-408-phone.json', 'unsupported', 'phone_tail'],
    ['query-502-busy.json', 'rate_limited', undefined],
    ['query-501-server.json', 'error', undefined],
  ] as const)('%s → %s', async (name, outcome, needs) => {
    const [r] = await kuaidi100Source.refresh([zto()], ctxWith(fakeFetch(k100(name)).fetch));
    expect(r.outcome).toBe(outcome);
    expect(r.needs).toBe(needs);
    expect(r.batch).toBeUndefined();
    expect(r.message).toBeTruthy();
    if (outcome === 'rate_limited') expect(r.retryAfterMs).toBeGreaterThan(0);
  });

  it('"查询太频繁" and HTTP 429 are rate_limited', async () => {
    const [a] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(() => json('{"result":false,"returnCode":"700","message":"查询太频繁，请稍后再试"}')).fetch));
    expect(a.outcome).toBe('rate_limited');
    const [b] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(() => new Response('', { status: 429, headers: { 'retry-after': '120' } })).fetch));
    expect(b).toMatchObject({ outcome: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('a bad key stops the call: later targets are not fetched', async () => {
    const f = fakeFetch(k100('query-503-bad-sign.json'));
    const rs = await kuaidi100Source.refresh([zto(), yto()], ctxWith(f.fetch));
    expect(f.calls).toHaveLength(1);
    expect(rs.map((r) => [r.key, r.outcome])).toEqual([
      ['zto:78912345678901', 'bad_key'],
      ['yto:YT2512345678901', 'bad_key'],
    ]);
  });

  it('SF and ZTO without a phone tail are unsupported + needs phone_tail, without a request', async () => {
    const f = fakeFetch(k100('query-ok-zto-station.json'));
    const rs = await kuaidi100Source.refresh(
      [target('sf', 'SF1234567890123'), zto({ phoneTail: undefined }), zto({ phoneTail: '12' })],
      ctxWith(f.fetch),
    );
    expect(rs.map((r) => [r.outcome, r.needs])).toEqual([
      ['unsupported', 'phone_tail'],
      ['unsupported', 'phone_tail'],
      ['unsupported', 'phone_tail'],
    ]);
    expect(f.calls).toHaveLength(0);
  });

  it('an unknown carrier is unsupported', async () => {
    const f = fakeFetch(k100('query-ok-zto-station.json'));
    const [r] = await kuaidi100Source.refresh([target('unknown', '1234567890')], ctxWith(f.fetch));
    expect(r.outcome).toBe('unsupported');
    expect(f.calls).toHaveLength(0);
  });

  it('HTML, truncated JSON, unknown shapes and server errors are error', async () => {
    for (const res of [
      () => new Response(fixture('refresh/kuaidi100/gateway-error.html'), { status: 200, headers: { 'content-type': 'text/html' } }),
      () => new Response(fixture('refresh/kuaidi100/gateway-error.html'), { status: 504, headers: { 'content-type': 'text/html' } }),
      () => json('{"message":"ok","status":"200","data":[{"time"'),
      () => json('{"message":"ok","status":"200"}'),
      () => json('[]'),
    ]) {
      const [r] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(res).fetch));
      expect(r.outcome).toBe('error');
    }
  });

  it('an answer with no usable event is not_found', async () => {
    const [r] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(() => json('{"message":"ok","status":"200","state":"0","data":[]}')).fetch));
    expect(r.outcome).toBe('not_found');
  });

  it('a network failure is error', async () => {
    const [r] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(rejecting).fetch));
    expect(r).toMatchObject({ outcome: 'error', key: 'yto:YT2512345678901' });
  });

  it('unconfigured: bad_key without a request', async () => {
    const f = fakeFetch(k100('query-ok-yto-signed.json'));
    const [r] = await kuaidi100Source.refresh([yto()], ctxWith(f.fetch, DEFAULT_SETTINGS));
    expect(r.outcome).toBe('bad_key');
    expect(f.calls).toHaveLength(0);
  });
});

describe('kuaidi100 state codes (reference carriers.md §3.1)', () => {
  const table: [string, ParcelStatus][] = [
    ['0', 'in_transit'],
    ['1', 'picked_up'],
    ['2', 'exception'],
    ['3', 'delivered'],
    ['4', 'returned'],
    ['5', 'out_for_delivery'],
    ['6', 'returning'],
    ['7', 'in_transit'],
    ['8', 'customs'],
    ['10', 'customs'],
    ['11', 'customs'],
    ['12', 'customs'],
    ['13', 'customs'],
    ['14', 'rejected'],
    ['101', 'pending_pickup'],
    ['102', 'pending_pickup'],
    ['103', 'picked_up'],
    ['1001', 'in_transit'],
    ['1002', 'in_transit'],
    ['1003', 'in_transit'],
    ['501', 'awaiting_collection'],
    ['301', 'delivered'],
    ['302', 'delivered'],
    ['303', 'delivered'],
    ['304', 'awaiting_collection'],
    ['401', 'cancelled'],
    ['在途', 'in_transit'],
    ['揽收', 'picked_up'],
    ['签收', 'delivered'],
    ['派件', 'out_for_delivery'],
    ['投柜或驿站', 'awaiting_collection'],
    ['投柜或站签收', 'awaiting_collection'],
    ['拒签', 'rejected'],
  ];
  it.each(table)('state %s → %s', (state, status) => expect(statusFromKuaidi100State(state)).toBe(status));

  it('the state of an answer becomes the parcel status', async () => {
    for (const [state, status] of table.filter(([s]) => /^\d+$/.test(s))) {
      const body = JSON.stringify({ message: 'ok', status: '200', state, data: [{ time: '2026-11-20 10:23:45', ftime: '2026-11-20 10:23:45', context: '快件状态更新' }] });
      const [r] = await kuaidi100Source.refresh([yto()], ctxWith(fakeFetch(() => json(body)).fetch));
      expect(r.batch!.parcels[0].status).toBe(status);
      expect(r.batch!.parcels[0].events![0]).toMatchObject({ time: cst('2026-11-20 10:23:45'), status });
    }
  });
});
