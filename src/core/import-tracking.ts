// Import tracking numbers from other tools (pure): a CSV export (a column of tracking numbers, optionally a
// carrier column) or pasted free text (the popup's add-by-paste finder). The result is a preview the user
// confirms; confirmed rows become manual batches with source 'import' (≤ 1000 parcels each, the batch limit).
import Papa from 'papaparse';
import type { ObservationBatch, ParcelObservation } from './model';
import { resolveParcelCarrier } from './normalize';
import { readPaste } from './paste-text';
import { normalizeTrackingNumber } from './tracking-number';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** ObservationBatchSchema accepts at most this many parcels per batch. */
export const IMPORT_BATCH_SIZE = 1000;

export interface ImportRow {
  trackingNo: string;
  /** As written in the file's carrier column. */
  carrierName?: string;
  /** What the merge will resolve it to ('unknown' when the number alone is ambiguous). */
  carrierId: string;
  pickupCode?: string;
  /** 1-based line of the file (0 for pasted text). */
  line: number;
}

export type RejectReason = 'invalid' | 'phone' | 'duplicate';

export interface ImportPreview {
  rows: ImportRow[];
  rejected: { line: number; value: string; reason: RejectReason }[];
  /** Header (or 1-based column number) the numbers were read from. */
  column?: string;
  carrierColumn?: string;
}

export type ImportError = 'too_large' | 'too_many_rows' | 'empty' | 'no_column';
export type ImportResult = { ok: true; preview: ImportPreview } | { ok: false; error: ImportError };

// Order ids also say 单号 (订单号): never a tracking column.
const NOT_TRACKING = /订单|order|商品|手机|电话|phone|mobile/i;
const TRACKING_HEADERS = [/运单号|快递单号|物流单号|运单编号|快递单|waybill|tracking\s*(?:number|no\.?|#|id|code)?|awb/i, /单号|number|no\.?$/i];
const CARRIER_HEADER = /快递公司|物流公司|承运商|快递名称|快递|物流|carrier|courier/i;
const MOBILE = /^1[3-9]\d{9}$/;

const looksLikeNumber = (cell: string | undefined): boolean => {
  const n = cell ? normalizeTrackingNumber(cell) : null;
  return !!n && !MOBILE.test(n) && /\d{6,}/.test(n);
};

const headerScore = (h: string): number => {
  const s = h.trim();
  if (!s || NOT_TRACKING.test(s) || looksLikeNumber(s)) return 0;
  if (TRACKING_HEADERS[0].test(s)) return 2;
  if (TRACKING_HEADERS[1].test(s)) return 1;
  return 0;
};

/** Parse a CSV file's text. The header row is optional: without one the column holding the most
 * tracking-number-like cells is used. */
export function parseImportCsv(text: string, byteLength = new TextEncoder().encode(text).length): ImportResult {
  if (byteLength > MAX_IMPORT_BYTES) return { ok: false, error: 'too_large' };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const table = parsed.data.filter((r) => Array.isArray(r) && r.some((c) => c.trim()));
  if (table.length === 0) return { ok: false, error: 'empty' };
  const header = table[0].map((c) => c.trim());
  const scores = header.map(headerScore);
  const best = scores.reduce((m, x) => Math.max(m, x), -Infinity);
  let col = best > 0 ? scores.indexOf(best) : -1;
  const hasHeader = col >= 0 || header.some((h) => CARRIER_HEADER.test(h) && !looksLikeNumber(h));
  const body = hasHeader ? table.slice(1) : table;
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, error: 'too_many_rows' };
  if (col < 0) {
    // reduce, not Math.max(...): a pasted table may have more rows than a call may have arguments
    const width = table.reduce((m, r) => Math.max(m, r.length), 0);
    const sample = body.slice(0, 200);
    let bestHits = 0;
    for (let c = 0; c < width; c++) {
      if (hasHeader && NOT_TRACKING.test(header[c] ?? '')) continue;
      const hits = sample.filter((r) => looksLikeNumber(r[c])).length;
      if (hits > bestHits) [bestHits, col] = [hits, c];
    }
    if (col < 0 || bestHits < Math.ceil(sample.length / 2)) return { ok: false, error: 'no_column' };
  }
  const carrierCol = hasHeader ? header.findIndex((h, i) => i !== col && CARRIER_HEADER.test(h) && !NOT_TRACKING.test(h)) : -1;

  const preview: ImportPreview = {
    rows: [],
    rejected: [],
    column: hasHeader ? header[col] || String(col + 1) : String(col + 1),
    carrierColumn: carrierCol >= 0 ? header[carrierCol] : undefined,
  };
  const seen = new Set<string>();
  body.forEach((r, i) => {
    const line = i + 1 + (hasHeader ? 1 : 0);
    const raw = (r[col] ?? '').trim();
    if (!raw) return;
    const n = normalizeTrackingNumber(raw);
    if (!n) return void preview.rejected.push({ line, value: raw.slice(0, 40), reason: 'invalid' });
    if (MOBILE.test(n)) return void preview.rejected.push({ line, value: raw.slice(0, 40), reason: 'phone' });
    if (seen.has(n)) return void preview.rejected.push({ line, value: n, reason: 'duplicate' });
    seen.add(n);
    const carrierName = carrierCol >= 0 ? (r[carrierCol] ?? '').trim().slice(0, 60) || undefined : undefined;
    const { carrierId } = resolveParcelCarrier({ trackingNo: n, carrierName, orderIds: [] }, n);
    preview.rows.push({ trackingNo: n, carrierName, carrierId, line });
  });
  return { ok: true, preview };
}

/** Pasted text (SMS, chat, a list): the popup's add-by-paste finder, pickup codes included. */
export function parseImportText(text: string, now: number): ImportResult {
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return { ok: false, error: 'too_large' };
  // The import's own row cap, not the popup's paste cap: confirmed rows go in IMPORT_BATCH_SIZE batches.
  const { batch, found } = readPaste(text, now, MAX_IMPORT_ROWS);
  if (found > MAX_IMPORT_ROWS) return { ok: false, error: 'too_many_rows' };
  if (!batch) return { ok: false, error: 'empty' };
  const rows = batch.parcels.map((p) => ({
    trackingNo: p.trackingNo,
    carrierId: resolveParcelCarrier(p, p.trackingNo).carrierId,
    pickupCode: p.pickupCode,
    line: 0,
  }));
  return { ok: true, preview: { rows, rejected: [] } };
}

/** Confirmed rows → manual batches with source 'import', IMPORT_BATCH_SIZE parcels each. */
export function importBatches(rows: readonly ImportRow[], now: number): ObservationBatch[] {
  const out: ObservationBatch[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
    const parcels: ParcelObservation[] = rows.slice(i, i + IMPORT_BATCH_SIZE).map((r) => {
      const p: ParcelObservation = { trackingNo: r.trackingNo, orderIds: [] };
      if (r.carrierName) p.carrierName = r.carrierName;
      else if (r.carrierId !== 'unknown') p.carrierId = r.carrierId;
      if (r.pickupCode) {
        p.pickupCode = r.pickupCode;
        p.status = 'awaiting_collection';
      }
      return p;
    });
    out.push({ platform: 'manual', source: 'import', url: '', observedAt: now, orders: [], parcels });
  }
  return out;
}
