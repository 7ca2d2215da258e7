// Item fields shared by the list and detail parsers.
import { firstStr, isRec, recs, str } from './values';

/** SKU text from the list ([{name,value}]), detail ([{content:[{value:{name,value}}]}]) or Tmall ([{key,content:[{text}]}]) shapes. */
export function skuText(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v);
  const pairs: string[] = [];
  const visit = (x: unknown, depth: number) => {
    if (depth > 5) return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y, depth + 1);
      return;
    }
    if (!isRec(x)) return;
    const name = firstStr(x.name, x.key)?.replace(/[:：]\s*$/, '');
    if (name && typeof x.value === 'string' && x.value.trim()) {
      pairs.push(`${name}：${x.value.trim()}`);
    } else if (name && Array.isArray(x.content)) {
      const texts = recs(x.content).map((c) => str(c.text)).filter(Boolean);
      if (texts.length) pairs.push(`${name}：${texts.join(' ')}`);
    } else {
      visit(x.content, depth + 1);
      visit(x.value, depth + 1);
    }
  };
  visit(v, 0);
  return pairs.length ? pairs.join('；') : undefined;
}

/** Titles are kept exactly as given (HTML-looking text stays text); only blank ones are dropped. */
export const titleOf = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
