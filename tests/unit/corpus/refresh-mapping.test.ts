// A real kuaidi100 answer (gh:LeeypOR/store-decoration-uniapp pagesA/shop/logisticData.js, YTO YT5555508965056)
// through the kuaidi100 source: the parcel's claim follows what core/status makes of the newest line, so a station
// code on a line saying the shopper collected the parcel (the case issue #13 reports) ends delivered.
import { describe, expect, it } from 'vitest';
import { kuaidi100Source } from '../../../src/refresh/sources/kuaidi100';
import { ctxWith, fakeFetch, json, target } from '../refresh/helpers';

const answer = (finalCode: Record<string, string>) =>
  JSON.stringify({
    message: 'ok',
    nu: 'YT5555508965056',
    ischeck: '1',
    com: 'yuantong',
    status: '200',
    state: '304',
    data: [
      { time: '2021-06-14 17:31:57', ftime: '2021-06-14 17:31:57', context: '客户签收人: 已签收，签收人凭取货码签收。 已签收 感谢使用圆通速递，期待再次为您服务', ...finalCode },
      { time: '2021-06-14 13:53:38', ftime: '2021-06-14 13:53:38', context: '快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件', status: '在途' },
      { time: '2021-06-14 11:41:58', ftime: '2021-06-14 11:41:58', context: '【山东省济南市孙村公司】 派件中 派件人: 方某 电话 185****8021', status: '派件' },
      { time: '2021-06-13 13:03:42', ftime: '2021-06-13 13:03:42', context: '【河北省唐山市曹妃甸综合保税区公司】 已揽收', status: '揽收' },
    ],
  });

describe('kuaidi100 codes vs clear text', () => {
  it.each([[{ statusCode: '304', status: '投柜或站签收' }], [{ status: '投柜或驿站' }], [{}]])('final line coded %j → delivered', async (code) => {
    const f = fakeFetch(() => json(answer(code)));
    const [r] = await kuaidi100Source.refresh([target('yto', 'YT5555508965056')], ctxWith(f.fetch));
    const [p] = r.batch!.parcels;
    expect(p.status).toBe('delivered');
    // The station drop before it keeps its own meaning.
    expect(p.events![1].status).toBe('in_transit');
  });
});
