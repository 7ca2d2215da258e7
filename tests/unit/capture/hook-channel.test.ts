// @vitest-environment happy-dom
// The MAIN-world hook and the ISOLATED channel, wired together in one DOM as they are in a shop page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_EVENT, CAPTURE_PART_CHARS, CHANNEL_TAG, MAX_BODY_CHARS, WAITING_TAG, type CapturedResponse } from '../../../src/capture/channel-protocol';

const LIST_URL = 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?jsv=2.7.2&appKey=12574478';

let pageFetch: ReturnType<typeof vi.fn>;
/** The script element "executing" (document.currentScript), which the hook reads through its saved getter. */
let executing: Element | null = null;
Object.defineProperty(Document.prototype, 'currentScript', { configurable: true, get: () => executing });

beforeEach(() => {
  vi.resetModules();
  document.documentElement.innerHTML = '<head></head><body></body>';
  delete (window as unknown as Record<string, unknown>).__parcelHubHooked;
  pageFetch = vi.fn(async (input: unknown) => new Response(String(input).includes('order') ? '{"data":{"ok":1}}' : 'static', { status: 200 }));
  (window as unknown as { fetch: unknown }).fetch = pageFetch;
});

afterEach(() => vi.restoreAllMocks());

async function installBoth(order: 'isolated-first' | 'hook-first') {
  const got: CapturedResponse[] = [];
  const { connectToHook } = await import('../../../src/capture/isolated-channel');
  if (order === 'isolated-first') {
    connectToHook((c) => got.push(c));
    await import('../../../src/capture/main-world-hook');
  } else {
    await import('../../../src/capture/main-world-hook');
    connectToHook((c) => got.push(c));
  }
  return got;
}

// the hook hands a body on in tasks of its own (setTimeout here), so give them time on a loaded machine
const settle = () => new Promise((r) => setTimeout(r, 150));

describe.each(['isolated-first', 'hook-first'] as const)('hook ↔ channel (%s)', (order) => {
  it('copies an order fetch, returns the page its own response, and leaves no element in the page', async () => {
    const got = await installBoth(order);
    const res = await window.fetch(LIST_URL);
    expect(await res.text()).toBe('{"data":{"ok":1}}'); // the page still reads its body
    await settle();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'fetch', url: LIST_URL, status: 200, chunks: ['{"data":{"ok":1}}'], truncated: false });
    expect(document.querySelector(CHANNEL_TAG)).toBeNull();
    expect(document.querySelector(WAITING_TAG)).toBeNull();
  });

  it('ignores responses whose URL is not about orders or logistics', async () => {
    const got = await installBoth(order);
    await window.fetch('https://g.alicdn.com/static/app.js');
    await settle();
    expect(got).toHaveLength(0);
  });
});

describe('hook safety', () => {
  it('passes a failing fetch through unchanged', async () => {
    await installBoth('isolated-first');
    pageFetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(window.fetch(LIST_URL)).rejects.toThrow('Failed to fetch');
  });

  it('copies a JSONP callback argument while its own script runs, and still calls the page callback', async () => {
    const got = await installBoth('isolated-first');
    const pageCallback = vi.fn();
    (window as unknown as Record<string, unknown>).mtopjsonp7 = pageCallback;
    const script = document.createElement('script');
    script.setAttribute('src', `${LIST_URL}&type=jsonp&callback=mtopjsonp7`);
    const payload = { ret: ['SUCCESS::调用成功'], data: { x: 1 } };
    executing = script;
    (window as unknown as Record<string, (p: unknown) => void>).mtopjsonp7(payload);
    executing = null;
    expect(pageCallback).toHaveBeenCalledWith(payload);
    await settle();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'jsonp', parsed: true });
    expect(JSON.parse(got[0].chunks.join(''))).toEqual(payload);
  });

  it('wraps a JSONP callback defined after the script src is set', async () => {
    const got = await installBoth('isolated-first');
    const script = document.createElement('script');
    script.src = `${LIST_URL}&callback=mtopjsonp8`;
    const pageCallback = vi.fn();
    (window as unknown as Record<string, unknown>).mtopjsonp8 = pageCallback;
    executing = script;
    (window as unknown as Record<string, (p: unknown) => void>).mtopjsonp8({ a: 1 });
    executing = null;
    expect(pageCallback).toHaveBeenCalledWith({ a: 1 });
    await settle();
    expect(got.map((g) => g.chunks.join(''))).toEqual(['{"a":1}']);
  });

  it('copies nothing when the callback is called by anything but its own script', async () => {
    const got = await installBoth('isolated-first');
    const pageCallback = vi.fn();
    (window as unknown as Record<string, unknown>).x = pageCallback;
    const planted = document.createElement('script'); // never inserted, never executed
    planted.src = `${LIST_URL}&callback=x`;
    (window as unknown as Record<string, (p: unknown) => void>).x({ forged: 1 }); // no script executing
    executing = document.createElement('script'); // another script (e.g. the page's own bundle)
    (window as unknown as Record<string, (p: unknown) => void>).x({ forged: 2 });
    executing = null;
    expect(pageCallback).toHaveBeenCalledTimes(2);
    await settle();
    expect(got).toHaveLength(0);
  });

  it('marks a browser-parsed body, whose integers beyond 2^53 the reader then nulls and counts', async () => {
    const got = await installBoth('isolated-first');
    (window as unknown as Record<string, unknown>).cb9 = vi.fn();
    const script = document.createElement('script');
    script.src = `${LIST_URL}&callback=cb9`;
    executing = script;
    (window as unknown as Record<string, (p: unknown) => void>).cb9({ orders: [{ oid: 2 ** 53 + 2, id: '9007199254740995', n: 12 }] });
    executing = null;
    await settle();
    expect(got[0].parsed).toBe(true);
    const { nullUnsafeIntegers } = await import('../../../src/platforms/shared/json-text');
    const r = nullUnsafeIntegers(got[0].chunks.join(''));
    expect(r.lost).toBe(1);
    expect(JSON.parse(r.text)).toEqual({ orders: [{ oid: null, id: '9007199254740995', n: 12 }] });
  });

  it('does not accept forged captures sent by page scripts through postMessage or document events', async () => {
    const got = await installBoth('isolated-first');
    const forged = { nonce: 'guess', kind: 'fetch', url: LIST_URL, status: 200, body: '{}', truncated: false, size: 2, parsed: false };
    window.postMessage(JSON.stringify(forged), '*');
    document.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail: JSON.stringify(forged) }));
    document.documentElement.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail: JSON.stringify(forged) }));
    await settle();
    expect(got).toHaveLength(0);
  });

  it('is installed once even if injected twice', async () => {
    const got = await installBoth('isolated-first');
    vi.resetModules();
    await import('../../../src/capture/main-world-hook');
    await window.fetch(LIST_URL);
    await settle();
    expect(got).toHaveLength(1);
  });
});

