// A button that copies `value` to the clipboard and says so for a moment (also to screen readers). `value` may be
// a function that makes the text when clicked (the evidence text reads the database first): the clipboard is
// then handed a promise inside the click, so the browser still counts the write as the user's.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

export function copyText(value: string): Promise<boolean> {
  return navigator.clipboard.writeText(value).then(
    () => true,
    () => false,
  );
}

/** Copy text that is still being made. ClipboardItem with a promise keeps the click's user activation; where it
 * is missing or refused, the text is written once it is ready. */
export async function copyLater(make: () => Promise<string>): Promise<{ ok: boolean; text: string }> {
  const text = make();
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard.write) {
    try {
      const blob = text.then((s) => new Blob([s], { type: 'text/plain' }));
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return { ok: true, text: await text };
    } catch {
      // fall through: plain writeText
    }
  }
  const s = await text.catch(() => '');
  return { ok: s !== '' && (await copyText(s)), text: s };
}

export function CopyButton({
  value,
  label,
  class: cls,
  children,
  onResult,
}: {
  value: string | (() => Promise<string>);
  label: string;
  class?: string;
  children: ComponentChildren;
  /** Told whether the copy worked, and what was (or would have been) copied. */
  onResult?: (ok: boolean, text: string) => void;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <button
      type="button"
      class={`copy ${cls ?? ''}`}
      title={label}
      aria-label={label}
      data-copy={typeof value === 'string' ? value : undefined}
      onClick={(e) => {
        e.stopPropagation();
        const done = typeof value === 'string' ? copyText(value).then((ok) => ({ ok, text: value })) : copyLater(value);
        void done.then((r) => {
          setCopied(r.ok);
          onResult?.(r.ok, r.text);
        });
      }}
    >
      {children}
      <span class="copied" aria-live="polite">
        {copied ? ` ✓ ${t('copied')}` : ''}
      </span>
    </button>
  );
}
