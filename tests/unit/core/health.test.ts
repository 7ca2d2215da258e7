import { describe, expect, it } from 'vitest';
import { healthReport, platformHealth, redactText, redactUrl } from '../../../src/core/health';
import type { Diagnostic } from '../../../src/core/model';

const T = Date.UTC(2026, 2, 10);

describe('platformHealth', () => {
  it('joins capture state and the newest unrecognized/partial diagnostic per platform', () => {
    const diags: Diagnostic[] = [
      { platform: 'douyin', url: 'https://haohuo.jinritemai.com/api/order/list', kind: 'unrecognized', message: 'old', shape: ['a'], at: T },
      { platform: 'douyin', url: 'https://haohuo.jinritemai.com/api/order/list', kind: 'partial', message: 'new', shape: ['data.list[].order_no'], at: T + 5 },
      { platform: 'douyin', url: 'https://haohuo.jinritemai.com/x', kind: 'signed_out', message: 'later but not a shape', at: T + 9 },
      { platform: 'taobao', url: 'https://x.taobao.com/', kind: 'error', message: 'boom', at: T },
    ];
    const h = platformHealth([{ platform: 'douyin', pagesRead: 3, parcelsSeen: 7, lastCaptureAt: T + 1, needsSignIn: true }], diags);
    expect(h.map((x) => x.platform)).toEqual(['taobao', 'douyin', 'kuaishou', 'jd', 'pdd']);
    expect(h[1]).toMatchObject({ pagesRead: 3, parcelsSeen: 7, lastCaptureAt: T + 1, needsSignIn: true, diagnostics: 3 });
    expect(h[1].lastUnrecognized).toEqual({ kind: 'partial', message: 'new', shape: ['data.list[].order_no'], url: 'https://haohuo.jinritemai.com/api/order/list', at: T + 5 });
    expect(h[0]).toMatchObject({ pagesRead: 0, needsSignIn: false, lastUnrecognized: undefined, diagnostics: 1 });
  });
});

describe('redaction', () => {
  const secret = 'aB3dE5fG7hJ9kL1m';
  const dirty = [
    'order 4925881223344556677 tracking SF1385628716739 and 73610555582883',
    '收件人：张三 手机：13812345678 phone=13912345678 地址: 浙江省杭州市西湖区文三路100号',
    '王先生 138****1234 mail me at shopper@example.com',
    `key ${secret} token=abc.def customer:CUST01`,
    'path data.list[].order_no kept, 3 items kept',
  ].join('\n');
  const clean = redactText(dirty, [secret]);

  it('removes order ids, tracking numbers, names, phones, addresses, e-mails and keys', () => {
    for (const bad of ['4925881223344556677', 'SF1385628716739', '73610555582883', '张三', '13812345678', '13912345678', '文三路', '王', '1234', 'shopper@', secret, 'abc.def', 'CUST01'])
      expect(clean, bad).not.toContain(bad);
  });

  it('keeps key paths and small numbers', () => {
    expect(clean).toContain('data.list[].order_no');
    expect(clean).toContain('3 items kept');
  });

  it('reduces URLs to origin and path with ids removed', () => {
    expect(redactUrl('https://trade.taobao.com/trade/detail/4925881223344556677.htm?bizOrderId=4925881223344556677')).toBe('https://trade.taobao.com/trade/detail/‹n›.htm');
    expect(redactUrl('not a url')).toBe('');
  });

  it('the copied report holds none of it', () => {
    const h = platformHealth(
      [{ platform: 'taobao', pagesRead: 2, parcelsSeen: 1, lastProblem: { kind: 'error', message: 'failed on 4925881223344556677 for 13812345678', at: T } }],
      [{ platform: 'taobao', url: 'https://buyertrade.taobao.com/order/4925881223344556677', kind: 'unrecognized', message: `no list for 收货人:李四 ${secret}`, shape: ['data.SF1385628716739.status', 'data.mainOrders[].id'], at: T }],
    );
    const report = healthReport(h, { version: '0.1.0', language: 'zh-CN', now: T, secrets: [secret], enabled: { platforms: { douyin: false }, services: ['kuaidi100'] } });
    for (const bad of ['4925881223344556677', '13812345678', '李四', secret, 'SF1385628716739']) expect(report, bad).not.toContain(bad);
    expect(report).toContain('data.mainOrders[].id');
    expect(report).toContain('[douyin] off');
    expect(report).toContain('services on: kuaidi100');
    expect(report).toContain('pages read: 2');
  });
});
