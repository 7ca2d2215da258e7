// DOM fallback for order detail / logistics pages that render "快递公司：中通快递" and "运单号：7310…" as text.
// Reads text nodes only (never innerHTML), in document order, so the same code handles a label and value in
// one element, sibling elements, dt/dd, td.label + td and "中通快递 7310…" on one line.
import type { Direction } from '../../core/model';
import { resolveCarrierName } from '../../core/carriers';

export interface LabelledParcel {
  /** As read from the page; the caller validates it against the carrier rules. */
  trackingNo: string;
  carrierName?: string;
  /** Nearest 订单号 before the parcel (or the page's only 订单号). */
  orderId?: string;
  pickupCode?: string;
  direction?: Direction;
}

export interface LabelledPairs {
  /** Every 订单号/订单编号 found, in page order, de-duplicated. */
  orderIds: string[];
  parcels: LabelledParcel[];
  /** Raw texts of order-level labels; the caller parses them (dates, money, status words). */
  orderFields: { statusText?: string; createdText?: string; amountText?: string };
}

type LabelKind = 'tracking' | 'carrier' | 'order' | 'pickup' | 'status' | 'created' | 'amount';

// Label words as data. Longer labels first: alternation takes the first alternative that matches.
const LABELS: readonly { kind: LabelKind; words: readonly string[]; ret?: boolean }[] = [
  { kind: 'tracking', words: ['退货运单号', '退货快递单号', '退货物流单号', '退货单号', '退回单号'], ret: true },
  { kind: 'carrier', words: ['退货快递公司', '退货物流公司'], ret: true },
  { kind: 'tracking', words: ['运单号码', '运单编号', '货运单号', '运单号', '快递单号码', '快递单号', '物流单号', '包裹单号', '快递单编号'] },
  {
    kind: 'carrier',
    words: ['快递公司', '物流公司', '承运公司', '配送公司', '快递服务商', '物流服务商', '承运快递', '承运商', '承运人', '承运来源'],
  },
  { kind: 'order', words: ['订单编号', '订单号码', '订单号', '主订单号'] },
  { kind: 'pickup', words: ['取件码', '取货码', '提货码'] },
  { kind: 'status', words: ['订单状态', '交易状态'] },
  { kind: 'created', words: ['下单时间', '创建时间', '订单时间'] },
  { kind: 'amount', words: ['实付款', '实付金额', '实付'] },
];

const LABEL_BY_WORD = new Map<string, { kind: LabelKind; ret: boolean }>();
for (const l of LABELS) for (const w of l.words) LABEL_BY_WORD.set(w, { kind: l.kind, ret: !!l.ret });
const LABEL_RE = new RegExp(`(${[...LABEL_BY_WORD.keys()].join('|')})\\s*[:：]?`, 'g');

/** Buttons and separators that sit between a label and its value. */
const NOISE_RE = /^(?:复制|复制单号|查看|查看物流|copy|展开|收起|更多|[:：|｜/-])$/i;
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'TEXTAREA', 'SELECT']);
const MAX_CELLS = 20_000;
const MAX_NODES = 100_000;

const TRACKING_VALUE_RE = /^[A-Za-z]{0,4}\d[A-Za-z0-9]{5,39}/;
const ORDER_VALUE_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{5,63}/;
const CARRIER_VALUE_RE = /^[\u4e00-\u9fa5A-Za-z&·()（）]{2,20}$/;
/** "中通快递 73100059800035" / "中通快递：7310…" with no label in front. */
const ONE_LINE_RE = /^([\u4e00-\u9fa5A-Za-z&·()（）]{2,16}?)\s*[:：]?\s*([A-Za-z]{0,4}\d[A-Za-z0-9]{7,30})$/;

