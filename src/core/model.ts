// The domain model shared by every part of Parcel Hub. Plain data only (structured-clone safe):
// content scripts produce Observations, the background merges them into Records, the UI reads Records.
import type { AfterSaleKind, DeliveryService, PickupWindow, RefundDue, ReturnState } from './after-sale';

/** Platform adapters. `manual` = typed or pasted by the user, `import` = restored from a backup. */
export const PLATFORMS = ['taobao', 'douyin', 'kuaishou', 'jd', 'pdd', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Parcel status enum (design §4). */
export const PARCEL_STATUSES = [
  'pending_pickup', // waybill made, not collected by the carrier
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'awaiting_collection', // in a station / locker, waiting for the shopper (取件码)
  'delivered',
  'exception',
  'returning',
  'returned',
  'rejected',
  'cancelled',
  'customs',
  'unknown',
] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** Statuses of parcels still moving: refreshed by the scheduler, counted by the notifier. */
export const ACTIVE_STATUSES: ParcelStatus[] = [
  'unknown',
  'pending_pickup',
  'picked_up',
  'in_transit',
  'customs',
  'out_for_delivery',
  'awaiting_collection',
  'exception',
  'returning',
];

/** What a parcel's status reads as: `shipped` for a parcel a platform shipped (an order links it, or its ship
 * time is known) that no carrier line has classified yet; `unknown` only for a number nothing is known of. */
export type ShownStatus = ParcelStatus | 'shipped';
export const SHOWN_STATUSES: readonly ShownStatus[] = ['shipped', ...PARCEL_STATUSES];
export function shownStatus(p: { status: ParcelStatus; orderKeys: readonly string[]; shippedAt?: number }): ShownStatus {
  return p.status === 'unknown' && (p.orderKeys.length > 0 || p.shippedAt !== undefined) ? 'shipped' : p.status;
}

export const ORDER_STATUSES = [
  'unpaid',
  'unshipped', // paid, 待发货
  'shipped',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
  'unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type Direction = 'outbound' | 'return';

/** Where an observation came from; kept per field so the most specific source wins. */
export const SOURCES = ['list', 'detail', 'logistics', 'after_sale', 'refresh', 'manual', 'import'] as const;
export type Source = (typeof SOURCES)[number];

export interface ItemObservation {
  title: string;
  itemId?: string;
  sku?: string;
  quantity?: number;
  /** Price in 分 (fen, integer) to avoid float money. */
  price?: number;
  /** Only URLs on the platform's CDN survive validation. */
  imageUrl?: string;
}

export interface OrderPromise {
  kind: 'ship_by' | 'deliver_by';
  /** The text shown by the platform, e.g. "承诺48小时内发货", "预计11月20日送达", "次日达". */
  text: string;
  /** Deadline in ms since epoch, when the text gives one. */
  at?: number;
}

/** After-sale (return / exchange / refund) as an after-sale page shows it (issue #16). */
export interface AfterSaleObservation {
  kind?: AfterSaleKind;
  state: ReturnState;
  /** The page's own words for the state. */
  stateText?: string;
  /** When the page says the state began (else the observation time is used). */
  at?: number;
  /** The booked pickup (上门取件) window. */
  pickupWindow?: PickupWindow;
  /** A refund the page promises by a time. */
  refundDue?: RefundDue;
}

/** What the database keeps of an order's after-sale: the furthest state seen, and when each state was first seen. */
export interface AfterSaleRecord {
  kind?: AfterSaleKind;
  state: ReturnState;
  stateText?: string;
  /** State → first time it was shown (page time, else observation time). */
  since: Partial<Record<ReturnState, number>>;
  pickupWindow?: PickupWindow;
  refundDue?: RefundDue;
  /** Newest observation that set the window / refund promise (an older page read late never replaces them). */
  observedAt: number;
}

export interface OrderObservation {
  orderId: string;
  shopName?: string;
  shopId?: string;
  items?: ItemObservation[];
  /** Paid amount in 分. */
  amount?: number;
  createdAt?: number;
  paidAt?: number;
  statusText?: string;
  status?: OrderStatus;
  /** Link to the order's page on its platform. */
  url?: string;
  /** Tmall order shown in the Taobao list. */
  tmall?: boolean;
  promise?: OrderPromise;
  /** The delivery service the order promises (送货上门, 音尊达 …), in the page's words. */
  service?: DeliveryService;
  afterSale?: AfterSaleObservation;
}

export interface EventObservation {
  /** ms since epoch */
  time: number;
  text: string;
  location?: string;
  /** Status as the source states it (e.g. kuaidi100 state); otherwise derived from text. */
  status?: ParcelStatus;
}

export interface ParcelObservation {
  /** As written on the page; normalized before use. */
  trackingNo: string;
  /** Carrier display name as the page shows it ("中通快递"). */
  carrierName?: string;
  /** Canonical carrier id if the source already knows it (e.g. from a tracking service). */
  carrierId?: string;
  direction?: Direction;
  /** Order ids on the same platform as the batch (split shipment: one id; merged: several). */
  orderIds: string[];
  status?: ParcelStatus;
  statusText?: string;
  events?: EventObservation[];
  pickupCode?: string;
  station?: string;
  shippedAt?: number;
  deliveredAt?: number;
  phoneTail?: string;
  /** An exchange's new parcel on its way back to the shopper (direction outbound, same order). */
  exchange?: boolean;
}

/** One message from a capture (or refresh / import): everything read from one page or response. */
export interface ObservationBatch {
  platform: Platform;
  source: Source;
  /** The page or response URL it was read from. */
  url: string;
  /** ms since epoch */
  observedAt: number;
  orders: OrderObservation[];
  parcels: ParcelObservation[];
}

/** A page or payload that the parser did not recognize: key paths only, never values. */
export interface Diagnostic {
  platform: Platform;
  url: string;
  kind: 'unrecognized' | 'partial' | 'risk_control' | 'signed_out' | 'error';
  message: string;
  /** Key paths of the payload's shape, e.g. ["data.list[].order_no"]; no values. */
  shape?: string[];
  at: number;
}

// ---- Records: what the database keeps ------------------------------------------------------

export const UNKNOWN_CARRIER = 'unknown';

export const orderKey = (platform: Platform, orderId: string) => `${platform}:${orderId}`;
export const parcelKey = (carrier: string, trackingNo: string) => `${carrier}:${trackingNo}`;

export interface ItemRecord {
  title: string;
  itemId?: string;
  sku?: string;
  quantity?: number;
  price?: number;
  imageUrl?: string;
}

export interface OrderRecord {
  /** `${platform}:${orderId}` */
  key: string;
  platform: Platform;
  orderId: string;
  shopName?: string;
  shopId?: string;
  items: ItemRecord[];
  amount?: number;
  createdAt?: number;
  paidAt?: number;
  statusText?: string;
  status: OrderStatus;
  url?: string;
  tmall?: boolean;
  promise?: OrderPromise;
  /** Once a door promise is seen it stays (a page that does not show it says nothing). */
  service?: DeliveryService;
  afterSale?: AfterSaleRecord;
  /** Parcels linked to this order (outbound and return). */
  parcelKeys: string[];
  firstSeen: number;
  lastSeen: number;
  /** Which source last set each field. */
  sources: Record<string, Source>;
}

export interface EventRecord {
  /** `${parcelKey}|${time}|${text}` — de-duplication key */
  id: string;
  parcelKey: string;
  time: number;
  text: string;
  location?: string;
  status: ParcelStatus;
}

export interface ParcelRecord {
  /** `${carrier}:${trackingNo}` */
  key: string;
  carrier: string;
  /** Display name as last seen on a page. */
  carrierName?: string;
  /** When the number alone is ambiguous: the other carriers it may belong to. */
  carrierCandidates?: string[];
  trackingNo: string;
  direction: Direction;
  orderKeys: string[];
  /** Platforms of the linked orders (denormalized for filtering). */
  platforms: Platform[];
  status: ParcelStatus;
  statusText?: string;
  latestEvent?: { time: number; text: string; location?: string };
  pickupCode?: string;
  station?: string;
  shippedAt?: number;
  deliveredAt?: number;
  phoneTail?: string;
  /** An exchange's new parcel back to the shopper. */
  exchange?: true;
  /** The event showing the parcel ended at a station or locker (derived from events: core/after-sale.ts stationEnd). */
  stationEvent?: { time: number; text: string; location?: string };
  /** When the current pickupCode / station were last observed (the newest observation wins, whatever arrives last). */
  pickupSeenAt?: { pickupCode?: number; station?: number };
  /** Refresh scheduler: ms since epoch, 0 = never. */
  nextCheckAt: number;
  /** Last background refresh of this parcel (src/refresh/scheduler.ts). */
  refresh?: {
    /** Consecutive failed refreshes (exponential backoff). */
    errors: number;
    at: number;
    outcome: 'ok' | 'not_found' | 'bad_key' | 'rate_limited' | 'signed_out' | 'risk_control' | 'unsupported' | 'error';
    source?: 'taobao' | 'kuaidi100' | 'seventeen_track' | 'page_visit';
    /** The source needs something from the shopper to query it (SF/ZTO at Kuaidi100: phone tail). */
    needs?: 'phone_tail';
  };
  /** 0/1 so it can be indexed. */
  archived: 0 | 1;
  note?: string;
  firstSeen: number;
  lastSeen: number;
  /** Last time status or events changed. */
  updatedAt: number;
  sources: Record<string, Source>;
  /**
   * Statuses claimed without events (list pages, platform status texts): status → latest observedAt.
   * Merge re-evaluates them against the newest event so the result does not depend on arrival order.
   */
  statusClaims?: Partial<Record<ParcelStatus, number>>;
}

export type Change =
  | { type: 'order_new'; orderKey: string }
  | { type: 'order_status'; orderKey: string; from: OrderStatus; to: OrderStatus }
  | { type: 'parcel_new'; parcelKey: string; status: ParcelStatus }
  | { type: 'parcel_status'; parcelKey: string; from: ParcelStatus; to: ParcelStatus }
  | { type: 'event_new'; parcelKey: string; time: number; text: string }
  | { type: 'pickup_code'; parcelKey: string; code: string; station?: string };

/** Per-platform capture state, kept in the meta table under `platform:<id>`. */
export interface PlatformStateValue {
  platform: Platform;
  lastCaptureAt?: number;
  lastPageAt?: number;
  pagesRead: number;
  parcelsSeen: number;
  needsSignIn?: boolean;
  lastProblem?: { kind: Diagnostic['kind']; message: string; at: number };
}
