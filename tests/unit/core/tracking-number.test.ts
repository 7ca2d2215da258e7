import { describe, expect, it } from 'vitest';
import {
  autoCarrier,
  detectCarriers,
  findTrackingNumbers,
  isSupportedTrackingNumber,
  normalizeTrackingNumber,
  s10CheckDigit,
  type CarrierCandidate,
} from '../../../src/core/tracking-number';

// Compact form "carrier/confidence/rule" keeps the tables readable.
const short = (cands: CarrierCandidate[]) => cands.map((c) => `${c.carrier}/${c.confidence}/${c.rule}`);
// 12 digits: every brand that issues them, all low (ZTO first: the shape it issues most).
const NUM12 = ['zto/low/num12', 'yto/low/num12', 'sf/low/num12', 'sto/low/num12', 'best/low/num12', 'yunda/low/num12', 'uc/low/num12', 'ane/low/num12', 'yimidida/low/num12', 'suer/low/num12'];

describe('normalizeTrackingNumber (§2.1, §7.14)', () => {
  it.each([
    ['73610555582883', '73610555582883'],
    ['  SF1385628716739  ', 'SF1385628716739'],
    ['SF 1385 6287 16739', 'SF1385628716739'],
    ['SF\t1385628716739', 'SF1385628716739'],
    ['SF\u200B1385\u200C6287\u200D1673\uFEFF9\u2060', 'SF1385628716739'],
    ['ＳＦ１３８５６２８７１６７３９', 'SF1385628716739'],
    ['sf1385628716739', 'SF1385628716739'],
    ['em263999513jp', 'EM263999513JP'],
    ['运单号：YT8962646785389', 'YT8962646785389'],
    ['快递单号: 73610555582883', '73610555582883'],
    ['物流单号：JT5261988016578', 'JT5261988016578'],
    ['单号:773277027280336', '773277027280336'],
    ['【73610555582883】', '73610555582883'],
    ['[JT5261988016578]', 'JT5261988016578'],
    ['（DPK202252612836）', 'DPK202252612836'],
    ['“YT1447279684726”', 'YT1447279684726'],
    ['"SF1028911111316"', 'SF1028911111316'],
    ['中通快递 73100059800035', '73100059800035'],
    // piece suffixes
    ['JDX024407261700-1-1-', 'JDX024407261700'],
    ['JDX024407261700-1-1', 'JDX024407261700'],
    ['JDVA11408814483-2-3-', 'JDVA11408814483'],
    ['12345678901-1-1-', '12345678901'],
    ['DPK202252612836-2', 'DPK202252612836'],
    ['DPK300585915441-1-2', 'DPK300585915441'],
    ['SF1385628716739-1', 'SF1385628716739'],
    // human grouping with dashes is joined
    ['7732-7702-7280-336', '773277027280336'],
    // refused
    ['', null],
    ['   ', null],
    ['12345', null],
    ['ABCDEFGH', null],
    ['1'.repeat(33), null],
    ['订单 123456 运单 456789', null],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeTrackingNumber(raw)).toBe(expected);
  });

  it('accepts the 6 and 32 character bounds', () => {
    expect(normalizeTrackingNumber('A12345')).toBe('A12345');
    expect(normalizeTrackingNumber('9'.repeat(32))).toBe('9'.repeat(32));
  });
});

describe('s10CheckDigit (§2.4)', () => {
  it.each([
    ['12345678', 5],
    ['26399951', 3],
  ])('%s → %i', (serial, digit) => {
    expect(s10CheckDigit(serial)).toBe(digit);
  });
});

