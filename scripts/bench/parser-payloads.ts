// The parser bench's inputs: a realistic 50-order list answer per platform, in the field names and shapes of the
// captured fixtures (tests/fixtures/<platform>/), with ordinary content — 1–3 items per order with Chinese titles,
// SKUs and CDN images, shops, amounts, China times, a status mix (about 10 % unshipped, some unpaid, most shipped
// or finished), tracking numbers in each carrier's format and 3–8 track events where the platform's list carries
// them. Deterministic (seeded), so the golden test (tests/unit/platforms/golden.test.ts) can pin the output.
import { douyin } from '../../src/platforms/douyin';
import { jd } from '../../src/platforms/jd';
import { kuaishou } from '../../src/platforms/kuaishou';
import { pdd } from '../../src/platforms/pdd';
import { taobao } from '../../src/platforms/taobao';
import type { PlatformAdapter } from '../../src/platforms/types';
import { mulberry32 } from '../../tests/fixtures/rng';

export interface BenchPayload {
  platform: PlatformAdapter;
  /** What the body is, for the figure's name. */
  name: string;
  body: string;
  url: string;
  page: string;
}

const ORDERS = 50;


const TITLES = [
  '明前龙井 250g 礼盒装', '每日坚果 30袋装 混合果仁', '加绒卫衣 男款 宽松连帽', '纯棉四件套 1.8m床 全棉磨毛', '小米 充电宝 20000mAh 22.5W',
  '赣南脐橙 5斤装 现摘现发', '不粘锅 28cm 麦饭石炒锅', '儿童保温杯 500ml 316不锈钢', 'A4打印纸 70g 500张/包 5包装', '珊瑚绒毯子 1.5m 加厚',
  '洗衣凝珠 52颗 持久留香', 'Type-C 数据线 1m 快充', '中性笔 12支 0.5mm 黑色', '保湿面霜 50g 敏感肌', '运动袜 5双装 中筒',
  '无线蓝牙耳机 半入耳式 降噪', '抽纸 24包 整箱 3层', '牛肉干 500g 内蒙古风干', '羽绒服 女 中长款 白鸭绒', '猫粮 10kg 成猫全价',
];
const SKUS = ['规格：250g', '颜色：白色', '尺码：L', '颜色：黑色；尺码：XL', '口味：原味', '容量：500ml', '套餐：标准版', '颜色：蓝色'];
const SHOPS = ['山野茶铺旗舰店', '小满零食铺', '暖阳服饰', '绿源家居旗舰店', '极客数码专营店', '果小鲜', '晨光办公旗舰', '家纺旗舰店', '潮玩小铺', '优品家居馆'];
/** [carrier, a tracking number in its format from a counter] */
const CARRIERS: [string, (n: number) => string][] = [
  ['中通快递', (n) => `7351${String(n).padStart(10, '0')}`],
  ['圆通速递', (n) => `YT75${String(n).padStart(11, '0')}`],
  ['极兔速递', (n) => `JT52${String(n).padStart(11, '0')}`],
  ['申通快递', (n) => `7731${String(n).padStart(11, '0')}`],
  ['顺丰速运', (n) => `SF14${String(n).padStart(11, '0')}`],
  ['韵达快递', (n) => `4312${String(n).padStart(11, '0')}`],
];
const TRACE_TEXTS = [
  '【杭州西湖区】已揽收', '【杭州转运中心】已发出，下一站【上海转运中心】', '【上海转运中心】已到达', '【上海转运中心】已发出，下一站【上海浦东新区】',
  '【上海市浦东新区公司】派件中，快递员：王师傅，电话已隐藏', '快件已到达【菜鸟驿站】，请凭取件码领取', '您的快件已签收，签收人：本人',
  '【金华转运中心】已发出',
];
const CITIES = ['杭州市', '上海市', '金华市', '广州市', '成都市'];

type Status = 'unpaid' | 'unshipped' | 'shipped' | 'completed' | 'closed';

interface Order {
  i: number;
  status: Status;
  shop: string;
  shopId: number;
  created: number; // s
  items: { title: string; sku: string; qty: number; price: number; itemId: number }[];
  carrier?: string;
  tracking?: string;
  traces: { time: number; text: string; city: string }[];
}

