// Test helpers for the refresh sources: fixtures, settings with keys, targets, and a recording fake fetch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import type { RefreshResult, RefreshTarget, SourceContext } from '../../../src/refresh/source';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/');

export const fixtureBytes = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
export const fixture = (name: string): string => readFileSync(join(FIXTURE_DIR, name), 'utf8');

/** Fake secrets: long enough that no fixture text contains them by chance. */
export const K100_CUSTOMER = 'C0FFEE11D00DCAFEBABE5EED1234ABCD';
export const K100_KEY = 'kEy-Sekr1t-9f8e7d6c';
export const TOKEN_17 = '17TOKEN-5ECRET-0A1B2C3D4E5F6789';
export const SECRETS = [K100_CUSTOMER, K100_KEY, TOKEN_17];

export function settingsWithKeys(patch: (s: Settings) => void = () => {}): Settings {
  const s: Settings = structuredClone(DEFAULT_SETTINGS);
  s.services.kuaidi100 = { enabled: true, customer: K100_CUSTOMER, key: K100_KEY };
  s.services.seventeenTrack = { enabled: true, apiKey: TOKEN_17 };
  patch(s);
  return s;
}

export function target(carrier: string, trackingNo: string, extra: Partial<RefreshTarget> = {}): RefreshTarget {
  return { key: `${carrier}:${trackingNo}`, carrier, trackingNo, status: 'in_transit', orders: [], ...extra };
}

export interface Call {
  url: string;
  init: RequestInit;
}

export type Responder = (call: Call, index: number) => Response | Promise<Response>;

/** A fetch that records calls and answers from `responders` in turn (the last one repeats). */
export function fakeFetch(...responders: Responder[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call = { url: String(input), init };
    calls.push(call);
    const i = calls.length - 1;
    const r = responders[Math.min(i, responders.length - 1)];
    return r(call, i);
  };
  return { fetch: fn as typeof fetch, calls };
}

export const json = (body: string, init: ResponseInit = {}): Response =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, ...init });

/** A Response whose final URL / redirect flag are set, as after a followed redirect. */
export function redirectedTo(url: string, body: string, contentType = 'text/html; charset=utf-8'): Response {
  const r = new Response(body, { status: 200, headers: { 'content-type': contentType } });
  Object.defineProperty(r, 'url', { value: url });
  Object.defineProperty(r, 'redirected', { value: true });
  return r;
}

export const rejecting: Responder = () => Promise.reject(new TypeError('Failed to fetch'));

export const NOW = Date.parse('2026-11-21T12:00:00+08:00');

export const ctxWith = (fetchFn: typeof fetch, settings: Settings = settingsWithKeys()): SourceContext => ({ fetch: fetchFn, settings, now: NOW });

/** "2026-11-20 10:23:45" read as China time, computed independently of the sources. */
export const cst = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);

/** Every result collected by the test files, scanned for secrets at the end (see secrets.test.ts). */
export const allText = (results: RefreshResult[]): string => JSON.stringify(results);
