// 取件码 → 手机 (issue #16): the parcels waiting at stations as plain text for a QR code the phone's camera reads,
// one line per parcel, code first. Pure: the popup's view draws it (src/ui/popup/pickup-view.tsx).
//
// A QR code shown on a laptop screen must stay coarse enough for a phone camera: past a few hundred bytes its
// modules get too small in a 400 px popup (3 px a module at version 23 fills 340 px). So the text is split into
// parts of at most MAX_QR_BYTES of UTF-8 (version ≤ 23 at error-correction level M), each headed "1/3" — one code
// for a usual day, two or three for twenty parcels at stations with long names.
import { stripBidi } from './bidi';

export interface PickupEntry {
  /** The parcel's record key (for "已取件"; never in the text). */
  key: string;
  code: string;
  station?: string;
  /** Carrier name as shown. */
  carrier?: string;
  /** The first item's title. */
  item?: string;
}

export interface QrPart {
  /** Exactly what the QR code holds. */
  text: string;
  entries: PickupEntry[];
}

/** Bytes per QR code: version 23 holds 857 bytes at level M; this leaves room for the mode and ECI headers. */
export const MAX_QR_BYTES = 800;

const utf8 = new TextEncoder();
export const utf8Length = (s: string) => utf8.encode(s).length;

const oneLine = (s: string | undefined, max: number) => {
  const t = stripBidi(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
};

/** "5-2-7602 菜鸟驿站(龙湖店) · 中通快递 · 云南高山红茶…": the code first, so it is the first thing read. */
export function pickupLine(e: PickupEntry): string {
  const rest = pickupWhere(e);
  return rest ? `${oneLine(e.code, 24)} ${rest}` : oneLine(e.code, 24);
}

/** The line without its code: station, carrier, item. */
export const pickupWhere = (e: Omit<PickupEntry, 'code' | 'key'>): string => [oneLine(e.station, 20), oneLine(e.carrier, 8), oneLine(e.item, 10)].filter(Boolean).join(' · ');

/** Station by station (so the shopper walks to each once), then by code. */
export function sortForPickup(entries: readonly PickupEntry[]): PickupEntry[] {
  return [...entries].sort((a, b) => (a.station ?? '').localeCompare(b.station ?? '', 'zh-CN') || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * The QR texts: `header(part, parts, count)` then one line per parcel, each part at most `maxBytes` of UTF-8.
 * A single line longer than that (it cannot be: lines are bounded) would still get a part of its own.
 */
export function qrParts(entries: readonly PickupEntry[], header: (part: number, parts: number, count: number) => string, maxBytes = MAX_QR_BYTES): QrPart[] {
  if (!entries.length) return [];
  // The widest header any part could get (two-digit part numbers), so a part never outgrows its budget once numbered.
  const headBytes = utf8Length(header(99, 99, entries.length)) + 1;
  const groups: PickupEntry[][] = [];
  let group: PickupEntry[] = [];
  let bytes = headBytes;
  for (const e of entries) {
    const n = utf8Length(pickupLine(e)) + 1;
    if (group.length && bytes + n > maxBytes) {
      groups.push(group);
      group = [];
      bytes = headBytes;
    }
    group.push(e);
    bytes += n;
  }
  groups.push(group);
  return groups.map((g, i) => ({ entries: g, text: [header(i + 1, groups.length, entries.length), ...g.map(pickupLine)].join('\n') }));
}

/** The codes a QR text holds, in order (the first word of every line after the header): what a test compares. */
export const codesOf = (text: string): string[] =>
  text
    .split('\n')
    .slice(1)
    .map((l) => l.split(' ')[0]);
