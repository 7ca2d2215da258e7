// The delivery service an order promises (京准达, 211限时达, 送货上门, 极速达 …, issue #16) where a page shows it as
// a tag or a labelled line next to the order, for parsers that read named fields (JD, Pinduoduo). No public source
// documents the field names these pages give such tags, so this reads what the page shows: strings under keys
// that name a tag, label, icon or service, and "配送方式：…" lines. Never an item's own text (a title may say
// 送货上门 of an installation), never an address or a person; the words are judged by core readDeliveryService.
import type { DeliveryService } from '../../core/after-sale';
import { serviceFrom } from '../../core/after-sale-read';
import { isObj } from './keys';
import { ownKey } from './own-key';

const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
/** Keys whose strings are shown as tags or labels beside the order. */
const TAG_KEY_RE = /tag|label|icon|badge|service|deliver|shipment|shiptype|expresstype|promise/;
/** Containers never read: items (titles, specs), people and places, after-sales (their own texts). */
const SKIP_KEY_RE = /goods|ware|sku|item|product|address|receiver|consignee|mobile|phone|tel$|contact|refund|aftersale|comment|remark|memo/;
const MAX_TAG_LEN = 40;

/** A key's kind, remembered per key (every order repeats the same keys): -1 skipped, 1 a tag key, 0 neither. */
const KEY_KINDS = new Map<string, number>();
function keyKind(k: string): number {
  let kind = KEY_KINDS.get(k);
  if (kind === undefined) {
    const n = norm(k);
    kind = SKIP_KEY_RE.test(n) ? -1 : TAG_KEY_RE.test(n) ? 1 : 0;
    if (KEY_KINDS.size >= 2_000) KEY_KINDS.clear();
    KEY_KINDS.set(k, kind);
  }
  return kind;
}

interface TagWalk {
  texts: string[];
  budget: number;
}

// A plain recursive function over a state object (no closure per order: this runs for every order of a list).
function walkTags(v: unknown, depth: number, inTag: boolean, w: TagWalk): void {
  if (typeof v === 'string') {
    if (inTag && v.length <= MAX_TAG_LEN) w.texts.push(v);
    return;
  }
  if (depth > 4 || w.budget-- <= 0 || w.texts.length > 100) return;
  if (Array.isArray(v)) {
    const n = v.length < 30 ? v.length : 30;
    for (let i = 0; i < n; i++) walkTags(v[i], depth + 1, inTag, w);
    return;
  }
  if (!isObj(v)) return;
  let count = 0;
  for (const k in v) {
    if (!ownKey(v, k)) continue;
    if (count++ >= 200) break;
    const kind = keyKind(k);
    if (kind < 0) continue;
    walkTags(v[k], depth + 1, inTag || kind === 1, w);
  }
}

/** The service among the tag and label strings of one order object (JSON), or undefined. */
export function serviceOfTags(order: unknown): DeliveryService | undefined {
  const w: TagWalk = { texts: [], budget: 1_000 };
  walkTags(order, 0, false, w);
  return serviceFrom(w.texts);
}

/** Labels of a delivery service line on a page ("配送方式：京准达"). */
const SERVICE_LABEL_RE = /^\s*(?:配送方式|配送服务|送货方式|送货服务|配送类型|送货时间)\s*[:：]\s*(.*)$/;

/** The service a page's labelled lines name ("配送方式：京准达", or the label and its value in two elements). Text
 * nodes only, in document order. */
export function serviceOfLabels(root: Element): DeliveryService | undefined {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: string[] = [];
  let want = false;
  let seen = 0;
  for (let n = walker.nextNode(); n && seen < 5_000; n = walker.nextNode(), seen++) {
    const t = (n.textContent ?? '').trim();
    if (!t) continue;
    const m = SERVICE_LABEL_RE.exec(t);
    if (m) {
      if (m[1].trim()) texts.push(m[1].trim());
      want = !m[1].trim();
    } else if (want) {
      texts.push(t);
      want = false;
    }
  }
  return serviceFrom(texts);
}