describe('a large body crosses in bounded pieces', () => {
  /** Every capture event the hook dispatches: the hook's private dispatchEvent is this spy when it is
   * installed before the hook starts. */
  const spyDispatch = () => {
    const details: string[] = [];
    const real = EventTarget.prototype.dispatchEvent;
    vi.spyOn(EventTarget.prototype, 'dispatchEvent').mockImplementation(function (this: EventTarget, e: Event) {
      if (e.type === CAPTURE_EVENT) details.push(String((e as CustomEvent).detail));
      return real.call(this, e);
    });
    return details;
  };

  it('a 1.6 M-character fetch body: each event carries at most one slice, in tasks of its own, and the pieces join to the body', async () => {
    const details = spyDispatch();
    const body = JSON.stringify({ data: { orderList: Array.from({ length: 25_000 }, (_, i) => ({ oid: String(2_411_221_000_000_000 + i), title: '保温杯 不锈钢 大容量 500ml', n: i })) } });
    expect(body.length).toBeGreaterThan(4 * CAPTURE_PART_CHARS);
    pageFetch.mockResolvedValueOnce(new Response(body, { status: 200 }));
    const got = await installBoth('isolated-first');
    await (await window.fetch(LIST_URL)).text();
    await new Promise((r) => setTimeout(r, 0));
    // not all at once: the slices are spread over tasks
    expect(details.length).toBeLessThan(Math.ceil(body.length / CAPTURE_PART_CHARS));
    await vi.waitFor(() => expect(got).toHaveLength(1));
    expect(details.length).toBeGreaterThanOrEqual(4);
    for (const d of details) expect(d.length - d.indexOf('\n') - 1).toBeLessThanOrEqual(CAPTURE_PART_CHARS);
    expect(got[0].chunks.length).toBe(details.length);
    expect(got[0].chunks.join('')).toBe(body);
    expect(got[0]).toMatchObject({ truncated: false, size: body.length });
  });

  it('a body over MAX_BODY_CHARS sends no text, only its size, and no event carries more than one slice', async () => {
    const details = spyDispatch();
    const got = await installBoth('isolated-first');
    const big = 'x'.repeat(MAX_BODY_CHARS + 10);
    pageFetch.mockResolvedValueOnce(new Response(big, { status: 200 }));
    await (await window.fetch(LIST_URL)).text();
    await vi.waitFor(() => expect(got).toHaveLength(1), { timeout: 10_000 });
    expect(got[0]).toMatchObject({ truncated: true, size: MAX_BODY_CHARS + 10, chunks: [] });
    expect(details.every((d) => d.length < CAPTURE_PART_CHARS + 1000)).toBe(true);
  }, 20_000);

  it('pieces out of order are dropped, not joined wrongly', async () => {
    const { connectToHook } = await import('../../../src/capture/isolated-channel');
    const got: CapturedResponse[] = [];
    connectToHook((c) => got.push(c));
    const waiting = document.querySelector(WAITING_TAG)!;
    const channel = document.createElement(CHANNEL_TAG);
    channel.setAttribute('data-nonce', 'n1');
    waiting.append(channel);
    waiting.dispatchEvent(new CustomEvent('parcelhub:hello'));
    const piece = (id: number, seq: number, end: boolean, text: string) =>
      channel.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail: `${JSON.stringify({ nonce: 'n1', id, seq, end, kind: 'fetch', url: LIST_URL, status: 200, truncated: false, size: 0, parsed: false })}\n${text}` }));
    piece(1, 0, false, 'a');
    piece(1, 2, true, 'c'); // seq 1 missing
    piece(2, 0, false, 'x');
    piece(2, 1, true, 'y');
    await settle();
    expect(got.map((g) => g.chunks.join(''))).toEqual(['xy']);
  });
});
