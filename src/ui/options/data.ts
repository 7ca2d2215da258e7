// Reading the database for the options page and turning it into downloadable files.
import { BACKUP_CHUNK_CHARS, backupToJson, createBackup, type RestoreReport } from '../../core/backup';
import { GROUP_PARCELS, groupText, sniffVersion, STREAM_BACKUP_VERSION, STREAM_TAIL, streamHead, type BackupGroup, type StreamTotals } from '../../core/backup-stream';
import { exportFileName, toCsv } from '../../core/export-csv';
import type { EventRecord, OrderRecord, ParcelRecord } from '../../core/model';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import { FILE_UNREADABLE, type Message, type Reply } from '../../shared/messages';
import { textPieces, type TextPiece } from '../../shared/text-pieces';
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
  downloadBlob(name, new Blob([content], { type }));
}

export async function exportCsv(now = Date.now()): Promise<void> {
  const { orders, parcels } = await loadAll();
  download(exportFileName(now, 'csv'), toCsv(orders, parcels, csvLabels()), 'text/csv;charset=utf-8');
}

/** Offer a file built from parts (a Blob holds them outside the page's memory as it grows). */
function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The streamed (version 2) backup of everything, built from parts: parcels in key order, GROUP_PARCELS at a
 * time with their events and orders (and the parcels of those orders, so linked parcels share a group),
 * each group read in its own transaction; then the orders no parcel links to. The text never exists as one
 * string. Records captured while it runs may or may not be in it; none is in it twice.
 */
export async function exportBackupBlob(now: number, opts: { phoneTails?: boolean } = {}, onProgress?: (done: number, total: number) => void): Promise<Blob> {
  const db = getDb();
  const total = await db.parcels.count();
  let blob = new Blob([streamHead(now)], { type: 'application/json' });
  let parts: string[] = [];
  let pending = 0;
  let first = true;
  const add = (g: BackupGroup) => {
    const text = groupText(g, first, opts);
    first = false;
    parts.push(text);
    pending += text.length;
    if (pending > 4 * 1024 * 1024) {
      blob = new Blob([blob, ...parts], { type: 'application/json' });
      parts = [];
      pending = 0;
    }
  };
  const done = new Set<string>();
  const doneOrders = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const g = await db.transaction('r', db.orders, db.parcels, db.events, async () => {
      const page = await (after === undefined ? db.parcels.orderBy('key') : db.parcels.where('key').above(after)).limit(GROUP_PARCELS).toArray();
      if (!page.length) return undefined;
      after = page[page.length - 1].key;
      const grp: BackupGroup = { orders: [], parcels: [], events: [] };
      let todo = page.filter((p) => !done.has(p.key));
      // Close over order links: a parcel's orders join the group, and those orders' other parcels.
      while (todo.length) {
        todo.forEach((p) => done.add(p.key));
        grp.parcels.push(...todo);
        const orderKeys = [...new Set(todo.flatMap((p) => p.orderKeys))].filter((k) => !doneOrders.has(k));
        orderKeys.forEach((k) => doneOrders.add(k));
        const orders = (await db.orders.bulkGet(orderKeys)).filter((o): o is OrderRecord => !!o);
        grp.orders.push(...orders);
        const more = [...new Set(orders.flatMap((o) => o.parcelKeys))].filter((k) => !done.has(k));
        todo = (await db.parcels.bulkGet(more)).filter((p): p is ParcelRecord => !!p);
      }
      grp.events = await db.events.where('parcelKey').anyOf(grp.parcels.map((p) => p.key)).toArray();
      return grp;
    });
    if (!g) break;
    if (g.parcels.length) add(g);
    onProgress?.(done.size, total);
  }
  // Orders without a parcel here (not shipped yet, or their parcels gone).
  let afterOrder: string | undefined;
  for (;;) {
    const page = await (afterOrder === undefined ? db.orders.orderBy('key') : db.orders.where('key').above(afterOrder)).limit(GROUP_PARCELS * 4).toArray();
    if (!page.length) break;
    afterOrder = page[page.length - 1].key;
    const rest = page.filter((o) => !doneOrders.has(o.key));
    if (rest.length) add({ orders: rest, parcels: [], events: [] as EventRecord[] });
  }
  return new Blob([blob, ...parts, STREAM_TAIL], { type: 'application/json' });
}

