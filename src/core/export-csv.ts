// CSV export for Excel (pure). One row per parcel × order, one row per order without parcels, and one row per
// parcel without orders. UTF-8 with a BOM (Excel otherwise reads the file as GBK/ANSI and garbles 中文), CRLF
// line ends, a header row in the UI language.
//
// Long numbers as text: order ids (19 digits) and tracking numbers would be turned into 4.9E+18 by Excel and
// lose digits for good. We prefix them with a TAB, not ="…": a leading tab makes Excel treat the cell as text,
// while every other reader (Numbers, LibreOffice, pandas, a text editor) still sees the plain value with
// leading whitespace that trims away. ="…" instead leaves a literal formula in the data for non-Excel readers
// and is itself a formula, which the injection guard below is meant to keep out of the file.
//
// Formula injection: free text from shops (shop name, item titles, event texts) is data from a web page. A
// cell starting with = + - @ (or a tab / CR, which Excel also strips before evaluating) is prefixed with ' so
// Excel shows it instead of evaluating it (OWASP CSV injection advice).
import Papa from 'papaparse';
import { shownStatus, type Direction, type OrderRecord, type OrderStatus, type ParcelRecord, type Platform, type ShownStatus } from './model';

export const CSV_COLUMNS = [
  'platform',
  'orderId',
  'orderTime',
  'shop',
  'items',
  'amount',
  'carrier',
  'trackingNo',
  'direction',
  'status',
  'lastEvent',
  'lastEventTime',
  'pickupCode',
  'deliveredAt',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvLabels {
  headers: Record<CsvColumn, string>;
  platform?: (p: Platform) => string;
  direction?: (d: Direction) => string;
  parcelStatus?: (s: ShownStatus) => string;
  orderStatus?: (s: OrderStatus) => string;
  /** Carrier display name for a carrier id (fallback when the record has no carrierName). */
  carrier?: (id: string) => string;
}

export interface CsvOptions {
  /** Formats a time (ms since epoch); defaults to local "YYYY-MM-DD HH:mm". */
  formatTime?: (ms: number) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const localDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
export const localDateTime = (ms: number): string => {
  const d = new Date(ms);
  return `${localDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** parcel-hub-2026-11-22.csv (local date). */
export const exportFileName = (now: number, ext: 'csv' | 'json', stem = 'parcel-hub'): string => `${stem}-${localDate(now)}.${ext}`;

/** Neutralize a cell that a spreadsheet would evaluate as a formula. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Keep a long number as text in Excel (see the file comment). Empty stays empty. */
export const asText = (value: string): string => (value ? `\t${value}` : '');

/** 分 → "12.34" (元). */
export const formatYuan = (fen: number | undefined): string =>
  fen === undefined || !Number.isFinite(fen) ? '' : `${Math.trunc(fen / 100)}.${pad(Math.abs(fen % 100))}`;

const itemsText = (o: OrderRecord): string =>
  o.items.map((i) => (i.quantity && i.quantity > 1 ? `${i.title}${i.sku ? ` (${i.sku})` : ''} ×${i.quantity}` : `${i.title}${i.sku ? ` (${i.sku})` : ''}`)).join('; ');

/** The data rows (no header), newest first. Cells are plain strings before CSV quoting. */
export function csvRows(orders: readonly OrderRecord[], parcels: readonly ParcelRecord[], labels: CsvLabels, opts: CsvOptions = {}): string[][] {
  const fmt = opts.formatTime ?? localDateTime;
  const time = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '' : fmt(ms));
  const byKey = new Map(orders.map((o) => [o.key, o]));
  const rows: { sort: number; cells: Record<CsvColumn, string> }[] = [];

  const orderCells = (o: OrderRecord | undefined, platformKey?: string) => ({
    platform: o ? (labels.platform?.(o.platform) ?? o.platform) : platformKey ? (labels.platform?.(platformKey as Platform) ?? platformKey) : '',
    orderId: o ? asText(neutralizeFormula(o.orderId)) : '',
    orderTime: time(o?.createdAt ?? o?.paidAt),
    shop: o?.shopName ?? '',
    items: o ? itemsText(o) : '',
    amount: formatYuan(o?.amount),
  });
  const parcelCells = (p: ParcelRecord) => ({
    carrier: p.carrierName ?? labels.carrier?.(p.carrier) ?? p.carrier,
    trackingNo: asText(neutralizeFormula(p.trackingNo)),
    direction: labels.direction?.(p.direction) ?? p.direction,
    status: labels.parcelStatus?.(shownStatus(p)) ?? shownStatus(p),
    lastEvent: p.latestEvent?.text ?? '',
    lastEventTime: time(p.latestEvent?.time),
    pickupCode: p.pickupCode ?? '',
    deliveredAt: time(p.deliveredAt),
  });
  const noParcel = (o: OrderRecord) => ({
    carrier: '',
    trackingNo: '',
    direction: '',
    status: labels.orderStatus?.(o.status) ?? o.status,
    lastEvent: '',
    lastEventTime: '',
    pickupCode: '',
    deliveredAt: '',
  });

  const withParcels = new Set<string>();
  for (const p of parcels) {
    const keys = p.orderKeys.length ? p.orderKeys : [undefined];
    for (const k of keys) {
      const o = k ? byKey.get(k) : undefined;
      if (o) withParcels.add(o.key);
      const cells = { ...orderCells(o, k?.slice(0, k.indexOf(':'))), ...parcelCells(p) };
      if (!o && k) cells.orderId = asText(neutralizeFormula(k.slice(k.indexOf(':') + 1)));
      rows.push({ sort: o?.createdAt ?? o?.paidAt ?? p.firstSeen, cells });
    }
  }
  for (const o of orders) {
    if (withParcels.has(o.key)) continue;
    rows.push({ sort: o.createdAt ?? o.paidAt ?? o.firstSeen, cells: { ...orderCells(o), ...noParcel(o) } });
  }
  rows.sort((a, b) => b.sort - a.sort);
  // Id columns were neutralised inside their text marker (asText(neutralizeFormula(id))); every other column here.
  return rows.map((r) => CSV_COLUMNS.map((c) => (c === 'orderId' || c === 'trackingNo' ? r.cells[c] : neutralizeFormula(r.cells[c]))));
}

/** The whole file: BOM + header + rows, CRLF. */
export function toCsv(orders: readonly OrderRecord[], parcels: readonly ParcelRecord[], labels: CsvLabels, opts: CsvOptions = {}): string {
  const header = CSV_COLUMNS.map((c) => neutralizeFormula(labels.headers[c]));
  const body = Papa.unparse([header, ...csvRows(orders, parcels, labels, opts)], { newline: '\r\n', escapeFormulae: false });
  return `\uFEFF${body}\r\n`;
}
