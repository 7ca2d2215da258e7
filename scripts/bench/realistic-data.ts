// A realistic bench data set: what capture produces for a shopper with years of history, as the
// ObservationBatches the content scripts send (list pages of 20 orders, after-sale pages for returns), to be
// written through the real ingest path (src/db/ingest.ts `ingest`, the function the background calls for a
// captured batch) — never rows written straight into the database. Deterministic for (parcels, now, seed).
//
// Shape (issue #15): orders with 1–3 items; 3–15 tracking events per parcel, worded as real carriers word
// them (tests/corpus/events.json); about 10 % of orders unshipped (paid in the last 20 days); about 5 % of
// parcels with an alert or a missed promise (exception, rejected, returning, stalled, out for delivery too
// long, a deliver-by date passed); returns (after-sale pages, direction 'return'); split shipments (one
// order, two parcels) and merged ones (one parcel, two orders); five platforms; five years of history; half
// of all parcels archived by the shopper (`archive`: applied the way the popup's archive button is).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EventObservation, ItemObservation, ObservationBatch, OrderObservation, ParcelObservation, ParcelStatus, Platform } from '../../src/core/model';

const H = 3_600_000;
const DAY = 24 * H;
const YEAR = 365 * DAY;

/** mulberry32: a small seeded PRNG, so every run builds the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    let r = next() * xs.reduce((n, [, w]) => n + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  };
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { next, int, pick, weighted, digits };
}
type Rng = ReturnType<typeof prng>;

/** Real event lines by the status they were labelled with (tests/corpus/SOURCES.md). */
function corpusEvents(): Record<string, string[]> {
  const rows = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../tests/corpus/events.json'), 'utf8')) as { text: string; status: string }[];
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.status] ??= []).push(r.text);
  return out;
}

/** Carriers as they appear on order pages, weighted like the tracking-number corpus; number = f(unique serial). */
const CARRIERS: readonly (readonly [{ name: string; no: (serial: string, r: Rng) => string }, number])[] = [
  [{ name: '中通快递', no: (s, r) => `7${r.pick(['3', '5', '8'])}${s}${r.digits(4)}` }, 55],
  [{ name: '韵达快递', no: (s, r) => `4${r.pick(['3', '6'])}${s}${r.digits(3)}` }, 50],
  [{ name: '圆通速递', no: (s, r) => `YT${s}${r.digits(5)}` }, 46],
  [{ name: '申通快递', no: (s, r) => `77${s}${r.digits(5)}` }, 38],
  [{ name: '顺丰速运', no: (s, r) => `SF${s}${r.digits(5)}` }, 28],
  [{ name: '极兔速递', no: (s, r) => `JT${s}${r.digits(5)}` }, 20],
  [{ name: '京东快递', no: (s, r) => `JDX${s}${r.digits(4)}` }, 21],
  [{ name: '邮政EMS', no: (s, r) => `98${s}${r.digits(3)}` }, 18],
];

const PLATFORMS: readonly (readonly [Exclude<Platform, 'manual'>, number])[] = [
  ['taobao', 35],
  ['pdd', 20],
  ['jd', 20],
  ['douyin', 15],
  ['kuaishou', 10],
];

const orderId = (p: Exclude<Platform, 'manual'>, serial: string, r: Rng): string =>
  p === 'taobao' ? `${r.pick(['2', '3', '4'])}${serial}${r.digits(10)}` :
  p === 'douyin' ? `69${serial}${r.digits(9)}` :
  p === 'kuaishou' ? `23${serial}${r.digits(6)}` :
  p === 'jd' ? `3${serial}${r.digits(3)}` :
  `${r.int(20, 26)}${r.digits(4)}-${serial}${r.digits(7)}`;

const orderUrl = (p: Exclude<Platform, 'manual'>, id: string): string =>
  p === 'taobao' ? `https://buyertrade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=${id}` :
  p === 'douyin' ? `https://haohuo.jinritemai.com/views/order/detail?order_id=${id}` :
  p === 'kuaishou' ? `https://app.kwaixiaodian.com/page/kwaishop-buyer-orderdetail?oid=${id}` :
  p === 'jd' ? `https://details.jd.com/normal/item.action?orderid=${id}` :
  `https://mobile.yangkeduo.com/order.html?order_sn=${id}`;

const LIST_URL: Record<Exclude<Platform, 'manual'>, string> = {
  taobao: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  douyin: 'https://haohuo.jinritemai.com/aweme/v1/order/list',
  kuaishou: 'https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list',
  jd: 'https://order.jd.com/center/list.action',
  pdd: 'https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v3',
};

