// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderRecord, ParcelRecord } from '../../../src/core/model';
import { getMessageFor } from './locale';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('../../../src/shared/browser', () => ({
  browser: {
    i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor('zh_CN')(k, s), getUILanguage: () => 'zh-CN' },
    runtime: { sendMessage: async (m: unknown) => (sent.push(m), { ok: true }) },
  },
}));

const { Row } = await import('../../../src/ui/popup/row');
const { cssImageUrl } = await import('../../../src/ui/components/thumb');

const NOW = Date.UTC(2026, 10, 22, 4);
const parcel: ParcelRecord = {
  key: 'zto:73100059800035', carrier: 'zto', carrierName: '中通快递', trackingNo: '73100059800035', direction: 'outbound', orderKeys: ['douyin:1'], platforms: ['douyin'],
  status: 'awaiting_collection', pickupCode: '4-6-7602', station: '兴龙湾31号楼店', latestEvent: { time: NOW - 2 * 3600_000, text: '已到站' },
  nextCheckAt: 0, archived: 0, firstSeen: NOW, lastSeen: NOW, updatedAt: NOW, sources: {},
};
const order: OrderRecord = {
  key: 'douyin:1', platform: 'douyin', orderId: '1', shopName: '<img src=x onerror=alert(1)>店', status: 'shipped', parcelKeys: [], firstSeen: NOW, lastSeen: NOW, sources: {},
  items: [{ title: '<script>alert(1)</script>保温杯', imageUrl: 'https://p3-ecom.byteimg.com/a.jpg' }, { title: '杯盖' }],
};

afterEach(() => {
  document.body.replaceChildren();
});

function mount(onOpen = vi.fn()) {
  const root = document.createElement('ul');
  document.body.append(root);
  render(<Row entry={{ kind: 'parcel', parcel }} section="awaiting_collection" orders={new Map([[order.key, order]])} onOpen={onOpen} now={NOW} />, root);
  return root;
}

describe('Row', () => {
  it('renders shop text as text, with the pickup code, carrier, tracking number and age', () => {
    const root = mount();
    const row = root.querySelector('.row')!;
    expect(row.getAttribute('data-tracking')).toBe('73100059800035');
    expect(root.querySelector('img, script')).toBeNull();
    expect(row.textContent).toContain('<script>alert(1)</script>保温杯');
    expect(row.textContent).toContain('等 2 件'); // two items: 等 N 件 counts them all
    expect(row.textContent).toContain('<img src=x onerror=alert(1)>店');
    expect(row.querySelector('.code-text')?.textContent).toBe('4-6-7602');
    expect(row.textContent).toContain('中通快递');
    expect(row.textContent).toContain('2 小时前');
    expect(row.querySelector('.badge')?.textContent).toBe('抖音');
    expect(row.querySelector<HTMLElement>('.thumb')?.style.backgroundImage).toContain('byteimg.com');
  });

  it('opens on Enter and click, and sends "collected" without opening', async () => {
    const onOpen = vi.fn();
    const root = mount(onOpen);
    const row = root.querySelector<HTMLElement>('.row')!;
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    row.click();
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onOpen).toHaveBeenCalledWith('zto:73100059800035');
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === '我已取件')!.click();
    expect(onOpen).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    expect(sent).toContainEqual({ type: 'parcel/collected', key: 'zto:73100059800035' });
  });
});

describe('Row evidence button', () => {
  it('an alert row has "复制投诉凭证" beside its reason, outside the row\'s own copy targets; a row without an alert has none', () => {
    const stalled = { ...parcel, status: 'in_transit' as const, pickupCode: undefined, latestEvent: { time: NOW - 52 * 3600_000, text: '快件已到达【杭州转运中心】' } };
    const alert = { kind: 'stalled' as const, key: `stalled:${parcel.key}@1`, parcelKey: parcel.key, since: NOW - 52 * 3600_000, evidence: { hours: 52 } };
    const root = document.createElement('ul');
    document.body.append(root);
    render(<Row entry={{ kind: 'parcel', parcel: stalled, alert }} section="attention" orders={new Map([[order.key, order]])} onOpen={vi.fn()} now={NOW} />, root);
    const button = root.querySelector<HTMLButtonElement>('.reason .copy.evidence')!;
    expect(button.textContent).toContain('复制投诉凭证');
    expect(button.getAttribute('aria-label')).toBe('复制投诉凭证：已 52 小时没有新的物流信息');
    // Its text is made on click, so it carries no data-copy; the row's "c" shortcut skips it (.copy:not(.evidence)).
    expect(button.hasAttribute('data-copy')).toBe(false);
    expect(root.querySelector('.copy:not(.evidence)')?.getAttribute('data-copy')).toBe(parcel.trackingNo);
    expect(root.querySelector('.reason-text')?.textContent).toBe('已 52 小时没有新的物流信息');

    document.body.replaceChildren();
    expect(mount().querySelector('.evidence')).toBeNull();
  });
});

describe('cssImageUrl', () => {
  it('accepts https URLs only and never lets a quote out of the CSS string', () => {
    expect(cssImageUrl('https://gw.alicdn.com/a.jpg')).toBe('url("https://gw.alicdn.com/a.jpg")');
    expect(cssImageUrl('http://gw.alicdn.com/a.jpg')).toBeUndefined();
    expect(cssImageUrl('javascript:alert(1)')).toBeUndefined();
    expect(cssImageUrl(undefined)).toBeUndefined();
    expect(cssImageUrl('https://gw.alicdn.com/a".jpg')).not.toContain('a"');
  });
});
