// Handlers for the options page's data messages: restore a JSON backup, delete everything.
// A version 1 backup is validated whole and then ingested in ONE transaction, so a bad file changes nothing.
// A streamed (version 2) backup is read twice, piece by piece: a check pass that writes nothing, then a write
// pass that writes each group in its own transaction (db/restore-stream.ts). The pieces come in the messages,
// or the background reads them itself from the options page's blob: URL of the file (no text in messages).
import { applyUserFields, backupToBatches, createdParcelKeys, restoreReport, validateBackup } from '../core/backup';
import type { ParcelRecord } from '../core/model';
import { ingestMany } from '../db/ingest';
import { StreamRestore } from '../db/restore-stream';
import { getDb, type ParcelHubDb } from '../db/schema';
import type { StreamTotals } from '../core/backup-stream';
import { browser } from '../shared/browser';
import { FILE_UNREADABLE, type Message, type Reply } from '../shared/messages';
import { textPieces, type TextPiece } from '../shared/text-pieces';
import { updateBadge } from './badge';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

/** Validate and restore; pure of the extension APIs so it can be tested against any database. */
export async function restoreBackup(db: ParcelHubDb, text: string, now = Date.now()): Promise<Reply> {
  const valid = validateBackup(text);
  if (!valid.ok) return { ok: false, error: valid.error };
  const plan = backupToBatches(valid.backup);
  let extra: ParcelRecord[] = [];
  const results = await ingestMany(db, plan.batches, now, (state, rs) => (extra = applyUserFields(state, plan.userFields, createdParcelKeys(rs))));
  const report = restoreReport(valid.backup, plan, [...results, { orders: [], parcels: extra, events: [], changes: [] }]);
  return { ok: true, changes: results.reduce((n, r) => n + r.changes.length, 0), report };
}

// The pieces of the upload in progress (one at a time: a new upload id drops an older one). Held in memory:
// if the worker stops mid-upload, the restore answers an error and the options page sends the file again.
let upload: { id: string; parts: string[] } | undefined;

export async function handleBackupChunk(msg: Msg<'backup/chunk'>): Promise<Reply> {
  if (upload?.id !== msg.upload) upload = { id: msg.upload, parts: [] };
  if (msg.index !== upload.parts.length) return { ok: false, error: `backup piece ${msg.index} out of order` };
  upload.parts.push(msg.text);
  return { ok: true };
}

/** The text a restore message names: its own, or an upload's pieces (all of them, or an error). */
export function takeUpload(msg: Msg<'backup/restore'>): { ok: true; text: string } | { ok: false; error: string } {
  if (msg.upload === undefined) return msg.text === undefined ? { ok: false, error: 'no backup text' } : { ok: true, text: msg.text };
  const mine = upload?.id === msg.upload ? upload : undefined;
  upload = undefined;
  if (!mine || mine.parts.length !== msg.chunks) return { ok: false, error: 'backup upload interrupted (background restarted); try again' };
  return { ok: true, text: mine.parts.join('') };
}

export async function handleBackupRestore(msg: Msg<'backup/restore'>): Promise<Reply> {
  const taken = takeUpload(msg);
  if (!taken.ok) return taken;
  const reply = await restoreBackup(getDb(), taken.text);
  if (reply.ok) await updateBadge();
  return reply;
}

// The streamed restore in progress (one at a time; a new session drops an older one), and the last session
// whose check pass passed. Held in memory: a worker stopped mid-restore answers the next piece with an
// error; the groups written so far stay, and restoring the file again completes the rest. A session that
// reads the file itself (blob: URL) keeps its reader here.
let stream: { id: string; next: number; restore: StreamRestore; file?: { pieces: AsyncGenerator<TextPiece>; bytes: number } } | undefined;
let checked: { id: string; totals: StreamTotals } | undefined;

/** The body of one of the options page's blob: URLs (fetch: the background holds no reference to the File). */
export type OpenFile = (url: string) => Promise<ReadableStream<Uint8Array>>;
const fetchBody: OpenFile = async (url) => {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`status ${res.status}`);
  return res.body;
};

function dropStream(): void {
  void stream?.file?.pieces.return(undefined);
  stream = undefined;
}

export async function handleBackupStream(
  msg: Msg<'backup/stream'>,
  db: ParcelHubDb = getDb(),
  opts: { origin?: string; open?: OpenFile } = {},
): Promise<Reply> {
  if ((msg.text === undefined) === (msg.file === undefined)) return { ok: false, error: 'a backup step carries either text or a file' };
  if (msg.index === 0) {
    if (msg.pass === 'write' && checked?.id !== msg.session) return { ok: false, error: 'backup not checked; restore the file again' };
    dropStream();
    const s: NonNullable<typeof stream> = { id: msg.session, next: 0, restore: new StreamRestore(db, msg.pass) };
    if (msg.file !== undefined) {
      // Only a blob: URL this extension's own pages made (the router already checked the sender).
      const origin = opts.origin ?? browser.runtime.getURL('');
      if (!msg.file.startsWith(`blob:${origin}`)) return { ok: false, error: 'backup file not from this extension' };
      try {
        s.file = { pieces: textPieces(await (opts.open ?? fetchBody)(msg.file)), bytes: 0 };
      } catch (e) {
        return { ok: false, error: `${FILE_UNREADABLE}: ${String((e as Error).message ?? e)}` };
      }
    }
    stream = s;
  }
  const s = stream;
  if (!s || s.id !== msg.session || s.restore.pass !== msg.pass || s.next !== msg.index || (s.file === undefined) !== (msg.file === undefined)) {
    return { ok: false, error: 'restore interrupted (background restarted); restore the same file again to finish' };
  }
  s.next++;
  try {
    let end = msg.end;
    if (s.file) {
      const piece = await s.file.pieces.next();
      if (piece.done) end = true;
      else {
        s.file.bytes = piece.value.bytes;
        await s.restore.push(piece.value.text);
      }
    } else await s.restore.push(msg.text!);
    const read = s.file?.bytes;
    if (!end) return { ok: true, written: { ...s.restore.written }, read };
    const totals = s.restore.finish();
    dropStream();
    if (s.restore.pass === 'check') {
      checked = { id: s.id, totals };
      return { ok: true, totals, read, end: true };
    }
    checked = undefined;
    await updateBadge();
    return {
      ok: true,
      totals,
      written: { ...s.restore.written },
      report: s.restore.report,
      changes: s.restore.report.parcels.added + s.restore.report.events.added,
      read,
      end: true,
    };
  } catch (e) {
    if (stream === s) dropStream();
    if (s.restore.written.groups) await updateBadge();
    return { ok: false, error: String((e as Error).message ?? e) };
  }
}

export async function handleBackupCancel(msg: Msg<'backup/cancel'>): Promise<Reply> {
  const s = stream?.id === msg.session ? stream : undefined;
  dropStream();
  if (s?.restore.written.groups) await updateBadge();
  return { ok: true, written: s ? { ...s.restore.written } : undefined };
}

/** Delete every order, parcel, event and diagnostic. Settings and scheduler state (meta) are kept. */
export async function deleteAll(db: ParcelHubDb): Promise<void> {
  await db.transaction('rw', [db.orders, db.parcels, db.events, db.diagnostics], async () => {
    await Promise.all([db.orders.clear(), db.parcels.clear(), db.events.clear(), db.diagnostics.clear()]);
  });
}

export async function handleDeleteAll(): Promise<Reply> {
  await deleteAll(getDb());
  await updateBadge();
  return { ok: true };
}
