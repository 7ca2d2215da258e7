// @vitest-environment happy-dom
// The MAIN-world hook and the ISOLATED channel, wired together in one DOM as they are in a shop page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_EVENT, CHANNEL_TAG, WAITING_TAG, type CapturedResponse } from '../../../src/capture/channel-protocol';

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

const settle = () => new Promise((r) => setTimeout(r, 20));

describe.each(['isolated-first', 'hook-first'] as const)('hook ↔ channel (%s)', (order) => {
  it('copies an order fetch, returns the page its own response, and leaves no element in the page', async () => {
    const got = await installBoth(order);
    const res = await window.fetch(LIST_URL);
    expect(await res.text()).toBe('{"data":{"ok":1}}'); // the page still reads its body
    await settle();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'fetch', url: LIST_URL, status: 200, body: '{"data":{"ok":1}}', truncated: false });
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
    expect(JSON.parse(got[0].body)).toEqual(payload);
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
    expect(got.map((g) => g.body)).toEqual(['{"a":1}']);
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
    const r = nullUnsafeIntegers(got[0].body);
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
