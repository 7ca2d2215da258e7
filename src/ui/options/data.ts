// Reading the database for the options page and turning it into downloadable files.
import { BACKUP_CHUNK_CHARS, backupToJson, createBackup, type RestoreReport } from '../../core/backup';
import { exportFileName, toCsv } from '../../core/export-csv';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import type { Message, Reply } from '../../shared/messages';
import { entriesData, type HistoryEntry } from './history';
import { csvLabels } from './labels';

export interface AllData {
  loaded: boolean;
  orders: OrderRecord[];
  parcels: ParcelRecord[];
}

export async function loadAll(): Promise<AllData> {
  const db = getDb();
  const [orders, parcels] = await Promise.all([db.orders.toArray(), db.parcels.toArray()]);
  return { loaded: true, orders, parcels };
}

/** Offer a file for download through a temporary <a download> on a blob URL. */
export function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function exportCsv(now = Date.now()): Promise<void> {
  const { orders, parcels } = await loadAll();
  download(exportFileName(now, 'csv'), toCsv(orders, parcels, csvLabels()), 'text/csv;charset=utf-8');
}

export async function exportJson(now = Date.now(), opts: { phoneTails?: boolean } = {}): Promise<void> {
  const db = getDb();
  const [orders, parcels, events] = await db.transaction('r', db.orders, db.parcels, db.events, () =>
    Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray()]),
  );
  download(exportFileName(now, 'json', 'parcel-hub-backup'), backupToJson(createBackup(orders, parcels, events, now, opts)), 'application/json');
}

/** CSV of exactly these history rows (the current filter). */
export async function exportCsvOf(entries: readonly HistoryEntry[], now = Date.now()): Promise<void> {
  const { orders, parcels } = entriesData(entries);
  download(exportFileName(now, 'csv'), toCsv(orders, parcels, csvLabels()), 'text/csv;charset=utf-8');
}

/** JSON backup of these rows' parcels and orders (every order a parcel links to, so a restore is complete),
 * with the parcels' events. */
export async function exportJsonOf(entries: readonly HistoryEntry[], now = Date.now()): Promise<void> {
  const db = getDb();
  const parcelKeys = [...new Set(entries.flatMap((e) => (e.parcel ? [e.parcel.key] : [])))];
  const orderKeys = new Set(entries.flatMap((e) => [...(e.order ? [e.order.key] : []), ...(e.parcel?.orderKeys ?? [])]));
  const [orders, parcels, events] = await db.transaction('r', db.orders, db.parcels, db.events, () =>
    Promise.all([db.orders.bulkGet([...orderKeys]), db.parcels.bulkGet(parcelKeys), db.events.where('parcelKey').anyOf(parcelKeys).toArray()]),
  );
  const present = <T,>(xs: (T | undefined)[]) => xs.filter((x): x is T => !!x);
  download(exportFileName(now, 'json', 'parcel-hub-backup'), backupToJson(createBackup(present(orders), present(parcels), events, now)), 'application/json');
}

export interface StorageInfo {
  usage?: number;
  quota?: number;
  unlimited: boolean;
}

/** Storage used by this extension (IndexedDB + storage.local) and whether unlimitedStorage is in effect. */
export async function storageInfo(): Promise<StorageInfo> {
  const [estimate, unlimited] = await Promise.all([
    navigator.storage?.estimate?.().catch(() => undefined),
    browser.permissions.contains({ permissions: ['unlimitedStorage'] }).catch(() => false),
  ]);
  return { usage: estimate?.usage, quota: estimate?.quota, unlimited };
}

export async function send(msg: Message): Promise<Reply> {
  try {
    return ((await browser.runtime.sendMessage(msg)) as Reply | undefined) ?? { ok: false, error: 'no answer' };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** Send a backup file's text to the background in pieces (one message has a size limit) and restore it.
 * A worker that restarted mid-upload loses the pieces: the upload is sent once more. */
export async function restoreText(text: string): Promise<Reply> {
  let reply: Reply = { ok: false, error: 'no answer' };
  for (let attempt = 0; attempt < 2; attempt++) {
    const upload = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const chunks = Math.max(1, Math.ceil(text.length / BACKUP_CHUNK_CHARS));
    let sent = true;
    for (let i = 0; i < chunks && sent; i++) {
      const r = await send({ type: 'backup/chunk', upload, index: i, text: text.slice(i * BACKUP_CHUNK_CHARS, (i + 1) * BACKUP_CHUNK_CHARS) });
      if (!r.ok) {
        reply = r;
        sent = false;
      }
    }
    if (sent) reply = await send({ type: 'backup/restore', upload, chunks });
    if (reply.ok || !/interrupted|out of order/.test(reply.error)) return reply;
  }
  return reply;
}

export type { RestoreReport };
