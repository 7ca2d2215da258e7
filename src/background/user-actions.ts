// Handlers for what the shopper does in the popup: archive, note, "collected", choosing a carrier.
// The popup never writes the database itself; these are its only writes (besides manual/add).
import { carrierById } from '../core/carriers';
import { UNKNOWN_CARRIER, type ParcelRecord } from '../core/model';
import { ingest } from '../db/ingest';
import { getDb } from '../db/schema';
import type { Message, Reply } from '../shared/messages';
import { updateBadge } from './badge';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

async function updateParcel(key: string, patch: (p: ParcelRecord) => void): Promise<Reply> {
  const db = getDb();
  const found = await db.transaction('rw', db.parcels, async () => {
    const p = await db.parcels.get(key);
    if (!p) return false;
    patch(p);
    await db.parcels.put(p);
    return true;
  });
  if (!found) return { ok: false, error: 'no such parcel' };
  await updateBadge();
  return { ok: true, changes: 1 };
}

export async function handleArchive(msg: Msg<'parcel/archive'>): Promise<Reply> {
  return updateParcel(msg.key, (p) => {
    p.archived = msg.archived ? 1 : 0;
  });
}

export async function handleNote(msg: Msg<'parcel/note'>): Promise<Reply> {
  const note = msg.note.trim();
  return updateParcel(msg.key, (p) => {
    if (note) p.note = note;
    else delete p.note;
  });
}

export async function handleCollected(msg: Msg<'parcel/collected'>, now = Date.now()): Promise<Reply> {
  return updateParcel(msg.key, (p) => {
    p.status = 'delivered';
    p.deliveredAt = now;
    p.updatedAt = now;
    // A claim, so a later merge that re-evaluates claims keeps the parcel delivered.
    p.statusClaims = { ...p.statusClaims, delivered: now };
    p.sources = { ...p.sources, status: 'manual' };
  });
}

/** The merge moves a parcel kept under 'unknown' to its carrier when a batch names one. */
export async function handleCarrier(msg: Msg<'parcel/carrier'>, now = Date.now()): Promise<Reply> {
  if (!carrierById(msg.carrier)) return { ok: false, error: 'unknown carrier' };
  const p = await getDb().parcels.get(msg.key);
  if (!p) return { ok: false, error: 'no such parcel' };
  if (p.carrier !== UNKNOWN_CARRIER) return { ok: false, error: 'carrier already known' };
  const result = await ingest(getDb(), {
    platform: 'manual',
    source: 'manual',
    url: '',
    observedAt: now,
    orders: [],
    parcels: [{ trackingNo: p.trackingNo, carrierId: msg.carrier, orderIds: [] }],
  });
  await updateBadge();
  return { ok: true, changes: result.changes.length };
}

/** The phone tail a Kuaidi100 SF/ZTO query asked for: stored on the parcel, which becomes due at once. */
export async function handlePhoneTail(msg: Msg<'parcel/phone-tail'>, now = Date.now()): Promise<Reply> {
  return updateParcel(msg.key, (p) => {
    p.phoneTail = msg.phoneTail;
    if (p.refresh?.needs) p.refresh = { ...p.refresh, needs: undefined };
    if (p.nextCheckAt) p.nextCheckAt = now;
  });
}

export const userActionHandlers = {
  'parcel/phone-tail': (msg: Msg<'parcel/phone-tail'>) => handlePhoneTail(msg),
  'parcel/archive': (msg: Msg<'parcel/archive'>) => handleArchive(msg),
  'parcel/note': (msg: Msg<'parcel/note'>) => handleNote(msg),
  'parcel/collected': (msg: Msg<'parcel/collected'>) => handleCollected(msg),
  'parcel/carrier': (msg: Msg<'parcel/carrier'>) => handleCarrier(msg),
};
