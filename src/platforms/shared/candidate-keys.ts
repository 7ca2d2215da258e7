// Candidate keys of the generic scan (platform-formats.md §0: "candidate keys + recursive scan"), written as
// seen in public code and compared normalized. Data only: what each key means is decided in ./scan.ts.
import { keys } from './keys';

/** Most specific first: a shop order id beats the parent/main order id in the same object. */
export const ORDER_ID_KEYS = keys('shop_order_id', 'order_id', 'oid', 'order_sn', 'order_no', 'order_number', 'main_order_id', 'p_order_id', 'parent_order_id');
/** Arrays of order ids on a package (merged shipment). */
export const ORDER_IDS_KEYS = keys('order_ids', 'shop_order_ids', 'oids', 'order_id_list', 'related_order_ids');
export const TRACKING_KEYS = keys(
  'tracking_no', 'tracking_number', 'express_no', 'express_number', 'mail_no', 'waybill_no', 'waybill_number',
  'logistics_no', 'logistics_number', 'track_no', 'deliver_no', 'delivery_no', 'ship_no', 'shipping_no',
);
/** `logistics_code` is a number on some pages and a carrier code on others: see trackingOf(). */
export const AMBIGUOUS_TRACKING_KEYS = keys('logistics_code', 'express_code');
export const RETURN_PREFIXES = ['return', 'refund', 'back', 'aftersale'];
export const CARRIER_KEYS = keys(
  'company_name', 'express_company_name', 'logistics_company_name', 'logistics_company', 'express_name',
  'shipping_name', 'delivery_company', 'delivery_company_name', 'carrier_name', 'cp_name', 'express_company',
  'logistics_name', 'express_company_title',
);
export const CARRIER_OBJECT_KEYS = keys('company', 'express_company', 'logistics_company', 'carrier', 'cp_info', 'company_info');
export const CARRIER_CODE_KEYS = keys('company_code', 'express_company_code', 'logistics_company_code', 'cp_code', 'carrier_code');
export const AFTER_SALE_ID_KEYS = keys('after_sale_id', 'aftersale_id', 'after_sale_order_id', 'after_sale_no', 'refund_id', 'refund_no', 'return_id', 'return_order_id');
export const TITLE_KEYS = keys('product_name', 'goods_name', 'item_title', 'item_name', 'product_title', 'goods_title', 'commodity_name', 'sku_title');
/** Only inside item arrays/objects: a bare `title`/`name` elsewhere is a shop or a status. */
export const ITEM_ONLY_TITLE_KEYS = keys('title', 'name');
export const IMAGE_KEYS = keys(
  'img', 'image', 'pic', 'thumb_url', 'cover', 'product_img', 'image_url', 'img_url', 'pic_url', 'item_pic', 'item_img',
  'goods_img', 'goods_thumb', 'thumb', 'main_img', 'product_pic', 'sku_img', 'item_image', 'goods_image',
  'product_image', 'cover_url', 'item_pic_url',
);
export const QUANTITY_KEYS = keys('num', 'quantity', 'combo_num', 'count', 'item_num', 'item_count', 'goods_number', 'goods_num', 'buy_num', 'sku_num');
export const ITEM_PRICE_KEYS = keys('price', 'unit_price', 'sku_price', 'goods_price', 'item_price', 'combo_amount', 'pay_amount', 'real_price', 'sale_price', 'pay_price');
export const ITEM_ID_KEYS = keys('product_id', 'item_id', 'goods_id', 'commodity_id');
export const SKU_KEYS = keys('sku_spec', 'spec', 'sku_desc', 'spec_desc', 'sku_name', 'sku_info', 'spec_info', 'sku_specs');
export const ORDER_AMOUNT_KEYS = keys(
  'pay_amount', 'order_amount', 'total_amount', 'actual_pay_amount', 'real_pay_amount', 'payment_amount',
  'total_pay_amount', 'pay_price', 'total_price', 'actual_amount', 'display_amount', 'pay_fee', 'total_fee',
);
export const CREATED_KEYS = keys('create_time', 'order_time', 'created_at', 'gmt_create', 'order_create_time', 'created_time', 'create_at');
export const PAID_KEYS = keys('pay_time', 'paid_at', 'paid_time', 'pay_success_time', 'gmt_pay', 'payment_time');
export const SHIPPED_KEYS = keys('ship_time', 'send_time', 'consign_time', 'shipping_time', 'shipped_at', 'delivery_goods_time');
export const DELIVERED_KEYS = keys('sign_time', 'signed_time', 'receive_time', 'received_time', 'delivered_at', 'sign_at');
export const ORDER_STATUS_KEYS = keys(
  'order_status_desc', 'order_status_text', 'status_desc', 'status_text', 'order_status_name', 'status_name',
  'order_status_prompt', 'status_str', 'order_status_str', 'status_title', 'order_status_title', 'status_label',
  'refund_status_desc', 'refund_status_text', 'after_sale_status_desc', 'after_sale_status_text', 'tab_name',
);
export const LOGISTICS_STATUS_KEYS = keys('logistics_status_desc', 'logistics_status_text', 'express_status_desc', 'express_status_text', 'track_status_desc', 'logistics_state_desc');
export const PARCEL_STATUS_KEYS = keys(...LOGISTICS_STATUS_KEYS, 'status_desc', 'status_text', 'state_desc');
export const SHOP_NAME_KEYS = keys('shop_name', 'store_name', 'seller_name', 'mall_name', 'seller_nick', 'shop_title');
export const SHOP_ID_KEYS = keys('shop_id', 'seller_id', 'store_id', 'mall_id');
export const SHOP_OBJECT_KEYS = keys('shop', 'shop_info', 'seller', 'seller_info', 'mall', 'store', 'store_info', 'mall_info');
export const URL_KEYS = keys('order_detail_url', 'detail_url', 'order_link_url', 'order_url', 'jump_url', 'link_url');
export const PICKUP_KEYS = keys('pickup_code', 'pick_up_code', 'take_code', 'pick_code', 'get_code', 'collect_code', 'pickup_no');
export const STATION_KEYS = keys('station_name', 'pickup_station', 'pickup_station_name', 'pickup_address', 'station_address', 'cabinet_name');
export const EVENT_TIME_KEYS = keys('time', 'ts', 'accept_time', 'timestamp', 'event_time', 'op_time', 'trace_time', 'action_time', 'scan_time', 'ftime', 'create_time', 'update_time');
export const EVENT_TEXT_KEYS = keys('content', 'context', 'desc', 'text', 'message', 'description', 'accept_station', 'trace_desc', 'remark', 'detail', 'msg', 'status_desc');
export const EVENT_LOCATION_KEYS = keys('location', 'site', 'site_name', 'area_name', 'city', 'place');

// Container keys (normalized, tested as substrings).
export const ITEM_CONTAINER_RE = /item|goods|product|sku|commodit|merchandise|combo/;
export const LOGISTICS_CONTAINER_RE = /logistic|express|package|deliver|trace|track|waybill|parcel|shipment|wuliu|shipping/;
export const AFTER_SALE_CONTAINER_RE = /aftersale|refund|return|退货|售后/;
/** Inside an after-sale: the exchange's new parcel to the shopper (resend / exchange logistics) [G]. */
export const EXCHANGE_CONTAINER_RE = /exchange|resend|reship|换货/;
/** The after-sale's type text ("退货退款", "换货", "仅退款"). */
export const AFTER_SALE_TYPE_KEYS = keys('after_sale_type_desc', 'type_desc', 'after_sale_type_text', 'refund_type_desc', 'refund_type_text', 'after_sale_type_name', 'service_type_desc', 'aftersale_type_desc');
/** Keys whose non-empty arrays mean "this payload lists orders or parcels" (for `unrecognized`). */
export const ORDERISH_RE = /order|logistic|express|parcel|package|waybill|aftersale|refund|shipment|wuliu|trace/;
