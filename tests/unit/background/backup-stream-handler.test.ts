// The background's side of a streamed restore: reading the file itself through the options page's blob: URL
// (one piece per step, the reply saying when a pass is done), or taking the text in the messages (the
// fallback when it cannot read the URL). Both give the same database; a URL of another origin is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupRecords, streamBackupText } from '../../../src/core/backup-stream';
import { piecesOf } from '../../../src/db/restore-stream';
import { ParcelHubDb } from '../../../src/db/schema';
import { FILE_UNREADABLE, type Reply } from '../../../src/shared/messages';
import { bigHistory } from '../../fixtures/big-history';

vi.mock('../../../src/background/badge', () => ({ updateBadge: async () => 0 }));
const { handleBackupStream } = await import('../../../src/background/backup-handlers');

const ORIGIN = 'chrome-extension://abcdefghijklmnop/';
const URL_OF_FILE = `blob:${ORIGIN}4f1c2a`;
const NOW = Date.UTC(2026, 10, 22);
const dbs: ParcelHubDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const fresh = async () => {
  const db = new ParcelHubDb(`stream-handler-${dbs.length}-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
};
const dump = async (db: ParcelHubDb) => ({ orders: await db.orders.orderBy('key').toArray(), parcels: await db.parcels.orderBy('key').toArray(), events: await db.events.orderBy('id').toArray() });

// About 2.7 M characters: several 1 M-character pieces per pass.
const s = bigHistory({ orders: 900, eventsPer: 8 });
const text = streamBackupText(groupRecords([...s.orders.values()], [...s.parcels.values()], s.allEvents(), 100), NOW - 1000);
const bytes = new TextEncoder().encode(text);
const open = async (url: string) => {
  if (url !== URL_OF_FILE) throw new Error('no such blob');
  // In 64 KB chunks, as a browser reads a file.
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.byteLength) c.close();
      else c.enqueue(bytes.slice(at, (at += 65_536)));
    },
  });
};

async function viaFile(db: ParcelHubDb, session: string): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const pass of ['check', 'write'] as const) {
    for (let index = 0; ; index++) {
      const r = await handleBackupStream({ type: 'backup/stream', session, pass, index, file: URL_OF_FILE, end: false }, db, { origin: ORIGIN, open });
      replies.push(r);
      if (!r.ok) return replies;
      if (r.end) break;
      if (index > 100) throw new Error('never ended');
    }
  }
  return replies;
}

describe('streamed restore, background side', () => {
  it('reads the file itself, piece by piece, and restores it; the text in messages gives the same database', async () => {
    const db = await fresh();
    const replies = await viaFile(db, 's1');
    expect(replies.every((r) => r.ok)).toBe(true);
    const last = replies.at(-1)!;
    if (!last.ok) throw new Error('failed');
    expect(last.end).toBe(true);
    expect(last.totals).toMatchObject({ parcels: 900, orders: 900, events: 7200 });
    expect(last.report?.parcels.added).toBe(900);
    // Several steps per pass, and the check pass's replies say how far the file was read.
    const reads = replies.map((r) => (r.ok ? r.read : undefined)).filter((n): n is number => n !== undefined);
    expect(replies.length).toBeGreaterThan(4);
    expect(Math.max(...reads)).toBe(bytes.byteLength);
    expect(reads[0]).toBeLessThan(bytes.byteLength);

    const other = await fresh();
    for (const pass of ['check', 'write'] as const) {
      const pieces = [...piecesOf(text, 700_000)];
      for (const [index, piece] of pieces.entries()) {
        const r = await handleBackupStream({ type: 'backup/stream', session: 's2', pass, index, text: piece, end: index === pieces.length - 1 }, other, { origin: ORIGIN, open });
        expect(r).toMatchObject({ ok: true });
      }
    }
    expect(await dump(other)).toEqual(await dump(db));
  });

  it('refuses a URL of another origin and says when it cannot read the file (nothing written)', async () => {
    const db = await fresh();
    const foreign = await handleBackupStream({ type: 'backup/stream', session: 's3', pass: 'check', index: 0, file: 'blob:https://shop.example/4f1c2a', end: false }, db, { origin: ORIGIN, open });
    expect(foreign).toEqual({ ok: false, error: 'backup file not from this extension' });
    const gone = await handleBackupStream({ type: 'backup/stream', session: 's3', pass: 'check', index: 0, file: `blob:${ORIGIN}revoked`, end: false }, db, { origin: ORIGIN, open });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.startsWith(FILE_UNREADABLE)).toBe(true);
    const both = await handleBackupStream({ type: 'backup/stream', session: 's3', pass: 'check', index: 0, file: URL_OF_FILE, text: '{', end: false }, db, { origin: ORIGIN, open });
    expect(both.ok).toBe(false);
    // A write pass without a check of the same session.
    const unchecked = await handleBackupStream({ type: 'backup/stream', session: 's4', pass: 'write', index: 0, file: URL_OF_FILE, end: false }, db, { origin: ORIGIN, open });
    expect(unchecked.ok).toBe(false);
    expect(await db.parcels.count()).toBe(0);
  });
});
