// Reading the database for the options page and turning it into downloadable files.
import { backupToJson, createBackup, type RestoreReport } from '../../core/backup';
import { exportFileName, toCsv } from '../../core/export-csv';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import type { Reply } from '../../shared/messages';
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

export async function exportJson(now = Date.now()): Promise<void> {
  const db = getDb();
  const [orders, parcels, events] = await db.transaction('r', db.orders, db.parcels, db.events, () =>
    Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray()]),
  );
  download(exportFileName(now, 'json', 'parcel-hub-backup'), backupToJson(createBackup(orders, parcels, events, now)), 'application/json');
}

export async function send(msg: { type: 'backup/restore'; text: string } | { type: 'data/delete-all' }): Promise<Reply> {
  try {
    return ((await browser.runtime.sendMessage(msg)) as Reply | undefined) ?? { ok: false, error: 'no answer' };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

export type { RestoreReport };
