// Read-only DOM helpers for the fallbacks. They never modify the page and never use innerHTML.
import { LABELS, SELECTORS, TEXT_PATTERNS } from './selectors';
import { trackingNo } from './values';

export function scriptTexts(doc: Document): string[] {
  return [...doc.querySelectorAll(SELECTORS.scripts)].map((s) => s.textContent ?? '').filter((t) => t.length > 0);
}

/** Text a shopper sees: text nodes outside script/style, joined by spaces. */
export function visibleText(root: Node | null | undefined, max = 2_000_000): string {
  if (!root) return '';
  const parts: string[] = [];
  let size = 0;
  const stack: Node[] = [root];
  while (stack.length && size < max) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      if (t.trim()) {
        parts.push(t.trim());
        size += t.length;
      }
      continue;
    }
    if (node.nodeType === 1 && (SELECTORS.skip as readonly string[]).includes((node as Element).tagName.toUpperCase())) continue;
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return parts.join(' ');
}

/**
 * What a captcha or login-redirect page shows: title, visible text and (short) inline scripts, where
 * redirects live. Only consulted when a page yielded no order data, so product titles cannot trip it.
 */
export function pageRiskText(doc: Document): string {
  const scripts = scriptTexts(doc).map((t) => t.slice(0, 4000));
  return [doc.title, visibleText(doc.body, 200_000), ...scripts].join('\n');
}

const normLabel = (s: string | null | undefined) => (s ?? '').replace(/[\s:：]/g, '');

export type LabelKind = keyof typeof LABELS;

/** Label kind of a cell's text ("物流公司：" → 'carrier'), or undefined. */
export function labelKind(text: string | null | undefined): LabelKind | undefined {
  const t = normLabel(text);
  if (!t || t.length > 12) return undefined;
  for (const kind of Object.keys(LABELS) as LabelKind[]) {
    if ((LABELS[kind] as readonly string[]).includes(t)) return kind;
  }
  return undefined;
}

export interface LabelPair {
  kind: LabelKind;
  value: string;
}

/** Label cells and the text of the element right after each, in document order. */
export function labelPairs(root: ParentNode, selector: string): LabelPair[] {
  const out: LabelPair[] = [];
  for (const el of root.querySelectorAll(selector)) {
    if (el.children.length > 2) continue; // a container, not a label
    const kind = labelKind(el.textContent);
    if (!kind) continue;
    const value = visibleText(el.nextElementSibling).trim();
    if (value) out.push({ kind, value });
  }
  return out;
}

export interface Waybill {
  carrierName?: string;
  trackingNo: string;
}

/** Pair carriers with the tracking numbers that follow them (one carrier may precede one number). */
export function waybillsFromPairs(pairs: LabelPair[]): Waybill[] {
  const out: Waybill[] = [];
  let carrier: string | undefined;
  for (const p of pairs) {
    if (p.kind === 'carrier') carrier = p.value.split(/\s+/)[0];
    else if (p.kind === 'trackingNo') {
      const no = trackingNo(p.value.split(/\s+/)[0]);
      if (no) out.push(carrier ? { carrierName: carrier, trackingNo: no } : { trackingNo: no });
      carrier = undefined;
    }
  }
  return out;
}

/** Last resort: "物流公司：中通快递 运单号：73…" written inline in the page text. */
export function waybillsFromText(text: string): Waybill[] {
  const out: Waybill[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(TEXT_PATTERNS.carrierThenNumber)) {
    const no = trackingNo(m[2]);
    if (no && !seen.has(no)) {
      seen.add(no);
      out.push({ carrierName: m[1], trackingNo: no });
    }
  }
  for (const m of text.matchAll(TEXT_PATTERNS.numberOnly)) {
    const no = trackingNo(m[1]);
    if (no && !seen.has(no)) {
      seen.add(no);
      out.push({ trackingNo: no });
    }
  }
  return out;
}

export function orderIdsFromText(text: string): string[] {
  return [...new Set([...text.matchAll(TEXT_PATTERNS.orderId)].map((m) => m[1]))];
}
