// The list parsers' fast paths (issue #15, Taobao, JD and Pinduoduo lists near JSON.parse): every shortcut must
// answer exactly what the code it replaces answers (checked here against that code's own definition on tricky
// inputs), and a list whose layout changed (renamed list key, missing fields, ids too long for JSON.parse) must
// still give a diagnostic or the orders it can read, never an exception. The golden files
// (../golden.test.ts) pin the whole output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCarriers, normalizeTrackingNumber, numberFitsCarrier } from '../../../../src/core/tracking-number';
import { onHostSuffix } from '../../../../src/platforms/facts';
import { isLogisticsPageOf } from '../../../../src/platforms/jd/parse';
import { jdOrderIdOf, jdPageKind } from '../../../../src/platforms/jd/urls';
import { indexKeys, keys, pickText, pickWith } from '../../../../src/platforms/shared/keys';
import { stripJsonp } from '../../../../src/platforms/shared/json-text';
import { SlotTable } from '../../../../src/platforms/shared/slots';
import { cleanText } from '../../../../src/platforms/shared/values';
import { componentKey } from '../../../../src/platforms/taobao/parse-list';
import { benchPayloads } from '../../../../scripts/bench/parser-payloads';
import type { ParseResult } from '../../../../src/platforms/types';
import { invariantProblems } from './fixture-helpers';

const textOf = (parts: string[], maxLength = 10) => fc.array(fc.constantFrom(...parts), { maxLength }).map((xs) => xs.join(''));

