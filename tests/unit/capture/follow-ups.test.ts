// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm" }
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../e2e/harness';
import type { FollowUp, ParseResult } from '../../../src/platforms/types';

const step = (id: string): FollowUp => ({ kind: 'taobao_transit_step', orderId: id, url: `https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${id}` });
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
    const run = runFollowUps([step('1'), step('2'), step('3')], (r) => r && delivered.push(r), taobao, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    await run;
    expect(calls.map((c) => c.url.split('=')[1])).toEqual(['1', '2', '3']);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    expect(delivered.flatMap((r) => r.parcels.map((p) => p.trackingNo))).toContain('73100059809012');
    const again = runFollowUps([step('1')], () => {}, taobao, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    await again;
    expect(calls).toHaveLength(3);
  });

  it('stops at the first risk-control answer and reports it', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn(async () => new Response(gbk(fixture('taobao/transit-step-risk.json'))));
    vi.stubGlobal('fetch', fetchMock);
    const delivered: ParseResult[] = [];
    const run = runFollowUps([step('1'), step('2'), step('3')], (r) => r && delivered.push(r), taobao, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    await run;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(delivered[0].diagnostics.map((d) => d.kind)).toContain('risk_control');
    // later pages on the same tab do not start again
    await runFollowUps([step('4')], () => {}, taobao, () => {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('refuses follow-up URLs on another origin', async () => {
    const { runFollowUps, taobao } = await load();
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    await runFollowUps([{ ...step('1'), url: 'https://evil.example/steal?bizOrderId=1' }], () => {}, taobao, () => {});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('decodes GBK bodies by default and honours a declared charset', async () => {
    const { decodeBody } = await load();
    const gbkBytes = new Uint8Array([0xd6, 0xd0, 0xcd, 0xa8]); // 中通 in GBK
    expect(decodeBody(gbkBytes.buffer, null)).toBe('中通');
    expect(decodeBody(new TextEncoder().encode('中通').buffer as ArrayBuffer, 'application/json; charset=utf-8')).toBe('中通');
  });
});
