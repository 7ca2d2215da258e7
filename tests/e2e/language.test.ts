// The language setting (跟随浏览器 / 简体中文 / English) in real Chromium: the browser's own UI is en-US, and
// choosing a language in the options page switches the popup and options page that are already open (no
// reload), the toolbar badge's tooltip and the next notification — on every surface at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness';

declare const chrome: {
  action: { getTitle(d: object): Promise<string> };
  notifications: { create: (...a: unknown[]) => unknown };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

type Created = [string, { title: string; message: string }][];

describe('language setting', () => {
  let h: Harness;
  const recordNotifications = () =>
    h.sw(() => {
      const g = globalThis as unknown as { __created: unknown[][] };
      g.__created = [];
      const orig = chrome.notifications.create;
      chrome.notifications.create = (...a: unknown[]) => (g.__created.push(a), orig.apply(chrome.notifications, a as never));
    });
  beforeAll(async () => {
    h = await launch({ language: 'auto' });
    await recordNotifications();
  });
  afterAll(() => h?.close());

  let n = 0;
  /** Add a parcel waiting at a station (it notifies and counts on the badge); return the notification's title. */
  async function notifyOne(): Promise<string> {
    n += 1;
    const code = `8-2-30${n}1`;
    const popup = await h.openPopup();
    const reply = await popup.evaluate(
      ({ code, no }) =>
        chrome.runtime.sendMessage({
          type: 'manual/add',
          batch: { platform: 'manual', source: 'manual', url: '', observedAt: Date.now(), orders: [], parcels: [{ trackingNo: no, carrierId: 'zto', orderIds: [], pickupCode: code, station: '菜鸟驿站', status: 'awaiting_collection', events: [{ time: Date.now(), text: `【菜鸟驿站】请凭取件码${code}取件`, status: 'awaiting_collection' }] }] },
        }),
      { code, no: `7531000${n}9800035` },
    );
    expect(reply).toMatchObject({ ok: true });
    await popup.close();
    const created = (await h.waitForSw(() => (globalThis as unknown as { __created: Created }).__created, (c) => c.some(([, o]) => o.title.includes(code)))) as Created;
    return created.find(([, o]) => o.title.includes(code))![1].title;
  }

  async function openSettings() {
    const page = await h.openOptions();
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('set-language').waitFor();
    return page;
  }

  const badgeTitle = () => h.sw(() => chrome.action.getTitle({}));

  it('follows the browser (en-US) by default, then switches every open surface at once', async () => {
    const popup = await h.openPopup();
    await popup.getByRole('button', { name: /Add by paste/ }).waitFor();
    const options = await openSettings();
    await options.getByRole('heading', { name: 'Parcel Hub settings' }).waitFor();
    expect(await notifyOne()).toMatch(/^Ready for pickup · code /);
    await h.waitFor(badgeTitle, (t) => /^Parcel Hub: 1 parcels need you$/.test(t));
    // Marks that a reload would wipe.
    await popup.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));
    await options.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));

    await options.getByTestId('set-language').selectOption('zh_CN');

    await options.getByRole('heading', { name: '包裹汇设置' }).waitFor();
    await popup.getByRole('button', { name: /粘贴添加/ }).waitFor();
    expect(await popup.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
    expect(await options.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await h.waitFor(badgeTitle, (t) => t === '包裹汇：1 个包裹需要你处理');
    expect(await notifyOne()).toMatch(/^待取件 · 取件码 /);
    await h.waitFor(badgeTitle, (t) => t === '包裹汇：2 个包裹需要你处理');
    // The select shows the choice after the page re-mounted in the new language.
    expect(await options.getByTestId('set-language').inputValue()).toBe('zh_CN');

    await options.getByTestId('set-language').selectOption('en');
    await popup.getByRole('button', { name: /Add by paste/ }).waitFor();
    await options.getByRole('heading', { name: 'Parcel Hub settings' }).waitFor();
    await h.waitFor(badgeTitle, (t) => t === 'Parcel Hub: 2 parcels need you');
    expect(await notifyOne()).toMatch(/^Ready for pickup · code /);

    // Back to Chinese, then "follow the browser" again: English, because the browser's UI is en-US.
    await options.getByTestId('set-language').selectOption('zh_CN');
    await popup.getByRole('button', { name: /粘贴添加/ }).waitFor();
    await options.getByTestId('set-language').selectOption('auto');
    await popup.getByRole('button', { name: /Add by paste/ }).waitFor();
    await options.getByRole('heading', { name: 'Parcel Hub settings' }).waitFor();
    expect(await h.errors()).toEqual([]);
  });

  it('keeps the choice across a restart of the service worker and a new popup', async () => {
    const options = await openSettings();
    await options.getByTestId('set-language').selectOption('zh_CN');
    await options.getByRole('heading', { name: '包裹汇设置' }).waitFor();
    await h.stopWorker();
    // A fresh worker: it reads the stored choice before its first notification.
    await recordNotifications();
    expect(await notifyOne()).toMatch(/^待取件 · 取件码 /);
    const popup = await h.openPopup();
    await popup.getByRole('button', { name: /粘贴添加/ }).waitFor();
  });
});
