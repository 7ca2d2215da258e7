// The after-sale status names public sources show (core/after-sale-read.ts STATE_WORDS), each mapped to its state.
// [S] = a seller open platform's status name, read in case the shopper's page reuses it; the page words of the
// Taobao refund page model come from a public capture. Sources in docs/after-sale-sources.md.
import { describe, expect, it } from 'vitest';
import { readReturnState } from '../../../src/core/after-sale-read';
import type { ReturnState } from '../../../src/core/after-sale';

const table = (rows: readonly (readonly [string, ReturnState | undefined])[]) => {
  for (const [text, state] of rows) expect([text, readReturnState(text)]).toEqual([text, state]);
};

describe('after-sale status words from public sources', () => {
  it('Taobao refund page model: process steps and messages', () => {
    table([
      ['退款完毕', 'refunded'],
      ['买家于2021-4-15 23:07:28创建了退款申请', 'requested'],
      ['等待卖家处理退款申请', 'requested'],
      ['等待卖家确认收货', 'in_transit_back'],
      // A step title alone is not done: "卖家确认收货" as a finished fact is a receipt.
      ['卖家确认收货', 'received'],
      ['商家拒绝退款', undefined],
    ]);
  });

  it('Douyin aftersale_status names [S]', () => {
    table([
      ['待商家处理', 'requested'],
      ['待商家同意', 'requested'],
      ['待买家退货', 'requested'],
      ['待商家收货', 'in_transit_back'],
      ['售后成功', 'refunded'],
      ['换货待买家收货', 'received'],
      ['换货成功', 'exchanged'],
      ['售后关闭', 'closed'],
      ['售后失败', 'closed'],
    ]);
  });

  it('Kuaishou refund status names [S]', () => {
    table([
      ['买家仅退款申请', 'requested'],
      ['买家退货退款申请', 'requested'],
      ['平台介入-买家退货退款申请', 'requested'],
      ['商品回寄信息待买家更新', 'requested'],
      ['商品回寄信息待卖家确认', 'in_transit_back'],
      ['卖家已经发货，等待买家确认收货', 'received'],
      ['退款成功', 'refunded'],
      ['退款失败', 'closed'],
      ['退款执行中', undefined],
    ]);
  });

  it('Pinduoduo after_sales_status names [S]', () => {
    table([
      ['买家申请退款，待商家处理', 'requested'],
      ['退货退款，待商家处理', 'requested'],
      ['已同意退货退款,待用户发货', 'requested'],
      ['平台拒绝退款，退款关闭', 'closed'],
      ['退款成功', 'refunded'],
      ['买家撤销', 'closed'],
      ['买家逾期未处理，退款失败', 'closed'],
      ['换货补寄成功', 'exchanged'],
      ['换货补寄失败', 'closed'],
      ['换货补寄待商家处理', 'requested'],
      ['商家同意退款，退款中', undefined],
    ]);
  });

  it('order-page words around them stay unread', () => {
    table([
      ['待发货', undefined],
      ['买家已付款', undefined],
      ['售后成功率 98%', undefined],
    ]);
  });
});
