// Carrier registry and name resolution (reference carriers.md §1). Pages show display names
// ("中通快递", "顺丰速运(中国)有限公司") or platform codes ("ZTO", "shunfeng"); everything is mapped to one
// canonical id here so parcels from different sources merge.

export type CarrierKind = 'parcel' | 'freight' | 'cold' | 'intl';

export interface Carrier {
  id: string;
  /** Display name. */
  zh: string;
  en: string;
  aliases: readonly string[];
  /** kuaidi100 `com` code; '' when no source gives one. */
  kuaidi100: string;
  kind: CarrierKind;
  /** Further kuaidi100 codes that mean this carrier (繁体 site, sub-products). */
  kuaidi100Alt?: readonly string[];
  /** Uppercase platform codes: 快递鸟 ShipperCode, WeChat delivery_id, Taobao-style constants. */
  codes?: readonly string[];
  /** Freight / cold-chain / international product: the parcel brand of the same group. */
  parent?: string;
}

export type CarrierLang = 'zh' | 'en';

export type ResolvedName = { kind: 'carrier'; id: string } | { kind: 'station'; name: string };

const c = (
  id: string,
  zh: string,
  en: string,
  kind: CarrierKind,
  kuaidi100: string,
  aliases: string[],
  extra: Pick<Carrier, 'kuaidi100Alt' | 'codes' | 'parent'> = {},
): Carrier => ({ id, zh, en, aliases, kuaidi100, kind, ...extra });

