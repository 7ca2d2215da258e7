// Parse time of a 50-order list payload per platform, and its ratio to JSON.parse of the same text.
import { douyin } from '../../src/platforms/douyin';
import { jd } from '../../src/platforms/jd';
import { kuaishou } from '../../src/platforms/kuaishou';
import { pdd } from '../../src/platforms/pdd';
import { taobao } from '../../src/platforms/taobao';
import type { PlatformAdapter } from '../../src/platforms/types';
import { fixture, time, type Recorder } from './common';

/** Repeat a fixture's orders with fresh ids until there are `n`. */
function grow<T>(list: T[], n: number, reId: (o: T, i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => reId(structuredClone(list[i % list.length]), i));
}

const reIdJson = (o: unknown, i: number) => JSON.parse(JSON.stringify(o).replace(/"(\d{15,19})"/g, (_m, id: string) => `"${id.slice(0, -3)}${String(i).padStart(3, '0')}"`));

function payloads(): { platform: PlatformAdapter; body: string; url: string; page: string }[] {
  const dy = JSON.parse(fixture('douyin/order-list-page1.json'));
  dy.data.orders = grow(dy.data.orders, 50, reIdJson);
  const ks = JSON.parse(fixture('kuaishou/order-list-page1.json'));
  ks.data.orderList = grow(ks.data.orderList, 50, reIdJson);
  const tbText = fixture('taobao/mtop-boughtlist-components.jsonp');
  const tb = JSON.parse(tbText.slice(tbText.indexOf('(') + 1, tbText.lastIndexOf(')')));
  const comps = tb.data.data as Record<string, unknown>;
  const ids = [...new Set(Object.keys(comps).filter((k) => k.startsWith('shopInfo_')).map((k) => k.slice(9)))];
  const grown: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) {
    const id = ids[i % ids.length];
    const newId = `${id.slice(0, -3)}${String(i).padStart(3, '0')}`;
    for (const [k, v] of Object.entries(comps)) if (k.includes(id)) grown[k.replace(id, newId)] = JSON.parse(JSON.stringify(v).split(id).join(newId));
  }
  tb.data.data = grown;
  const jdText = fixture('jd/order-list-m.jsonp');
  const jdm = JSON.parse(jdText.slice(jdText.indexOf('(') + 1, jdText.lastIndexOf(')')));
  jdm.body.orderList = grow(jdm.body.orderList as { orderId: string }[], 50, (o, i) => ({ ...o, orderId: `2901456${String(i).padStart(5, '0')}` }));
  const pd = JSON.parse(fixture('pdd/order-list-v4.json'));
  pd.orders = grow(pd.orders as { order_sn: string }[], 50, (o, i) => ({ ...o, order_sn: `241124-2234567890${String(i).padStart(5, '0')}` }));
  return [
    { platform: taobao, body: `/**/mtopjsonp3(${JSON.stringify(tb)});`, url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=jsonp&callback=mtopjsonp3', page: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm' },
    { platform: douyin, body: JSON.stringify(dy), url: 'https://haohuo.jinritemai.com/api/order/list?page=1', page: 'https://haohuo.jinritemai.com/views/order/list' },
    { platform: kuaishou, body: JSON.stringify(ks), url: 'https://app.kwaixiaodian.com/rest/app/grocery/order/list', page: 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list' },
    { platform: jd, body: `jsonpCBKA(${JSON.stringify(jdm)});`, url: 'https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core&callback=jsonpCBKA', page: 'https://trade.m.jd.com/order/orderlist_jdm.shtml' },
    { platform: pdd, body: JSON.stringify(pd), url: 'https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4?pdduid=1234567', page: 'https://mobile.yangkeduo.com/orders.html' },
  ];
}

export function benchParsers(record: Recorder) {
  for (const p of payloads()) {
    const url = new URL(p.url);
    const page = new URL(p.page);
    const out = p.platform.parsePayload(p.body, url, page);
    const orders = out?.orders.length ?? 0;
    const parse = time(() => p.platform.parsePayload(p.body, url, page));
    const json = time(() => JSON.parse(p.body.slice(p.body.indexOf('{'), p.body.lastIndexOf('}') + 1)));
    record({ name: `parse ${p.platform.id} 50-order list (${orders} orders read, ${(p.body.length / 1024).toFixed(0)} KiB)`, value: parse, unit: 'ms', ratio: parse / json, baseline: 'JSON.parse of the same text' });
  }
}

