import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { validateBatch } from '../../../src/core/observation-schema';
import { taobaoSource } from '../../../src/refresh/sources/taobao';
import { transitStepUrl } from '../../../src/platforms/taobao/urls';
import { ctxWith, cst, fakeFetch, fixture, fixtureBytes, json, NOW, redirectedTo, rejecting, target } from './helpers';

const ORDER = '3912345678901234567';
const tb = (no = 'YT2512345678901', orderId = ORDER) => target('yto', no, { orders: [{ platform: 'taobao', orderId }] });
const gbkJson = () => new Response(fixtureBytes('refresh/taobao/transit-step-yto.gbk.json'), { headers: { 'content-type': 'application/json' } });

describe('taobaoSource: configuration', () => {
  it('is a 1-per-second, one-order source on the platform host with no extra origin', () => {
    expect(taobaoSource).toMatchObject({ id: 'taobao', host: 'buyertrade.taobao.com', origins: [], maxBatch: 1, minIntervalMs: 1000 });
  });

  it('is on by default and off when Taobao is switched off', () => {
    expect(taobaoSource.enabled(DEFAULT_SETTINGS)).toBe(true);
    expect(taobaoSource.enabled({ ...DEFAULT_SETTINGS, platforms: { ...DEFAULT_SETTINGS.platforms, taobao: false } })).toBe(false);
  });

  it('refreshes only parcels linked to a Taobao order', () => {
    expect(taobaoSource.canRefresh(tb(), DEFAULT_SETTINGS)).toBe(true);
    expect(taobaoSource.canRefresh(target('yto', 'YT1', { orders: [{ platform: 'douyin', orderId: '1' }] }), DEFAULT_SETTINGS)).toBe(false);
    expect(taobaoSource.canRefresh(target('yto', 'YT1'), DEFAULT_SETTINGS)).toBe(false);
  });
});

