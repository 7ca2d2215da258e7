// A payload over the scan's MAX_NODES values is read from its start and the cut is a diagnostic, never silent
// (issue #17: silent caps). The payload is 4 M small values, so this test takes a few seconds.
import { describe, expect, it } from 'vitest';
import { adapterById } from '../../../../src/platforms/registry';
import { MAX_NODES } from '../../../../src/platforms/shared/scan';

describe('scan cut', () => {
  it('reports "payload over MAX_NODES values" and keeps the orders read before the cut', () => {
    const first = { order_id: '4900000001', status_desc: '待发货', shop_name: '店' };
    const text = `{"data":{"orders":[${JSON.stringify(first)}],"filler":[${'0,'.repeat(MAX_NODES)}0]}}`;
    const r = adapterById('douyin')!.parsePayload(text, new URL('https://haohuo.jinritemai.com/api/order/list'), new URL('https://haohuo.jinritemai.com/views/order/list'));
    expect(r?.orders.map((o) => o.orderId)).toEqual(['4900000001']);
    expect(r?.diagnostics).toContainEqual(expect.objectContaining({ kind: 'partial', message: expect.stringMatching(new RegExp(`payload over ${MAX_NODES} values: read 1 orders`)) }));
  }, 90_000);
});
