// No key ever reaches a RefreshResult (its message is shown on the settings page and may be logged), whatever
// a service answers: every fixture under every HTTP status, network failures, and answers that echo the
// request (headers and body) back.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_IDS } from '../../../src/core/settings';
import type { RefreshResult, RefreshTarget } from '../../../src/refresh/source';
import { ALL_SOURCES, createSources } from '../../../src/refresh/sources';
import { ctxWith, FIXTURE_DIR, fakeFetch, fixtureBytes, rejecting, SECRETS, target, type Responder } from './helpers';

const targets: RefreshTarget[] = [
  target('zto', '78912345678901', { phoneTail: '5678', orders: [{ platform: 'taobao', orderId: '3912345678901234567' }] }),
  target('yto', 'YT2512345678901', { orders: [{ platform: 'taobao', orderId: '3912345678901234568' }] }),
  target('sf', 'SF1234567890123'),
];

const fixtureFiles = [
  ...['refresh/taobao', 'refresh/kuaidi100', 'refresh/17track'].flatMap((d) => readdirSync(join(FIXTURE_DIR, d)).map((f) => `${d}/${f}`)),
  'taobao/transit-step-risk.json',
  'taobao/transit-step-no-logistics.json',
  'taobao/transit-step-zto.json',
  'taobao/risk-slider.html',
];

/** Answers with everything the request carried: a worst case for a service that quotes its input. */
const echo: Responder = ({ url, init }) => {
  const headers = JSON.stringify(Object.fromEntries(new Headers(init.headers).entries()));
  const said = `${url} ${headers} ${String(init.body ?? '')}`;
  return new Response(
    JSON.stringify({ result: false, returnCode: '503', code: -18010002, message: said, data: { errors: [{ code: -18010002, message: said }], rejected: [{ number: 'x', error: { code: -1, message: said } }] } }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );
};

const collected: RefreshResult[] = [];

async function runAll(responder: Responder): Promise<void> {
  for (const source of ALL_SOURCES) {
    const f = fakeFetch(responder);
    const results = await source.refresh(targets.slice(0, source.maxBatch === 1 ? 3 : targets.length), ctxWith(f.fetch));
    collected.push(...results);
    for (const c of f.calls) {
      // Keys travel only where the protocol puts them: never in a URL.
      for (const s of SECRETS) expect(c.url).not.toContain(s);
    }
  }
}

describe('no secret in any result', () => {
  it.each(fixtureFiles)('%s under HTTP 200/400/401/429/500', async (name) => {
    for (const status of [200, 400, 401, 429, 500]) {
      await runAll(() => new Response(fixtureBytes(name), { status, headers: { 'content-type': name.endsWith('.html') ? 'text/html' : 'application/json' } }));
    }
  });

  it('network failures', async () => {
    await runAll(rejecting);
  });

  it('answers that echo the request', async () => {
    await runAll(echo);
  });

  // Runs after the cases above (tests in a file run in order): scans everything they collected.
  it('scan: no result holds a key', () => {
    expect(collected.length).toBeGreaterThan(fixtureFiles.length * 5 * 3);
    const text = JSON.stringify(collected);
    for (const s of SECRETS) expect(text).not.toContain(s);
    for (const r of collected) {
      expect(typeof r.key).toBe('string');
      if (r.message !== undefined) expect(r.message.length).toBeLessThanOrEqual(80);
    }
  });
});

describe('source registry', () => {
  it('lists each network source once, with ids from the settings', () => {
    const ids = ALL_SOURCES.map((s) => s.id);
    expect(ids).toEqual(['taobao', 'kuaidi100', 'seventeen_track']);
    for (const id of ids) expect(SOURCE_IDS).toContain(id);
    const map = createSources();
    expect([...map.keys()]).toEqual(ids);
    expect(map.get('kuaidi100')).toBe(ALL_SOURCES[1]);
  });

  it('every source answers one result per target, in order, never throwing', async () => {
    const throwing: Responder = () => {
      throw new Error('boom');
    };
    for (const source of ALL_SOURCES) {
      const rs = await source.refresh(targets, ctxWith(fakeFetch(throwing).fetch));
      expect(rs.map((r) => r.key)).toEqual(targets.map((t) => t.key));
    }
  });
});