export const CARRIERS: readonly Carrier[] = [
  // ---- main parcel carriers (§1)
  c('sf', '顺丰速运', 'SF Express', 'parcel', 'shunfeng', ['顺丰', '顺丰快递', '顺丰速递', '顺丰标快', '顺丰特快', '顺丰即日', 'SF Express'], {
    kuaidi100Alt: ['shunfenghk'],
    codes: ['SF'],
  }),
  c('jd', '京东快递', 'JD Logistics', 'parcel', 'jd', ['京东', '京东物流', '京邦达', 'JDL', 'JD Logistics'], { codes: ['JD', 'JDL'] }),
  c('zto', '中通快递', 'ZTO Express', 'parcel', 'zhongtong', ['中通', '中通速递', 'ZTO Express'], { codes: ['ZTO'] }),
  // YT, HT, TT, YD: 聚合数据 (juhe) express codes.
  c('yto', '圆通速递', 'YTO Express', 'parcel', 'yuantong', ['圆通', '圆通快递', 'YTO Express'], { codes: ['YTO', 'YT'] }),
  c('sto', '申通快递', 'STO Express', 'parcel', 'shentong', ['申通', 'STO Express'], { codes: ['STO'] }),
  c('yunda', '韵达快递', 'Yunda Express', 'parcel', 'yunda', ['韵达', '韵达速递', 'Yunda Express'], { codes: ['YD', 'YUNDA'] }),
  c('jtexpress', '极兔速递', 'J&T Express', 'parcel', 'jtexpress', ['极兔', '极兔快递', 'J&T极兔', 'J&T', 'J&T Express'], {
    codes: ['JTSD', 'JT'],
  }),
  c('best', '百世快递', 'BEST Express', 'parcel', 'huitongkuaidi', ['百世', '百世汇通', '汇通', '汇通快递', 'BEST Express'], {
    codes: ['HTKY', 'BEST', 'BSHT', 'HT'],
  }),
  c('ems', 'EMS', 'China Post EMS', 'parcel', 'ems', ['邮政EMS', 'EMS快递', '中国邮政速递物流', '邮政速递', 'EMS经济快递', 'EMS包裹', 'EMS国际'], {
    kuaidi100Alt: ['emsbg', 'emsguoji'],
    codes: ['EMS'],
  }),
  c('chinapost', '中国邮政', 'China Post', 'parcel', 'youzhengguonei', ['邮政', '邮政快递包裹', '邮政包裹', '邮政国内', '邮政标准快递', '邮政国际包裹', '平邮', '挂号信', 'China Post'], {
    kuaidi100Alt: ['youzhengbk', 'youzhengguoji'],
    codes: ['YZPY', 'POSTB'],
  }),
  // Two kuaidi100 codes for one brand: see kuaidi100CodeFor().
  c('deppon', '德邦快递', 'Deppon Express', 'parcel', 'debangkuaidi', ['德邦', '德邦物流', '德邦快运', 'Deppon'], {
    kuaidi100Alt: ['debangwuliu'],
    codes: ['DBL', 'DBKD', 'DB'],
  }),
  c('cainiao', '菜鸟速递', 'Cainiao / Danniao', 'parcel', 'danniao', ['丹鸟', '丹鸟快递', '菜鸟配送', '菜鸟智选物流'], { codes: ['CNSD'] }),
  c('zjs', '宅急送', 'ZJS Express', 'parcel', 'zhaijisong', ['宅急送快递'], { codes: ['ZJS'] }),
  c('ttk', '天天快递', 'TTK Express', 'parcel', 'tiantian', ['天天'], { codes: ['HHTT', 'TTKDEX', 'TT'] }),
  c('uc', '优速快递', 'UC Express', 'parcel', 'youshuwuliu', ['优速', '优速物流'], { codes: ['UC', 'UCE'] }),
  c('kuayue', '跨越速运', 'KY Express', 'parcel', 'kuayue', ['跨越'], { codes: ['KYSY'] }),
  // WXC lists ANEKY under 安能 (no separate parcel code), so it stays on the parcel entry as the reference has it.
  c('ane', '安能快递', 'ANE', 'parcel', 'ane66', ['安能', '安能物流'], { codes: ['ANE', 'ANEKY'] }),
  c('zhongyou', '众邮快递', 'Zhongyou Express', 'parcel', 'zhongyouex', ['众邮']),
  c('jingxi', '京喜快递', 'Jingxi Express', 'parcel', '', ['京喜']),
  c('yunexpress', '云途物流', 'YunExpress', 'intl', 'yuntrack', ['云途', 'YunExpress']),

  // ---- separate products of the same groups (§1 notes, §1.2 rule 2, §7.7–7.8)
  c('sf_freight', '顺丰快运', 'SF Freight', 'freight', 'shunfengkuaiyun', [], { parent: 'sf' }),
  c('sf_cold', '顺丰冷链', 'SF Cold Chain', 'cold', 'shunfenglengyun', ['顺丰冷运'], { parent: 'sf' }),
  c('fengwang', '丰网速运', 'Fengwang Express', 'parcel', 'fengwang', ['丰网']),
  c('sxjd', '顺心捷达', 'SX-Express', 'freight', 'sxjdfreight', [], { codes: ['SXJD'] }),
  c('zto_freight', '中通快运', 'ZTO Freight', 'freight', 'zhongtongkuaiyun', [], { codes: ['ZTOKY'], parent: 'zto' }),
  c('zto_cold', '中通冷链', 'ZTO Cold Chain', 'cold', 'ztocc', [], { parent: 'zto' }),
  c('zto_intl', '中通国际', 'ZTO International', 'intl', 'zhongtongguoji', [], { parent: 'zto' }),
  c('yto_freight', '圆通快运', 'YTO Freight', 'freight', 'yuantongkuaiyun', [], { parent: 'yto' }),
  c('yto_intl', '圆通国际', 'YTO International', 'intl', 'yuantongguoji', [], { parent: 'yto' }),
  c('yto_cnd', '承诺达', 'YTO Chengnuoda', 'parcel', 'ytchengnuoda', ['承诺达特快']),
  c('yunda_freight', '韵达快运', 'Yunda Freight', 'freight', 'yundakuaiyun', [], { codes: ['YDKY'], parent: 'yunda' }),
  c('best_freight', '百世快运', 'BEST Freight', 'freight', 'baishiwuliu', [], { codes: ['BTWL'], parent: 'best' }),
  c('jd_freight', '京东快运', 'JD Freight', 'freight', 'jingdongkuaiyun', [], { parent: 'jd' }),
  c('ane_freight', '安能快运', 'ANE Freight', 'freight', 'annengwuliu', [], { parent: 'ane' }),
  c('jet', '极兔国际', 'J&T International', 'intl', 'jet', [], { parent: 'jtexpress' }),
  // S10 numbers of foreign posts (§2.4): the country is on the detection candidate.
  c('intl_post', '国际邮政', 'International post (UPU)', 'intl', '', ['国际邮政', '国际邮件']),

  // ---- secondary carriers (§1.1, codes only)
  c('yimidida', '壹米滴答', 'Yimidida', 'freight', 'yimidida', [], { codes: ['YMDD'] }),
  c('suning', '苏宁物流', 'Suning Logistics', 'parcel', 'suning', ['苏宁']),
  c('xinfeng', '信丰物流', 'Xinfeng Logistics', 'parcel', 'xinfengwuliu', ['信丰'], { codes: ['XFEX'] }),
  c('suer', '速尔快递', 'Sure Express', 'parcel', 'suer', ['速尔']),
  c('guotong', '国通快递', 'Guotong Express', 'parcel', 'guotongkuaidi', ['国通'], { codes: ['GTO'] }),
  c('quanfeng', '全峰快递', 'Quanfeng Express', 'parcel', 'quanfengkuaidi', ['全峰'], { codes: ['QFKD'] }),
  c('rrs', '日日顺物流', 'RRS Logistics', 'freight', 'rrs', ['日日顺']),
  c('ztky', '中铁快运', 'China Railway Express', 'freight', 'ztky', []),
  c('jinguang', '京广速递', 'Jinguang Express', 'parcel', 'jinguangsudikuaijian', ['京广']),
  c('annto', '安得物流', 'Annto Logistics', 'freight', 'annto', ['安得']),
  c('weitepai', '微特派', 'Weitepai', 'parcel', 'weitepai', []),
  c('shansong', '闪送', 'iSS', 'parcel', 'shansong', []),
  c('kfw', '快服务', 'KFW', 'parcel', 'kfw', [], { kuaidi100Alt: ['kfwnet'] }),
  c('rjtcsd', '锐界同城速递', 'Ruijie same-city', 'parcel', '', [], { codes: ['RJTCSD'] }),
  c('jsd', '吉时达', 'Jishida', 'parcel', '', [], { codes: ['JSD'] }),
];