// Pickup codes (carriers.md §4.2): shelf-layer-serial dashes, 4–8 digits (lockers), letter-led codes.
const CODE = '([A-Za-z]?\\d{1,3}(?:-\\d{1,5}){1,3}|[A-Za-z]?\\d{4,8}|[A-Za-z]\\d{1,3}-\\d{1,4})';
const PICKUP_KEYWORD_RE = new RegExp(`(?:取件码|取货码|提货码|取件号|提货号)\\s*(?:为|是)?\\s*[:：]?\\s*[“"『「【(（]?\\s*${CODE}`);
const PICKUP_BY_RE = new RegExp(`凭\\s*(?:取件码|取货码)?\\s*[“"『「【]?\\s*${CODE}\\s*[”"』」】]?\\s*(?:到|至|来|取|领|及时)`);
const VERIFY_RE = /验证码|动态码|校验码/;

/** A pickup code (取件码) in a free text such as an event line, or undefined. */
export function findPickupCode(text: string): string | undefined {
  if (!text || VERIFY_RE.test(text)) return undefined;
  const m = PICKUP_KEYWORD_RE.exec(text) ?? PICKUP_BY_RE.exec(text);
  return m ? m[1].toUpperCase() : undefined;
}

function collectCells(root: ParentNode): string[] {
  const cells: string[] = [];
  // Explicit stack instead of recursion: order pages can be deeply nested.
  const stack: Node[] = Array.from(root.childNodes).reverse();
  let visited = 0;
  while (stack.length && cells.length < MAX_CELLS && visited++ < MAX_NODES) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) {
      const t = (node.textContent ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
      if (t) cells.push(t);
    } else if (node.nodeType === 1) {
      if (SKIP_TAGS.has((node as Element).tagName.toUpperCase())) continue;
      const kids = node.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return cells;
}

interface Token {
  label?: { kind: LabelKind; ret: boolean };
  value: string;
  used?: boolean;
}

/** Split each cell at label words so "物流公司：中通快递 运单号：7310…" gives two labelled tokens. */
function tokenize(cells: string[]): Token[] {
  const tokens: Token[] = [];
  for (const cell of cells) {
    LABEL_RE.lastIndex = 0;
    let last = 0;
    let current: Token | undefined;
    for (let m = LABEL_RE.exec(cell); m; m = LABEL_RE.exec(cell)) {
      const before = cell.slice(last, m.index).trim();
      if (current) current.value = before;
      else if (before) tokens.push({ value: before });
      current = { label: LABEL_BY_WORD.get(m[1]), value: '' };
      tokens.push(current);
      last = m.index + m[0].length;
    }
    const rest = cell.slice(last).trim();
    if (current) current.value = rest;
    else if (rest) tokens.push({ value: rest });
  }
  return tokens;
}

/** The label's value: inline, or the next plain token (skipping copy buttons and separators). */
function valueOf(tokens: Token[], i: number): string {
  const own = tokens[i].value.trim();
  if (own && !NOISE_RE.test(own)) return own;
  for (let j = i + 1; j < tokens.length && j <= i + 3; j++) {
    const t = tokens[j];
    if (t.label) return '';
    if (NOISE_RE.test(t.value)) continue;
    t.used = true;
    return t.value.trim();
  }
  return '';
}

const compact = (s: string) => s.replace(/[\s\u200b]/g, '');
const trackingValue = (s: string) => TRACKING_VALUE_RE.exec(compact(s))?.[0];
const carrierValue = (s: string) => {
  const v = s.replace(/(?:复制|查看物流|查看)$/u, '').trim();
  return CARRIER_VALUE_RE.test(v) ? v : undefined;
};
const isCarrierName = (name: string) => {
  try {
    return resolveCarrierName(name)?.kind === 'carrier';
  } catch {
    return false;
  }
};

type Entry =
  | { kind: 'tracking'; value: string; ret: boolean }
  | { kind: 'carrier'; value: string; ret: boolean }
  | { kind: 'order'; value: string }
  | { kind: 'pickup'; value: string };

/** Labelled carrier / tracking-number / order-id / pickup-code pairs on a page, in page order. */
export function extractLabelledPairs(root: ParentNode): LabelledPairs {
  const result: LabelledPairs = { orderIds: [], parcels: [], orderFields: {} };
  const tokens = tokenize(collectCells(root));
  const entries: Entry[] = [];
  const fields = result.orderFields;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.used) continue;
    if (!tok.label) {
      const one = ONE_LINE_RE.exec(tok.value);
      if (one && isCarrierName(one[1])) {
        entries.push({ kind: 'carrier', value: one[1], ret: false });
        entries.push({ kind: 'tracking', value: one[2], ret: false });
        continue;
      }
      const code = findPickupCode(tok.value);
      if (code) entries.push({ kind: 'pickup', value: code });
      continue;
    }
    const value = valueOf(tokens, i);
    if (!value) continue;
    const { kind, ret } = tok.label;
    if (kind === 'tracking') {
      const no = trackingValue(value);
      if (no) entries.push({ kind, value: no, ret });
    } else if (kind === 'carrier') {
      // "物流公司：中通快递 7310…" — a number right after the name belongs to it.
      const one = ONE_LINE_RE.exec(value);
      if (one) {
        entries.push({ kind, value: one[1], ret }, { kind: 'tracking', value: one[2], ret });
      } else {
        const name = carrierValue(value);
        if (name) entries.push({ kind, value: name, ret });
      }
    } else if (kind === 'order') {
      const id = ORDER_VALUE_RE.exec(compact(value))?.[0];
      if (id) entries.push({ kind, value: id });
    } else if (kind === 'pickup') {
      const code = findPickupCode(`取件码${value}`);
      if (code) entries.push({ kind, value: code });
    } else if (kind === 'status') fields.statusText ??= value.slice(0, 30);
    else if (kind === 'created') fields.createdText ??= value.slice(0, 40);
    else if (kind === 'amount') fields.amountText ??= value.slice(0, 30);
  }

  // Pair each number with the carrier just before it, else the next carrier before the next number.
  let pendingCarrier: string | undefined;
  let pendingPickup: string | undefined;
  let currentOrder: string | undefined;
  const consumed = new Set<number>();
  const seen = new Map<string, LabelledParcel>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.kind === 'order') {
      currentOrder = e.value;
      if (!result.orderIds.includes(e.value)) result.orderIds.push(e.value);
    } else if (e.kind === 'carrier') {
      if (!consumed.has(i)) pendingCarrier = e.value;
    } else if (e.kind === 'pickup') {
      const last = result.parcels[result.parcels.length - 1];
      if (last && !last.pickupCode) last.pickupCode = e.value;
      else pendingPickup ??= e.value;
    } else {
      let carrier = pendingCarrier;
      pendingCarrier = undefined;
      if (!carrier) {
        // Number-first layout ("运单号：… 快递公司：…"): take the next carrier, unless it is the one printed
        // right before the next number (carrier-first layout, where it belongs to that number).
        const j = entries.findIndex((n, k) => k > i && n.kind === 'carrier');
        const next = entries.findIndex((n, k) => k > i && n.kind === 'tracking');
        const ownsNext = next >= 0 && j < next && !entries.slice(j + 1, next).some((n) => n.kind === 'carrier');
        if (j > i && (next < 0 || j < next) && !ownsNext) {
          carrier = entries[j].value;
          consumed.add(j);
        }
      }
      const key = compact(e.value).toUpperCase();
      const existing = seen.get(key);
      if (existing) {
        existing.carrierName ??= carrier;
        continue;
      }
      const parcel: LabelledParcel = { trackingNo: e.value };
      if (carrier) parcel.carrierName = carrier;
      if (currentOrder) parcel.orderId = currentOrder;
      if (pendingPickup) parcel.pickupCode = pendingPickup;
      if (e.ret) parcel.direction = 'return';
      pendingPickup = undefined;
      seen.set(key, parcel);
      result.parcels.push(parcel);
    }
  }
  // A page with one order id: every parcel on it belongs to that order, wherever the id is printed.
  if (result.orderIds.length === 1) for (const p of result.parcels) p.orderId ??= result.orderIds[0];
  return result;
}
