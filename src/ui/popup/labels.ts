import { carrierById, carrierDisplayName } from '../../core/carriers';
import { UNKNOWN_CARRIER } from '../../core/model';
import { lang, t } from '../../shared/i18n';

export { lang };

/** The registry's name of a known carrier (so rows and chips agree), else the page's own name. */
export function carrierLabel(id: string, pageName?: string): string {
  if (carrierById(id)) return carrierDisplayName(id, lang());
  return pageName ?? (id === UNKNOWN_CARRIER ? t('carrierUnknown') : id);
}
