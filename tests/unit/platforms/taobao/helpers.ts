// Test helpers for the Taobao adapter: fixtures, Documents, China-time timestamps, and invariants every
// parse result must keep.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ParseResult } from '../../../../src/platforms/types';

// import.meta.dirname, not new URL(…, import.meta.url): happy-dom replaces the global URL.
export const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/taobao/');

export const fixture = (name: string) => readFileSync(FIXTURE_DIR + name, 'utf8');
export const fixtureNames = () => readdirSync(FIXTURE_DIR).sort();

/** "2024-11-08 10:15:30" read as China time, computed independently of the parser. */
export const cst = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);

/** Needs the happy-dom environment. */
export const docFrom = (html: string) => new DOMParser().parseFromString(html, 'text/html');

export const LIST_URL = new URL('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm');
export const MTOP_LIST_URL = new URL(
  'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?jsv=2.7.2&appKey=12574478&t=1731000000000&sign=0123456789abcdef&api=mtop.taobao.order.queryboughtlistV2&v=1.0&type=jsonp&dataType=jsonp&callback=mtopjsonp3',
);
export const ASYNC_URL = new URL(
  'https://buyertrade.taobao.com/trade/itemlist/asyncBought.htm?action=itemlist/BoughtQueryAction&event_submit_do_query=1&_input_charset=utf8',
);
export const transitUrl = (id: string) => new URL(`https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${id}`);
export const MTOP_LOGISTICS_URL = new URL('https://h5api.m.taobao.com/h5/mtop.taobao.logistics.detailorlist.query/1.0/');

/** Page URL per HTML fixture (what pageKind sees in the browser). */
export const PAGE_URLS: Record<string, string> = {
  'list-legacy-page1.html': 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  'list-legacy-finished.html': 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  'list-signed-out.html': 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm',
  'risk-slider.html': 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm?tabCode=waitSend',
  'detail-taobao-multi-package.html':
    'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4107721093356402117',
  'detail-taobao-merged-a.html': 'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4108835502719330218',
  'detail-taobao-merged-b.html': 'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4108835502719330219',
  'detail-tmall.html': 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=4109912200348857764',
  'detail-archive.html':
    'https://tradearchive.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3310045577820154433',
  'detail-dom-only.html': 'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4111122223333444455',
  'logistics-h5-ssr.html':
    'https://pages-g.m.taobao.com/wow/z/app/mtb/logisticsV2/h5-detail?x-ssr=true&bizOrderId=4102387766512009341',
  'after-sale-return.html':
    'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917360&disputeId=208811223344556677&type=1',
  'after-sale-requested.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917361&type=1',
  'after-sale-pickup-booked.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917362&type=1',
  'after-sale-picked-up.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917363&type=1',
  'after-sale-received.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917364&type=1',
  'after-sale-refunded.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917365&type=1',
  'after-sale-exchange-shipped.html': 'https://refund2.taobao.com/dispute/detail.htm?bizOrderId=3951178345520917366&type=1',
  // The bought list links a refund by its sub-order id (…379); the page's 订单编号 row names the main order (…370).
  'after-sale-dispute-pickup.html': 'https://refund2.taobao.com/dispute/detail.htm?disputeType=1&bizOrderId=3951178345520917379',
  'after-sale-dispute-returned.html': 'https://refund2.tmall.com/dispute/detail.htm?disputeId=208811223344550071',
  'after-sale-dispute-list.html': 'https://refund2.taobao.com/dispute/buyerDisputeList.htm?type=1&disputeType=1',
};

/** Response URL per JSON/JSONP fixture. */
export const RESPONSE_URLS: Record<string, URL> = {
  'async-bought-page2.json': ASYNC_URL,
  'mtop-boughtlist-components.jsonp': MTOP_LIST_URL,
  'mtop-boughtlist-result-string.json': MTOP_LIST_URL,
  'mtop-boughtlist-main.json': MTOP_LIST_URL,
  'transit-step-zto.json': transitUrl('3961847200516880417'),
  'transit-step-no-logistics.json': transitUrl('3980120394456011213'),
  'transit-step-risk.json': transitUrl('3961847200516880417'),
  'transit-step-yunda-unsigned.json': transitUrl('4125530017728840011'),
  'transit-step-jt-signed.json': transitUrl('4124409912203370033'),
  'transit-step-yto-in-transit.json': transitUrl('4127781203346650022'),
  'mtop-logistics-package-list.json': MTOP_LOGISTICS_URL,
  'mtop-logistics-detail.jsonp': new URL(
    `https://h5api.m.taobao.com/h5/mtop.taobao.logistics.detailorlist.query/1.0/?api=mtop.taobao.logistics.detailorlist.query&data=${encodeURIComponent('{"orderId":"4107721093356402117","logisticsOrderId":"LP00612345678902","mailNo":"YT7461234567890"}')}`,
  ),
};

const MIN_TIME = 946_684_800_000;
const MAX_TIME = 4_102_444_800_000;
const okTime = (t: unknown) => t === undefined || (Number.isSafeInteger(t) && (t as number) >= MIN_TIME && (t as number) <= MAX_TIME);
const okMoney = (m: unknown) => m === undefined || (Number.isSafeInteger(m) && (m as number) >= 0);

/** Invariants every emitted observation keeps, whatever the input. */
export function expectWellFormed(r: ParseResult | null): void {
  if (r === null) return;
  expect(Array.isArray(r.orders) && Array.isArray(r.parcels) && Array.isArray(r.diagnostics)).toBe(true);
  for (const o of r.orders) {
    expect(typeof o.orderId === 'string' && o.orderId.trim().length > 0).toBe(true);
    expect(okMoney(o.amount)).toBe(true);
    expect(okTime(o.createdAt) && okTime(o.paidAt) && okTime(o.promise?.at)).toBe(true);
    for (const i of o.items ?? []) {
      expect(typeof i.title === 'string' && i.title.trim().length > 0).toBe(true);
      expect(okMoney(i.price)).toBe(true);
      expect(i.quantity === undefined || Number.isSafeInteger(i.quantity)).toBe(true);
      expect(i.imageUrl === undefined || /^https:\/\/([\w-]+\.)*(alicdn\.com|tbcdn\.cn)\//.test(i.imageUrl)).toBe(true);
    }
    expect(o.url === undefined || /^https:\/\//.test(o.url)).toBe(true);
  }
  for (const p of r.parcels) {
    expect(typeof p.trackingNo === 'string' && p.trackingNo.trim().length > 0).toBe(true);
    for (const id of p.orderIds) expect(typeof id === 'string' && id.trim().length > 0).toBe(true);
    expect(okTime(p.shippedAt)).toBe(true);
    for (const e of p.events ?? []) expect(okTime(e.time) && e.text.trim().length > 0).toBe(true);
  }
  for (const f of r.followUps ?? []) {
    expect(f.url).toBe(`https://buyertrade.taobao.com/trade/json/transit_step.do?bizOrderId=${f.orderId}`);
  }
  for (const d of r.diagnostics) expect(['unrecognized', 'partial', 'risk_control', 'signed_out', 'error']).toContain(d.kind);
}

/** Test-only: JSON text as a single-quoted JS literal body, the way Taobao pages write it. */
export function encodeJsLiteral(jsonText: string): string {
  let out = '';
  for (const ch of jsonText) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === "'") out += "\\'";
    else if (ch === '/') out += '\\/';
    else if (ch === '<') out += '\\x3C';
    else if (ch === '>') out += '\\x3E';
    else if (cp < 0x20 || cp > 0x7e) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}
