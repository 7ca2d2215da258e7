import { describe, expect, it } from 'vitest';
import {
  extractPickupCodes,
  extractPickupMessages,
  looksLikePickupSms,
  type PickupExtraction,
} from '../../../src/core/pickup-code';

// Reference carriers.md §4.1 templates. Quoted parts are verbatim; parts the reference elides ("…",
// "{station}", "{phone}") are filled with made-up places and test numbers.
const CASES: [string, string, PickupExtraction][] = [
  [
    '菜鸟驿站 到站',
    '【菜鸟驿站】您的包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。',
    { codes: ['4-6-7602'], sender: '菜鸟驿站', brand: '菜鸟驿站', station: '新郑龙湖富田兴龙湾31号楼店' },
  ],
  [
    '菜鸟驿站 carrier + deadline + phone',
    '【菜鸟驿站】您的百世快递包裹到东大校内七舍北侧菜鸟驿站，请17:30前凭1-1-6200及时取，询19900001111',
    { codes: ['1-1-6200'], sender: '菜鸟驿站', brand: '菜鸟驿站', carrierHint: 'best', station: '东大校内七舍北侧菜鸟驿站' },
  ],
  [
    '菜鸟驿站 multi-parcel (3)',
    '【菜鸟驿站】您有3个包裹到站，取件码为16-4-9626, 15-3-2194, 16-3-0906，凭码取件',
    { codes: ['16-4-9626', '15-3-2194', '16-3-0906'], sender: '菜鸟驿站', brand: '菜鸟驿站', station: '菜鸟驿站' },
  ],
  [
    '菜鸟驿站 multi-parcel (2)',
    '【菜鸟驿站】您有2个包裹在幸福里102店，取件码为6-5-3002, 6-2-3006。',
    { codes: ['6-5-3002', '6-2-3006'], sender: '菜鸟驿站', brand: '菜鸟驿站', station: '幸福里102店' },
  ],
  [
    '菜鸟驿站 SF tail',
    '【菜鸟驿站】请23:59前到站凭"72778"到佛山桂城南约六区185号店站点领取您的顺丰*72778包裹',
    {
      codes: ['72778'],
      sender: '菜鸟驿站',
      brand: '菜鸟驿站',
      carrierHint: 'sf',
      trackingTail: '72778',
      station: '佛山桂城南约六区185号店站点',
    },
  ],
  [
    '菜鸟驿站 取件码 digits',
    '【菜鸟驿站】您有包裹已到阳光花园南门店，取件码06675',
    { codes: ['06675'], sender: '菜鸟驿站', brand: '菜鸟驿站', station: '阳光花园南门店' },
  ],
  [
    '菜鸟驿站 取货码（…）',
    '【菜鸟驿站】您的包裹已到站，请尽快凭取货码（10491）到学府路驿站领取',
    { codes: ['10491'], sender: '菜鸟驿站', brand: '菜鸟驿站', station: '学府路驿站' },
  ],
  [
    '兔喜生活 3 groups',
    '【兔喜生活】您有包裹已到达兴龙湾30栋兔喜店，取件码为2-3-05025，地址:兴龙湾30号楼102',
    { codes: ['2-3-05025'], sender: '兔喜生活', brand: '兔喜生活', station: '兴龙湾30栋兔喜店' },
  ],
  [
    '兔喜生活 2 groups',
    '【兔喜生活】您有包裹已到达幸福家园兔喜店，取件码为5-3858，地址:幸福家园8号楼',
    { codes: ['5-3858'], sender: '兔喜生活', brand: '兔喜生活', station: '幸福家园兔喜店' },
  ],
  [
    '兔喜生活 6-4-9641',
    '【兔喜生活】您有包裹已到达幸福家园兔喜店，取件码为6-4-9641',
    { codes: ['6-4-9641'], sender: '兔喜生活', brand: '兔喜生活', station: '幸福家园兔喜店' },
  ],
  [
    '兔喜生活 older, letter code',
    '【兔喜生活】您的中通快递包裹已到幸福家园兔喜店，凭Y17-123来取，有问题联系13800138000',
    { codes: ['Y17-123'], sender: '兔喜生活', brand: '兔喜生活', carrierHint: 'zto', station: '幸福家园兔喜店' },
  ],
  [
    '妈妈驿站 极兔',
    '【妈妈驿站】取货码2-2-7508，您有极兔快递包裹，已到新创村沙咀里132号',
    { codes: ['2-2-7508'], sender: '妈妈驿站', brand: '妈妈驿站', carrierHint: 'jtexpress', station: '新创村沙咀里132号' },
  ],
  [
    '妈妈驿站 4 groups + YT look-alike',
    '【妈妈驿站】取货码5-5-9-13，您有包裹YT764306505052已到苍山下坡圆通快递',
    { codes: ['5-5-9-13'], sender: '妈妈驿站', brand: '妈妈驿站', station: '苍山下坡圆通快递' },
  ],
  [
    '丰巢 8 digits (template is inferred, §4.1 I)',
    '【丰巢】凭取件码『12345678』至阳光花园3栋丰巢柜取中通快递的包裹',
    { codes: ['12345678'], sender: '丰巢', brand: '丰巢', carrierHint: 'zto', station: '阳光花园3栋丰巢柜' },
  ],
  [
    '丰巢 station style',
    '【丰巢】凭22-2-3579到华润万家旁丰巢柜取件',
    { codes: ['22-2-3579'], sender: '丰巢', brand: '丰巢', station: '华润万家旁丰巢柜' },
  ],
  [
    '递管家 locker',
    '【递管家】您的韵达快递已到阳光小区东门，请凭取件码25363454到1号快递柜取件',
    { codes: ['25363454'], sender: '递管家', brand: '递管家', carrierHint: 'yunda', station: '阳光小区东门' },
  ],
  [
    '递管家 short',
    '【递管家】您的圆通快递已到阳光小区东门，凭取件码60116553取',
    { codes: ['60116553'], sender: '递管家', brand: '递管家', carrierHint: 'yto', station: '阳光小区东门' },
  ],
  [
    '申通快递 station (carrier sender)',
    '【申通快递】请凭9-7-0993到苍山老菜场斜对面申通快递取您的快递，详询代收驿站',
    { codes: ['9-7-0993'], sender: '申通快递', carrierHint: 'sto', station: '苍山老菜场斜对面申通快递' },
  ],
  [
    '速递易 凭密码 (wording inferred, §4.1 I)',
    '【速递易】您的快递已到阳光小区，凭密码A1B2C3到速递易快递柜取件',
    { codes: ['A1B2C3'], sender: '速递易', brand: '速递易', station: '阳光小区' },
  ],
  [
    '韵达 campus 货号',
    '【韵达快递】货号2F8，请到学五食堂旁快递点取件',
    { codes: ['2F8'], sender: '韵达快递', carrierHint: 'yunda', station: '学五食堂旁快递点' },
  ],
  [
    '汇通 campus 货号',
    '【汇通快递】货号K103，请到学五食堂旁快递点取件',
    { codes: ['K103'], sender: '汇通快递', carrierHint: 'best', station: '学五食堂旁快递点' },
  ],
  [
    '京东 campus 货号',
    '【京东快递】货号JD2044，请到学五食堂旁快递点取件',
    { codes: ['JD2044'], sender: '京东快递', carrierHint: 'jd', station: '学五食堂旁快递点' },
  ],
  [
    '微快递 凭编码…号',
    '【微快递】您的快递已到菜鸟驿站，凭编码21076号速取',
    { codes: ['21076'], sender: '微快递', brand: '微快递', station: '菜鸟驿站' },
  ],
  [
    '中邮驿站 letter code',
    '【中邮驿站】您的邮政包裹已到，取件码A88123',
    { codes: ['A88123'], sender: '中邮驿站', brand: '中邮驿站', carrierHint: 'chinapost', station: '中邮驿站' },
  ],
  [
    'k100-style status text (§3.4)',
    '快件已送达菜鸟驿站，凭取件码【10-2-1020】取件',
    { codes: ['10-2-1020'], brand: '菜鸟驿站', station: '菜鸟驿站' },
  ],
];