describe('detectCarriers: §8 samples and §2.2 rules', () => {
  it.each([
    // BF-zh/Courier-Validation test vectors
    ['73610555582883', ['zto/high/zto14']],
    ['YT8962646785389', ['yto/high/yto']],
    ['SF1385628716739', ['sf/high/sf']],
    ['773277027280336', ['sto/high/sto77']],
    ['DPK202252612836', ['deppon/high/dpk']],
    ['463431409940372', ['yunda/medium/yunda15']],
    ['1207119765021', ['yunda/medium/yunda13_1', 'chinapost/medium/post13', 'ems/medium/post13']],
    ['JDX024407261700', ['jd/high/jd']],
    ['JT5261988016578', ['jtexpress/high/jt']],
    // jkeen YunExpress (incl. spaced variant)
    ['YT2229521272164446', ['yunexpress/high/yunexpress']],
    ['YT2229521272164447', ['yunexpress/high/yunexpress']],
    ['YT 2229 5212 7216 4446', ['yunexpress/high/yunexpress']],
    // hive-third-functions comment samples
    ['JT3002232682242', ['jtexpress/high/jt']],
    ['JDVA11408814483', ['jd/high/jd']],
    ['DPK300585915441', ['deppon/high/dpk']],
    ['1240921381750', ['yunda/medium/yunda13_1', 'chinapost/medium/post13', 'ems/medium/post13']],
    ['300527476792', NUM12],
    ['106027097895', NUM12],
    ['432542035598773', ['yunda/medium/yunda15', 'sto/low/sto43']],
    // aggregatelogistics
    ['73100059800035', ['zto/high/zto14']],
    ['YT1447279684726', ['yto/high/yto']],
    ['SF1028911111316', ['sf/high/sf']],
    // kuaidi100 demos and docs
    ['YT9693083639795', ['yto/high/yto']],
    ['YT2574351128070', ['yto/high/yto']],
    ['YT2574212098809', ['yto/high/yto']],
    ['1136281381675', ['ems/medium/post13_ems', 'chinapost/medium/post13_ems', 'yunda/low/yunda13_1x']],
    ['3914712788236', ['yunda/medium/yunda13']],
    // traces
    ['73190553102532', ['zto/high/zto14']],
    ['557020683421114', ['best/low/best15']],
    ['YT4318407829600', ['yto/high/yto']],
    ['YT5555508965056', ['yto/high/yto']],
    ['807209844896', NUM12],
    ['73106644852000', ['zto/high/zto14']],
    ['882456690862029473', ['yto/low/num18']],
    // express-MCP listing
    ['SF0218947552508', ['sf/high/sf']],
    ['YT7460266600081', ['yto/high/yto']],
    ['773170861031705', ['sto/high/sto77']],
    // other letter rules
    ['ZJS123456789012', ['zjs/high/zjs']],
    ['TT6612345678901', ['ttk/medium/ttk_tt']],
    ['VIP123456789', ['uc/medium/uc_vip']],
  ])('%s → %j', (raw, expected) => {
    expect(short(detectCarriers(raw))).toEqual(expected);
  });
});

describe('detectCarriers: UPU S10 (§2.4)', () => {
  it.each([
    ['RB123456785GB', ['intl_post/high/s10'], 'GB'],
    ['RB123456785US', ['intl_post/high/s10'], 'US'],
    ['RB123456785CV', ['intl_post/high/s10'], 'CV'],
    ['RB123456785CF', ['intl_post/high/s10'], 'CF'],
    // Inbound EMS (service indicator E): tracked in China as ems; the foreign post stays second.
    ['EM263999513JP', ['ems/high/s10', 'intl_post/medium/s10'], 'JP'],
    ['em263999513jp', ['ems/high/s10', 'intl_post/medium/s10'], 'JP'],
    ['EM263999513CN', ['ems/high/s10', 'chinapost/medium/s10'], 'CN'],
    ['RB123456785CN', ['chinapost/high/s10', 'ems/medium/s10'], 'CN'],
  ])('%s → %j (%s)', (raw, expected, country) => {
    const cands = detectCarriers(raw);
    expect(short(cands)).toEqual(expected);
    expect(cands.every((c) => c.country === country)).toBe(true);
  });

  it.each([
    ['RB123456786US'], // bad check digit
    ['RB123456785XX'], // bad country
    ['EM263999514JP'],
  ])('%s → nothing', (raw) => {
    expect(detectCarriers(raw)).toEqual([]);
  });
});

