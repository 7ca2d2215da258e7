// The popup's writes, handled by the background: archive, note, collected, carrier choice (fake IndexedDB).
import { beforeEach, describe, expect, it } from 'vitest';
import { handleArchive, handleCarrier, handleCollected, handleNote } from '../../../src/background/user-actions';
import { routeMessage } from '../../../src/background/router';
import { ingest } from '../../../src/db/ingest';
import { getDb } from '../../../src/db/schema';
import type { ObservationBatch } from '../../../src/core/model';

const T0 = Date.UTC(2026, 10, 20, 2);
const batch = (parcels: ObservationBatch['parcels']): ObservationBatch => ({ platform: 'manual', source: 'manual', url: '', observedAt: T0, orders: [], parcels });

beforeEach(async () => {
  const db = getDb();
  await Promise.all([db.parcels.clear(), db.events.clear(), db.orders.clear()]);
  await ingest(db, batch([{ trackingNo: '73100059800035', carrierId: 'zto', orderIds: [], pickupCode: '4-6-7602', status: 'awaiting_collection' }]), T0);
});

const zto = () => getDb().parcels.get('zto:73100059800035');

describe('user actions', () => {
  it('archives and unarchives', async () => {
    expect(await handleArchive({ type: 'parcel/archive', key: 'zto:73100059800035', archived: true })).toMatchObject({ ok: true });
    expect((await zto())?.archived).toBe(1);
    await handleArchive({ type: 'parcel/archive', key: 'zto:73100059800035', archived: false });
    expect((await zto())?.archived).toBe(0);
  });

  it('sets, trims and clears a note', async () => {
    await handleNote({ type: 'parcel/note', key: 'zto:73100059800035', note: '  放门卫  ' });
    expect((await zto())?.note).toBe('放门卫');
    await handleNote({ type: 'parcel/note', key: 'zto:73100059800035', note: '' });
    expect((await zto())?.note).toBeUndefined();
  });

  it('marks a waiting parcel collected, and a later list claim does not bring it back', async () => {
    await handleCollected({ type: 'parcel/collected', key: 'zto:73100059800035' }, T0 + 1000);
    expect(await zto()).toMatchObject({ status: 'delivered', deliveredAt: T0 + 1000 });
    await ingest(getDb(), { ...batch([{ trackingNo: '73100059800035', carrierId: 'zto', orderIds: [], pickupCode: '4-6-7602', status: 'awaiting_collection' }]), platform: 'taobao', source: 'list', observedAt: T0 + 2000 }, T0 + 2000);
    expect((await zto())?.status).toBe('delivered');
  });

  it('answers an error for a parcel that does not exist', async () => {
    expect(await handleArchive({ type: 'parcel/archive', key: 'zto:000', archived: true })).toMatchObject({ ok: false });
  });

  it('moves an ambiguous number to the carrier the user picks', async () => {
    await ingest(getDb(), batch([{ trackingNo: '123456789012', orderIds: [] }]), T0);
    const before = await getDb().parcels.get('unknown:123456789012');
    expect(before?.carrierCandidates).toContain('yto');
    expect(await handleCarrier({ type: 'parcel/carrier', key: 'unknown:123456789012', carrier: 'nope' })).toMatchObject({ ok: false });
    expect(await handleCarrier({ type: 'parcel/carrier', key: 'unknown:123456789012', carrier: 'yto' }, T0 + 1000)).toMatchObject({ ok: true });
    expect(await getDb().parcels.get('unknown:123456789012')).toBeUndefined();
    expect((await getDb().parcels.get('yto:123456789012'))?.carrier).toBe('yto');
  });

  it('accepts these messages from extension pages only', async () => {
    const calls: string[] = [];
    const handlers = new Proxy({}, { get: (_t, k) => async () => (calls.push(String(k)), { ok: true }) }) as Parameters<typeof routeMessage>[2];
    const msg = { type: 'parcel/archive', key: 'zto:73100059800035', archived: true };
    const fromPage = await routeMessage(msg, { id: 'ext', url: 'https://buyertrade.taobao.com/x', tab: { url: 'https://buyertrade.taobao.com/x' } }, handlers, 'ext', 'chrome-extension://ext/');
    expect(fromPage.ok).toBe(false);
    const fromPopup = await routeMessage(msg, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, handlers, 'ext', 'chrome-extension://ext/');
    expect(fromPopup.ok).toBe(true);
    const bad = await routeMessage({ type: 'parcel/note', key: 'k', note: 'x'.repeat(1001) }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, handlers, 'ext', 'chrome-extension://ext/');
    expect(bad.ok).toBe(false);
    expect(calls).toEqual(['parcel/archive']);
  });
});