describe('extractPickupCodes: §4.1 templates', () => {
  it.each(CASES)('%s', (_name, sms, expected) => {
    expect(extractPickupCodes(sms)).toEqual(expected);
    expect(looksLikePickupSms(sms)).toBe(true);
  });
});

describe('extractPickupCodes: rejections (§4.2)', () => {
  it.each([
    ['dash-shaped verification code', '【某App】动态验证码 33-3-0444'],
    ['bank verification code', '【银行】您的验证码 858822'],
    ['校验码', '【菜鸟】取件校验码 1-2-3456，请勿告诉他人'],
    ['动态码 with pickup words', '【丰巢】您的动态码为12345678，凭此取件'],
    ['shipping notice', '【淘宝】您的订单已发货，商品货号ABC123'],
    ['plain chat', '明天下午3点见，电话13800138000'],
    ['empty', ''],
  ])('%s → no codes', (_name, sms) => {
    expect(extractPickupCodes(sms).codes).toEqual([]);
    expect(looksLikePickupSms(sms)).toBe(false);
  });

  it('ignores mobiles, hotlines, times, dates, phone tails, amounts and tracking numbers', () => {
    const sms =
      '【菜鸟驿站】您的包裹已到站，请于11月20日17:30前取件，手机尾号1234，客服95311，' +
      '热线400-820-8820，运单号73610555582883，运费¥12.50，询13800138000';
    expect(extractPickupCodes(sms).codes).toEqual([]);
  });

  it('rejects tracking numbers behind code keywords but keeps the SF tail code', () => {
    expect(extractPickupCodes('【菜鸟驿站】取件码SF1385628716739，请及时取件').codes).toEqual([]);
    expect(extractPickupCodes('【菜鸟驿站】取件码13800138000，请及时取件').codes).toEqual([]);
    expect(extractPickupCodes('【菜鸟驿站】请23:59前到站凭"72778"到某店领取您的顺丰*72778包裹').codes).toEqual(['72778']);
  });

  it('ignores postcodes, order numbers and product SKUs behind 编码/编号/货号', () => {
    expect(extractPickupCodes('【菜鸟驿站】包裹已到站请取件，邮政编码450000，订单编号123456').codes).toEqual([]);
  });

  it('falls back to shelf-style dash codes when no keyword anchors the code', () => {
    expect(extractPickupCodes('【菜鸟驿站】您的包裹 8-2-3001 已到站，请及时取件，咨询400-820-8820').codes).toEqual(['8-2-3001']);
  });

  it('accepts full-width and zero-width noise', () => {
    expect(extractPickupCodes('【菜鸟驿站】取件码：１６－４－９６２６\u200B，请及时取件').codes).toEqual(['16-4-9626']);
    expect(extractPickupCodes('【丰巢】凭取件码25363454取，a1b2').codes).toEqual(['25363454']);
  });
});

describe('extractPickupMessages', () => {
  it('splits pasted SMS and keeps the ones with codes', () => {
    const text = [
      '【菜鸟驿站】您的包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。【丰巢】凭22-2-3579到华润万家旁丰巢柜取件',
      '【银行】您的验证码 858822',
      '【妈妈驿站】取货码2-2-7508，您有极兔快递包裹，已到新创村沙咀里132号',
    ].join('\n');
    expect(extractPickupMessages(text).map((r) => [r.brand, r.codes])).toEqual([
      ['菜鸟驿站', ['4-6-7602']],
      ['丰巢', ['22-2-3579']],
      ['妈妈驿站', ['2-2-7508']],
    ]);
  });
});
