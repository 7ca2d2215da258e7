// Handlers for the options page's data messages: restore a JSON backup, delete everything.
// A restore is validated first and then ingested in ONE transaction, so a bad file changes nothing.
import { applyUserFields, backupToBatches, createdParcelKeys, restoreReport, validateBackup } from '../core/backup';
import type { ParcelRecord } from '../core/model';
import { ingestMany } from '../db/ingest';
import { getDb, type ParcelHubDb } from '../db/schema';
import type { Message, Reply } from '../shared/messages';
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
