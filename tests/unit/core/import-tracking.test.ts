import { describe, expect, it } from 'vitest';
import { importBatches, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseImportCsv, parseImportText } from '../../../src/core/import-tracking';
import { ObservationBatchSchema } from '../../../src/core/observation-schema';
import * as v from 'valibot';

const ok = (r: ReturnType<typeof parseImportCsv>) => {
  if (!r.ok) throw new Error(`expected a preview, got ${r.error}`);
  return r.preview;
};

describe('CSV import', () => {
  it('finds the 运单号 column (not the 订单号 one) and the carrier column', () => {
    const csv = '\uFEFF订单号,快递公司,运单号,备注\r\n4925881223344556677,中通快递,73610555582883,a\r\n4925881223344556678,顺丰,SF1385628716739,\r\n';
    const p = ok(parseImportCsv(csv));
    expect(p.column).toBe('运单号');
    expect(p.carrierColumn).toBe('快递公司');
    expect(p.rows).toEqual([
      { trackingNo: '73610555582883', carrierName: '中通快递', carrierId: 'zto', line: 2 },
      { trackingNo: 'SF1385628716739', carrierName: '顺丰', carrierId: 'sf', line: 3 },
    ]);
  });

  it('reads English headers and reports invalid, phone and duplicate rows with their lines', () => {
    const csv = 'Order,Tracking Number,Carrier\n1,YT8962646785389,YTO\n2,not a number!,\n3,13812345678,\n4,yt8962646785389,\n5,,\n';
    const p = ok(parseImportCsv(csv));
    expect(p.column).toBe('Tracking Number');
    expect(p.rows.map((r) => [r.trackingNo, r.carrierId])).toEqual([['YT8962646785389', 'yto']]);
    expect(p.rejected).toEqual([
      { line: 3, value: 'not a number!', reason: 'invalid' },
      { line: 4, value: '13812345678', reason: 'phone' },
      { line: 5, value: 'YT8962646785389', reason: 'duplicate' },
    ]);
  });

  it('without a header picks the column that holds tracking numbers', () => {
    const p = ok(parseImportCsv('张三,SF1385628716739\n李四,JT5261988016578\n'));
    expect(p.column).toBe('2');
    expect(p.rows.map((r) => [r.trackingNo, r.line])).toEqual([
      ['SF1385628716739', 1],
      ['JT5261988016578', 2],
    ]);
  });

  it('refuses files that are too large, too long, empty or without tracking numbers', () => {
    expect(parseImportCsv('x', MAX_IMPORT_BYTES + 1)).toEqual({ ok: false, error: 'too_large' });
    const long = `运单号\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `SF${String(1_000_000_000_000 + i)}`).join('\n')}`;
    expect(parseImportCsv(long)).toEqual({ ok: false, error: 'too_many_rows' });
    expect(parseImportCsv('\n\n')).toEqual({ ok: false, error: 'empty' });
    expect(parseImportCsv('name,city\n张三,杭州\n')).toEqual({ ok: false, error: 'no_column' });
  });

  it('accepts exactly the row limit', () => {
    const csv = `运单号\n${Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `SF${String(1_000_000_000_000 + i)}`).join('\n')}`;
    expect(ok(parseImportCsv(csv)).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});

describe('pasted text', () => {
  it('uses the add-by-paste finder, pickup codes included', () => {
    const r = parseImportText('【菜鸟驿站】您的中通包裹已到XX小区驿站，凭取件码 3-2-1024 取件，运单号73610555582883', 1000);
    if (!r.ok) throw new Error(r.error);
    expect(r.preview.rows).toEqual([{ trackingNo: '73610555582883', carrierId: 'zto', pickupCode: '3-2-1024', line: 0 }]);
    expect(parseImportText('nothing here', 1000)).toEqual({ ok: false, error: 'empty' });
  });

  it('pasted text is not cut at the popup\'s 1,000-parcel paste cap; over MAX_IMPORT_ROWS it is refused, not cut', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `SF${String(1_234_567_890_000 + i)}`).join('\n');
    const r = parseImportText(lines(1500), 1000);
    expect(r.ok && r.preview.rows.length).toBe(1500);
    expect(parseImportText(lines(MAX_IMPORT_ROWS + 1), 1000)).toEqual({ ok: false, error: 'too_many_rows' });
  });
});

describe('import batches', () => {
  it('chunks into valid manual batches of at most 1000 parcels with source import', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ trackingNo: `SF${String(1_000_000_000_000 + i)}`, carrierId: 'sf', line: i + 2 }));
    const batches = importBatches(rows, Date.UTC(2026, 2, 1));
    expect(batches.map((b) => b.parcels.length)).toEqual([1000, 1000, 500]);
    for (const b of batches) {
      expect(b).toMatchObject({ platform: 'manual', source: 'import' });
      expect(v.safeParse(ObservationBatchSchema, b).success).toBe(true);
    }
    expect(batches[0].parcels[0]).toEqual({ trackingNo: 'SF1000000000000', orderIds: [], carrierId: 'sf' });
  });
});