/** Pickup-station / locker brands (§1.2 rule 4): they hand out parcels of any carrier, so never a carrier. */
export const STATION_BRANDS: readonly string[] = [
  '菜鸟驿站',
  '妈妈驿站',
  '兔喜生活',
  '兔喜快递超市',
  '中通快递超市',
  '韵达超市',
  '丰巢',
  '递管家',
  '速递易',
  '近邻宝',
  '熊猫快收',
  '小兵驿站',
  '中邮驿站',
  '多多驿站',
  '百世邻里',
  '云喇叭',
  '微快递',
];

// Other spellings of station brands → canonical brand.
const STATION_ALIASES: Record<string, string> = {
  圆通妈妈店: '妈妈驿站',
  圆通妈妈驿站: '妈妈驿站',
  丰巢柜: '丰巢',
  丰巢智能柜: '丰巢',
  丰巢快递柜: '丰巢',
  'HIVE BOX': '丰巢',
};

const byId = new Map(CARRIERS.map((x) => [x.id, x]));

export const carrierById = (id: string): Carrier | undefined => byId.get(id);

/** Display name; unknown ids (e.g. 'unknown') are returned unchanged. */
export const carrierDisplayName = (id: string, lang: CarrierLang): string => {
  const x = byId.get(id);
  return x ? x[lang] : id;
};

/**
 * kuaidi100 code for a carrier as named on a page. Only Deppon needs the name: kuaidi100 keeps
 * 德邦快递 (`debangkuaidi`) apart from 德邦 / 德邦物流 (`debangwuliu`).
 */
export const kuaidi100CodeFor = (id: string, displayName?: string): string | undefined => {
  const x = byId.get(id);
  if (!x || !x.kuaidi100) return undefined;
  if (id === 'deppon' && displayName !== undefined) {
    const n = normalizeName(displayName);
    // 德邦快运 → debangwuliu is inferred (the logistics arm), not sourced.
    if (n === '德邦' || n.includes('德邦物流') || n.includes('德邦快运')) return 'debangwuliu';
  }
  return x.kuaidi100;
};

// ---- name normalisation ---------------------------------------------------------------------

