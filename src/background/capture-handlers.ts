// Handlers for messages that bring observations: captures from content scripts and manual additions.
import type { Platform } from '../core/model';
import { ingest } from '../db/ingest';
import { getDb, type PlatformStateValue } from '../db/schema';
import { updatePlatformState as updateStoredPlatformState } from '../db/platform-state';
import type { CaptureMessage, Message, Reply } from '../shared/messages';
import { updateBadge } from './badge';
import { platformEnabled } from '../core/settings';
import { loadSettings } from '../shared/settings-storage';
import { adapterById } from '../platforms/registry';
import { readCopiedResponse } from '../capture/read-response';
import { toBatch } from '../capture/sanitize';
import { isFetchedFollowUp } from '../platforms/types';
import { followPages, type StoreDiagnostic } from './page-follow-ups';

/** A diagnostic about a followed page, stored like a capture's (parser health, the platform's last problem). */
const storeFollowDiagnostic: StoreDiagnostic = (platform, url, d) =>
  handleCapture({ type: 'capture/batch', batch: { platform, source: 'logistics', url, observedAt: Date.now(), orders: [], parcels: [] }, diagnostics: [d] });

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

// Pieces of large copied responses, by id, until their capture/response arrives. In memory: a worker that
// stops in between loses them, answers "interrupted", and the content script sends the response again.
const parts = new Map<string, { tab: number | undefined; texts: string[] }>();
const MAX_PENDING_PARTS = 16;

export async function handleCapturePart(msg: Msg<'capture/part'>, tab: number | undefined): Promise<Reply> {
  let p = parts.get(msg.id);
  if (!p) {
    if (parts.size >= MAX_PENDING_PARTS) parts.delete(parts.keys().next().value!);
    parts.set(msg.id, (p = { tab, texts: [] }));
  }
  if (p.tab !== tab || msg.index !== p.texts.length) return { ok: false, error: 'capture part out of order (interrupted)' };
  p.texts.push(msg.text);
  return { ok: true };
}

/** Copied responses whose every piece has arrived, and those read and stored (or refused), since the worker
 * started. Tests wait on them: once received, the shop page has nothing left to send. */
export const captureStats = { responsesReceived: 0, responsesDone: 0 };

/** A copied response: read here, in the background, then stored batch by batch (≤ 1,000 orders each). */
export async function handleCaptureResponse(msg: Msg<'capture/response'>, tab?: number): Promise<Reply> {
  captureStats.responsesReceived++;
  try {
    return await readAndStore(msg, tab);
  } finally {
    captureStats.responsesDone++;
  }
}

async function readAndStore(msg: Msg<'capture/response'>, tab: number | undefined): Promise<Reply> {
  const adapter = adapterById(msg.platform);
  if (!adapter) return { ok: false, error: `no adapter for ${msg.platform}` };
  let body = msg.body;
  if (msg.parts) {
    const p = parts.get(msg.parts.id);
    parts.delete(msg.parts.id);
    if (!p || p.tab !== tab || p.texts.length !== msg.parts.count) return { ok: false, error: 'capture parts interrupted (background restarted)' };
    body = p.texts.join('');
  }
  const result = readCopiedResponse(adapter, { ...msg, body });
  if (!result) return { ok: true, changes: 0 };
  const { batches, diagnostics } = toBatch(adapter.id, result, msg.url);
  let changes = 0;
  for (const [i, batch] of batches.entries()) {
    if (!batch.orders.length && !batch.parcels.length && (i > 0 || !diagnostics.length)) continue;
    const r = await handleCapture({ type: 'capture/batch', batch, diagnostics: i === 0 ? diagnostics : [] });
    if (!r.ok) return r;
    changes += r.changes ?? 0;
  }
  // Requests go back to the content script (it asks its own origin); pages to open are the background's.
  const fetched = result.followUps?.filter(isFetchedFollowUp) ?? [];
  const pages = result.followUps?.filter((f) => !isFetchedFollowUp(f)) ?? [];
  if (pages.length) void followPages(adapter.id, pages, storeFollowDiagnostic);
  return { ok: true, changes, ...(fetched.length ? { followUps: fetched } : {}) };
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
