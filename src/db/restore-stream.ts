// A streamed (version 2) backup restore in two passes over the file's text, fed in pieces of any size:
// 'check' reads every group and keeps nothing but counts (a bad file fails here and changes nothing);
// 'write' reads the groups again and writes each in its own transaction (db/restore-group.ts). Stopping the
// write pass anywhere leaves whole groups written; restoring the same file again completes the rest.
import type { RestoreReport } from '../core/backup';
import { BACKUP_FORMAT } from '../core/backup';
import { GroupChecker, GroupSplitter, STREAM_BACKUP_VERSION, type StreamTotals } from '../core/backup-stream';
import { MAX_TIME, MIN_TIME } from '../core/bounds';
import { addOutcome, emptyReport, writeGroup } from './restore-group';
import type { ParcelHubDb } from './schema';

export type RestorePass = 'check' | 'write';

export class StreamRestore {
  private splitter = new GroupSplitter();
  private checker = new GroupChecker();
  readonly report: RestoreReport = emptyReport();
  /** What the write pass has written so far (whole groups). */
  readonly written: StreamTotals = { groups: 0, orders: 0, parcels: 0, events: 0 };
  /** Groups written by each way (db/restore-group.ts): nothing of them here, records read and compared, merged. */
  readonly ways = { absent: 0, exact: 0, merged: 0 };

  constructor(
    private readonly db: ParcelHubDb,
    readonly pass: RestorePass,
    private readonly now = Date.now(),
    /** false: read every group's records (no look at key ranges first); for tests. */
    private readonly probe = true,
  ) {}

  /** Characters read so far. */
  get read(): number {
    return this.splitter.read;
  }

  /** Read one more piece; in the write pass, each group completed by it is written before this returns.
   * Throws with a message for the shopper on anything invalid. */
  async push(piece: string): Promise<void> {
    for (const text of this.splitter.push(piece)) {
      const g = this.checker.check(text);
      if (this.pass !== 'write') continue;
      const outcome = await writeGroup(this.db, g, this.now, { probe: this.probe });
      addOutcome(this.report, outcome);
      this.ways[outcome.absent ? 'absent' : outcome.merged ? 'merged' : 'exact']++;
      this.written.groups++;
      this.written.orders += g.orders.length;
      this.written.parcels += g.parcels.length;
      this.written.events += g.events.length;
    }
  }

  /** After the last piece: the header is right and every group was read. Returns the file's totals. */
  finish(): StreamTotals {
    const head = this.splitter.finish();
    if (head.format !== BACKUP_FORMAT) throw new Error('not a Parcel Hub backup (format field missing or wrong)');
    if (head.version !== STREAM_BACKUP_VERSION) throw new Error(`unsupported backup version ${JSON.stringify(head.version)} (expected ${STREAM_BACKUP_VERSION})`);
    const at = head.exportedAt;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < MIN_TIME || at > MAX_TIME) throw new Error('invalid backup: exportedAt');
    if (head.groups !== this.checker.totals.groups) throw new Error('invalid backup: a group is not an object');
    return { ...this.checker.totals };
  }
}

export type StreamResult =
  | { ok: true; report: RestoreReport; totals: StreamTotals; ways: StreamRestore['ways'] }
  | { ok: false; error: string; written: StreamTotals; totals?: StreamTotals; cancelled?: boolean };

/**
 * Both passes over `pieces()` (called once per pass), as the options page and the background do them
 * together; `stopAfter(written)` may cancel the write pass between pieces. For tests and the bench.
 */
export async function restoreStream(
  db: ParcelHubDb,
  pieces: () => Iterable<string>,
  opts: { now?: number; stopAfter?: (written: StreamTotals) => boolean; probe?: boolean } = {},
): Promise<StreamResult> {
  const none = (): StreamTotals => ({ groups: 0, orders: 0, parcels: 0, events: 0 });
  let totals: StreamTotals;
  try {
    const check = new StreamRestore(db, 'check', opts.now);
    for (const p of pieces()) await check.push(p);
    totals = check.finish();
  } catch (e) {
    return { ok: false, error: String((e as Error).message ?? e), written: none() };
  }
  const write = new StreamRestore(db, 'write', opts.now, opts.probe);
  try {
    for (const p of pieces()) {
      if (opts.stopAfter?.(write.written)) return { ok: false, error: 'cancelled', cancelled: true, written: { ...write.written }, totals };
      await write.push(p);
    }
    write.finish();
  } catch (e) {
    return { ok: false, error: String((e as Error).message ?? e), written: { ...write.written }, totals };
  }
  return { ok: true, report: write.report, totals, ways: { ...write.ways } };
}

/** A text in pieces of `size` characters (tests, bench). */
export function* piecesOf(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
