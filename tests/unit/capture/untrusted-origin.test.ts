// A copied response is trusted only over https from one of its platform's own hosts.
import { describe, expect, it } from 'vitest';
import { untrustedOrigin } from '../../../src/capture/read-response';
import { taobao } from '../../../src/platforms/taobao';
import { kuaishou } from '../../../src/platforms/kuaishou';

describe('untrustedOrigin', () => {
  it('accepts the platform API hosts', () => {
    expect(untrustedOrigin(taobao, 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=jsonp')).toBeUndefined();
    expect(untrustedOrigin(kuaishou, 'https://app.kwaixiaodian.com/rest/app/grocery/order/list')).toBeUndefined();
  });
  it('refuses data:, blob:, http and other hosts (a data: URL carrying a Taobao list path used to be read)', () => {
    expect(taobao.isInterestingResponse('data:application/json,{}#/trade/itemlist/asyncBought.htm')).toBe(true);
    expect(untrustedOrigin(taobao, 'data:application/json,{}#/trade/itemlist/asyncBought.htm')).toMatch(/data/);
    expect(untrustedOrigin(taobao, 'blob:https://buyertrade.taobao.com/5f0c')).toMatch(/blob/);
    expect(untrustedOrigin(taobao, 'http://buyertrade.taobao.com/trade/itemlist/asyncBought.htm')).toMatch(/http/);
    expect(untrustedOrigin(taobao, 'https://evil.example/trade/itemlist/asyncBought.htm')).toMatch(/evil\.example/);
    expect(untrustedOrigin(kuaishou, 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/')).toMatch(/not a host/);
    expect(untrustedOrigin(taobao, 'https://taobao.com.evil.example/x')).toMatch(/not a host/);
  });
});
