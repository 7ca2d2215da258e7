// Item fields shared by the list and detail parsers.
import { firstStr, isRec, recs, str } from './values';

/** SKU text from the list ([{name,value}]), detail ([{content:[{value:{name,value}}]}]) or Tmall ([{key,content:[{text}]}]) shapes. */
export function skuText(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v);
  const pairs: string[] = [];
  skuPairs(v, 0, pairs);
  return pairs.length ? pairs.join('；') : undefined;
}

// A plain recursive function (no closure per call: this runs for every item of every list).
function skuPairs(x: unknown, depth: number, pairs: string[]): void {
  if (depth > 5) return;
  if (Array.isArray(x)) {
    for (const y of x) skuPairs(y, depth + 1, pairs);
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
    skuPairs(x.content, depth + 1, pairs);
    skuPairs(x.value, depth + 1, pairs);
  }
}

/** Titles are kept exactly as given (HTML-looking text stays text); only blank ones are dropped. */
export const titleOf = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
