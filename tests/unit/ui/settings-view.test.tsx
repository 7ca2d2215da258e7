// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getMessageFor } from './locale';

const store = vi.hoisted(() => ({ data: {} as Record<string, unknown>, grant: true, requests: [] as unknown[], removed: [] as unknown[], logs: [] as unknown[] }));
vi.mock('../../../src/shared/browser', () => ({
  browser: {
    i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor('en')(k, s), getUILanguage: () => 'en-US' },
    storage: {
      local: {
        get: async (k: string) => (k in store.data ? { [k]: structuredClone(store.data[k]) } : {}),
        set: async (o: Record<string, unknown>) => void Object.assign(store.data, structuredClone(o)),
      },
    },
    permissions: {
      request: (p: unknown) => (store.requests.push(p), Promise.resolve(store.grant)),
      remove: async (p: unknown) => (store.removed.push(p), true),
    },
  },
}));

const { SettingsView } = await import('../../../src/ui/options/settings-view');
const { DEFAULT_SETTINGS, SETTINGS_KEY, SERVICE_ORIGINS } = await import('../../../src/core/settings');

const tick = () => new Promise((r) => setTimeout(r, 0));
const byTestId = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<SettingsView />, root);
  await tick();
  await tick();
  return root;
}

function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
  store.data = {};
  store.requests = [];
  store.removed = [];
  store.grant = true;
});

describe('SettingsView', () => {
  it('asks for the service origin from the click, and keeps the service off when refused', async () => {
    for (const v of ['log', 'info', 'debug', 'warn', 'error'] as const) vi.spyOn(console, v).mockImplementation((...a: unknown[]) => void store.logs.push(a));
    await mount();
    store.grant = false;
    byTestId<HTMLInputElement>('set-k100').click();
    expect(store.requests).toEqual([{ origins: [...SERVICE_ORIGINS.kuaidi100] }]); // synchronously, within the click
    await tick();
    expect(byTestId<HTMLInputElement>('set-k100').checked).toBe(false);
    expect(byTestId('settings-status').textContent).toContain('not granted');

    store.grant = true;
    byTestId<HTMLInputElement>('set-17track').click();
    expect(store.requests[1]).toEqual({ origins: ['https://api.17track.net/*'] });
    await tick();
    expect(byTestId<HTMLInputElement>('set-17track').checked).toBe(true);

    type(byTestId<HTMLInputElement>('set-17track-key'), '  my-secret-key-123  ');
    await tick();
    byTestId<HTMLFormElement>('settings-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    const saved = store.data[SETTINGS_KEY] as typeof DEFAULT_SETTINGS;
    expect(saved.services.seventeenTrack).toEqual({ enabled: true, apiKey: 'my-secret-key-123' }); // trimmed by parseSettings
    expect(saved.services.kuaidi100.enabled).toBe(false);
    expect(byTestId('settings-status').textContent).toBe('Saved.');

    // Turning it off gives the permission back.
    byTestId<HTMLInputElement>('set-17track').click();
    await tick();
    expect(store.removed).toEqual([{ origins: ['https://api.17track.net/*'] }]);
    expect(JSON.stringify(store.logs)).not.toContain('my-secret-key-123');
    vi.restoreAllMocks();
  });

  it('shows stored keys masked until asked, and moves sources', async () => {
    store.data[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, services: { kuaidi100: { enabled: true, customer: 'C1', key: 'K-SECRET' }, seventeenTrack: { enabled: false, apiKey: '' } } };
    const root = await mount();
    const key = byTestId<HTMLInputElement>('set-k100-key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('K-SECRET');
    expect(root.innerHTML).not.toContain('K-SECRET');
    (key.nextElementSibling as HTMLButtonElement).click();
    await tick();
    expect(byTestId<HTMLInputElement>('set-k100-key').type).toBe('text');

    const order = () => [...root.querySelectorAll('[data-source]')].map((li) => li.getAttribute('data-source'));
    expect(order()).toEqual(['taobao', 'kuaidi100', 'seventeen_track', 'page_visit']);
    root.querySelector<HTMLButtonElement>('[data-source="page_visit"] button')!.click(); // up
    await tick();
    expect(order()).toEqual(['taobao', 'kuaidi100', 'page_visit', 'seventeen_track']);
    expect(root.querySelector<HTMLButtonElement>('[data-source="taobao"] button')!.disabled).toBe(true);
    // The language choice, following the browser until the shopper picks one.
    const language = root.querySelector<HTMLSelectElement>('[data-testid="set-language"]')!;
    expect(language.value).toBe('auto');
    expect([...language.options].map((o) => o.textContent)).toEqual(['Follow the browser', '简体中文', 'English']);
  });
});
