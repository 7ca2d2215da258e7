// The bench's realistic data set: deterministic, shaped as the issue asks, and every batch accepted whole by
// the real normalization (a rejected tracking number would quietly shrink the set the figures are named for).
import { describe, expect, it } from 'vitest';
import { realisticData } from '../../../scripts/bench/realistic-data';
import { mergeRows, type Row } from '../../../scripts/bench/report';
import { normalizeBatch } from '../../../src/core/normalize';

const NOW = Date.UTC(2026, 11, 2, 8);

describe('realisticData', () => {
  const d = realisticData(2000, NOW);
  const parcels = d.batches.flatMap((b) => b.parcels);
  const orders = d.batches.flatMap((b) => b.orders);

  it('is the same for the same size, clock and seed, and differs with the seed', () => {
    expect(JSON.stringify(realisticData(2000, NOW).batches)).toBe(JSON.stringify(d.batches));
    expect(JSON.stringify(realisticData(2000, NOW, 16).batches)).not.toBe(JSON.stringify(d.batches));
  });

  it('has the shape of a long capture history', () => {
    const unique = new Set(parcels.map((p) => p.trackingNo));
    expect(unique.size).toBe(2000);
    expect(d.counts.parcels).toBe(2000);
    for (const p of parcels) expect(p.events!.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...parcels.map((p) => p.events!.length))).toBe(15);
    for (const o of orders) expect(o.items!.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...orders.map((o) => o.items!.length))).toBe(3);
    const ids = new Set(orders.map((o) => o.orderId));
    expect(d.counts.unshipped / ids.size).toBeGreaterThan(0.07);
    expect(d.counts.unshipped / ids.size).toBeLessThan(0.13);
    expect(d.counts.withAlert / 2000).toBeGreaterThan(0.03);
    expect(d.counts.withAlert / 2000).toBeLessThan(0.08);
    expect(new Set(d.batches.map((b) => b.platform)).size).toBe(5);
    expect(parcels.some((p) => p.direction === 'return')).toBe(true);
    expect(parcels.some((p) => p.orderIds.length === 2)).toBe(true); // merged
    expect(orders.some((o) => o.promise?.at !== undefined && o.promise.at < NOW)).toBe(true);
    const span = Math.max(...d.batches.map((b) => b.observedAt)) - Math.min(...d.batches.map((b) => b.observedAt));
    expect(span / (365 * 24 * 3600_000)).toBeGreaterThan(4.5);
    expect(d.archive.length).toBe(1000);
    expect(new Set(d.archive).size).toBe(1000);
    expect(unique.has(d.probe.trackingNo)).toBe(true);
  });

  it('passes normalization whole: no tracking number or order id rejected, every carrier known', () => {
    for (const b of d.batches) {
      const { batch, rejected } = normalizeBatch(b);
      expect(rejected).toEqual([]);
      expect(batch.orders.length).toBe(b.orders.length);
      for (const p of batch.parcels) expect(p.carrierId).toBeTruthy();
    }
  });
});

describe('mergeRows', () => {
  const row = (name: string, bench: string, value = 1): Row => ({ name, bench, value, unit: 'ms', machine: 'm', at: 't' });
  it('replaces only the rows of the benches that ran, and puts realistic figures first, synthetic last', () => {
    const old = [row('synthetic: a', 'popup'), row('parse x', 'parsers'), row('realistic: b', 'popup')];
    const merged = mergeRows(old, [row('realistic: b', 'popup', 2), row('synthetic: c', 'popup')]);
    expect(merged.map((r) => [r.name, r.value])).toEqual([
      ['realistic: b', 2],
      ['parse x', 1],
      ['synthetic: c', 1],
    ]);
  });
});
