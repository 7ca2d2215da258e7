// Taobao / Tmall refund pages (refund2.taobao.com, refund2.tmall.com /dispute/…) carry their content as an
// "ultron" page model assigned in a script: `var disputeData = {data: {<component key>: {tag, bizName, fields}},
// hierarchy, linkage}`. Sources (public code; field names only):
// - detail.htm?disputeId=… / ?bizOrderId=…&disputeType=1: `chan3256995/vueproject` vue/tb_zhu_shou_plug/js/tbapi.js
//   reads `disputeData.data`: `logisticsDetail_*` {trackingNum, companyName} is the order's own (forward) parcel,
//   `logistics_*` {trackingNum, company, latestMsg, latestTime} the return parcel, `negotiationInfoItem_*`
//   {info}. A whole captured model (public code, seller view of the same page) adds `processBarContainer_*`
//   {steps[{title, type: done|doing|todo}]}, `orderDetailRows_*` / `refundDetailRows_*` {title, valueOptions[{text,
//   linkUrl}]} ("订单编号", "退款编号", "退款金额", "原因", "要求"), `negotiationInfoItem_*` {time, info}.
// - buyerDisputeList.htm?type=1&disputeType=1 (the shopper's own list): `*ListGrid*` components, `disputeHeader`
//   {numbers[{value}]: order number, refund number} and `disputeBody` {options[{title: {name, linkUrl}}]: amount,
//   time, type, status ("退款成功<br/>…"), detail link} paired by the id before "@" (public buyer tool code).
// Which texts a buyer's page shows in each state is not in those sources: state words go through
// core/after-sale-read.ts like every other page. Pure.
import { isRec, recs, str, stripTags, trackingNo, type Rec } from './values';

export interface DisputeParcel {
  trackingNo: string;
  carrierName?: string;
}

/** One refund as a detail page describes it. */
export interface DisputeDetail {
  orderId?: string;
  /** "要求" / "退款类型" / "服务类型": 仅退款, 退货退款, 换货. */
  kindText?: string;
  /** Texts that may name the state, most specific first (labelled status, process bar, newest negotiation line). */
  stateTexts: string[];
  /** Every line of the page model's messages and rows, for the pickup window and a promised refund. */
  lines: string[];
  /** The shopper's parcel back to the seller. */
  returnParcels: DisputeParcel[];
  /** The order's own parcel to the shopper (shown for reference on the refund page). */
  forwardParcels: DisputeParcel[];
}

/** One row of the buyer's refund list. */
export interface DisputeListRow {
  orderId: string;
  statusText?: string;
  typeText?: string;
}

const ID_RE = /^\d{6,25}$/;
const KIND_TITLES = /^(?:要求|退款类型|售后类型|服务类型|申请类型)$/;
const STATUS_TITLES = /^(?:退款状态|售后状态|状态)$/;

/** `disputeData.data` when the value is an ultron page model (components with tag / fields), else undefined. */
export function ultronComponents(root: unknown): Map<string, Rec> | undefined {
  const data = isRec(root) ? (isRec(root.data) ? root.data : isRec(root.resultData) && isRec(root.resultData.data) ? root.resultData.data : undefined) : undefined;
  if (!data) return undefined;
  const out = new Map<string, Rec>();
  for (const [k, v] of Object.entries(data)) if (isRec(v) && isRec(v.fields)) out.set(k, v);
  return out.size ? out : undefined;
}

const tagOf = (key: string, c: Rec) => str(c.tag) ?? key.split('_')[0];
const rowValue = (fields: Rec) => recs(fields.valueOptions).map((o) => str(o.text)).find((t) => t !== undefined);

function parcelOf(no: unknown, carrier: unknown): DisputeParcel | undefined {
  const n = trackingNo(no);
  if (!n) return undefined;
  const name = str(carrier);
  return name ? { trackingNo: n, carrierName: name } : { trackingNo: n };
}

/** The first line of a negotiation message, without the shopper's nick in brackets ("买家(tb…)于…创建了退款申请"). */
const firstLine = (info: string) => info.split('\n')[0].replace(/[(（][^()（）\n]{1,40}[)）]/g, '').trim();

