// An after-sale page's texts → the return's state (core/after-sale.ts words), its type, the booked pickup
// window and a promised refund time. Texts come most specific first (a labelled 退款状态 value, the status
// heading, then the rest of the page); the first text that names a state decides it. Pure.
import { isReturnEnded, type AfterSaleKind } from '../../core/after-sale';
import { readAfterSaleKind, readPickupWindow, readRefundDue, readReturnState } from '../../core/after-sale-read';
import type { AfterSaleObservation } from '../../core/model';

/** Longer texts are paragraphs of rules ("如商家同意，请在7天内退货…"), not the page's state. */
const MAX_STATE_TEXT = 60;

export function afterSaleFromTexts(texts: readonly (string | undefined)[], ref: number, kindHint?: string): AfterSaleObservation | undefined {
  const clean = texts.map((t) => (typeof t === 'string' ? t.replace(/\s+/g, ' ').trim() : '')).filter((t) => t.length > 0);
  let state: AfterSaleObservation['state'] | undefined;
  let stateText: string | undefined;
  for (const t of clean) {
    if (t.length > MAX_STATE_TEXT) continue;
    const s = readReturnState(t);
    if (s) {
      state = s;
      stateText = t;
      break;
    }
  }
  if (!state) return undefined;
  const out: AfterSaleObservation = { state, stateText };
  let kind: AfterSaleKind | undefined = readAfterSaleKind(kindHint);
  for (const t of clean) {
    if (kind) break;
    if (t.length <= 20) kind = readAfterSaleKind(t);
  }
  if (kind) out.kind = kind;
  for (const t of clean) {
    if (!out.pickupWindow) {
      const w = readPickupWindow(t, ref);
      if (w) out.pickupWindow = w;
    }
    if (!out.refundDue) {
      const d = readRefundDue(t, ref);
      if (d) out.refundDue = d;
    }
  }
  return out;
}

/** The order status an after-sale implies when the page's words gave none: under way → refunding, refunded → refunded. */
export function orderStatusOfAfterSale(a: AfterSaleObservation | undefined): 'refunding' | 'refunded' | undefined {
  if (!a) return undefined;
  if (a.state === 'refunded') return 'refunded';
  return isReturnEnded(a.state) ? undefined : 'refunding';
}
