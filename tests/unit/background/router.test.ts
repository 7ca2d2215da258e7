import { describe, expect, it, vi } from 'vitest';
import { checkSender, routeMessage, type Handlers } from '../../../src/background/router';
import type { ObservationBatch } from '../../../src/core/model';

const RUNTIME = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME}/`;
const taobaoTab = { id: RUNTIME, url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', tab: { url: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm' } };

const batch = (over: Partial<ObservationBatch> = {}): ObservationBatch => ({
  platform: 'taobao',
  source: 'list',
  url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/',
  observedAt: Date.UTC(2026, 10, 20),
  orders: [{ orderId: '4012345678901234567', shopName: '小米官方旗舰店' }],
  parcels: [{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['4012345678901234567'] }],
  ...over,
});

function handlers() {
  const h = {
    'capture/batch': vi.fn(async () => ({ ok: true as const, changes: 1 })),
    'capture/page-seen': vi.fn(async () => ({ ok: true as const })),
    'capture/response': vi.fn(async () => ({ ok: true as const })),
    'capture/part': vi.fn(async () => ({ ok: true as const })),
    'manual/add': vi.fn(async () => ({ ok: true as const })),
    ping: vi.fn(async () => ({ ok: true as const })),
    'backup/restore': vi.fn(async () => ({ ok: true as const })),
    'backup/chunk': vi.fn(async () => ({ ok: true as const })),
    'backup/stream': vi.fn(async () => ({ ok: true as const })),
    'backup/cancel': vi.fn(async () => ({ ok: true as const })),
    'data/delete-all': vi.fn(async () => ({ ok: true as const })),
    'parcel/archive': vi.fn(async () => ({ ok: true as const })),
    'parcel/note': vi.fn(async () => ({ ok: true as const })),
    'parcel/collected': vi.fn(async () => ({ ok: true as const })),
    'parcel/carrier': vi.fn(async () => ({ ok: true as const })),
    'refresh/now': vi.fn(async () => ({ ok: true as const })),
    'parcel/phone-tail': vi.fn(async () => ({ ok: true as const })),
  };
  return h as typeof h & Handlers;
}

describe('checkSender', () => {
  it('accepts our content script on a tab of the platform', () => {
    expect(checkSender('capture/batch', taobaoTab, RUNTIME, ORIGIN)).toEqual({ ok: true, from: 'content', tabPlatform: 'taobao' });
  });
  it('refuses other extensions and web pages', () => {
    expect(checkSender('capture/batch', { ...taobaoTab, id: 'other' }, RUNTIME, ORIGIN).ok).toBe(false);
    expect(checkSender('capture/batch', { url: 'https://evil.example/' }, RUNTIME, ORIGIN).ok).toBe(false);
  });
  it('refuses content messages from tabs or frames off the platforms', () => {
    expect(checkSender('capture/batch', { id: RUNTIME, url: 'https://evil.example/', tab: { url: 'https://evil.example/' } }, RUNTIME, ORIGIN).ok).toBe(false);
    // an ad iframe from elsewhere inside a Taobao tab
    expect(checkSender('capture/batch', { id: RUNTIME, url: 'https://ads.example/frame', tab: taobaoTab.tab }, RUNTIME, ORIGIN).ok).toBe(false);
    // lookalike host
    expect(checkSender('capture/batch', { id: RUNTIME, url: 'https://taobao.com.evil.example/', tab: { url: 'https://taobao.com.evil.example/' } }, RUNTIME, ORIGIN).ok).toBe(false);
  });
  it('keeps extension-only messages away from content scripts and vice versa', () => {
    expect(checkSender('manual/add', taobaoTab, RUNTIME, ORIGIN).ok).toBe(false);
    expect(checkSender('manual/add', { id: RUNTIME, url: `${ORIGIN}popup.html` }, RUNTIME, ORIGIN)).toEqual({ ok: true, from: 'extension' });
    expect(checkSender('capture/batch', { id: RUNTIME, url: `${ORIGIN}popup.html` }, RUNTIME, ORIGIN).ok).toBe(false);
  });
});

describe('routeMessage', () => {
  it('passes a valid capture to its handler', async () => {
    const h = handlers();
    const reply = await routeMessage({ type: 'capture/batch', batch: batch(), diagnostics: [] }, taobaoTab, h, RUNTIME, ORIGIN);
    expect(reply).toEqual({ ok: true, changes: 1 });
    expect(h['capture/batch']).toHaveBeenCalledOnce();
  });

  it('rejects another platform claimed from a Taobao tab, and a URL off the platform', async () => {
    const h = handlers();
    const r1 = await routeMessage({ type: 'capture/batch', batch: batch({ platform: 'douyin' }), diagnostics: [] }, taobaoTab, h, RUNTIME, ORIGIN);
    expect(r1).toMatchObject({ ok: false, error: expect.stringContaining('douyin') });
    const r2 = await routeMessage({ type: 'capture/batch', batch: batch({ url: 'https://evil.example/api/order' }), diagnostics: [] }, taobaoTab, h, RUNTIME, ORIGIN);
    expect(r2.ok).toBe(false);
    expect(h['capture/batch']).not.toHaveBeenCalled();
  });

  it.each([
    ['unknown type', { type: 'db/delete-all' }],
    ['no type', { batch: {} }],
    ['null', null],
    ['a string', 'capture/batch'],
    ['missing orderId', { type: 'capture/batch', batch: batch({ orders: [{ orderId: '' }] }), diagnostics: [] }],
    ['seconds instead of ms', { type: 'capture/batch', batch: batch({ observedAt: 1_700_000_000 }), diagnostics: [] }],
    ['wrong types', { type: 'capture/batch', batch: { ...batch(), orders: 'x' }, diagnostics: [] }],
    ['oversized', { type: 'capture/batch', batch: batch({ parcels: Array.from({ length: 1001 }, (_, i) => ({ trackingNo: `YT${1e12 + i}`, orderIds: [] })) }), diagnostics: [] }],
  ])('answers an error for %s without calling a handler', async (_name, msg) => {
    const h = handlers();
    const reply = await routeMessage(msg, taobaoTab, h, RUNTIME, ORIGIN);
    expect(reply.ok).toBe(false);
    expect(Object.values(h).every((f) => f.mock.calls.length === 0)).toBe(true);
  });

  it('answers a handler failure as an error instead of throwing', async () => {
    const h = handlers();
    h['capture/batch'].mockRejectedValueOnce(new Error('QuotaExceededError'));
    const reply = await routeMessage({ type: 'capture/batch', batch: batch(), diagnostics: [] }, taobaoTab, h, RUNTIME, ORIGIN);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('QuotaExceededError') });
  });

  it('strips unknown keys such as __proto__ from validated payloads', async () => {
    const h = handlers();
    const raw = JSON.parse(`{"type":"capture/batch","diagnostics":[],"batch":${JSON.stringify(batch())},"__proto__":{"polluted":true}}`);
    raw.batch.orders[0].extra = '<script>';
    await routeMessage(raw, taobaoTab, h, RUNTIME, ORIGIN);
    const passed = (h['capture/batch'].mock.calls as unknown[][])[0][0] as { batch: { orders: Record<string, unknown>[] } };
    expect(passed.batch.orders[0]).not.toHaveProperty('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
