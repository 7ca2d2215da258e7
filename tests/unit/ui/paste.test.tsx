// @vitest-environment happy-dom
// The popup's paste view: a paste over the 1,000-parcel cap says how many of how many were kept.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getMessageFor } from './locale';

const sent = vi.hoisted(() => [] as { type: string; batch: { parcels: unknown[] } }[]);
vi.mock('../../../src/shared/browser', () => ({
  browser: {
    i18n: { getMessage: (k: string, s?: string | string[]) => getMessageFor('en')(k, s), getUILanguage: () => 'en' },
    runtime: { sendMessage: async (m: { type: string; batch: { parcels: unknown[] } }) => (sent.push(m), { ok: true }) },
  },
}));

const { PasteForm } = await import('../../../src/ui/popup/paste');

afterEach(() => {
  document.body.replaceChildren();
  sent.length = 0;
});

async function submit(text: string) {
  const onDone = vi.fn();
  const root = document.createElement('div');
  document.body.append(root);
  render(<PasteForm onDone={onDone} />, root);
  const area = root.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
  root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await vi.waitFor(() => expect(sent).toHaveLength(1));
  await new Promise((r) => setTimeout(r, 10));
  return { onDone, status: () => root.querySelector('[role="status"]')!.textContent };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `SF${String(1_234_567_890_000 + i)}`).join('\n');

describe('PasteForm', () => {
  it('over the cap: sends the first 1,000 and says 1000 of 1200 were kept, in the paste view', async () => {
    const { onDone, status } = await submit(lines(1200));
    expect(sent[0].batch.parcels).toHaveLength(1000);
    expect(onDone).not.toHaveBeenCalled();
    expect(status()).toBe('Added 1000 of the 1200 parcels found (at most 1000 per paste): paste the rest again');
  });

  it('under the cap: adds all and closes with the count', async () => {
    const { onDone, status } = await submit(lines(3));
    expect(sent[0].batch.parcels).toHaveLength(3);
    expect(onDone).toHaveBeenCalledWith('Added 3 parcel(s)');
    expect(status()).toBe('');
  });
});
