import { describe, expect, it } from 'vitest';
import { orderKey, parcelKey, PARCEL_STATUSES } from '../../../src/core/model';

describe('model keys', () => {
  it('builds order and parcel keys', () => {
    expect(orderKey('taobao', '123')).toBe('taobao:123');
    expect(parcelKey('zto', '73100059800035')).toBe('zto:73100059800035');
    expect(PARCEL_STATUSES).toContain('awaiting_collection');
  });
});

describe('shownStatus', () => {
  it('reads an order-linked or ship-timed parcel with no classified status as shipped, and leaves every other status alone', async () => {
    const { shownStatus } = await import('../../../src/core/model');
    expect(shownStatus({ status: 'unknown', orderKeys: ['douyin:1'] })).toBe('shipped');
    expect(shownStatus({ status: 'unknown', orderKeys: [], shippedAt: 1 })).toBe('shipped');
    expect(shownStatus({ status: 'unknown', orderKeys: [] })).toBe('unknown');
    for (const s of PARCEL_STATUSES.filter((x) => x !== 'unknown')) expect(shownStatus({ status: s, orderKeys: ['douyin:1'] })).toBe(s);
  });
});
