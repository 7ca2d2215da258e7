import { describe, expect, it } from 'vitest';
import { readDisputeDetail, readDisputeList, ultronComponents } from '../../../../src/platforms/taobao/dispute-data';

const c = (tag: string, type: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ tag, type, fields, ...extra });

describe('refund page model (disputeData)', () => {
  it('is recognised by its components only: plain JSON or data without fields is not a page model', () => {
    expect(ultronComponents({ data: { a: 1, b: { x: 1 } } })).toBeUndefined();
    expect(ultronComponents({ refund: { status: '退款中' } })).toBeUndefined();
    expect(ultronComponents(null)).toBeUndefined();
    expect(ultronComponents({ data: { root_1: c('root', 'biz', { rootId: 1 }) } })?.size).toBe(1);
    // The list's paging answer (adjustBuyerList.json) wraps the model in resultData.
    expect(ultronComponents({ success: true, resultData: { data: { root_1: c('root', 'biz', {}) } } })?.size).toBe(1);
  });

  it('messages newest first, without the shopper’s nick; rows by title; parcels by component', () => {
    const d = readDisputeDetail(
      ultronComponents({
        data: {
          negotiationInfoItem_6: c('negotiationInfoItem', 'negotiationInfo', { time: '2026-11-18 09:00:12', info: '买家(tb_shopper01)于2026-11-18 09:00:12创建了退款申请\n退款类型: 退货退款' }),
          negotiationInfoItem_4: c('negotiationInfoItem', 'negotiationInfo', { time: '2026-11-19 15:40:11', info: '商家同意了退货申请' }),
          refundDetailRows_14: c('refundDetailRows', 'orderDetailRow', { title: '要求', valueOptions: [{ text: '换货' }] }),
          orderDetailRows_18: c('orderDetailRows', 'orderDetailRow', { title: '订单编号', valueOptions: [{ text: 'not-an-id' }] }),
          logistics_52: c('logistics', 'logistics', { trackingNum: 'YT 7512 3456 7007', company: '圆通速递' }),
          logisticsDetail_30: c('logisticsDetail', 'logisticsDetail', { trackingNum: '暂无', companyName: '圆通速递' }),
        },
      })!,
    );
    expect(d.stateTexts).toEqual(['商家同意了退货申请', '买家于2026-11-18 09:00:12创建了退款申请']);
    expect(d.kindText).toBe('换货');
    expect(d.orderId).toBeUndefined();
    expect(d.returnParcels).toEqual([{ trackingNo: 'YT751234567007', carrierName: '圆通速递' }]);
    expect(d.forwardParcels).toEqual([]);
  });

  it('list rows pair header and body by the id before "@"; a row without an order number is dropped', () => {
    const rows = readDisputeList(
      ultronComponents({
        data: {
          disputeListGrid_2: { bizName: 'disputeBody', id: '2@2', fields: { options: [{ title: { name: '￥1' } }, { title: { name: 't' } }, { title: { name: '仅退款' } }, { title: { name: '<b>退款成功</b><br/>x' } }] } },
          disputeListGrid_1: { bizName: 'disputeHeader', id: '2@1', fields: { numbers: [{ value: '3951178345520917380' }, { value: '208811' }] } },
          disputeListGrid_9: { bizName: 'disputeBody', id: '9@2', fields: { options: [] } },
        },
      })!,
    );
    expect(rows).toEqual([{ orderId: '3951178345520917380', statusText: '退款成功', typeText: '仅退款' }]);
  });
});