describe('taobaoSource.refresh', () => {
  it('GETs transit_step.do with the cookies, decodes GBK and returns a refresh batch', async () => {
    const f = fakeFetch(() => gbkJson());
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0].url).toBe(transitStepUrl(ORDER));
    expect(f.calls[0].url).toBe(`https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${ORDER}`);
    expect(f.calls[0].init.credentials).toBe('include');
    expect(r.outcome).toBe('ok');
    expect(r.key).toBe('yto:YT2512345678901');
    expect(r.message).toBeUndefined();
    const batch = r.batch!;
    expect(batch).toMatchObject({ platform: 'taobao', source: 'refresh', observedAt: NOW, orders: [] });
    expect(validateBatch(batch).ok).toBe(true);
    const [p] = batch.parcels;
    expect(p).toMatchObject({ trackingNo: 'YT2512345678901', carrierName: '圆通速递', orderIds: [ORDER] });
    expect(p.events).toHaveLength(6);
    expect(p.events![0]).toMatchObject({ time: cst('2026-11-20 17:16:34'), location: '成都市' });
    expect(p.events![0].text).toContain('菜鸟驿站代收');
  });

  it('says so when the order shows another waybill (split shipment) but still returns it', async () => {
    const f = fakeFetch(() => gbkJson());
    const [r] = await taobaoSource.refresh([tb('YT9999999999999')], ctxWith(f.fetch));
    expect(r.outcome).toBe('ok');
    expect(r.message).toMatch(/另一个运单号/);
  });

  it('{"isSuccess":"false"} (no logistics yet) is not_found', async () => {
    const f = fakeFetch(() => json(fixture('taobao/transit-step-no-logistics.json')));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r).toMatchObject({ outcome: 'not_found' });
    expect(r.batch).toBeUndefined();
  });

  it('RGV587 / FAIL_SYS_USER_VALIDATE is risk_control', async () => {
    const f = fakeFetch(() => json(fixture('taobao/transit-step-risk.json')));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r.outcome).toBe('risk_control');
  });

  it('a slider page is risk_control', async () => {
    const f = fakeFetch(() => new Response(fixture('taobao/risk-slider.html'), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r.outcome).toBe('risk_control');
  });

  it('a redirect to the punish page is risk_control', async () => {
    const f = fakeFetch(() => redirectedTo('https://buyertrade.taobao.com//_____tmd_____/punish?x5secdata=abc&x5step=2', '<html></html>'));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r.outcome).toBe('risk_control');
  });

  it('a redirect to login.taobao.com is signed_out', async () => {
    const f = fakeFetch(() => redirectedTo('https://login.taobao.com/member/login.jhtml?redirectURL=https%3A%2F%2Fbuyertrade.taobao.com%2F', fixture('refresh/taobao/login-page.html')));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r).toMatchObject({ outcome: 'signed_out' });
  });

  it('a login page served in place of the JSON is signed_out', async () => {
    const f = fakeFetch(() => new Response(fixture('refresh/taobao/login-page.html'), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r.outcome).toBe('signed_out');
  });

  it('an mtop session-expired answer is signed_out', async () => {
    const f = fakeFetch(() => json('{"ret":["FAIL_SYS_SESSION_EXPIRED::SESSION失效"],"data":{}}'));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r.outcome).toBe('signed_out');
  });

  it('after a sign-out or risk answer, the rest of the call gets the same outcome without fetching', async () => {
    for (const [body, outcome] of [
      [fixture('taobao/transit-step-risk.json'), 'risk_control'],
      ['{"ret":["FAIL_SYS_SESSION_EXPIRED::SESSION失效"]}', 'signed_out'],
    ] as const) {
      const f = fakeFetch(() => json(body));
      const rs = await taobaoSource.refresh([tb('YT1000000000001', '1001'), tb('YT1000000000002', '1002'), tb('YT1000000000003', '1003')], ctxWith(f.fetch));
      expect(f.calls).toHaveLength(1);
      expect(rs.map((r) => r.outcome)).toEqual([outcome, outcome, outcome]);
      expect(rs.map((r) => r.key)).toEqual(['yto:YT1000000000001', 'yto:YT1000000000002', 'yto:YT1000000000003']);
    }
  });

  it('an HTML error page or garbage is error, never ok', async () => {
    for (const res of [
      () => new Response(fixture('refresh/taobao/server-error.html'), { status: 502, headers: { 'content-type': 'text/html' } }),
      () => new Response(fixture('refresh/taobao/server-error.html'), { status: 200, headers: { 'content-type': 'text/html' } }),
      () => json('{"expressName":"中通快递"'),
      () => json('{"foo":"bar"}'),
    ]) {
      const [r] = await taobaoSource.refresh([tb()], ctxWith(fakeFetch(res).fetch));
      expect(r.outcome).toBe('error');
      expect(r.batch).toBeUndefined();
    }
  });

  it('a network failure is error, and the next target is still tried', async () => {
    const f = fakeFetch(rejecting, () => gbkJson());
    const rs = await taobaoSource.refresh([tb('YT1000000000001', '1001'), tb()], ctxWith(f.fetch));
    expect(rs.map((r) => r.outcome)).toEqual(['error', 'ok']);
    expect(f.calls).toHaveLength(2);
  });

  it('a parcel without a Taobao order is unsupported and nothing is fetched', async () => {
    const f = fakeFetch(() => gbkJson());
    const [r] = await taobaoSource.refresh([target('yto', 'YT1', { orders: [{ platform: 'kuaishou', orderId: '9' }] })], ctxWith(f.fetch));
    expect(r.outcome).toBe('unsupported');
    expect(f.calls).toHaveLength(0);
  });

  it('HTTP 429 is rate_limited with a wait', async () => {
    const f = fakeFetch(() => new Response('', { status: 429, headers: { 'retry-after': '30' } }));
    const [r] = await taobaoSource.refresh([tb()], ctxWith(f.fetch));
    expect(r).toMatchObject({ outcome: 'rate_limited', retryAfterMs: 30_000 });
  });
});
