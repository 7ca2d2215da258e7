// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Every fixture's result, wrapped the way capture wraps it, passes the background's batch validation
// unchanged (nothing the schema would drop or reject).
import { describe, expect, it } from 'vitest';
import { validateBatch } from '../../../../src/core/observation-schema';
import { taobao } from '../../../../src/platforms/taobao/index';
import { docFrom, fixture, fixtureNames, LIST_URL, PAGE_URLS, RESPONSE_URLS } from './helpers';

describe('batches from every fixture validate', () => {
  it.each(fixtureNames())('%s', (name) => {
    const r = name.endsWith('.html')
      ? taobao.parseDocument(docFrom(fixture(name)), new URL(PAGE_URLS[name]))
      : taobao.parsePayload(fixture(name), RESPONSE_URLS[name], LIST_URL)!;
    const batch = { platform: 'taobao', source: r.source, url: 'https://buyertrade.taobao.com/', observedAt: Date.now(), orders: r.orders, parcels: r.parcels };
    const v = validateBatch(batch);
    expect(v).toMatchObject({ ok: true });
    if (v.ok) expect(v.value).toEqual(batch);
  });
});
