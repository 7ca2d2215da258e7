// Handlers for messages that bring observations: captures from content scripts and manual additions.
import type { Platform } from '../core/model';
import { ingest } from '../db/ingest';
import { getDb, type PlatformStateValue } from '../db/schema';
import { updatePlatformState as updateStoredPlatformState } from '../db/platform-state';
import type { CaptureMessage, Message, Reply } from '../shared/messages';
import { updateBadge } from './badge';
import { platformEnabled } from '../core/settings';
import { loadSettings } from '../shared/settings-storage';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

const MAX_DIAGNOSTICS = 500;

const updatePlatformState = (platform: Platform, patch: (s: PlatformStateValue) => void) => updateStoredPlatformState(getDb(), platform, patch);

export async function handleCapture(msg: CaptureMessage): Promise<Reply> {
  const { batch, diagnostics } = msg;
  // The shopper switched this platform off in the settings: its pages are not read into the list.
  if (!platformEnabled(await loadSettings(), batch.platform)) return { ok: true, changes: 0, orders: 0, parcels: 0 };
  const db = getDb();
  const now = Date.now();
  if (diagnostics.length) {
    await db.diagnostics.bulkAdd(diagnostics.map((d) => ({ ...d, platform: batch.platform, url: redactUrl(batch.url), at: now })));
    const count = await db.diagnostics.count();
    if (count > MAX_DIAGNOSTICS) {
      const old = await db.diagnostics.orderBy('at').limit(count - MAX_DIAGNOSTICS).primaryKeys();
      await db.diagnostics.bulkDelete(old);
    }
  }
  const result = batch.orders.length || batch.parcels.length ? await ingest(db, batch, now) : null;
  await updatePlatformState(batch.platform, (s) => {
    if (result) {
      s.lastCaptureAt = now;
      s.parcelsSeen += batch.parcels.length;
      s.needsSignIn = false;
    }
    const problem = diagnostics.find((d) => d.kind !== 'partial');
    if (problem) {
      s.lastProblem = { kind: problem.kind, message: problem.message, at: now };
      if (problem.kind === 'signed_out' || problem.kind === 'risk_control') s.needsSignIn = true;
    }
  });
  if (result?.changes.length) await updateBadge();
  return { ok: true, changes: result?.changes.length ?? 0, orders: batch.orders.length, parcels: batch.parcels.length };
}

export async function handlePageSeen(msg: Msg<'capture/page-seen'>): Promise<Reply> {
  await updatePlatformState(msg.platform, (s) => {
    s.pagesRead += 1;
    s.lastPageAt = Date.now();
    if (msg.signedIn === false) s.needsSignIn = true;
  });
  return { ok: true };
}

export async function handleManualAdd(msg: Msg<'manual/add'>): Promise<Reply> {
  const result = await ingest(getDb(), msg.batch);
  if (result.changes.length) await updateBadge();
  return { ok: true, changes: result.changes.length };
}

/** Diagnostics keep the page's origin and path, not its query (which may hold ids). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}
