import { describe, expect, it } from 'vitest';
import { promiseFrom } from '../../../../src/platforms/taobao/promise';
import { cleanStatusText, resolveStatus, statusFromCode, statusFromText } from '../../../../src/platforms/taobao/status';
import {
  cdnImage,
  idStr,
  parseChinaTime,
  yuanToFen,
  parseMonthDayTime,
  platformUrl,
  trackingNo,
} from '../../../../src/platforms/taobao/values';
import { cst } from './helpers';

describe('money → 分', () => {
  it.each([
    ['￥58.90', 5890],
    ['58.90', 5890],
    ['58.9', 5890],
    ['0.29', 29],
    ['¥1,299.00', 129900],
    ['(含运费：￥0.00)', 0],
    ['-￥23.00', -2300],
    ['12', 1200],
    ['58.905', 5891],
    [58.9, 5890],
    [0.29, 29],
    [23.5, 2350],
  ] as const)('%j → %i', (v, fen) => expect(yuanToFen(v)).toBe(fen));
  it.each([undefined, null, '', '免费', NaN, Infinity, {}, '1234567890123.00'])('%j → undefined', (v) =>
    expect(yuanToFen(v)).toBeUndefined(),
  );
});

describe('China time', () => {
  it('reads UTC+8 wall-clock text', () => {
    expect(parseChinaTime('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 1, 19, 4, 5));
    expect(parseChinaTime('2024/1/2 3:04')).toBe(cst('2024-01-02 03:04:00'));
    expect(parseChinaTime('2024年1月2日 03:04')).toBe(cst('2024-01-02 03:04:00'));
    expect(parseChinaTime('2024-01-02')).toBe(cst('2024-01-02 00:00:00'));
    expect(parseChinaTime('1731000000000')).toBe(1731000000000);
    expect(parseChinaTime(1731000000)).toBe(1731000000000);
  });
  it('refuses impossible dates and non-times', () => {
    for (const v of ['2024-02-30 10:00:00', '2024-13-01', '2024-01-01 25:00', 'yesterday', '', null, -5]) {
      expect(parseChinaTime(v)).toBeUndefined();
    }
  });
  it('year-less texts move to the right year around New Year', () => {
    expect(parseMonthDayTime('01月03日 10:00前发货', cst('2024-12-30 12:00:00'), 'after')).toBe(cst('2025-01-03 10:00:00'));
    expect(parseMonthDayTime('12-30 10:00', cst('2025-01-02 09:00:00'), 'before')).toBe(cst('2024-12-30 10:00:00'));
    expect(parseMonthDayTime('预计11月10日送达', cst('2024-11-07 14:42:51'), 'after', true)).toBe(cst('2024-11-10 23:59:59'));
  });
});

describe('ids, waybills, links', () => {
  it('ids: digit strings, exact numbers only', () => {
    expect(idStr('4107721093356402117')).toBe('4107721093356402117');
    expect(idStr(2408160291)).toBe('2408160291');
    expect(idStr(4861628750601005000)).toBeUndefined(); // already rounded by JSON.parse
    expect(idStr('12ab')).toBeUndefined();
  });
  it('waybills as shown, placeholders dropped', () => {
    expect(trackingNo(' YT7461234567890 ')).toBe('YT7461234567890');
    expect(trackingNo('7310 0059 8012 34')).toBe('73100059801234');
    for (const v of ['暂无', '-', '', 'ABCDEF', '<img>', 'x'.repeat(70) + '1234']) expect(trackingNo(v)).toBeUndefined();
  });
  it('images only on Alibaba CDNs, as https', () => {
    expect(cdnImage('//img.alicdn.com/a.jpg')).toBe('https://img.alicdn.com/a.jpg');
    expect(cdnImage('http://gw.alicdn.com/a.jpg')).toBe('https://gw.alicdn.com/a.jpg');
    expect(cdnImage('https://img01.taobaocdn.tbcdn.cn/a.jpg')).toBe('https://img01.taobaocdn.tbcdn.cn/a.jpg');
    for (const v of ['//evil.example.com/a.jpg', 'javascript:alert(1)', 'data:image/png;base64,AA', '//alicdn.com.evil.cn/a.jpg', '/a.jpg']) {
      expect(cdnImage(v)).toBeUndefined();
    }
  });
  it('page links only on taobao.com / tmall.com', () => {
    expect(platformUrl('//trade.tmall.com/detail/orderDetail.htm?bizOrderId=1')).toBe('https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=1');
    expect(platformUrl('https://taobao.com.evil.cn/x')).toBeUndefined();
  });
});

describe('status', () => {
  it('codes, texts, refunds', () => {
    expect(statusFromCode('WAIT_BUYER_PAY')).toBe('unpaid');
    expect(statusFromCode('WAIT_SELLER_SEND_GOODS')).toBe('unshipped');
    expect(statusFromCode('TRADE_CLOSED_BY_TAOBAO')).toBe('cancelled');
    expect(statusFromText('当前订单状态：卖家已发货，请查看页面下方物流信息')).toBe('shipped');
    expect(statusFromText('买家已付款')).toBe('unshipped');
    expect(statusFromText('交易成功')).toBe('completed');
    expect(statusFromText('退款成功')).toBe('refunded');
    expect(resolveStatus('TRADE_FINISHED', '交易成功', ['refunded', undefined])).toBe('completed'); // partial refund
    expect(resolveStatus('TRADE_CLOSED', '交易关闭', ['refunded'])).toBe('refunded');
    expect(resolveStatus('WAIT_BUYER_CONFIRM_GOODS', undefined, [undefined, 'refunding'])).toBe('refunding');
    expect(cleanStatusText('订单状态: 商家已发货，等待买家确认')).toBe('商家已发货');
  });
});

describe('promises', () => {
  const createdAt = cst('2024-11-09 14:43:13');
  it.each([
    ['11月12日 14:44前发货', { kind: 'ship_by', at: cst('2024-11-12 14:44:00') }],
    ['承诺48小时内发货', { kind: 'ship_by', at: createdAt + 48 * 3600_000 }],
    ['预计11月15日送达', { kind: 'deliver_by', at: cst('2024-11-15 23:59:59') }],
    ['预计2024-11-15 18:00前送达', { kind: 'deliver_by', at: cst('2024-11-15 18:00:00') }],
    ['次日达', { kind: 'deliver_by' }],
    ['极速达', { kind: 'deliver_by' }],
  ] as const)('%s', (text, expected) => {
    expect(promiseFrom([text], { createdAt })).toEqual({ text, ...expected });
  });
  it('before shipment the ship-by promise wins, afterwards the delivery one', () => {
    const texts = ['预计11月15日送达', '11月12日 14:44前发货'];
    expect(promiseFrom(texts, { createdAt, status: 'unshipped' })!.kind).toBe('ship_by');
    expect(promiseFrom(texts, { createdAt, status: 'shipped' })!.kind).toBe('deliver_by');
    expect(promiseFrom(['商家编码 MJ-T302', undefined], { createdAt })).toBeUndefined();
  });
});