describe('detectCarriers: ambiguities (§7) and negatives', () => {
  it.each([
    // §7.1 13 digits
    ['1207119765021', ['yunda/medium/yunda13_1', 'chinapost/medium/post13', 'ems/medium/post13']],
    ['5012345678901', ['ems/medium/post13_ems', 'chinapost/medium/post13_ems', 'yunda/low/yunda13_5']],
    ['9512345678901', ['ems/medium/post13_ems', 'chinapost/medium/post13_ems']],
    ['1412345678901', ['chinapost/low/post13_bf', 'ems/low/post13_bf', 'yunda/low/yunda13_1x']],
    ['8123456789012', ['chinapost/low/post13_bf', 'ems/low/post13_bf']],
    ['3914712788236', ['yunda/medium/yunda13']],
    ['3681234567890', ['yunda/medium/yunda13', 'sto/low/sto_alt']],
    ['4123456789012', ['sto/low/sto13_4']],
    ['5312345678901', ['yunda/low/yunda13_5']],
    ['2123456789012', []],
    // §7.2 15 digits
    ['773277027280336', ['sto/high/sto77']],
    ['432542035598773', ['yunda/medium/yunda15', 'sto/low/sto43']],
    ['463431409940372', ['yunda/medium/yunda15']],
    ['557020683421114', ['best/low/best15']],
    ['568123456789012', ['sto/low/sto_alt', 'best/low/best15']],
    ['621123456789012', ['cainiao/low/cainiao621']],
    // §7.3 14 digits
    ['73610555582883', ['zto/high/zto14']],
    ['78123456789012', ['zto/high/zto14']],
    ['77123456789012', ['sto/low/sto77_bf', 'zto/low/zto_any14']],
    ['20241120173000', ['zto/low/zto_any14']],
    // §7.4 12 digits: never auto-pick
    ['807209844896', NUM12],
    ['900112345678', ['uc/low/uc9001', ...NUM12.filter((c) => !c.startsWith('uc/'))]],
    ['668123456789', ['sto/low/sto_alt', 'ttk/low/ttk12', ...NUM12.filter((c) => !c.startsWith('sto/'))]],
    // §7.5 YT prefix
    ['YT8962646785389', ['yto/high/yto']],
    ['YT2229521272164446', ['yunexpress/high/yunexpress']],
    ['YT764306505052', []],
    // §7.6 J&T sandbox
    ['UT0000352320970', []],
    // legacy short numerics
    ['1234567890', ['yto/low/yto10', 'jd/low/jd10', 'deppon/low/deppon_legacy', 'zjs/low/zjs10']],
    ['12345678', ['deppon/low/deppon_legacy']],
    ['882456690862029473', ['yto/low/num18']],
    // BF-zh negative: only the loose sto_alt rule, low
    ['5685685685685685', ['sto/low/sto_alt']],
    // nothing known
    ['13800138000', []],
    ['3456789012345678901', []],
    ['ABC123456', []],
    ['SF138562871673', []],
    ['12345', []],
    ['', []],
  ])('%s → %j', (raw, expected) => {
    expect(short(detectCarriers(raw))).toEqual(expected);
  });

  it('never gives a high or auto-picked candidate for the BF-zh negative 5685685685685685', () => {
    const cands = detectCarriers('5685685685685685');
    expect(cands.some((c) => c.confidence === 'high')).toBe(false);
    expect(autoCarrier(cands)).toBeNull();
  });

  it('works through normalisation noise', () => {
    expect(short(detectCarriers('运单号：ＳＦ１３８５ ６２８７ １６７３９'))).toEqual(['sf/high/sf']);
    expect(short(detectCarriers('JDX024407261700-1-1-'))).toEqual(['jd/high/jd']);
    expect(short(detectCarriers('DPK202252612836-2'))).toEqual(['deppon/high/dpk']);
    expect(short(detectCarriers('7361\u200B0555582883'))).toEqual(['zto/high/zto14']);
  });
});

