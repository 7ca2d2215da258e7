// A button that copies `value` to the clipboard and says so for a moment (also to screen readers).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

export function copyText(value: string): Promise<boolean> {
  return navigator.clipboard.writeText(value).then(
    () => true,
    () => false,
  );
}

export function CopyButton({ value, label, class: cls, children }: { value: string; label: string; class?: string; children: ComponentChildren }) {
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
      data-copy={value}
      onClick={(e) => {
        e.stopPropagation();
        void copyText(value).then(setCopied);
      }}
    >
      {children}
      <span class="copied" aria-live="polite">
        {copied ? ` ✓ ${t('copied')}` : ''}
      </span>
    </button>
  );
}