describe('shortcuts equal what they replace', () => {
  it('stripJsonp equals the one-regex JSONP reading', () => {
    const RE = /^\s*(?:\/\*\*\/\s*)?[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?\s*$/;
    const parts = [' ', '\n', '\u00a0', '\ufeff', '/**/', '/*', 'cb', 'a.b', '$x', '1', '(', ')', ';', '{}', '"', '\u2028'];
    fc.assert(fc.property(textOf(parts), (s) => {
      expect(stripJsonp(s)).toBe(RE.exec(s)?.[1] ?? s);
    }), { numRuns: 5_000 });
  });

  it('componentKey reads a key as the component-key regex does', () => {
    const RE = /^([A-Za-z][A-Za-z0-9]*)_(\d{4,25})(?:_(.+))?$/;
    const parts = ['a', 'Z', '1', '12345', '_', '\n', '\u2028', 'é', ' ', '9999999999', 'x_', '0'];
    fc.assert(fc.property(textOf(parts, 8), (s) => {
      const m = RE.exec(s);
      expect(componentKey(s)).toEqual(m ? [m[1], m[2]] : undefined);
    }), { numRuns: 5_000 });
  });

  it("JD: the follow-up's logistics-link check equals reading the link with new URL()", () => {
    const link = fc.tuple(
      fc.constantFrom('trade.m.jd.com', 'TRADE.m.jd.com', 'passport.jd.com', 'x.trade.m.jd.com', 'order.jd.com', '1.2.3.4', 'xn--fiqs8s.jd.com'),
      fc.constantFrom('/order/deal_wuliu_jdm.shtml', '/order/DEAL_WULIU_jdm.shtml', '/a/../order/deal_wuliu_jdm.shtml', '/order/orderlist_jdm.shtml', '/'),
      fc.array(fc.constantFrom('dealId=290145600001', 'dealId=+290145600001', 'orderid=290145600001', 'orderId=12', 'order_id=290145600001', 'dealId', 'deal+Id=1234567',
        'ReturnUrl=https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?dealId=290145600001', 'dealId=29014%35600001', 'a=b?c', ''), { maxLength: 4 }),
      fc.constantFrom('', '#x'),
    ).map(([host, path, q, hash]) => `https://${host}${path}?${q.join('&')}${hash}`);
    fc.assert(fc.property(link, fc.constantFrom('290145600001', '1234567'), (l, id) => {
      const u = new URL(l);
      expect(isLogisticsPageOf(l, id)).toBe(jdPageKind(u) === 'logistics' && jdOrderIdOf(u) === id);
    }), { numRuns: 3_000 });
  });

  it('a clean tracking number skips normalisation; numberFitsCarrier equals detectCarriers(…).length > 0', () => {
    const raw = textOf(['SF', 'JD', 'YT', 'JT', '7', '3', '1', '0', '123456', '-', ' ', 'a', 'Ｓ', '\u200b', 'VIP', 'EA', 'CN', 'US', '123456789'], 8);
    const hint = fc.constantFrom(undefined, '中通快递', '顺丰', '菜鸟驿站', '某某物流', '');
    fc.assert(fc.property(raw, hint, (r, h) => {
      const n = normalizeTrackingNumber(r);
      if (n) {
        expect(normalizeTrackingNumber(n)).toBe(n);
        expect(numberFitsCarrier(n, h)).toBe(detectCarriers(n, h).length > 0);
      }
    }), { numRuns: 5_000 });
  });

  it('onHostSuffix equals "host is a suffix or ends with .suffix"', () => {
    const host = textOf(['a', '.', 'jd', 'com', 'tmall', '-', ''], 6);
    fc.assert(fc.property(host, fc.array(host, { maxLength: 3 }), (h, suffixes) => {
      expect(onHostSuffix(h, suffixes)).toBe(suffixes.some((s) => h === s || h.endsWith(`.${s}`)));
    }), { numRuns: 5_000 });
  });

  it('cleanText equals collapsing every whitespace run', () => {
    const s = textOf(['a', ' ', '  ', '\t', '\u00a0', '\u200b', '\n', '中', '\u3000'], 8);
    fc.assert(fc.property(s, fc.integer({ min: 0, max: 6 }), (t, max) => {
      expect(cleanText(t, max)).toBe(t.replace(/[\s\u00a0\u200b]+/g, ' ').trim().slice(0, max));
    }), { numRuns: 5_000 });
  });

  it('slot tables read what normalized-key indexes read (first spelling wins, any case or separator)', () => {
    const TABLE = ['order_sn', 'goods_name', 'status'];
    const slots = new SlotTable(TABLE);
    const ks = TABLE.map((k) => keys(k));
    const key = fc.constantFrom('order_sn', 'orderSn', 'ORDER-SN', 'order sn', 'goods_name', 'goodsName', 'status', 'Status', 'other');
    const value = fc.constantFrom('', ' a ', 'b', 0, 12, null, true, 'x  y');
    fc.assert(fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) o[k] = v;
      const m = indexKeys(o);
      const s = slots.read(o);
      TABLE.forEach((k, i) => {
        const read = (v: unknown) => (typeof v === 'number' ? v : undefined);
        expect(s.pick(slots.slots(k), read)).toBe(pickWith(m, ks[i], read));
        expect(s.text(slots.slots(k), 3)).toBe(pickText(m, ks[i], 3));
      });
    }), { numRuns: 3_000 });
  });

  it('a number of 16+ digits read through a slot is reported, smaller ones are not', () => {
    const t = new SlotTable(['id', 'n']);
    const guard = { big: false };
    t.read({ id: 123456789012345, other: 1e20 }, guard);
    expect(guard.big).toBe(false);
    t.read({ n: 1234567890123456 }, guard);
    expect(guard.big).toBe(true);
  });
});

// ---- changed layouts of the bench's 50-order lists -------------------------------------------------------

const payload = (id: string) => benchPayloads().find((p) => p.platform.id === id)!;

/** Parse `body` as the bench payload of platform `id` is parsed. */
function parse(id: string, body: string): ParseResult {
  const p = payload(id);
  const r = p.platform.parsePayload(body, new URL(p.url), new URL(p.page));
  expect(r).not.toBeNull();
  expect(invariantProblems(r!)).toEqual([]);
  return r!;
}

