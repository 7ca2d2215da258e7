// The background's followed pages (JD's logistics page of a shipped order) on fake-browser + fake-indexeddb:
// only with opt-in page visits, only shipped orders without a parcel, only logistics URLs, one tab at a time,
// each order once per cool-down, closed after capture or the time-out, a diagnostic when nothing was read.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('../../../src/shared/browser', async () => {
  const { fakeBrowser: fb } = await import('@webext-core/fake-browser');
  return { browser: fb };
});

import { followPages } from '../../../src/background/page-follow-ups';
import { noteCaptureFromTab } from '../../../src/background/tab-visit';
import { PAGE_FOLLOW_UP_RULES } from '../../../src/core/page-follow-ups';
import { ingest } from '../../../src/db/ingest';
import { getMeta, platformKey, putMeta } from '../../../src/db/meta';
import { getDb } from '../../../src/db/schema';
import type { FollowUp, ParseDiagnostic } from '../../../src/platforms/types';

const RULES = { ...PAGE_FOLLOW_UP_RULES, gapMs: 20, tabTimeoutMs: 600 };
const wuliu = (id: string) => `https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=15&dealId=${id}&orderType=22&skuid=1&shopid=2`;
const up = (id: string, url = wuliu(id)): FollowUp => ({ kind: 'jd_logistics_page', orderId: id, url });

let opened: { id: number; url: string; at: number }[];
let removed: number[];
let stored: { url: string; d: ParseDiagnostic }[];
/** What the "content script" in an opened tab does: read a parcel (true), or nothing. */
let pageHasParcel: boolean;
const store = async (_p: string, url: string, d: ParseDiagnostic) => void stored.push({ url, d });

async function order(id: string, statusText: string) {
  await ingest(getDb(), { platform: 'jd', source: 'list', url: 'https://api.m.jd.com/client.action', observedAt: Date.now(), orders: [{ orderId: id, statusText }], parcels: [] }, Date.now());
}

async function settings(enabled: boolean, platforms = ['jd']) {
  await fakeBrowser.storage.local.set({ settings: { pageVisits: { enabled, platforms, everyHours: 6 } } });
}

beforeEach(async () => {
  fakeBrowser.reset();
  const db = getDb();
  await Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear(), db.meta.clear(), db.diagnostics.clear()]);
  opened = [];
  removed = [];
  stored = [];
  pageHasParcel = true;
  let n = 0;
  Object.assign(fakeBrowser.tabs, {
    create: vi.fn(async () => ({ id: ++n })),
    update: vi.fn(async (id: number, { url }: { url: string }) => {
      opened.push({ id, url, at: Date.now() });
      const dealId = new URL(url).searchParams.get('dealId')!;
      setTimeout(async () => {
        if (pageHasParcel) {
          await ingest(getDb(), { platform: 'jd', source: 'logistics', url, observedAt: Date.now(), orders: [{ orderId: dealId, status: 'shipped' }], parcels: [{ trackingNo: '78912345678901', carrierName: '中通快递', orderIds: [dealId], direction: 'outbound' }] }, Date.now());
          noteCaptureFromTab(id, 'batch');
        }
      }, 20);
      return { id };
    }),
    remove: vi.fn(async (id: number) => void removed.push(id)),
  });
});

describe('followPages (JD logistics pages in an inactive tab)', () => {
  it('nothing while page visits are off, or on for other platforms only', async () => {
    await order('290100000001', '待收货');
    await settings(false);
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual([]);
    await settings(true, ['douyin']);
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('opens the shipped order’s link (all parameters), reads its parcel, closes the tab; not again within the cool-down', async () => {
    await settings(true);
    await order('290100000001', '待收货');
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual(['290100000001']);
    expect(opened.map((o) => o.url)).toEqual([wuliu('290100000001')]);
    expect(removed).toEqual([opened[0].id]);
    // No index on orderKeys since schema v3 (no query of the extension needs one): filter.
    const parcels = (await getDb().parcels.toArray()).filter((p) => p.orderKeys.includes('jd:290100000001'));
    expect(parcels.map((p) => [p.carrier, p.trackingNo])).toEqual([['zto', '78912345678901']]);
    expect(stored).toEqual([]);
    // The parcel is known now, and the order is cooling down anyway: nothing is opened again.
    await getDb().parcels.clear();
    await getDb().orders.update('jd:290100000001', { parcelKeys: [] });
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual([]);
    expect((await getMeta(getDb(), 'follow:opened'))?.['jd:290100000001']).toBeGreaterThan(0);
  });

  it('never for unshipped, cancelled or unknown orders, orders with a parcel, or a URL that is not a logistics page', async () => {
    await settings(true);
    await order('290100000002', '待发货');
    await order('290100000003', '已取消');
    await order('290100000004', '待收货');
    await ingest(getDb(), { platform: 'jd', source: 'detail', url: 'https://details.jd.com/', observedAt: Date.now(), orders: [{ orderId: '290100000004' }], parcels: [{ trackingNo: 'JDVA11122233344', orderIds: ['290100000004'], direction: 'outbound' }] }, Date.now());
    await order('290100000005', '待收货');
    const ups = [
      up('290100000002'),
      up('290100000003'),
      up('290100000004'),
      up('290100000009'), // not stored
      up('290100000005', 'https://trade.m.jd.com/order/orderdetail_jdm.shtml?dealId=290100000005'),
      up('290100000005', 'https://evil.example.com/order/deal_wuliu_jdm.shtml?dealId=290100000005'),
      up('290100000005', 'http://trade.m.jd.com/order/deal_wuliu_jdm.shtml?dealId=290100000005'),
      { kind: 'taobao_transit_step', orderId: '290100000005', url: wuliu('290100000005') } as FollowUp,
    ];
    expect(await followPages('jd', ups, store, RULES)).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('nothing while JD needs sign-in', async () => {
    await settings(true);
    await order('290100000001', '待收货');
    await putMeta(getDb(), platformKey('jd'), { pagesRead: 0, parcelsSeen: 0, needsSignIn: true } as never);
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('one tab at a time, a gap between two, and a capped number per capture', async () => {
    await settings(true);
    const rules = { ...RULES, perCapture: 2 };
    const ids = Array.from({ length: 5 }, (_, i) => `29010000010${i}`);
    for (const id of ids) await order(id, '待收货');
    const first = followPages('jd', ids.slice(0, 2).map((id) => up(id)), store, rules);
    const second = followPages('jd', ids.map((id) => up(id)), store, rules);
    expect(await first).toEqual(ids.slice(0, 2));
    // The second capture's plan is made after the first run: its first two orders have parcels now.
    expect(await second).toEqual(ids.slice(2, 4));
    expect(opened.map((o) => new URL(o.url).searchParams.get('dealId'))).toEqual(ids.slice(0, 4));
    for (let i = 1; i < opened.length; i++) {
      expect(removed).toContain(opened[i - 1].id);
      expect(opened[i].at - opened[i - 1].at).toBeGreaterThanOrEqual(RULES.gapMs);
    }
  }, 40_000);

  it('a page that shows nothing: the tab is closed at the time-out and a diagnostic says so', async () => {
    await settings(true);
    await order('290100000001', '待收货');
    pageHasParcel = false;
    expect(await followPages('jd', [up('290100000001')], store, RULES)).toEqual(['290100000001']);
    expect(removed).toEqual([opened[0].id]);
    expect(stored.map((s) => [s.d.kind, s.url])).toEqual([['unrecognized', wuliu('290100000001')]]);
    expect(stored[0].d.message).toMatch(/nothing read within/);
  });
});