export function readDisputeDetail(components: Map<string, Rec>): DisputeDetail {
  const out: DisputeDetail = { stateTexts: [], lines: [], returnParcels: [], forwardParcels: [] };
  const labelled: string[] = [];
  const bar: { doing?: string; lastDone?: string } = {};
  const messages: { time: string; info: string }[] = [];
  for (const [key, c] of components) {
    const tag = tagOf(key, c);
    const f = c.fields as Rec;
    if (tag === 'logisticsDetail') {
      const p = parcelOf(f.trackingNum, f.companyName);
      if (p) out.forwardParcels.push(p);
    } else if (tag === 'logistics' || /^logistics_/.test(key)) {
      const p = parcelOf(f.trackingNum, f.company ?? f.companyName);
      if (p) out.returnParcels.push(p);
      const latest = str(f.latestMsg);
      if (latest) out.lines.push(latest);
    } else if (tag === 'processBarContainer' || str(c.type) === 'processBar') {
      for (const s of recs(f.steps)) {
        const title = str(s.title);
        if (!title) continue;
        if (s.type === 'doing') bar.doing ??= title;
        else if (s.type === 'done') bar.lastDone = title;
      }
    } else if (tag === 'negotiationInfoItem' || str(c.type) === 'negotiationInfo') {
      const info = str(f.info);
      if (info) messages.push({ time: str(f.time) ?? '', info });
    } else if (str(c.type) === 'orderDetailRow') {
      const title = str(f.title)?.replace(/[:：\s]/g, '');
      const value = rowValue(f);
      if (!title || !value) continue;
      if (title === '订单编号' && ID_RE.test(value)) out.orderId ??= value;
      else if (KIND_TITLES.test(title)) out.kindText ??= value;
      else if (STATUS_TITLES.test(title)) labelled.push(value);
      out.lines.push(`${title}：${value}`);
    } else if (/status/i.test(tag)) {
      for (const t of [f.title, f.text, f.value]) {
        const s = str(t);
        if (s) labelled.push(s);
      }
    } else if (str(c.type) === 'tips') {
      const s = str(f.text);
      if (s) out.lines.push(s);
    }
  }
  // Newest message first ("2021-05-03 21:26:15" sorts as text).
  messages.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  // A step in progress is the action awaited ("卖家确认收货" doing = waiting for the seller to confirm): read it as
  // "等待…"; the last step ("退款完毕") is never awaited as if done.
  const awaited = bar.doing && !/完毕|成功|完成|关闭/.test(bar.doing) ? [`等待${bar.doing}`] : [];
  out.stateTexts = [...labelled, ...messages.map((m) => firstLine(m.info)), ...awaited, ...(bar.lastDone ? [bar.lastDone] : [])];
  for (const m of messages) for (const l of m.info.split('\n')) if (l.trim()) out.lines.push(l.trim());
  return out;
}

/** The refund list's rows (buyerDisputeList.htm): order number, status and type per grid item. */
export function readDisputeList(components: Map<string, Rec>): DisputeListRow[] {
  const rows = new Map<string, Partial<DisputeListRow>>();
  for (const [key, c] of components) {
    if (!/ListGrid/i.test(key)) continue;
    const id = (str(c.id) ?? key).split('@')[0];
    const row = rows.get(id) ?? {};
    rows.set(id, row);
    const f = c.fields as Rec;
    if (c.bizName === 'disputeHeader') {
      const order = str(recs(f.numbers)[0]?.value);
      if (order && ID_RE.test(order)) row.orderId = order;
    } else if (c.bizName === 'disputeBody') {
      const names = recs(f.options).map((o) => (isRec(o.title) ? str(o.title.name) : undefined));
      row.typeText = names[2];
      // "退款成功<br/>查看详情": the status is the part before the first line break.
      const status = names[3]?.split(/<br\s*\/?>/i)[0];
      row.statusText = status ? stripTags(status) : undefined;
    }
  }
  const out: DisputeListRow[] = [];
  for (const r of rows.values()) {
    if (!r.orderId) continue;
    const row: DisputeListRow = { orderId: r.orderId };
    if (r.statusText) row.statusText = r.statusText;
    if (r.typeText) row.typeText = r.typeText;
    out.push(row);
  }
  return out;
}