const SHOPS = ['小米官方旗舰店', '三只松鼠旗舰店', '良品铺子官方旗舰店', '安踏官方旗舰店', '名创优品', '优衣库官方旗舰店', '百草味旗舰店', '得力文具旗舰店', '美的官方旗舰店', '南极人家纺专营店', '蓝月亮官方旗舰店', '李宁官方旗舰店', '罗技官方旗舰店', '云南白药旗舰店', '晨光文具官方旗舰店', '京东自营', '拼多多百亿补贴', '绿联数码专营店'];
const BRANDS = ['小米', '安踏', '得力', '美的', '南极人', '蓝月亮', '李宁', '罗技', '晨光', '绿联', '三只松鼠', '良品铺子', '百草味', '象印', '苏泊尔', '九阳', '飞利浦', '欧莱雅', '云南白药', '心相印'];
const GOODS = ['保温杯 500ml 316不锈钢', '无线蓝牙耳机 降噪', '纯棉四件套 1.8m床', '洗衣液 3kg 薰衣草', '跑步鞋 男款 42码', '机械键盘 青轴', '牙膏 清新薄荷 3支装', '坚果礼盒 1.5kg', '中性笔 0.5mm 12支', 'Type-C 数据线 2m', '电饭煲 4L 智能', '抽纸 3层 24包', '羽绒服 轻薄 短款', '瑜伽垫 加厚 10mm', '猫粮 成猫 2kg', '儿童绘本 全8册', '手机壳 磨砂 防摔', '电动牙刷 声波', '保鲜袋 大号 200只', '收纳箱 特大号 3个装'];
const SKUS = ['颜色: 雾蓝', '颜色: 黑色; 尺码: L', '规格: 标准版', '颜色分类: 白色', '尺码: 42', '套餐: 官方标配', '口味: 原味', '容量: 500ml'];

interface PlannedParcel {
  obs: ParcelObservation;
  platform: Exclude<Platform, 'manual'>;
  /** Time the page that showed it was read. */
  seenAt: number;
}

export interface RealisticData {
  /** Batches in the order capture would have delivered them (oldest page first). */
  batches: ObservationBatch[];
  /** Tracking numbers the shopper archived (half of all parcels, the oldest delivered ones picked at random). */
  archive: string[];
  counts: { parcels: number; orders: number; unshipped: number; withAlert: number; returns: number; split: number; merged: number; events: number };
  /** A listed parcel that sorts last in the popup (oldest recently delivered, not archived): its tracking number
   * and the item title it can be found by. Search benches type this and wait for this one row. */
  probe: { trackingNo: string; title: string };
}

/**
 * `parcels` parcels (returns included) and the orders they belong to, plus about one unshipped order per
 * nine shipped ones; times relative to `now`, so the popup's sections (which depend on the clock) hold the
 * same rows whenever the bench runs.
 */
