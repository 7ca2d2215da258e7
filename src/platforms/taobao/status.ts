// Order status from Taobao's own trade-status codes and texts. Deliberately local and small: only what
// Taobao/Tmall pages say about their own orders (the cross-platform status words live in core/status.ts).
import type { OrderStatus } from '../../core/model';
import { readOrderStatus } from '../../core/status';

const CODES: Record<string, OrderStatus> = {
  WAIT_BUYER_PAY: 'unpaid',
  TRADE_NO_CREATE_PAY: 'unpaid',
  PAY_PENDING: 'unpaid',
  WAIT_SELLER_SEND_GOODS: 'unshipped',
  SELLER_CONSIGNED_PART: 'shipped',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_BUYER_SIGNED: 'shipped',
  TRADE_FINISHED: 'completed',
  TRADE_SUCCESS: 'completed',
  TRADE_CLOSED: 'cancelled',
  TRADE_CLOSED_BY_TAOBAO: 'cancelled',
};

export function statusFromCode(code: string | undefined): OrderStatus | undefined {
  return code ? CODES[code.trim().toUpperCase()] : undefined;
}

/** Status words are the one cross-platform table in core/status.ts; Taobao adds only its codes above. */
export const statusFromText = (text: string | undefined): OrderStatus | undefined => readOrderStatus(text);

/** Refund state a sub-order line shows ("退款中", "退款成功"), or undefined. */
export function refundFromText(text: string | undefined): 'refunding' | 'refunded' | undefined {
  if (!text) return undefined;
  if (/退款成功|退款完成|退款完毕|已退款/.test(text)) return 'refunded';
  if (/退款中|退款处理中|售后处理中|退货中|请退货|等待卖家确认收货|等待卖家同意/.test(text)) return 'refunding';
  return undefined;
}

/** The strongest refund state among a sub-order's texts: still refunding beats already refunded. */
export function refundOf(texts: (string | undefined)[]): 'refunding' | 'refunded' | undefined {
  const found = texts.map(refundFromText);
  return found.includes('refunding') ? 'refunding' : found.includes('refunded') ? 'refunded' : undefined;
}

/**
 * The order's status: the trade code wins over the text; then sub-order refunds adjust it. Any sub-order
 * still refunding makes the order refunding; all sub-orders refunded (or refunded and the trade closed)
 * make it refunded; a partial refund on an otherwise finished order leaves the trade state alone.
 */
export function resolveStatus(
  code: string | undefined,
  text: string | undefined,
  subRefunds: ('refunding' | 'refunded' | undefined)[],
): OrderStatus | undefined {
  const base = statusFromCode(code) ?? statusFromText(text);
  if (subRefunds.includes('refunding')) return 'refunding';
  const refunded = subRefunds.filter((r) => r === 'refunded').length;
  if (refunded && (refunded === subRefunds.length || base === 'cancelled' || base === undefined)) return 'refunded';
  return base;
}

/** Boilerplate around detail-page status lines: "当前订单状态：卖家已发货，请查看…" → "卖家已发货". */
export function cleanStatusText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let t = text.replace(/^\s*(?:当前)?订单状态\s*[:：]\s*/, '');
  const cut = t.search(/[，,。]/);
  if (cut > 0) t = t.slice(0, cut);
  t = t.trim().slice(0, 100);
  return t || undefined;
}
