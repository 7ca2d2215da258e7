// Geometry of the windowed popup list: every row (section headers included) has a height known before it
// is drawn (rows are laid out in fixed-height lines), so positions are prefix sums and the rows on screen
// are found by binary search. Only those rows (plus a margin, plus the focused row) are in the DOM.
import type { FlatRow } from '../../core/popup-query';
import type { SectionEntry } from '../../core/sections';

/** Does a row show a reason line its entry does not carry (a broken door promise on a 待取件 row, row.tsx)? */
export type ExtraReason = (e: SectionEntry) => boolean;

export const HEADER_H = 34;
const PAD = 17; // 8 px padding above and below, 1 px border
const LINE = 19;
const PICKUP = 30;
const ACTIONS = 28;

/** Height in px of one list row; must match popup.css (.row lines, .pickup, .row-actions). */
export function rowHeight(r: FlatRow, extraReason?: ExtraReason): number {
  if (r.kind === 'header') return HEADER_H;
  const e = r.entry;
  if (!e) return PAD + 4 * LINE;
  const reason = e.alert || r.section === 'attention' || extraReason?.(e) ? LINE : 0;
  if (e.kind === 'order') return PAD + 3 * LINE + reason;
  const p = e.parcel;
  const extra = r.section === 'archived' ? ACTIONS : p.pickupCode ? PICKUP : 0;
  return PAD + 4 * LINE + extra + reason;
}

/** offsets[i] = top of row i; offsets[n] = total height. */
export function layout(rows: FlatRow[], extraReason?: ExtraReason): Float64Array {
  const out = new Float64Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) out[i + 1] = out[i] + rowHeight(rows[i], extraReason);
  return out;
}

/** Index of the row at `y` (the last row whose top is ≤ y). */
export function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows [start, end) to draw for a viewport [top, top + height) of the list, with `margin` px either side. */
export function windowOf(offsets: Float64Array, top: number, height: number, margin = 400): [number, number] {
  const n = offsets.length - 1;
  if (n <= 0) return [0, 0];
  const start = rowAt(offsets, Math.max(0, top - margin));
  const end = Math.min(n, rowAt(offsets, top + height + margin) + 1);
  return [start, end];
}

/** The next focusable row (an entry that is loaded) from `i` in direction `dir`, or -1. */
export function nextEntry(rows: FlatRow[], i: number, dir: 1 | -1): number {
  for (let j = i + dir; j >= 0 && j < rows.length; j += dir) {
    const r = rows[j];
    if (r.kind === 'entry' && r.entry) return j;
  }
  return -1;
}