/** The platform-independent content of 50 orders: the same shopper's month on every platform. */
function orders(seed: number): Order[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const base = 1_732_000_000; // 2024-11-19
  return Array.from({ length: ORDERS }, (_, i) => {
    const x = r();
    const status: Status = x < 0.04 ? 'unpaid' : x < 0.14 ? 'unshipped' : x < 0.5 ? 'shipped' : x < 0.95 ? 'completed' : 'closed';
    const created = base - i * 43_200 - Math.floor(r() * 3600);
    const items = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
      title: pick(TITLES),
      sku: pick(SKUS),
      qty: 1 + Math.floor(r() * 2),
      price: 990 + Math.floor(r() * 300) * 100 + (k ? 0 : 90),
      itemId: 700_123_456_000 + i * 10 + k,
    }));
    const o: Order = { i, status, shop: pick(SHOPS), shopId: 2_208_881_000 + Math.floor(r() * 900), created, items, traces: [] };
    if (status === 'shipped' || status === 'completed') {
      const [carrier, num] = pick(CARRIERS);
      o.carrier = carrier;
      o.tracking = num(100_000 + i * 37);
      const n = 3 + Math.floor(r() * 6);
      for (let k = 0; k < n; k++) o.traces.push({ time: created + 86_400 + k * 14_400, text: TRACE_TEXTS[k % TRACE_TEXTS.length], city: pick(CITIES) });
      o.traces.reverse(); // newest first, as the apps show them
    }
    return o;
  });
}