describe('detectCarriers with a page hint (§2.3 a)', () => {
  it.each([
    ['300527476792', '安能快递', ['ane/high/num12', ...NUM12.filter((c) => !c.startsWith('ane/'))]],
    ['807209844896', '圆通速递', ['yto/high/num12', ...NUM12.filter((c) => !c.startsWith('yto/'))]],
    ['106027097895', 'YMDD', ['yimidida/high/num12', ...NUM12.filter((c) => !c.startsWith('yimidida/'))]],
    ['1207119765021', 'EMS', ['ems/high/post13', 'yunda/medium/yunda13_1', 'chinapost/medium/post13']],
    ['1240921381750', '邮政包裹', ['chinapost/high/post13', 'yunda/medium/yunda13_1', 'ems/medium/post13']],
    ['432542035598773', '申通快递', ['sto/high/sto43', 'yunda/medium/yunda15']],
    ['432542035598773', '韵达快递', ['yunda/high/yunda15', 'sto/low/sto43']],
    ['5685685685685685', '申通', ['sto/high/sto_alt']],
    // hinted product of the detected brand (顺丰快运 uses SF numbers)
    ['SF1385628716739', '顺丰快运', ['sf_freight/high/sf', 'sf/medium/sf']],
    ['73610555582883', '中通快运', ['zto_freight/high/zto14', 'zto/medium/zto14']],
    // hint that contradicts an unambiguous number stays last
    ['SF1385628716739', '中通快递', ['sf/high/sf', 'zto/low/hint']],
    ['JT5261988016578', '百世快递', ['jtexpress/high/jt', 'best/low/hint']],
    // number matches no rule: the hint alone, low
    // A written name settles a number no rule knows (kuaidi100 takes the company it is given).
    ['ABC123456', '中通快递', ['zto/high/hint']],
    ['UT0000352320970', '极兔速递', ['jtexpress/high/hint']],
    ['YT764306505052', 'yuantong', ['yto/high/hint']],
    // hints that are not carriers are ignored
    ['73610555582883', '菜鸟驿站', ['zto/high/zto14']],
    ['ABC123456', '菜鸟驿站', []],
    ['ABC123456', '不知道', []],
    ['ABC123456', '', []],
    // implausible numbers stay unsupported even with a hint
    ['12345', '中通快递', []],
    ['ABCDEFG', '中通快递', []],
  ])('%s + %j → %j', (raw, hint, expected) => {
    expect(short(detectCarriers(raw, hint))).toEqual(expected);
  });
});

describe('isSupportedTrackingNumber / autoCarrier', () => {
  it.each([
    ['SF1385628716739', undefined, true],
    ['300527476792', undefined, true],
    ['UT0000352320970', undefined, false],
    ['UT0000352320970', '极兔', true],
    ['13800138000', undefined, false],
    ['hello', undefined, false],
  ])('%s (%s) → %s', (raw, hint, expected) => {
    expect(isSupportedTrackingNumber(raw, hint)).toBe(expected);
  });

  it.each([
    ['SF1385628716739', undefined, 'sf'],
    ['73610555582883', undefined, 'zto'],
    ['1207119765021', undefined, null],
    ['300527476792', undefined, null],
    ['300527476792', '安能', 'ane'],
    ['432542035598773', undefined, null],
    ['EM263999513CN', undefined, 'ems'],
    ['SF1385628716739', '顺丰快运', 'sf_freight'],
  ])('%s (%s) → %s', (raw, hint, expected) => {
    expect(autoCarrier(detectCarriers(raw, hint))).toBe(expected);
  });
});

