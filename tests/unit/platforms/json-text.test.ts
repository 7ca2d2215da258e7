import { describe, expect, it } from 'vitest';
import { parseJsonText, shapeOf, stripJsonp } from '../../../src/platforms/shared/json-text';

describe('parseJsonText', () => {
  it('reads plain JSON', () => expect(parseJsonText('{"a":1}')).toEqual({ a: 1 }));
  it('reads mtop JSONP with /**/ prefix, dotted callback and trailing semicolon', () => {
    expect(parseJsonText('/**/mtopjsonp12({"ret":["SUCCESS::调用成功"]});')).toEqual({ ret: ['SUCCESS::调用成功'] });
    expect(parseJsonText(' window.cb.x ( [1,2] ) ')).toEqual([1, 2]);
  });
  it('returns undefined for HTML, empty text and broken JSON', () => {
    expect(parseJsonText('<html></html>')).toBeUndefined();
    expect(parseJsonText('')).toBeUndefined();
    expect(parseJsonText('{"a":')).toBeUndefined();
    expect(stripJsonp('no wrapper')).toBe('no wrapper');
  });
});

describe('shapeOf', () => {
  it('lists key paths without values', () => {
    const shape = shapeOf({ data: { list: [{ order_no: '123', secret: 'x' }] }, ok: true });
    expect(shape).toEqual(['data.list[].order_no', 'data.list[].secret', 'ok']);
    expect(JSON.stringify(shape)).not.toContain('123');
  });
});