export function realisticData(parcels: number, now: number, seed = 15): RealisticData {
  const r = prng(seed * 7919 + parcels);
  const lines = corpusEvents();
  const text = (status: string) => r.pick(lines[status]);
  const counts = { parcels: 0, orders: 0, unshipped: 0, withAlert: 0, returns: 0, split: 0, merged: 0, events: 0 };
  const orders: { platform: Exclude<Platform, 'manual'>; obs: OrderObservation; seenAt: number }[] = [];
  const planned: PlannedParcel[] = [];
  const returnsPlanned: PlannedParcel[] = [];
  const deliveredOld: string[] = [];
  const recentDelivered: { trackingNo: string; at: number; title: string }[] = [];
  let serial = 0;
  const nextSerial = (width: number) => String(++serial).padStart(width, '0');

  const items = (): ItemObservation[] =>
    Array.from({ length: r.weighted([[1, 70], [2, 22], [3, 8]] as const) }, () => ({
      title: `${r.pick(BRANDS)} ${r.pick(GOODS)}`,
      sku: r.pick(SKUS),
      quantity: r.weighted([[1, 85], [2, 12], [3, 3]] as const),
      price: r.int(3, 600) * 100 + r.pick([0, 90, 50]),
    }));

  const newOrder = (platform: Exclude<Platform, 'manual'>, paidAt: number, status: OrderObservation['status']): OrderObservation => {
    const id = orderId(platform, nextSerial(8), r);
    const its = items();
    const o: OrderObservation = {
      orderId: id,
      shopName: platform === 'jd' ? r.pick(['京东自营', ...SHOPS]) : r.pick(SHOPS),
      items: its,
      amount: its.reduce((n, i) => n + (i.price ?? 0) * (i.quantity ?? 1), 0),
      createdAt: paidAt - r.int(1, 30) * 60_000,
      paidAt,
      status,
      statusText: status === 'unshipped' ? '待发货' : status === 'completed' ? '交易成功' : '已发货',
      url: orderUrl(platform, id),
      ...(platform === 'taobao' && r.next() < 0.3 ? { tmall: true } : {}),
    };
    counts.orders++;
    return o;
  };

  /** Events from shipping to `stage`, oldest first; their count is 3–15 (fewer only when the parcel is young). */
  const track = (shippedAt: number, stage: ParcelStatus, until: number): EventObservation[] => {
    const want = r.int(3, 15);
    const tail: string[] = stage === 'delivered' ? (r.next() < 0.35 ? ['awaiting_collection', 'delivered'] : ['out_for_delivery', 'delivered']) :
      stage === 'awaiting_collection' ? ['out_for_delivery', 'awaiting_collection'] :
      stage === 'out_for_delivery' ? ['out_for_delivery'] :
      stage === 'exception' ? ['exception'] :
      stage === 'rejected' ? ['out_for_delivery', 'rejected'] :
      stage === 'returning' ? ['rejected', 'returning'] : [];
    const middle = Math.max(1, want - 1 - tail.length);
    const kinds = ['picked_up', ...Array.from({ length: middle }, () => 'in_transit'), ...tail];
    const span = Math.max(until - shippedAt, kinds.length * 60_000);
    const step = span / kinds.length;
    return kinds.map((k, i) => ({ time: Math.round(shippedAt + step * (i + 0.2 + 0.6 * r.next())), text: text(k) }));
  };

  while (counts.parcels < parcels) {
    const platform = r.weighted(PLATFORMS);
    const carrier = platform === 'jd' && r.next() < 0.8 ? CARRIERS[6][0] : r.weighted(CARRIERS);
    // Age: most of the history is delivered; a small recent part is on its way or needs the shopper.
    const kind = r.weighted([['old', 87], ['recentDelivered', 3], ['moving', 5], ['alert', 5]] as const);
    // One unshipped order per nine shipped ones: paid in the last 20 days, no parcel yet.
    if (r.next() < 1 / 9) {
      const paid = now - r.int(1, 20 * 24) * H;
      orders.push({ platform, obs: newOrder(platform, paid, 'unshipped'), seenAt: Math.min(now, paid + r.int(1, 48) * H) });
      counts.unshipped++;
    }
    const age = kind === 'old' ? r.int(8 * 24, 5 * 365 * 24) * H : kind === 'recentDelivered' ? r.int(2 * 24, 12 * 24) * H : r.int(20, 12 * 24) * H;
    const paidAt = now - age;
    const shippedAt = paidAt + r.int(2, 40) * H;
    const shape = r.weighted([['one', 90], ['split', 6], ['merged', 4]] as const);
    const o1 = newOrder(platform, paidAt, kind === 'old' || kind === 'recentDelivered' ? 'completed' : 'shipped');
    const own: OrderObservation[] = [o1];
    if (shape === 'merged') {
      own.push(newOrder(platform, paidAt + r.int(1, 30) * 60_000, o1.status));
      counts.merged++;
    }
    const nParcels = shape === 'split' ? 2 : 1;
    if (shape === 'split') counts.split++;
    let stage: ParcelStatus = 'delivered';
    let until = Math.min(now - H, shippedAt + r.int(30, 120) * H);
    if (kind === 'moving') {
      stage = r.weighted([['in_transit', 60], ['out_for_delivery', 15], ['awaiting_collection', 25]] as const);
      until = stage === 'in_transit' ? now - r.int(1, 30) * H : now - r.int(1, 10) * H;
    } else if (kind === 'alert') {
      counts.withAlert++;
      const a = r.weighted([['exception', 25], ['rejected', 10], ['returning', 10], ['stalled', 25], ['ofd_long', 10], ['promise', 20]] as const);
      stage = a === 'stalled' || a === 'promise' ? 'in_transit' : a === 'ofd_long' ? 'out_for_delivery' : a;
      until = a === 'stalled' ? now - r.int(50, 120) * H : a === 'ofd_long' ? now - r.int(13, 30) * H : now - r.int(1, 30) * H;
      // A deliver-by date already passed (极速达 / 预计送达), on an order still on its way.
      if (a === 'promise') o1.promise = { kind: 'deliver_by', text: '预计明日送达', at: now - r.int(2, 40) * H };
    }
    if (until <= shippedAt) until = shippedAt + 2 * H;
    const seenAt = Math.min(now, until + r.int(1, 6) * H);
    for (const o of own) orders.push({ platform, obs: o, seenAt });
    for (let k = 0; k < nParcels && counts.parcels < parcels; k++) {
      const events = track(shippedAt + k * r.int(1, 24) * H, stage, until);
      const trackingNo = carrier.no(nextSerial(8), r);
      const obs: ParcelObservation = {
        trackingNo,
        carrierName: carrier.name,
        orderIds: shape === 'split' ? [o1.orderId] : own.map((o) => o.orderId),
        events,
        shippedAt: shippedAt + k * H,
        ...(stage === 'awaiting_collection' && r.next() < 0.7 ? { pickupCode: `${r.int(1, 9)}-${r.int(1, 6)}-${r.int(1000, 9999)}` } : {}),
      };
      counts.parcels++;
      counts.events += events.length;
      planned.push({ obs, platform, seenAt });
      const last = events[events.length - 1].time;
      if (kind === 'old') deliveredOld.push(trackingNo);
      else if (kind === 'recentDelivered' && now - last <= 7 * DAY - H) recentDelivered.push({ trackingNo, at: last, title: o1.items![0].title });
      // About 3 % of delivered orders go back (after-sale page: a return parcel with its own events).
      if (stage === 'delivered' && kind === 'old' && r.next() < 0.03 && counts.parcels < parcels) {
        const back = last + r.int(24, 96) * H;
        const rc = r.weighted(CARRIERS);
        const rno = rc.no(nextSerial(8), r);
        const revents = track(back, 'delivered', Math.min(now - H, back + r.int(30, 96) * H));
        returnsPlanned.push({ obs: { trackingNo: rno, carrierName: rc.name, direction: 'return', orderIds: [o1.orderId], events: revents, shippedAt: back }, platform, seenAt: Math.min(now, back + 120 * H) });
        counts.parcels++;
        counts.returns++;
        counts.events += revents.length;
        deliveredOld.push(rno);
      }
    }
  }

  // List pages: per platform, 20 orders a page, with the parcels of those orders, in the order they were read.
  const batches: ObservationBatch[] = [];
  const parcelsOf = new Map<string, ParcelObservation[]>();
  for (const p of planned) for (const id of p.obs.orderIds) (parcelsOf.get(`${p.platform}:${id}`) ?? parcelsOf.set(`${p.platform}:${id}`, []).get(`${p.platform}:${id}`)!).push(p.obs);
  for (const [platform] of PLATFORMS) {
    const mine = orders.filter((o) => o.platform === platform).sort((a, b) => a.seenAt - b.seenAt);
    for (let i = 0; i < mine.length; i += 20) {
      const page = mine.slice(i, i + 20);
      // A merged parcel's second order may sit on the next page; the parcel comes with each page that shows one of its orders.
      const ps = [...new Set(page.flatMap((o) => parcelsOf.get(`${platform}:${o.obs.orderId}`) ?? []))];
      batches.push({ platform, source: 'list', url: LIST_URL[platform], observedAt: Math.max(...page.map((o) => o.seenAt)), orders: page.map((o) => o.obs), parcels: ps });
    }
  }
  for (const p of returnsPlanned) {
    batches.push({ platform: p.platform, source: 'after_sale', url: LIST_URL[p.platform], observedAt: p.seenAt, orders: [], parcels: [p.obs] });
  }
  batches.sort((a, b) => a.observedAt - b.observedAt);

  // Half of all parcels archived: the shopper tidied old deliveries away.
  const archive: string[] = [];
  const want = Math.floor(counts.parcels / 2);
  for (const no of deliveredOld) {
    if (archive.length >= want) break;
    if (r.next() < 0.62) archive.push(no);
  }
  for (let i = 0; archive.length < want && i < deliveredOld.length; i++) if (!archive.includes(deliveredOld[i])) archive.push(deliveredOld[i]);

  recentDelivered.sort((a, b) => a.at - b.at);
  const probe = recentDelivered[0] ?? { trackingNo: planned[0]?.obs.trackingNo ?? '', title: '', at: 0 };
  return { batches, archive, counts, probe: { trackingNo: probe.trackingNo, title: probe.title } };
}

/** Half-year buckets of history, for the README's description of the data (`npm run bench` prints it). */
export const describeRealistic = (d: RealisticData) =>
  `${d.counts.parcels} parcels (${d.counts.returns} returns, ${d.counts.split} split orders, ${d.counts.merged} merged shipments), ${d.counts.orders} orders (${d.counts.unshipped} unshipped), ${d.counts.events} events, ${d.counts.withAlert} with an alert or missed promise, ${d.archive.length} archived, ${d.batches.length} batches over ${Math.round((d.batches.at(-1)!.observedAt - d.batches[0].observedAt) / YEAR)} years`;