describe('findTrackingNumbers', () => {
  const nos = (text: string, hint?: string) => findTrackingNumbers(text, hint).map((f) => f.trackingNo);

  it('finds numbers in a copied order and ignores phone, order id, amount, date and time', () => {
    const text =
      '【淘宝】您的订单已发货，中通快递 运单号：73610555582883，收件人电话13800138000，' +
      '订单号 3456789012345678901，金额¥128.00，2024-11-20 17:30';
    const found = findTrackingNumbers(text);
    expect(found).toEqual([
      { trackingNo: '73610555582883', candidates: [{ carrier: 'zto', confidence: 'high', rule: 'zto14' }], index: text.indexOf('7361') },
    ]);
  });

  it('finds several numbers in a chat message, with the carrier named before each as hint', () => {
    const text = '顺丰 SF1385628716739 和圆通 YT8962646785389，还有一个安能 300527476792';
    const found = findTrackingNumbers(text);
    expect(found.map((f) => [f.trackingNo, f.candidates[0].carrier, f.candidates[0].confidence, f.index])).toEqual([
      ['SF1385628716739', 'sf', 'high', 3],
      ['YT8962646785389', 'yto', 'high', text.indexOf('YT')],
      ['300527476792', 'ane', 'high', text.indexOf('3005')],
    ]);
  });

  it('needs a label or a carrier name for low-confidence shapes', () => {
    expect(nos('订单号：300527476792')).toEqual([]);
    expect(nos('退款单号：300527476792')).toEqual([]);
    expect(nos('售后单号 300527476792')).toEqual([]);
    expect(nos('会员号 300527476792')).toEqual([]);
    expect(nos('运单号：300527476792')).toEqual(['300527476792']);
    expect(nos('300527476792', '安能物流')).toEqual(['300527476792']);
    expect(nos('5685685685685685')).toEqual([]);
    expect(nos('20241120173000')).toEqual([]);
  });

  it('accepts labelled numbers loosely, even without a matching rule', () => {
    expect(findTrackingNumbers('快递单号是 ABC12345678，麻烦查一下')).toEqual([
      { trackingNo: 'ABC12345678', candidates: [], index: 6 },
    ]);
    expect(findTrackingNumbers('中通 运单号: ABC12345678')[0].candidates).toEqual([{ carrier: 'zto', confidence: 'low', rule: 'hint' }]);
    expect(nos('运单号：13800138000')).toEqual([]);
    expect(nos('运单号：12345')).toEqual([]);
  });

  it('handles piece suffixes, spaced groups, full-width and zero-width characters', () => {
    expect(nos('京东 单号:JDX024407261700-1-1- 请查收')).toEqual(['JDX024407261700']);
    expect(nos('德邦 DPK202252612836-2')).toEqual(['DPK202252612836']);
    expect(nos('顺丰 SF 1385 6287 16739 明天到')).toEqual(['SF1385628716739']);
    expect(nos('ＹＴ８９６２６４６７８５３８９')).toEqual(['YT8962646785389']);
    const zw = '单号 7361\u200B0555582883';
    expect(findTrackingNumbers(zw)).toEqual([
      { trackingNo: '73610555582883', candidates: [{ carrier: 'zto', confidence: 'high', rule: 'zto14' }], index: 3 },
    ]);
    expect(nos('tracking: em263999513jp')).toEqual(['EM263999513JP']);
  });

  it('reports each number once and keeps text order', () => {
    expect(nos('JT5261988016578 / 773277027280336 / JT5261988016578')).toEqual(['JT5261988016578', '773277027280336']);
  });

  it('uses the hint argument and lets a nearer carrier name override it', () => {
    expect(findTrackingNumbers('1207119765021', 'EMS')[0].candidates[0]).toEqual({ carrier: 'ems', confidence: 'high', rule: 'post13' });
    expect(findTrackingNumbers('邮政包裹 1207119765021', 'EMS')[0].candidates[0].carrier).toBe('chinapost');
  });

  it('returns nothing for pickup SMS codes, phones and unknown ids', () => {
    expect(nos('【菜鸟驿站】您的包裹已到站，凭4-6-7602到新郑龙湖富田兴龙湾31号楼店取件。')).toEqual([]);
    expect(nos('联系电话 13800138000 / 138 0013 8000 / 400-820-8820 / 95311')).toEqual([]);
    expect(nos('妈妈驿站 取货码5-5-9-13，您有包裹YT764306505052已到苍山下坡圆通快递')).toEqual([]);
    expect(nos('测试环境 UT0000352320970')).toEqual([]);
    expect(nos('')).toEqual([]);
  });
});
