// 取件码 → 手机: every parcel waiting at a station with its code, as QR codes a phone camera reads as plain text
// (UTF-8), and the codes in large type for reading aloud, each with "已取件". Loaded with import() when opened, so
// neither the QR encoder nor this view is on the popup's start path. The QR is always dark modules on white with
// a quiet zone, whatever the colour scheme: cameras read that, not its inverse.
import { correction, generate, mode } from 'lean-qr';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { pickupWhere, qrParts, sortForPickup, type PickupEntry } from '../../core/pickup-sheet';
import { getDb } from '../../db/schema';
import { t } from '../../shared/i18n';
import { useLiveQuery } from '../hooks/use-live-query';
import { carrierLabel } from './labels';
import { send } from './send';

interface Waiting {
  loaded: boolean;
  entries: PickupEntry[];
  /** Waiting parcels without a code (not in the QR). */
  withoutCode: number;
}

async function loadWaiting(): Promise<Waiting> {
  const db = getDb();
  return db.transaction('r', db.parcels, db.orders, async () => {
    const parcels: ParcelRecord[] = await db.parcels.where('[archived+status]').equals([0, 'awaiting_collection']).toArray();
    const keys = [...new Set(parcels.flatMap((p) => p.orderKeys))];
    const orders = new Map((await db.orders.bulkGet(keys)).filter((o): o is OrderRecord => !!o).map((o) => [o.key, o]));
    const entries = parcels
      .filter((p) => p.pickupCode)
      .map((p) => ({
        key: p.key,
        code: p.pickupCode!,
        station: p.station,
        carrier: carrierLabel(p.carrier, p.carrierName),
        item: p.orderKeys.map((k) => orders.get(k)?.items[0]?.title).find(Boolean),
      }));
    return { loaded: true, entries: sortForPickup(entries), withoutCode: parcels.length - entries.length };
  });
}

/** Pixels per module: as large as fits the popup's width (400 px less padding), and whole, so nothing blurs. */
const scaleFor = (modules: number) => Math.max(2, Math.floor(350 / modules));
const QUIET = 4;

function QrCanvas({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    // Byte mode with the UTF-8 ECI (never Shift-JIS kanji mode, which auto mode may pick for Chinese text).
    const code = generate(mode.utf8(text), { minCorrectionLevel: correction.M, maxVersion: 30 });
    const n = code.size + 2 * QUIET;
    const s = scaleFor(n);
    canvas.width = n * s;
    canvas.height = n * s;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000';
    for (let y = 0; y < code.size; y++) for (let x = 0; x < code.size; x++) if (code.get(x, y)) ctx.fillRect((x + QUIET) * s, (y + QUIET) * s, s, s);
  }, [text]);
  return <canvas ref={ref} class="qr" role="img" aria-label={label} data-qr-text={text} />;
}

export function PickupView({ onBack }: { onBack: () => void }) {
  const d = useLiveQuery(loadWaiting, [], { loaded: false, entries: [], withoutCode: 0 });
  const parts = useMemo(() => qrParts(d.entries, (i, n, count) => t('pickupQrHeader', [String(i), String(n), String(count)])), [d.entries]);
  return (
    <section class="detail pickup-view" aria-labelledby="pickup-title">
      <div class="detail-bar">
        <button type="button" class="link" onClick={onBack} autoFocus>
          ← {t('back')}
        </button>
        <h2 id="pickup-title">{t('pickupViewTitle')}</h2>
      </div>
      {d.loaded && d.entries.length === 0 && (
        <p class="empty" role="status">
          {t('pickupNone')}
        </p>
      )}
      {parts.length > 0 && <p class="hint">{t('pickupViewHint')}</p>}
      {parts.map((p, i) => (
        <figure class="qr-part" key={p.text} data-part={i + 1}>
          <QrCanvas text={p.text} label={t('pickupQrLabel', [String(i + 1), String(parts.length)])} />
          {parts.length > 1 && <figcaption class="qr-caption">{t('pickupPart', [String(i + 1), String(parts.length)])}</figcaption>}
        </figure>
      ))}
      {d.entries.length > 0 && (
        <div class="block">
          <h3>{t('pickupCodesHeading')}</h3>
          <ol class="big-codes">
            {d.entries.map((e) => (
              <li key={e.key} data-key={e.key}>
                <span class="big-code">{e.code}</span>
                <span class="big-code-where">{pickupWhere(e)}</span>
                <button type="button" class="small" onClick={() => void send({ type: 'parcel/collected', key: e.key })}>
                  {t('markCollected')}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {d.withoutCode > 0 && <p class="muted">{t('pickupWithoutCode', String(d.withoutCode))}</p>}
    </section>
  );
}
