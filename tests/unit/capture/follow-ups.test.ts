// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm" }
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../e2e/harness';
import type { FollowUp, ParseResult } from '../../../src/platforms/types';

const step = (id: string, priority: FollowUp['priority'] = 'open'): FollowUp => ({ kind: 'taobao_transit_step', orderId: id, url: `https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${id}`, priority });
const idOf = (url: string) => new URL(url).searchParams.get('bizOrderId');
const gbk = (text: string) => new TextEncoder().encode(text); // ASCII-safe bodies decode the same in GBK

async function load() {
  vi.resetModules(); // the queue and the stop flag live in the module
  const mod = await import('../../../src/capture/follow-ups');
  const { taobao } = await import('../../../src/platforms/taobao');
  return { ...mod, taobao };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});

describe('runFollowUps (Taobao transit_step.do)', () => {
  it('asks one order per second, delivers parsed parcels, and never asks the same order twice in the window', async () => {
    const { runFollowUps, taobao } = await load();
    const calls: { url: string; at: number }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push({ url, at: Date.now() });
      return new Response(fixture('taobao/transit-step-zto.json'), { headers: { 'content-type': 'application/json;charset=UTF-8' } });
    }));
    const delivered: ParseResult[] = [];
    const run = runFollowUps([step('1'), step('2'), step('3')], (r, _u, stored) => (r && delivered.push(r), stored?.()), taobao, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    await run;
    expect(calls.map((c) => c.url.split('=')[1])).toEqual(['1', '2', '3']);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    expect(delivered.flatMap((r) => r.parcels.map((p) => p.trackingNo))).toContain('73100059809012');
    const again = runFollowUps([step('1')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    await again;
    expect(calls).toHaveLength(3);
  });

  it('asks an order again when its answer never reached the background (worker stopped, page closed)', async () => {
    const { runFollowUps, taobao } = await load();
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push(idOf(url)!);
      return new Response(fixture('taobao/transit-step-zto.json'), { headers: { 'content-type': 'application/json;charset=UTF-8' } });
    }));
    const lost = runFollowUps([step('1')], () => {}, taobao, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    await lost;
    const again = runFollowUps([step('1')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    await again;
    expect(calls).toEqual(['1', '1']);
  });

  it('stops at the first risk-control answer and reports it', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn(async () => new Response(gbk(fixture('taobao/transit-step-risk.json'))));
    vi.stubGlobal('fetch', fetchMock);
    const delivered: ParseResult[] = [];
    const run = runFollowUps([step('1'), step('2'), step('3')], (r, _u, stored) => (r && delivered.push(r), stored?.()), taobao, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    await run;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(delivered[0].diagnostics.map((d) => d.kind)).toContain('risk_control');
    // later pages on the same tab do not start again
    await runFollowUps([step('4')], (_r, _u, stored) => stored?.(), taobao, () => {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('finished orders wait for the open ones, even those of a later page; one a second; each once', async () => {
    const { runFollowUps, taobao } = await load();
    const calls: { id: string | null; at: number }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push({ id: idOf(url), at: Date.now() });
      return new Response(fixture('taobao/transit-step-zto.json'), { headers: { 'content-type': 'application/json;charset=UTF-8' } });
    }));
    const first = runFollowUps([step('o1'), step('f1', 'finished'), step('f2', 'finished')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(10); // o1 is being asked
    // Page 2 arrives: its open order goes before the finished ones still waiting; f1 again is not queued twice.
    await runFollowUps([step('f1', 'finished'), step('o2'), step('f3', 'finished')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(10_000);
    await first;
    expect(calls.map((c) => c.id)).toEqual(['o1', 'o2', 'f1', 'f2', 'f3']);
    for (let i = 1; i < calls.length; i++) expect(calls[i].at - calls[i - 1].at).toBeGreaterThanOrEqual(1000);
    // Asked once: three hours later an open order is asked again (its parcel moves), a finished one is not.
    vi.setSystemTime(Date.now() + 3 * 3600_000);
    const again = runFollowUps([step('o1'), step('f1', 'finished'), step('f2', 'finished')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    await again;
    expect(calls.slice(5).map((c) => c.id)).toEqual(['o1']);
  });

  it('a captcha answer while asking for finished orders stops everything that is left', async () => {
    const { runFollowUps, taobao } = await load();
    const ids: (string | null)[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      ids.push(idOf(url));
      const body = ids.length === 2 ? fixture('taobao/transit-step-risk.json') : fixture('taobao/transit-step-zto.json');
      return new Response(gbk(body));
    }));
    const delivered: ParseResult[] = [];
    const run = runFollowUps([step('f1', 'finished'), step('o1'), step('f2', 'finished'), step('f3', 'finished')], (r, _u, stored) => (r && delivered.push(r), stored?.()), taobao, () => {});
    await vi.advanceTimersByTimeAsync(10_000);
    await run;
    expect(ids).toEqual(['o1', 'f1']);
    expect(delivered.at(-1)!.diagnostics.map((d) => d.kind)).toContain('risk_control');
    await runFollowUps([step('f4', 'finished')], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(3000);
    expect(ids).toHaveLength(2);
  });

  it('a sign-in redirect stops the queue too', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn(async () => {
      const res = new Response('<html><title>淘宝网 - 淘！我喜欢</title></html>', { headers: { 'content-type': 'text/html;charset=utf-8' } });
      Object.defineProperty(res, 'redirected', { value: true });
      Object.defineProperty(res, 'url', { value: 'https://login.taobao.com/member/login.jhtml?redirectURL=x' });
      return res;
    });
    vi.stubGlobal('fetch', fetchMock);
    const reported: string[] = [];
    const run = runFollowUps([step('o1'), step('f1', 'finished')], (_r, _u, stored) => stored?.(), taobao, (d) => reported.push(d.kind));
    await vi.advanceTimersByTimeAsync(5000);
    await run;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(reported).toEqual(['signed_out']);
  });

  it('refuses follow-up URLs on another origin', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    await runFollowUps([{ ...step('1'), url: 'https://evil.example/steal?bizOrderId=1' }], (_r, _u, stored) => stored?.(), taobao, () => {});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('never fetches a page follow-up (JD logistics pages are opened by the background, opt-in)', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    // Same origin as this page, so only the kind keeps it from being fetched.
    await runFollowUps([{ kind: 'jd_logistics_page', orderId: '1', url: `${location.origin}/order/deal_wuliu_jdm.shtml?dealId=1` }], (_r, _u, stored) => stored?.(), taobao, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('decodes GBK bodies by default and honours a declared charset', async () => {
    const { decodeBody } = await load();
    const gbkBytes = new Uint8Array([0xd6, 0xd0, 0xcd, 0xa8]); // 中通 in GBK
    expect(decodeBody(gbkBytes.buffer, null)).toBe('中通');
    expect(decodeBody(new TextEncoder().encode('中通').buffer as ArrayBuffer, 'application/json; charset=utf-8')).toBe('中通');
  });
});
