import { describe, expect, it } from 'vitest';
import {
  CARRIERS,
  STATION_BRANDS,
  carrierById,
  carrierDisplayName,
  kuaidi100CodeFor,
  resolveCarrierId,
  resolveCarrierName,
  toHalfWidth,
} from '../../../src/core/carriers';

// Reference carriers.md §1 (ids), §1.1, §1.2, §1.3, §7.7–7.9.
const MAIN_IDS = [
  'sf', 'jd', 'zto', 'yto', 'sto', 'yunda', 'jtexpress', 'best', 'ems', 'chinapost',
  'deppon', 'cainiao', 'zjs', 'ttk', 'uc', 'kuayue', 'ane', 'zhongyou', 'jingxi', 'yunexpress',
];

describe('carrier registry', () => {
  it('has the 20 main carriers with their kuaidi100 codes (§1)', () => {
    const k100: Record<string, string> = {
      sf: 'shunfeng', jd: 'jd', zto: 'zhongtong', yto: 'yuantong', sto: 'shentong', yunda: 'yunda',
      jtexpress: 'jtexpress', best: 'huitongkuaidi', ems: 'ems', chinapost: 'youzhengguonei',
      deppon: 'debangkuaidi', cainiao: 'danniao', zjs: 'zhaijisong', ttk: 'tiantian', uc: 'youshuwuliu',
      kuayue: 'kuayue', ane: 'ane66', zhongyou: 'zhongyouex', jingxi: '', yunexpress: 'yuntrack',
    };
    for (const id of MAIN_IDS) expect(carrierById(id)?.kuaidi100, id).toBe(k100[id]);
  });

  it.each([
    ['sf_freight', 'shunfengkuaiyun', 'freight'],
    ['sf_cold', 'shunfenglengyun', 'cold'],
    ['fengwang', 'fengwang', 'parcel'],
    ['sxjd', 'sxjdfreight', 'freight'],
    ['zto_freight', 'zhongtongkuaiyun', 'freight'],
    ['zto_cold', 'ztocc', 'cold'],
    ['zto_intl', 'zhongtongguoji', 'intl'],
    ['yto_freight', 'yuantongkuaiyun', 'freight'],
    ['yto_intl', 'yuantongguoji', 'intl'],
    ['yto_cnd', 'ytchengnuoda', 'parcel'],
    ['yunda_freight', 'yundakuaiyun', 'freight'],
    ['best_freight', 'baishiwuliu', 'freight'],
    ['jd_freight', 'jingdongkuaiyun', 'freight'],
    ['ane_freight', 'annengwuliu', 'freight'],
    ['jet', 'jet', 'intl'],
    ['yunexpress', 'yuntrack', 'intl'],
    // §1.1 secondary carriers
    ['yimidida', 'yimidida', 'freight'],
    ['suning', 'suning', 'parcel'],
    ['xinfeng', 'xinfengwuliu', 'parcel'],
    ['suer', 'suer', 'parcel'],
    ['guotong', 'guotongkuaidi', 'parcel'],
    ['quanfeng', 'quanfengkuaidi', 'parcel'],
    ['rrs', 'rrs', 'freight'],
    ['ztky', 'ztky', 'freight'],
    ['jinguang', 'jinguangsudikuaijian', 'parcel'],
    ['annto', 'annto', 'freight'],
    ['weitepai', 'weitepai', 'parcel'],
    ['shansong', 'shansong', 'parcel'],
    ['kfw', 'kfw', 'parcel'],
    ['rjtcsd', '', 'parcel'],
    ['jsd', '', 'parcel'],
  ])('product / secondary carrier %s → k100 %s, %s', (id, k100, kind) => {
    expect(carrierById(id)).toMatchObject({ kuaidi100: k100, kind });
  });

  it('has unique ids and every entry is well-formed', () => {
    const ids = CARRIERS.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of CARRIERS) {
      expect(x.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(x.zh.length).toBeGreaterThan(0);
      expect(x.en.length).toBeGreaterThan(0);
      if (x.parent) expect(carrierById(x.parent), x.id).toBeDefined();
    }
  });

  it('never uses the non-kuaidi100 codes of third-party lists (§1.2 rule 5)', () => {
    const all = CARRIERS.flatMap((x) => [x.kuaidi100, ...(x.kuaidi100Alt ?? [])]);
    for (const bad of ['jingdong', 'yousu', 'debang', 'huitong', 'pingyou']) {
      expect(all).not.toContain(bad);
      expect(resolveCarrierName(bad)).toBeNull();
    }
  });

  it('resolves every alias, name, id and code back to its own carrier (no collisions)', () => {
    for (const x of CARRIERS) {
      const keys = [x.id, x.zh, x.en, ...x.aliases, x.kuaidi100, ...(x.kuaidi100Alt ?? []), ...(x.codes ?? [])];
      for (const k of keys.filter(Boolean)) expect(resolveCarrierName(k), `${x.id} ← ${k}`).toEqual({ kind: 'carrier', id: x.id });
    }
  });

  it('exports display names', () => {
    expect(carrierDisplayName('zto', 'zh')).toBe('中通快递');
    expect(carrierDisplayName('zto', 'en')).toBe('ZTO Express');
    expect(carrierDisplayName('zto_freight', 'zh')).toBe('中通快运');
    expect(carrierDisplayName('unknown', 'zh')).toBe('unknown');
    expect(carrierDisplayName('nope', 'en')).toBe('nope');
  });

  it('keeps the two Deppon kuaidi100 codes apart (§1, §7.7)', () => {
    expect(kuaidi100CodeFor('deppon', '德邦快递')).toBe('debangkuaidi');
    expect(kuaidi100CodeFor('deppon', '德邦物流')).toBe('debangwuliu');
    expect(kuaidi100CodeFor('deppon', '德邦')).toBe('debangwuliu');
    expect(kuaidi100CodeFor('deppon')).toBe('debangkuaidi');
    expect(kuaidi100CodeFor('ane')).toBe('ane66');
    expect(kuaidi100CodeFor('ane_freight')).toBe('annengwuliu');
    expect(kuaidi100CodeFor('jingxi')).toBeUndefined();
    expect(kuaidi100CodeFor('nope')).toBeUndefined();
  });

  it('converts full-width characters without changing length', () => {
    expect(toHalfWidth('ＳＦ１２３（中通）：　')).toBe('SF123(中通): ');
  });
});

