import { describe, expect, it } from 'vitest';
import type { OrderRecord, ParcelRecord, ParcelStatus } from '../../../src/core/model';
import { addToSearchIndex, applyFilters, buildSearchIndex, entryKey, entryPlatform, facets, flatten, matchesQuery, mergeSections } from '../../../src/core/popup-query';
import { MAX_PASTE_PARCELS, parsePaste, readPaste } from '../../../src/core/paste-text';
import { buildSections, type SectionEntry } from '../../../src/core/sections';

const NOW = Date.UTC(2026, 10, 22, 4);
const H = 3600_000;

const parcel = (no: string, status: ParcelStatus, extra: Partial<ParcelRecord> = {}): ParcelRecord => ({
  key: `zto:${no}`, carrier: 'zto', trackingNo: no, direction: 'outbound', orderKeys: [], platforms: ['taobao'], status,
  latestEvent: { time: NOW - H, text: 'x' }, nextCheckAt: 0, archived: 0, firstSeen: NOW, lastSeen: NOW, updatedAt: NOW, sources: {}, ...extra,
});
const order = (platform: OrderRecord['platform'], id: string, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  key: `${platform}:${id}`, platform, orderId: id, items: [], status: 'shipped', parcelKeys: [], firstSeen: NOW, lastSeen: NOW, sources: {}, ...extra,
});

const orders = new Map<string, OrderRecord>(
  [
    order('taobao', '3300000000001', { shopName: '小满零食铺', items: [{ title: '每日坚果 30袋装' }, { title: 'Almond Milk' }], tmall: true }),
    order('douyin', '6928100000000000001', { shopName: '优品家居馆', items: [{ title: '硅胶锅铲' }] }),
  ].map((o) => [o.key, o]),
);
const parcels = [
  parcel('73100059800035', 'awaiting_collection', { pickupCode: '4-6-7602', station: '兴龙湾31号楼店', orderKeys: ['taobao:3300000000001'] }),
  parcel('YT7512345678901', 'in_transit', { carrier: 'yto', key: 'yto:YT7512345678901', orderKeys: ['douyin:6928100000000000001'], platforms: ['douyin'] }),
  parcel('SF1234567890123', 'exception', { carrier: 'sf', key: 'sf:SF1234567890123', platforms: ['manual'], note: '给妈妈的' }),
];
const unshipped = [order('kuaishou', '2400000000009', { status: 'unshipped', shopName: '果小鲜', items: [{ title: '赣南脐橙 5斤' }], paidAt: NOW - 30 * H })];
const sections = buildSections(parcels, unshipped, NOW);
const entry = (no: string): SectionEntry => ({ kind: 'parcel', parcel: parcels.find((p) => p.trackingNo === no)! });
const numbers = (s: ReturnType<typeof applyFilters>) => s.flatMap((x) => x.entries.map((e) => (e.kind === 'parcel' ? e.parcel.trackingNo : e.order.orderId)));

describe('matchesQuery', () => {
  it.each([
    ['item title', '坚果'],
    ['second item title, case-insensitive', 'almond MILK'],
    ['shop', '小满'],
    ['tracking number, lower case', 'yt75123'],
    ['pickup code', '4-6-7602'],
    ['order id', '3300000000001'],
    ['station', '兴龙湾'],
    ['note', '妈妈'],
    ['full-width digits', '４-６-７６０２'],
    ['several terms, all must match', '坚果 小满'],
  ])('finds by %s', (_what, q) => {
    const hit = [...parcels.map((p) => entry(p.trackingNo))].some((e) => matchesQuery(e, orders, q));
    expect(hit).toBe(true);
  });

  it('rejects when any term is missing, and an empty query matches everything', () => {
    expect(matchesQuery(entry('73100059800035'), orders, '坚果 锅铲')).toBe(false);
    expect(matchesQuery(entry('73100059800035'), orders, '   ')).toBe(true);
  });

  it('matches unshipped orders by shop, title and order id', () => {
    const e: SectionEntry = { kind: 'order', order: unshipped[0] };
    expect(matchesQuery(e, orders, '果小鲜')).toBe(true);
    expect(matchesQuery(e, orders, '2400000000009')).toBe(true);
    expect(matchesQuery(e, orders, '坚果')).toBe(false);
  });
});

describe('applyFilters', () => {
  it('narrows a search to one parcel and drops emptied sections', () => {
    const r = applyFilters(sections, orders, { q: 'YT7512345678901' });
    expect(r.map((s) => s.id)).toEqual(['in_transit']);
    expect(numbers(r)).toEqual(['YT7512345678901']);
  });

  it('filters by platform (Tmall apart from Taobao), carrier and section', () => {
    expect(numbers(applyFilters(sections, orders, { q: '', platform: 'tmall' }))).toEqual(['73100059800035']);
    expect(numbers(applyFilters(sections, orders, { q: '', platform: 'kuaishou' }))).toEqual(['2400000000009']);
    expect(numbers(applyFilters(sections, orders, { q: '', platform: 'manual' }))).toEqual(['SF1234567890123']);
    expect(numbers(applyFilters(sections, orders, { q: '', carrier: 'yto' }))).toEqual(['YT7512345678901']);
    expect(numbers(applyFilters(sections, orders, { q: '', section: 'attention' }))).toEqual(['SF1234567890123']);
    expect(numbers(applyFilters(sections, orders, { q: '坚果', carrier: 'yto' }))).toEqual([]);
  });

  it('keeps section order', () => {
    expect(applyFilters(sections, orders, { q: '' }).map((s) => s.id)).toEqual(['awaiting_collection', 'attention', 'in_transit', 'unshipped']);
  });
});

