import { describe, expect, it } from 'vitest';
import { orderKey, parcelKey, PARCEL_STATUSES } from '../../../src/core/model';

describe('model keys', () => {
  it('builds order and parcel keys', () => {
    expect(orderKey('taobao', '123')).toBe('taobao:123');
    expect(parcelKey('zto', '73100059800035')).toBe('zto:73100059800035');
    expect(PARCEL_STATUSES).toContain('awaiting_collection');
  });
});