const total = (o: Order) => o.items.reduce((s, it) => s + it.price * it.qty, 0);
const yuan = (fen: number) => (fen / 100).toFixed(2);
const cnTime = (s: number) => {
  const d = new Date((s + 8 * 3600) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};
const STATUS_TEXT: Record<Status, string> = { unpaid: '待付款', unshipped: '待发货', shipped: '待收货', completed: '已完成', closed: '交易关闭' };

function douyinList(): unknown {
  return {
    status_code: 0,
    status_msg: '',
    data: {
      has_more: true,
      page_anchor: 'MTczMjI0MTEwMA==',
      orders: orders(1).map((o) => ({
        shop_order_id: String(6_928_104_417_280_213_000n + BigInt(o.i)),
        shop_id: o.shopId,
        shop_name: o.shop,
        create_time: o.created,
        pay_time: o.status === 'unpaid' ? 0 : o.created + 60,
        order_status: o.status === 'shipped' ? 3 : 4,
        order_status_desc: STATUS_TEXT[o.status],
        pay_amount: total(o),
        product_item: o.items.map((it) => ({
          product_id: String(3_701_234_567_890_123_000n + BigInt(it.itemId % 1000)),
          product_name: it.title,
          sku_spec: [{ name: it.sku.split('：')[0], value: it.sku.split('：')[1] }],
          combo_num: it.qty,
          combo_amount: it.price,
          pay_amount: it.price * it.qty,
          img: `https://p3-ecom.ecombdimg.com/img/ecom-shop-material/item_${it.itemId}~tplv-resize:300:300.jpeg`,
        })),
        ...(o.status === 'unshipped' ? { ship_promise: { desc: '承诺48小时内发货' } } : {}),
        ...(o.tracking
          ? {
              logistics_info: {
                company_name: o.carrier,
                tracking_no: o.tracking,
                logistics_status_desc: o.status === 'completed' ? '已签收' : '运输中',
                ship_time: o.created + 86_400,
                traces: o.traces.map((t) => ({ time: t.time, content: t.text, location: t.city })),
              },
            }
          : {}),
      })),
    },
  };
}

function kuaishouList(): unknown {
  return {
    result: 1,
    data: {
      pcursor: '50',
      orderList: orders(2).map((o) => {
        const items = o.items.map((it) => ({
          itemId: it.itemId,
          itemTitle: it.title,
          itemPic: `https://p2.kwaixiaodian.com/ufile/adsocial/item_${it.itemId}.jpg`,
          skuDesc: it.sku,
          itemCount: it.qty,
          price: yuan(it.price),
        }));
        return {
          oid: String(2_411_221_234_500_000 + o.i),
          sellerId: o.shopId,
          sellerName: o.shop,
          orderStatus: o.status === 'shipped' ? 30 : 50,
          orderStatusDesc: STATUS_TEXT[o.status],
          createTime: o.created * 1000,
          payTime: (o.created + 60) * 1000,
          payAmount: total(o),
          ...(items.length === 1 ? { itemInfo: items[0] } : { itemList: items }),
          ...(o.status === 'unshipped' ? { shipPromiseDesc: '承诺48小时内发货' } : {}),
          ...(o.tracking
            ? {
                expressInfo: {
                  expressCompanyName: o.carrier,
                  expressNo: o.tracking,
                  logisticsStatusDesc: o.status === 'completed' ? '已签收' : '运输中',
                  traceList: o.traces.map((t) => ({ time: t.time * 1000, desc: t.text, site: t.city })),
                },
              }
            : {}),
        };
      }),
    },
  };
}

function taobaoList(): unknown {
  const comps: Record<string, unknown> = {};
  for (const o of orders(3)) {
    const id = String(4_102_387_766_512_000_000n + BigInt(o.i * 1000 + 341));
    const code = { unpaid: 'WAIT_BUYER_PAY', unshipped: 'WAIT_SELLER_SEND_GOODS', shipped: 'WAIT_BUYER_CONFIRM_GOODS', completed: 'TRADE_FINISHED', closed: 'TRADE_CLOSED' }[o.status];
    const title = { unpaid: '等待买家付款', unshipped: '买家已付款', shipped: '卖家已发货', completed: '交易成功', closed: '交易关闭' }[o.status];
    comps[`shopInfo_${id}`] = {
      tag: 'shopInfo',
      type: 'biz',
      fields: { orderId: id, createTime: cnTime(o.created), shopName: o.shop, sellerNick: `tb_${o.shopId}`, sellerId: String(o.shopId), shopUrl: `//store.taobao.com/shop/view_shop.htm?user_number_id=${o.shopId}`, tradeTitle: title },
    };
    o.items.forEach((it, k) => {
      const sub = k ? String(BigInt(id) + BigInt(k * 1_000_000)) : id;
      comps[`orderItemInfo_${id}_${sub}`] = {
        tag: 'orderItemInfo',
        type: 'biz',
        id: 'x',
        fields: {
          item: {
            title: it.title,
            itemId: String(it.itemId),
            quantity: it.qty,
            skuText: [{ name: it.sku.split('：')[0], value: it.sku.split('：')[1] }],
            pic: `//img.alicdn.com/imgextra/i1/${o.shopId}/O1CN01item${it.itemId}_!!${o.shopId}.jpg`,
            itemUrl: `//item.taobao.com/item.htm?id=${it.itemId}`,
            priceInfo: { actualTotalFee: `￥${yuan(it.price * it.qty)}` },
          },
        },
      };
    });
    comps[`orderPayment_${id}`] = { tag: 'orderPayment', fields: { actualFee: { value: `￥${yuan(total(o))}` }, postFee: { value: '￥0.00' } } };
    comps[`orderStatus_${id}`] = { tag: 'orderStatus', fields: { tradeStatus: code, text: title, ...(o.status === 'shipped' && o.i % 3 === 0 ? { mailNo: o.tracking, logisticsName: o.carrier } : {}) } };
    const ops = [{ id: 'viewDetail', text: '订单详情' }];
    if (o.tracking) ops.push({ id: 'viewLogistic', text: '查看物流' });
    if (o.status === 'shipped') ops.push({ id: 'confirmGood', text: '确认收货' });
    comps[`orderOp_${id}`] = { tag: 'orderOp', fields: { operations: ops } };
  }
  comps.pagination = { tag: 'pagination', fields: { currentPage: 1, pageSize: ORDERS, totalPage: 4 } };
  return { api: 'mtop.taobao.order.queryboughtlistv2', data: { data: comps }, ret: ['SUCCESS::调用成功'], v: '1.0' };
}

function jdList(): unknown {
  return {
    code: '0',
    errCode: '0',
    body: {
      totalNum: 200,
      orderList: orders(4).map((o) => {
        const id = String(290_145_600_000 + o.i);
        const state = o.status === 'shipped' ? '15' : o.status === 'completed' ? '16' : '1';
        const sku = String(o.items[0].itemId);
        return {
          orderId: id,
          orderType: '22',
          originOrderStatus: state,
          orderStatusInfo: { orderStatusName: STATUS_TEXT[o.status], stateTip: o.status === 'completed' ? '感谢您在京东购物，欢迎再次光临' : '商家已发货' },
          ...(o.tracking
            ? { progressInfo: { content: o.traces[0].text, tip: cnTime(o.traces[0].time), progressLink: `https://trade.m.jd.com/order/deal_wuliu_jdm.shtml?from=orderlist&dealState=${state}&dealId=${id}&orderType=22&skuid=${sku}&shopid=${o.shopId}` } }
            : {}),
          wareInfoList: o.items.map((it) => ({ wareName: it.title, imageUrl: `https://img10.360buyimg.com/mobilecms/s234x234_jfs/t1/${it.itemId}/1/2345/67890/item.jpg`, num: String(it.qty), skuId: String(it.itemId) })),
          shopInfo: { shopId: String(o.shopId), shopName: o.shop },
          orderDetailLink: { url: `https://trade.m.jd.com/order/orderdetail_jdm.shtml?dealId=${id}` },
        };
      }),
    },
  };
}

function pddList(): unknown {
  return {
    server_time: 1_732_700_000,
    orders: orders(5).map((o) => {
      const sn = `241124-2234567890${String(o.i).padStart(5, '0')}`;
      return {
        order_sn: sn,
        parent_order_sn: '',
        order_status_prompt: STATUS_TEXT[o.status],
        status: o.status === 'shipped' ? 3 : 4,
        order_status: 1,
        pay_status: o.status === 'unpaid' ? 0 : 2,
        shipping_status: o.tracking ? 1 : 0,
        order_amount: total(o),
        display_amount: total(o),
        tracking_number: o.tracking ?? '',
        ...(o.tracking ? { shipping_name: o.carrier } : {}),
        order_time: o.created,
        order_link_url: `order.html?order_sn=${sn}`,
        group_order_id: String(9_876_543_000 + o.i),
        comment_status: 0,
        mall: { mall_name: o.shop, mall_id: o.shopId },
        order_goods: o.items.map((it) => ({
          goods_id: it.itemId,
          sku_id: it.itemId + 1_500_000_000,
          goods_name: it.title,
          goods_number: it.qty,
          goods_price: it.price,
          spec: it.sku.split('：')[1],
          thumb_url: `https://img.pddpic.com/gaudit-image/2024-11-01/item_${it.itemId}.jpeg`,
        })),
        price_desc: '实付',
      };
    }),
    extra_info: { has_more: true },
  };
}

export function benchPayloads(): BenchPayload[] {
  const name = `realistic ${ORDERS}-order list`;
  return [
    { platform: taobao, name, body: `/**/mtopjsonp3(${JSON.stringify(taobaoList())});`, url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?type=jsonp&callback=mtopjsonp3', page: 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm' },
    { platform: douyin, name, body: JSON.stringify(douyinList()), url: 'https://haohuo.jinritemai.com/api/order/list?page=1', page: 'https://haohuo.jinritemai.com/views/order/list' },
    { platform: kuaishou, name, body: JSON.stringify(kuaishouList()), url: 'https://app.kwaixiaodian.com/rest/app/grocery/order/list', page: 'https://app.kwaixiaodian.com/page/kwaishop-buyer-order-list' },
    { platform: jd, name, body: `jsonpCBKA(${JSON.stringify(jdList())});`, url: 'https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core&callback=jsonpCBKA', page: 'https://trade.m.jd.com/order/orderlist_jdm.shtml' },
    { platform: pdd, name, body: JSON.stringify(pddList()), url: 'https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4?pdduid=1234567', page: 'https://mobile.yangkeduo.com/orders.html' },
  ];
}
