// A version-1 database with data, opened by the current schema: upgraded to v2 with every row kept and
// `sortAt` filled in, and the new indexes answering queries.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { EventRecord, OrderRecord, ParcelRecord } from '../../../src/core/model';
import { orderTime, parcelTime } from '../../../src/core/sections';
import { activeUnarchived, ParcelHubDb, STORES_V1, STORES_V2, STORES_V3, STORES_V4 } from '../../../src/db/schema';

const NOW = Date.UTC(2026, 10, 22, 4);
const H = 3600_000;

const parcel = (no: string, extra: Partial<ParcelRecord>): ParcelRecord => ({
  key: `zto:${no}`, carrier: 'zto', trackingNo: no, direction: 'outbound', orderKeys: [`taobao:${no}`], platforms: ['taobao'], status: 'in_transit',
  nextCheckAt: 0, archived: 0, firstSeen: NOW - 90 * H, lastSeen: NOW, updatedAt: NOW - 5 * H, sources: { status: 'list' }, ...extra,
});
const parcels: ParcelRecord[] = [
  parcel('1', { latestEvent: { time: NOW - 3 * H, text: '到达【杭州转运中心】', location: '杭州' }, note: '放门卫' }),
  parcel('2', { status: 'delivered', deliveredAt: NOW - 30 * H, latestEvent: { time: NOW - 31 * H, text: '已签收' } }),
  parcel('3', { status: 'pending_pickup', shippedAt: NOW - 40 * H }),
  parcel('4', { status: 'awaiting_collection', pickupCode: '4-6-7602', station: '兴龙湾31号楼店', archived: 1, latestEvent: { time: NOW - 2 * H, text: '已到站' } }),
];
const orders: OrderRecord[] = parcels.map((p) => ({
  key: p.orderKeys[0], platform: 'taobao', orderId: p.trackingNo, shopName: '小满零食铺', items: [{ title: '每日坚果' }], status: 'shipped', parcelKeys: [p.key],
  firstSeen: NOW - 100 * H, lastSeen: NOW, sources: {}, promise: p.trackingNo === '1' ? { kind: 'deliver_by', text: '次日达', at: NOW - 10 * H } : undefined,
}));
const events: EventRecord[] = [{ id: 'zto:1|1|x', parcelKey: 'zto:1', time: NOW - 3 * H, text: '到达【杭州转运中心】', status: 'in_transit' }];

/** Index names of each store as IndexedDB holds them. */
function indexNames(dbName: string): Promise<Record<string, string[]>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const idb = open.result;
      const tx = idb.transaction([...idb.objectStoreNames]);
      const out = Object.fromEntries([...idb.objectStoreNames].map((n) => [n, [...tx.objectStore(n).indexNames].sort()]));
      idb.close();
      resolve(out);
    };
  });
}

/** Rows as IndexedDB holds them, below Dexie. */
function rawRows(dbName: string, store: string): Promise<(ParcelRecord & { sortAt?: number })[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => (open.result.close(), resolve(req.result));
      req.onerror = () => reject(req.error);
    };
  });
}

