// Add by paste: a pickup SMS, chat text or tracking numbers → a manual batch sent to the background.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { send } from './send';

export function PasteForm({ onDone }: { onDone: (message?: string) => void }) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  return (
    <form
      class="paste"
      aria-label={t('addByPaste')}
      onSubmit={async (e) => {
        e.preventDefault();
        // Loaded on the first paste: the number and pickup-code readers stay out of the popup's first load.
        const { readPaste } = await import('../../core/paste-text');
        const { batch, found } = readPaste(text, Date.now());
        if (!batch) {
          setStatus(t('pasteNothing'));
          return;
        }
        const kept = batch.parcels.length;
        void send({ type: 'manual/add', batch }).then((r) => {
          if (!r.ok) return setStatus(t('actionFailed', r.error));
          // Over the cap the form stays open and says how many were kept, so the rest can be pasted again.
          if (found > kept) return setStatus(t('pasteCapped', [String(kept), String(found)]));
          onDone(t('pasteAdded', String(kept)));
        });
      }}
    >
      <label>
        {t('pasteHint')}
        <textarea rows={3} maxLength={20000} value={text} autoFocus onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="small primary">
          {t('pasteSubmit')}
        </button>
        <button type="button" class="small" onClick={() => onDone()}>
          {t('cancel')}
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