export async function exportJson(now = Date.now(), opts: { phoneTails?: boolean } = {}, onProgress?: (done: number, total: number) => void): Promise<void> {
  downloadBlob(exportFileName(now, 'json', 'parcel-hub-backup'), await exportBackupBlob(now, opts, onProgress));
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

export type RestoreProgress = { pass: 'check'; bytes: number; total: number } | { pass: 'write'; written: StreamTotals; totals: StreamTotals };

export type RestoreOutcome =
  | { ok: true; report: RestoreReport }
  | { ok: false; error: string; written?: StreamTotals; totals?: StreamTotals; cancelled?: boolean };

/**
 * Restore a backup file. A streamed (version 2) file goes to the background twice, step by step: first
 * checked whole (a bad file changes nothing), then written group by group; `signal` stops the write pass
 * between steps, and the outcome says how far it got. The background reads the file itself through a
 * blob: URL (the text never crosses a message); a background that cannot is sent the text in pieces.
 * A version 1 file is sent whole, as before.
 */
export async function restoreFile(file: Blob, onProgress: (p: RestoreProgress) => void = () => undefined, signal?: AbortSignal): Promise<RestoreOutcome> {
  if (sniffVersion(await file.slice(0, 4096).text()) !== STREAM_BACKUP_VERSION) {
    const reply = await restoreText(await file.text());
    return reply.ok ? { ok: true, report: reply.report! } : { ok: false, error: reply.error };
  }
  const url = URL.createObjectURL(file);
  try {
    const out = await restoreSteps(file, url, onProgress, signal);
    if (out.ok || !out.error.startsWith(FILE_UNREADABLE)) return out;
  } finally {
    URL.revokeObjectURL(url);
  }
  return restoreSteps(file, undefined, onProgress, signal);
}

/** A pass's steps: the file named by `url` (the background reads it and says when it is done), or its text
 * in pieces, the last one marked as the end (one piece of look-ahead). */
type Step = { msg: { text: string; end: boolean } | { file: string; end: false }; bytes?: number };
async function* stepsOf(file: Blob, url: string | undefined): AsyncGenerator<Step> {
  if (url !== undefined) {
    for (;;) yield { msg: { file: url, end: false } };
  }
  let prev: TextPiece | undefined;
  for await (const piece of textPieces(file.stream())) {
    if (prev) yield { msg: { text: prev.text, end: false }, bytes: prev.bytes };
    prev = piece;
  }
  yield { msg: { text: prev?.text ?? '', end: true }, bytes: prev?.bytes ?? 0 };
}

async function restoreSteps(file: Blob, url: string | undefined, onProgress: (p: RestoreProgress) => void, signal?: AbortSignal): Promise<RestoreOutcome> {
  const session = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  let totals: StreamTotals | undefined;
  let written: StreamTotals = { groups: 0, orders: 0, parcels: 0, events: 0 };
  for (const pass of ['check', 'write'] as const) {
    let index = 0;
    let last: Reply | undefined;
    try {
      for await (const step of stepsOf(file, url)) {
        const reply = await send({ type: 'backup/stream', session, pass, index: index++, ...step.msg });
        if (!reply.ok) return { ok: false, error: reply.error, written, totals };
        if (pass === 'write' && reply.written) written = reply.written;
        if (step.msg.end || reply.end) {
          last = reply;
          break;
        }
        if (pass === 'check') onProgress({ pass, bytes: reply.read ?? step.bytes ?? 0, total: file.size });
        else onProgress({ pass, written, totals: totals! });
        if (signal?.aborted) {
          await send({ type: 'backup/cancel', session });
          return { ok: false, error: 'cancelled', cancelled: true, written, totals };
        }
      }
    } catch (e) {
      return { ok: false, error: `the file could not be read: ${String(e)}`, written, totals };
    }
    if (!last?.ok) return { ok: false, error: 'no answer', written, totals };
    if (pass === 'check') {
      totals = last.totals;
      if (signal?.aborted) return { ok: false, error: 'cancelled', cancelled: true, written, totals };
      onProgress({ pass: 'write', written, totals: totals! });
    } else {
      onProgress({ pass, written, totals: totals! });
      return { ok: true, report: last.report! };
    }
  }
  return { ok: false, error: 'no answer' };
}

export type { RestoreReport };
