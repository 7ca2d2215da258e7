// Localized labels for statuses, platforms, directions and carriers (options page and CSV export).
import { carrierDisplayName } from '../../core/carriers';
import { CSV_COLUMNS, type CsvColumn, type CsvLabels } from '../../core/export-csv';
import { UNKNOWN_CARRIER, type Direction, type OrderStatus, type Platform, type ShownStatus } from '../../core/model';
import { lang, t } from '../../shared/i18n';

export const platformLabel = (p: Platform) => t(`optPlatform_${p}`);
export const parcelStatusLabel = (s: ShownStatus) => t(`optParcelStatus_${s}`);
export const orderStatusLabel = (s: OrderStatus) => t(`optOrderStatus_${s}`);
export const directionLabel = (d: Direction) => t(`optDirection_${d}`);
export const carrierLabel = (id: string, pageName?: string) =>
  lang() === 'zh' && pageName ? pageName : id === UNKNOWN_CARRIER ? (pageName ?? '?') : carrierDisplayName(id, lang());

export function csvLabels(): CsvLabels {
  return {
    headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(`optCol_${c}`)])) as Record<CsvColumn, string>,
    platform: platformLabel,
    direction: directionLabel,
    parcelStatus: parcelStatusLabel,
    orderStatus: orderStatusLabel,
    carrier: (id) => carrierLabel(id),
  };
}