describe('facets, platform and flatten', () => {
  it('lists only values present in the data', () => {
    const f = facets(sections, orders);
    expect(new Set(f.platforms)).toEqual(new Set(['tmall', 'douyin', 'manual', 'kuaishou']));
    expect(new Set(f.carriers)).toEqual(new Set(['zto', 'yto', 'sf']));
    expect(f.sections).toEqual(['awaiting_collection', 'attention', 'in_transit', 'unshipped']);
  });

  it('falls back to the parcel platform, then manual', () => {
    expect(entryPlatform(entry('SF1234567890123'), orders)).toBe('manual');
    expect(entryPlatform({ kind: 'parcel', parcel: parcel('1', 'in_transit', { platforms: ['kuaishou'] }) }, orders)).toBe('kuaishou');
    expect(entryPlatform({ kind: 'parcel', parcel: parcel('1', 'in_transit', { platforms: [] }) }, orders)).toBe('manual');
  });

  it('flattens sections into headers followed by their rows, for thousands of parcels', () => {
    const many = Array.from({ length: 5000 }, (_, i) => parcel(`7310${String(i).padStart(10, '0')}`, i % 2 ? 'in_transit' : 'out_for_delivery'));
    const flat = flatten(buildSections(many, [], NOW));
    expect(flat).toHaveLength(5002);
    expect(flat[0]).toMatchObject({ kind: 'header', section: 'out_for_delivery', count: 2500 });
    expect(flat[2501]).toMatchObject({ kind: 'header', section: 'in_transit', count: 2500 });
  });
});

describe('answers merged while rows are read', () => {
  const many = Array.from({ length: 40 }, (_, i) => parcel(`7310${String(i).padStart(8, '0')}`, i % 3 ? 'in_transit' : 'awaiting_collection', { latestEvent: { time: NOW - i * H, text: 'x' } }));
  const all = buildSections(many, [], NOW);
  const keys = (ss: { entries: SectionEntry[] }[]) => ss.map((s) => s.entries.map(entryKey));

  it('merges two ordered parts of the list into the list, each row once, sections in order', () => {
    const even = all.map((s) => ({ id: s.id, entries: s.entries.filter((_, i) => i % 2 === 0) }));
    const overlap = all.map((s) => ({ id: s.id, entries: s.entries.filter((_, i) => i % 2 === 1 || i % 3 === 0) })).reverse();
    expect(keys(mergeSections(even, overlap))).toEqual(keys(all));
    expect(mergeSections(even, []).map((s) => s.id)).toEqual(all.map((s) => s.id));
    // A row read twice (changed in between) is shown once: the first answer's copy.
    const changed = [{ id: 'in_transit' as const, entries: [{ kind: 'parcel' as const, parcel: { ...many[1], latestEvent: { time: NOW, text: 'y' } } }] }];
    const merged = mergeSections(all, changed);
    expect(keys(merged)).toEqual(keys(all));
  });

  it('grows an index chunk by chunk to the index built in one pass', () => {
    const index = new Map<string, string>();
    const rows = all.flatMap((s) => s.entries);
    for (let i = 0; i < rows.length; i += 7) addToSearchIndex(index, rows.slice(i, i + 7), orders);
    expect(index).toEqual(buildSearchIndex(all, orders));
  });
});

describe('parsePaste', () => {
  it('turns a 菜鸟驿站 SMS into a manual parcel with its code, station, carrier and an event', () => {
    const sms = '【菜鸟驿站】您的中通快递包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。运单号73100059800035';
    const b = parsePaste(sms, NOW)!;
    expect(b).toMatchObject({ platform: 'manual', source: 'manual', observedAt: NOW, orders: [] });
    expect(b.parcels).toEqual([
      {
        trackingNo: '73100059800035',
        orderIds: [],
        carrierId: 'zto',
        pickupCode: '4-6-7602',
        station: '新郑龙湖富田兴龙湾31号楼店',
        status: 'awaiting_collection',
        events: [{ time: NOW, text: sms, status: 'awaiting_collection' }],
      },
    ]);
  });

  it('takes every number from plain pasted lines, without codes', () => {
    const b = parsePaste('SF1234567890123\n圆通 YT7512345678901\nSF1234567890123', NOW)!;
    expect(b.parcels.map((p) => [p.trackingNo, p.carrierId, p.pickupCode])).toEqual([
      ['SF1234567890123', 'sf', undefined],
      ['YT7512345678901', 'yto', undefined],
    ]);
  });

  it('returns null when nothing looks like a tracking number', () => {
    expect(parsePaste('【某银行】您的验证码是 482913，5分钟内有效。', NOW)).toBeNull();
    expect(parsePaste('', NOW)).toBeNull();
  });
});

describe('readPaste cap', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `SF${String(1_234_567_890_000 + i)}`).join('\n');
  it('keeps the first MAX_PASTE_PARCELS and says how many were found', () => {
    const r = readPaste(lines(1234), NOW);
    expect(r.found).toBe(1234);
    expect(r.batch!.parcels).toHaveLength(MAX_PASTE_PARCELS);
    expect(r.batch!.parcels[0].trackingNo).toBe('SF1234567890000');
  });
  it('found equals kept under the cap, 0 with nothing found', () => {
    const r = readPaste(lines(12), NOW);
    expect([r.found, r.batch!.parcels.length]).toEqual([12, 12]);
    expect(readPaste('no numbers', NOW)).toEqual({ batch: null, found: 0 });
  });
});