describe('database upgrade v1 → v2', () => {
  it('keeps every row, adds sortAt to each parcel, and serves the new indexes', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(STORES_V1);
    await v1.table('parcels').bulkPut(parcels);
    await v1.table('orders').bulkPut(orders);
    await v1.table('events').bulkPut(events);
    await v1.table('diagnostics').add({ platform: 'taobao', url: 'https://x', kind: 'partial', message: 'm', at: NOW });
    await v1.table('meta').put({ key: 'platform:taobao', value: { pagesRead: 3 } });
    expect(v1.verno).toBe(1);
    v1.close();

    const db = new ParcelHubDb(name);
    await db.open();
    // v1 installs go through v2 to the newest version.
    expect(db.verno).toBe(4);
    // Readers see the records exactly as written; the stored rows (raw IndexedDB) carry sortAt.
    expect(await db.parcels.orderBy('key').toArray()).toEqual(parcels);
    expect(await db.parcels.get('zto:1')).toEqual(parcels[0]);
    const raw = await rawRows(name, 'parcels');
    expect(raw).toHaveLength(parcels.length);
    for (const p of parcels) expect(raw.find((r) => r.key === p.key)).toEqual({ ...p, sortAt: parcelTime(p) });
    expect(raw.find((p) => p.key === 'zto:3')?.sortAt).toBe(NOW - 40 * H); // no event: shipped time
    expect(raw.find((p) => p.key === 'zto:2')?.sortAt).toBe(NOW - 30 * H); // delivered: delivery time
    expect(await db.orders.orderBy('key').toArray()).toEqual([...orders].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await db.events.toArray()).toEqual(events);
    expect(await db.diagnostics.count()).toBe(1);
    expect((await db.meta.get('platform:taobao'))?.value).toEqual({ pagesRead: 3 });

    // The new indexes: active parcels by status and time, orders by promise.
    const moving = await db.parcels.where('[archived+status+sortAt]').between([0, 'in_transit', -Infinity], [0, 'in_transit', Infinity]).primaryKeys();
    expect(moving).toEqual(['zto:1']);
    expect(await db.parcels.where('[archived+status]').equals([1, 'awaiting_collection']).primaryKeys()).toEqual(['zto:4']);
    expect(await db.orders.where('[status+promise.at]').between(['shipped', -Infinity], ['shipped', NOW]).primaryKeys()).toEqual(['taobao:1']);
    db.close();
  });

  it('v3: finds orders by their after-sale state, and old orders without one are simply not in that index', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores({ orders: 'key, platform, status, createdAt, lastSeen, *parcelKeys, [status+promise.at]' });
    const withReturn = { ...orders[0], key: 'taobao:9', orderId: '9', afterSale: { state: 'pickup_booked', since: { pickup_booked: NOW }, observedAt: NOW } };
    await v2.table('orders').bulkPut([...orders, withReturn]);
    v2.close();
    const db = new ParcelHubDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.orders.count()).toBe(orders.length + 1);
    expect(await db.orders.where('afterSale.state').anyOf(['pickup_booked', 'received']).primaryKeys()).toEqual(['taobao:9']);
    expect(await db.orders.where('afterSale.state').equals('refunded').count()).toBe(0);
    db.close();
  });

  it('stores sortAt on every later write, so a changed parcel moves in the index', async () => {
    const db = new ParcelHubDb(`writes-${Math.random()}`);
    await db.parcels.put(parcels[0]);
    await db.parcels.put({ ...parcels[0], latestEvent: { time: NOW - H, text: '派送中' }, status: 'out_for_delivery' });
    expect((await rawRows(db.name, 'parcels'))[0].sortAt).toBe(NOW - H);
    expect(await db.parcels.where('[archived+status]').equals([0, 'out_for_delivery']).first()).not.toHaveProperty('sortAt');
    let seen = 0;
    await db.parcels.filter(() => true).each((p) => (seen++, expect(p).not.toHaveProperty('sortAt')));
    expect(seen).toBe(1);
    expect(await db.parcels.where('[archived+status+sortAt]').equals([0, 'out_for_delivery', NOW - H]).count()).toBe(1);
    expect(await db.parcels.where('[archived+status]').equals([0, 'in_transit']).count()).toBe(0);
    // the caller's object is left as it was
    expect('sortAt' in parcels[0]).toBe(false);
    db.close();
  });
});