/** The payload's JSON, changed by `edit`, in its JSONP wrapper again. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into the payload's known shape
function edited(id: string, edit: (json: any) => void): string {
  const body = payload(id).body;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}') + 1;
  const json = JSON.parse(body.slice(start, end));
  edit(json);
  return body.slice(0, start) + JSON.stringify(json) + body.slice(end);
}

describe('Taobao list: changed layouts', () => {
  it('reads all 50 orders of the bench list', () => expect(parse('taobao', payload('taobao').body).orders).toHaveLength(50));

  it('a renamed components key gives an unrecognized diagnostic, no orders, no exception', () => {
    const r = parse('taobao', edited('taobao', (j) => {
      j.data.components = j.data.data;
      delete j.data.data;
    }));
    expect(r.orders).toEqual([]);
    expect(r.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
  });

  it('missing fields (a shop component, an item title, a status) lose only what they held', () => {
    const ids: string[] = [];
    const r = parse('taobao', edited('taobao', (j) => {
      const comps = j.data.data;
      const shops = Object.keys(comps).filter((k) => k.startsWith('shopInfo_'));
      ids.push(...shops.map((k) => k.slice('shopInfo_'.length)));
      delete comps[shops[0]];
      const item = Object.keys(comps).find((k) => k.startsWith(`orderItemInfo_${ids[1]}`))!;
      delete comps[item].fields.item.title;
      delete comps[`orderStatus_${ids[2]}`].fields.tradeStatus;
    }));
    expect(r.orders.map((o) => o.orderId).sort()).toEqual([...ids].sort());
    const byId = new Map(r.orders.map((o) => [o.orderId, o]));
    expect(byId.get(ids[0])?.shopName).toBeUndefined();
    expect(byId.get(ids[0])?.amount).toBeGreaterThan(0);
    expect(byId.get(ids[3])?.shopName).toBeTruthy();
  });

  it('renamed component kinds with nothing known left give an unrecognized diagnostic', () => {
    const r = parse('taobao', edited('taobao', (j) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(j.data.data)) out[k.replace(/^[A-Za-z]+_/, 'newKind_')] = v;
      j.data.data = out;
    }));
    expect(r.diagnostics.some((d) => d.kind === 'unrecognized')).toBe(true);
  });
});

describe('JD order_list_m: changed layouts', () => {
  it('a renamed list key gives an unrecognized diagnostic, no orders, no exception', () => {
    const r = parse('jd', edited('jd', (j) => {
      j.body.orders = j.body.orderList;
      delete j.body.orderList;
    }));
    expect(r.orders).toEqual([]);
    expect(r.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
  });

  it('an order without its id is skipped, one without shop or items keeps the rest', () => {
    const r = parse('jd', edited('jd', (j) => {
      delete j.body.orderList[0].orderId;
      delete j.body.orderList[1].shopInfo;
      delete j.body.orderList[2].wareInfoList;
    }));
    expect(r.orders).toHaveLength(49);
    const [a, b] = r.orders;
    expect(a.shopName).toBeUndefined();
    expect(a.items?.length).toBeGreaterThan(0);
    expect(b.items).toBeUndefined();
    expect(b.shopName).toBeTruthy();
  });

  it('an order id too long for JSON.parse, sent as a bare number, is read exactly', () => {
    const body = edited('jd', () => {}).replace('"orderId":"290145600000"', '"orderId":4102387766512000341');
    expect(parse('jd', body).orders[0].orderId).toBe('4102387766512000341');
  });
});

describe('Pinduoduo order_list_v4: changed layouts', () => {
  it('a renamed list key gives an unrecognized diagnostic, no orders, no exception', () => {
    const r = parse('pdd', edited('pdd', (j) => {
      j.order_list = j.orders;
      delete j.orders;
    }));
    expect(r.orders).toEqual([]);
    expect(r.diagnostics.map((d) => d.kind)).toEqual(['unrecognized']);
  });

  it('camelCase keys read like snake_case ones; an order without order_sn is skipped, the rest kept', () => {
    const r = parse('pdd', edited('pdd', (j) => {
      delete j.orders[0].order_sn;
      const o = j.orders[1];
      o.orderSn = o.order_sn;
      delete o.order_sn;
      delete o.mall;
    }));
    expect(r.orders).toHaveLength(49);
    expect(r.orders[0].orderId).toMatch(/^241124-/);
    expect(r.orders[0].shopName).toBeUndefined();
    expect(r.orders[1].shopName).toBeTruthy();
  });

  it('a goods id too long for JSON.parse, sent as a bare number, is read exactly', () => {
    const body = edited('pdd', () => {}).replace('"goods_id":700123456000', '"goods_id":7001234560001234567');
    expect(parse('pdd', body).orders[0].items?.[0].itemId).toBe('7001234560001234567');
  });
});