/** Full-width ASCII (U+FF01–U+FF5E) and ideographic space → ASCII; length-preserving. */
export const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const BRACKET_CHARS = /[()[\]{}【】〔〕「」『』〈〉《》<>"'“”‘’]/g;

const normalizeName = (s: string): string =>
  toHalfWidth(s).replace(ZERO_WIDTH, '').replace(/\s+/g, '').toUpperCase();

const hasCjk = (s: string) => /[\u3400-\u9FFF]/.test(s);

// Product markers: a name with one of these must not fall back to the parcel brand.
const PRODUCT_MARKERS = ['快运', '冷链', '冷运', '国际'];

const GENERIC_SUFFIXES = ['股份有限公司', '有限公司', '集团', '快递', '速递', '速运', '物流'];

const exact = new Map<string, ResolvedName>();
const containable: { key: string; value: ResolvedName }[] = [];

const addKey = (raw: string, value: ResolvedName) => {
  const key = normalizeName(raw).replace(BRACKET_CHARS, '');
  if (!key || exact.has(key)) return;
  exact.set(key, value);
  if (hasCjk(key)) containable.push({ key, value });
};

for (const name of STATION_BRANDS) addKey(name, { kind: 'station', name });
for (const [alias, name] of Object.entries(STATION_ALIASES)) addKey(alias, { kind: 'station', name });
for (const x of CARRIERS) {
  const v: ResolvedName = { kind: 'carrier', id: x.id };
  for (const n of [x.zh, x.en, ...x.aliases, x.id]) addKey(n, v);
  for (const code of [x.kuaidi100, ...(x.kuaidi100Alt ?? []), ...(x.codes ?? [])]) if (code) addKey(code, v);
}
// Longest alias first so 中通快递超市 (station) beats 中通快递, 顺丰快运 beats 顺丰.
containable.sort((a, b) => b.key.length - a.key.length);

const stripSuffixes = (s: string): ResolvedName | null => {
  let cur = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of GENERIC_SUFFIXES) {
      if (cur.length > suf.length && cur.endsWith(suf)) {
        cur = cur.slice(0, -suf.length);
        const hit = exact.get(cur);
        if (hit) return hit;
        changed = true;
        break;
      }
    }
  }
  return null;
};

const containsLongest = (s: string): ResolvedName | null => {
  let best: { at: number; len: number; value: ResolvedName; key: string } | null = null;
  for (const { key, value } of containable) {
    if (best && key.length < best.len) break;
    const at = s.indexOf(key);
    if (at >= 0 && (!best || at < best.at)) best = { at, len: key.length, value, key };
  }
  if (!best) return null;
  // "XX快运" must not collapse into the parcel brand XX when XX快运 is unknown.
  if (best.value.kind === 'carrier') {
    const rest = s.slice(best.at + best.key.length);
    if (PRODUCT_MARKERS.some((m) => rest.startsWith(m) && !best.key.includes(m))) return null;
  }
  return best.value;
};

const variantsOf = (s: string): string[] => {
  const out = [s.replace(BRACKET_CHARS, '')];
  const outside = s.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|「[^」]*」|『[^』]*』|《[^》]*》|<[^>]*>/g, '');
  out.push(outside.replace(BRACKET_CHARS, ''));
  const inner = s.match(/[([{【〔「『〈《<][^)\]}】〕」』〉》>]*[)\]}】〕」』〉》>]/g) ?? [];
  for (const seg of inner) out.push(seg.replace(BRACKET_CHARS, ''));
  return [...new Set(out.filter(Boolean))];
};

/**
 * Map a carrier display name or platform code to a canonical id (§1.2), or recognise a station brand.
 * Order: exact alias/code → generic-suffix stripping → longest contained Chinese alias.
 */
export const resolveCarrierName = (name: string): ResolvedName | null => {
  const base = normalizeName(name);
  if (!base) return null;
  const variants = variantsOf(base);
  for (const v of variants) {
    const hit = exact.get(v) ?? stripSuffixes(v);
    if (hit) return hit;
  }
  for (const v of variants) {
    const hit = containsLongest(v);
    if (hit) return hit;
  }
  return null;
};

/** Carrier id or undefined (stations and unknown names give undefined). */
export const resolveCarrierId = (name: string | undefined): string | undefined => {
  if (!name) return undefined;
  const r = resolveCarrierName(name);
  return r?.kind === 'carrier' ? r.id : undefined;
};

// Carriers sign their own trace lines: "感谢使用圆通速递", "感谢您选择京东物流", "货物已交付京东物流".
const SIGN_OFF = /(?:感谢您?(?:使用|选择)|交付(?:给)?)([\u4E00-\u9FFFA-Za-z&]{2,8}?)(?=[,，。.!！;；、\s]|期待|$)/g;

/** The carrier a trace line names as its own (sign-off or hand-over), if any; station names never count. */
export const carrierSignedIn = (text: string): string | undefined => {
  for (const m of text.matchAll(SIGN_OFF)) {
    const id = resolveCarrierId(m[1]);
    if (id) return id;
  }
  return undefined;
};