describe('resolveCarrierName', () => {
  const carrier = (id: string) => ({ kind: 'carrier', id });
  const station = (name: string) => ({ kind: 'station', name });

  it.each([
    // §1.2 rule 2: longest alias first, products stay separate (§7.7, §7.8)
    ['中通快运', carrier('zto_freight')],
    ['中通快递', carrier('zto')],
    ['中通冷链', carrier('zto_cold')],
    ['中通国际', carrier('zto_intl')],
    ['顺丰快运', carrier('sf_freight')],
    ['顺丰速运', carrier('sf')],
    ['顺丰冷链', carrier('sf_cold')],
    ['丰网速运', carrier('fengwang')],
    ['顺心捷达', carrier('sxjd')],
    ['京东快运', carrier('jd_freight')],
    ['京东物流', carrier('jd')],
    ['京邦达', carrier('jd')],
    ['德邦快递', carrier('deppon')],
    ['德邦物流', carrier('deppon')],
    ['安能快运', carrier('ane_freight')],
    ['安能快递', carrier('ane')],
    ['百世快运', carrier('best_freight')],
    ['百世快递', carrier('best')],
    ['百世汇通', carrier('best')],
    ['汇通快递', carrier('best')],
    ['韵达快运', carrier('yunda_freight')],
    ['韵达速递', carrier('yunda')],
    ['圆通快运', carrier('yto_freight')],
    ['圆通国际', carrier('yto_intl')],
    ['圆通速递', carrier('yto')],
    ['承诺达', carrier('yto_cnd')],
    ['极兔国际', carrier('jet')],
    ['极兔速递', carrier('jtexpress')],
    ['J&T极兔', carrier('jtexpress')],
    ['EMS', carrier('ems')],
    ['邮政EMS', carrier('ems')],
    ['EMS经济快递', carrier('ems')],
    ['中国邮政速递物流', carrier('ems')],
    ['邮政快递包裹', carrier('chinapost')],
    ['邮政标准快递', carrier('chinapost')],
    ['中国邮政', carrier('chinapost')],
    ['丹鸟', carrier('cainiao')],
    ['菜鸟速递', carrier('cainiao')],
    ['优速物流', carrier('uc')],
    ['跨越速运', carrier('kuayue')],
    ['众邮快递', carrier('zhongyou')],
    ['京喜快递', carrier('jingxi')],
    ['云途物流', carrier('yunexpress')],
    ['壹米滴答', carrier('yimidida')],
    // rule 1: brackets, whitespace, full-width, case
    [' 中通 快递 ', carrier('zto')],
    ['【顺丰速运】', carrier('sf')],
    ['ｓｆ ｅｘｐｒｅｓｓ', carrier('sf')],
    ['顺丰速运(中国)有限公司', carrier('sf')],
    ['菜鸟速递(丹鸟)', carrier('cainiao')],
    ['（韵达）', carrier('yunda')],
    // rule 3: generic suffixes, then the stem
    ['中通快递股份有限公司', carrier('zto')],
    ['申通快递有限公司', carrier('sto')],
    ['圆通速递集团', carrier('yto')],
    ['顺丰物流', carrier('sf')],
    ['极兔物流', carrier('jtexpress')],
    ['宅急送快递', carrier('zjs')],
    ['天天快递', carrier('ttk')],
    ['中通快运有限公司', carrier('zto_freight')],
    // contained names (order pages: "快递公司：中通快递")
    ['快递公司：中通快递', carrier('zto')],
    ['您的百世快递包裹', carrier('best')],
    // unknown product of a known group must not fall back to the parcel brand
    ['极兔快运', null],
    // codes (§1.3): kuaidi100, 快递鸟, WeChat, mini-program, Taobao-style
    ['shunfeng', carrier('sf')],
    ['zhongtong', carrier('zto')],
    ['yuantong', carrier('yto')],
    ['shentong', carrier('sto')],
    ['huitongkuaidi', carrier('best')],
    ['youzhengguonei', carrier('chinapost')],
    ['youzhengbk', carrier('chinapost')],
    ['debangwuliu', carrier('deppon')],
    ['debangkuaidi', carrier('deppon')],
    ['ane66', carrier('ane')],
    ['annengwuliu', carrier('ane_freight')],
    ['jingdongkuaiyun', carrier('jd_freight')],
    ['SF', carrier('sf')],
    ['ZTO', carrier('zto')],
    ['YTO', carrier('yto')],
    ['STO', carrier('sto')],
    ['YD', carrier('yunda')],
    ['YUNDA', carrier('yunda')],
    ['JTSD', carrier('jtexpress')],
    ['HTKY', carrier('best')],
    ['YZPY', carrier('chinapost')],
    ['POSTB', carrier('chinapost')],
    ['DBL', carrier('deppon')],
    ['DBKD', carrier('deppon')],
    ['CNSD', carrier('cainiao')],
    ['ZJS', carrier('zjs')],
    ['HHTT', carrier('ttk')],
    ['TTKDEX', carrier('ttk')],
    ['UC', carrier('uc')],
    ['JD', carrier('jd')],
    ['JDL', carrier('jd')],
    ['SXJD', carrier('sxjd')],
    ['ZTOKY', carrier('zto_freight')],
    ['YDKY', carrier('yunda_freight')],
    ['BTWL', carrier('best_freight')],
    ['KYSY', carrier('kuayue')],
    ['YMDD', carrier('yimidida')],
    ['XFEX', carrier('xinfeng')],
    ['ANEKY', carrier('ane')],
    ['jd', carrier('jd')],
    ['chinapost', carrier('chinapost')],
    // rule 4: stations are never carriers (§7.9)
    ['菜鸟驿站', station('菜鸟驿站')],
    ['妈妈驿站', station('妈妈驿站')],
    ['圆通妈妈店', station('妈妈驿站')],
    ['兔喜生活', station('兔喜生活')],
    ['兔喜快递超市', station('兔喜快递超市')],
    ['中通快递超市', station('中通快递超市')],
    ['韵达超市', station('韵达超市')],
    ['丰巢', station('丰巢')],
    ['丰巢快递柜', station('丰巢')],
    ['递管家', station('递管家')],
    ['速递易', station('速递易')],
    ['近邻宝', station('近邻宝')],
    ['熊猫快收', station('熊猫快收')],
    ['小兵驿站', station('小兵驿站')],
    ['中邮驿站', station('中邮驿站')],
    ['多多驿站', station('多多驿站')],
    ['百世邻里', station('百世邻里')],
    ['云喇叭', station('云喇叭')],
    ['微快递', station('微快递')],
    ['【菜鸟驿站】', station('菜鸟驿站')],
    // nothing
    ['', null],
    ['   ', null],
    ['快递', null],
    ['某某物流有限公司', null],
    ['STORE', null],
  ])('%j → %j', (name, expected) => {
    expect(resolveCarrierName(name)).toEqual(expected);
  });

  it('lists every station brand of §1.2 rule 4 and resolves each to a station', () => {
    expect(STATION_BRANDS).toHaveLength(17);
    for (const b of STATION_BRANDS) expect(resolveCarrierName(b)).toEqual({ kind: 'station', name: b });
  });

  it('resolveCarrierId drops stations and unknown names', () => {
    expect(resolveCarrierId('中通')).toBe('zto');
    expect(resolveCarrierId('菜鸟驿站')).toBeUndefined();
    expect(resolveCarrierId(undefined)).toBeUndefined();
    expect(resolveCarrierId('???')).toBeUndefined();
  });
});
