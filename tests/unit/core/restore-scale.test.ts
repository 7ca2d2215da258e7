// A backup restores at any size: the extension's own export of 20,000 parcels × 8 events, all first seen at
// the same instant (one restore batch of 20,000 parcels and 160,000 events), round-trips through
// validate → batches → merge into an empty store. It used to die with "Maximum call stack size exceeded"
// (an argument spread of every change record of a batch).
import { describe, expect, it } from 'vitest';
import { applyUserFields, backupToBatches, backupToJson, createdParcelKeys, restoreReport, validateBackup } from '../../../src/core/backup';
import { MemoryMergeState, mergeBatch, type MergeResult } from '../../../src/core/merge';
import { backupOfState, bigHistory } from '../../fixtures/big-history';

const plain = (s: MemoryMergeState) => ({
  orders: [...s.orders.values()].map(({ sources: _s, ...o }) => o).sort((a, b) => a.key.localeCompare(b.key)),
  parcels: [...s.parcels.values()].map(({ sources: _s, updatedAt: _u, ...p }) => p).sort((a, b) => a.key.localeCompare(b.key)),
  events: s.allEvents().sort((a, b) => a.id.localeCompare(b.id)),
});

describe('restore at scale', () => {
  it('one batch of 20,000 parcels × 8 events merges (no argument spread of its changes)', () => {
    const original = bigHistory({ orders: 500, eventsPer: 8 });
    const plan = backupToBatches(backupOfState(original));
    // Inflate one batch: 20,000 parcels × 8 events in a single merge.
    const big = bigHistory({ orders: 20_000, eventsPer: 8 });
    const text = backupToJson(backupOfState(big));
    const valid = validateBackup(text);
    if (!valid.ok) throw new Error(valid.error);
    const bigPlan = backupToBatches(valid.backup);
    const largest = bigPlan.batches.reduce((m, b) => Math.max(m, b.parcels.length), 0);
    expect(largest).toBeGreaterThanOrEqual(20_000);
    expect(plan.batches.length).toBeGreaterThan(0);
    const into = new MemoryMergeState();
    const results: MergeResult[] = bigPlan.batches.map((b) => into.ingest(b, Date.UTC(2026, 10, 22)));
    into.apply({ orders: [], parcels: applyUserFields(into, bigPlan.userFields, createdParcelKeys(results)), events: [], removedParcelKeys: [], changes: [] });
    const report = restoreReport(valid.backup, bigPlan, results);
    expect(report.rejected).toEqual([]);
    expect(report.parcels.added).toBe(20_000);
    expect(report.events.added).toBe(160_000);
    // Round trip: the restored store holds the same records as the one exported.
    expect(plain(into)).toEqual(plain(big));
  }, 240_000);

  it('a single mergeBatch with 200,000 change records returns them all', () => {
    const s = new MemoryMergeState();
    const at = Date.UTC(2026, 10, 20);
    const parcels = Array.from({ length: 25_000 }, (_, i) => ({
      trackingNo: `YT${String(2_000_000_000_000 + i)}`,
      carrierId: 'yto',
      orderIds: [],
      events: Array.from({ length: 7 }, (_, e) => ({ time: at - (e + 1) * 60_000, text: `到达 ${e} #${i}` })),
    }));
    const r = mergeBatch(s, { platform: 'manual', source: 'import', url: 'parcel-hub:backup', observedAt: at, orders: [], parcels });
    expect(r.changes.length).toBe(25_000 * 8);
  }, 120_000);
});