describe('database upgrade v2 → v3 (indexes no query uses dropped)', () => {
  it('keeps every row and answers the queries of the scheduler, notifier, popup and merge', async () => {
    const name = `upgrade3-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores(STORES_V2);
    // Rows as version 2 stored them (sortAt on each parcel).
    await v2.table('parcels').bulkPut(parcels.map((p) => ({ ...p, sortAt: parcelTime(p) })));
    await v2.table('orders').bulkPut(orders);
    await v2.table('events').bulkPut(events);
    await v2.table('diagnostics').add({ platform: 'taobao', url: 'https://x', kind: 'partial', message: 'm', at: NOW });
    expect((await indexNames(name)).parcels).toHaveLength(11);
    v2.close();

    const db = new ParcelHubDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.parcels.orderBy('key').toArray()).toEqual(parcels);
    expect(await db.orders.orderBy('key').toArray()).toEqual([...orders].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await db.events.toArray()).toEqual(events);
    expect(await db.diagnostics.orderBy('at').count()).toBe(1);
    db.close();
    // Exactly the indexes declared for version 3 (and version 4's one more on orders).
    const names = await indexNames(name);
    const declared = (spec: string) => spec.split(',').slice(1).map((x) => x.trim().replace(/^\*/, '')).sort();
    expect(names.parcels).toEqual(declared(STORES_V3.parcels));
    expect(names.orders).toEqual(declared(STORES_V4.orders));
    expect(declared(STORES_V4.orders)).toEqual([...declared(STORES_V3.orders), 'waitAt'].sort());
    expect(names.events).toEqual(declared(STORES_V3.events));
    expect(names.diagnostics).toEqual(declared(STORES_V3.diagnostics));

    await db.open();
    // scheduler / notifier: moving, not archived (through [archived+status+sortAt]'s prefix).
    expect((await db.parcels.where('[archived+status]').anyOf(activeUnarchived()).primaryKeys()).sort()).toEqual(['zto:1', 'zto:3']);
    // …also through a cursor (a filter), which Dexie serves with a virtual-index cursor under our middleware.
    expect((await db.parcels.where('[archived+status]').anyOf(activeUnarchived()).filter((p) => p.nextCheckAt === 0).toArray()).map((p) => p.key).sort()).toEqual(['zto:1', 'zto:3']);
    // notifier: changed recently, not archived.
    expect(await db.parcels.where('[archived+updatedAt]').between([0, NOW - 6 * H], [0, Dexie.maxKey], false, true).primaryKeys()).toEqual(['zto:1', 'zto:2', 'zto:3']);
    expect(await db.parcels.where('[archived+status]').equals([1, 'awaiting_collection']).primaryKeys()).toEqual(['zto:4']);
    // merge: by tracking number; detail and restore: events by parcel; popup: unshipped orders, promises.
    expect(await db.parcels.where('trackingNo').anyOf(['2', '4']).primaryKeys()).toEqual(['zto:2', 'zto:4']);
    expect(await db.events.where('parcelKey').equals('zto:1').count()).toBe(1);
    expect(await db.orders.where('status').equals('shipped').count()).toBe(4);
    expect(await db.orders.where('[status+promise.at]').between(['shipped', -Infinity], ['shipped', NOW]).primaryKeys()).toEqual(['taobao:1']);
    expect(await db.parcels.where('nextCheckAt').equals(0).count()).toBe(4);
    db.close();
  });
});

describe('database upgrade v3 → v4 (the 待发货 rows by waitAt)', () => {
  const order = (id: string, extra: Partial<OrderRecord>): OrderRecord => ({
    key: `pdd:${id}`, platform: 'pdd', orderId: id, shopName: '果小鲜', items: [{ title: '赣南脐橙 5斤装' }], status: 'unshipped', parcelKeys: [],
    firstSeen: NOW - 50 * H, lastSeen: NOW, sources: {}, ...extra,
  });
  const v3Orders = [
    order('1', { paidAt: NOW - 30 * H }),
    order('2', { createdAt: NOW - 40 * H }), // no payment time: created
    order('3', {}), // neither: first seen
    order('4', { paidAt: NOW - 20 * H, parcelKeys: ['zto:1'] }), // unshipped with a parcel: not a 待发货 row
    order('5', { paidAt: NOW - 10 * H, status: 'shipped' }),
  ];

  it('gives each unshipped order without a parcel its waitAt, and no other order one; readers never see it', async () => {
    const name = `upgrade4-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(STORES_V1);
    v3.version(2).stores(STORES_V2);
    v3.version(3).stores(STORES_V3);
    await v3.table('orders').bulkPut(v3Orders);
    v3.close();

    const db = new ParcelHubDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.orders.orderBy('key').toArray()).toEqual(v3Orders);
    const raw = (await rawRows(name, 'orders')) as unknown as (OrderRecord & { waitAt?: number })[];
    expect(Object.fromEntries(raw.map((o) => [o.key, o.waitAt]))).toEqual({ 'pdd:1': NOW - 30 * H, 'pdd:2': NOW - 40 * H, 'pdd:3': NOW - 50 * H, 'pdd:4': undefined, 'pdd:5': undefined });
    // Longest waiting first.
    expect(await db.orders.where('waitAt').between(-Infinity, Infinity).primaryKeys()).toEqual(['pdd:3', 'pdd:2', 'pdd:1']);
    expect((await db.orders.where('waitAt').between(-Infinity, Infinity).toArray()).every((o) => !('waitAt' in o))).toBe(true);

    // Later writes keep it: shipped leaves the index, a new unshipped order enters it.
    await db.orders.put({ ...v3Orders[0], status: 'shipped', parcelKeys: ['zto:9'] });
    await db.orders.put(order('6', { paidAt: NOW - 45 * H }));
    expect(await db.orders.where('waitAt').between(-Infinity, Infinity).primaryKeys()).toEqual(['pdd:3', 'pdd:6', 'pdd:2']);
    expect(orderTime(await db.orders.get('pdd:6') as OrderRecord)).toBe(NOW - 45 * H);
    expect(await db.orders.get('pdd:6')).not.toHaveProperty('waitAt');
    db.close();
  });
});
