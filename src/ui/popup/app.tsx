// The toolbar popup: every parcel and unshipped order in urgency sections, with search, filter chips,
// keyboard navigation, a detail view and add-by-paste. Reads the database (liveQuery); every write is a
// message to the background. Shop data is rendered as text only (JSX text nodes), never as HTML.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { applyFilters, entryKey, facets, flatten, type Filters, type FlatRow, type PlatformTag } from '../../core/popup-query';
import { buildSections, type SectionId } from '../../core/sections';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import { useLiveQuery } from '../hooks/use-live-query';
import { t } from '../i18n';
import { Detail } from './detail';
import { carrierLabel } from './labels';
import { PasteForm } from './paste';
import { platformLabel, Row } from './row';

export const SECTION_TITLE: Record<SectionId, string> = {
  awaiting_collection: 'sectionAwaitingCollection',
  attention: 'sectionAttention',
  out_for_delivery: 'sectionOutForDelivery',
  in_transit: 'sectionInTransit',
  unshipped: 'sectionUnshipped',
  delivered: 'sectionDelivered',
};

/** Rows rendered at first and added per step as the list scrolls (the list is windowed from the top). */
export const PAGE = 80;

interface Data {
  loaded: boolean;
  parcels: ParcelRecord[];
  orders: Map<string, OrderRecord>;
  unshipped: OrderRecord[];
}

async function load(): Promise<Data> {
  const db = getDb();
  const [parcels, unshipped] = await Promise.all([
    db.parcels.where('archived').equals(0).toArray(),
    db.orders.where('status').equals('unshipped').toArray(),
  ]);
  const keys = [...new Set(parcels.flatMap((p) => p.orderKeys))];
  const linked = (await db.orders.bulkGet(keys)).filter((o): o is OrderRecord => !!o);
  return { loaded: true, parcels, unshipped, orders: new Map(linked.map((o) => [o.key, o])) };
}

const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);

export function App() {
  const data = useLiveQuery(load, [], { loaded: false, parcels: [], orders: new Map(), unshipped: [] });
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  const [notice, setNotice] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const search = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const lastFocused = useRef<string | null>(null);

  const now = Date.now();
  const sections = useMemo(() => buildSections(data.parcels, data.unshipped, now), [data]);
  const chips = useMemo(() => facets(sections, data.orders), [sections, data.orders]);
  const shown = useMemo(() => applyFilters(sections, data.orders, filters), [sections, data.orders, filters]);
  const flat = useMemo(() => flatten(shown), [shown]);
  const visible = flat.slice(0, limit);

  useEffect(() => setLimit(PAGE), [filters]);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(''), 5000);
    return () => clearTimeout(id);
  }, [notice]);
  useEffect(() => {
    if (!openKey && !pasting) {
      // Back from the detail view: focus the row it was opened from, else the search box.
      const row = lastFocused.current && scroller.current?.querySelector<HTMLElement>(`.row[data-key="${CSS.escape(lastFocused.current)}"]`);
      (row || search.current)?.focus();
    }
  }, [openKey, pasting]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target) && !openKey) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (e.key === 'Escape') {
        if (openKey) setOpenKey(null);
        else if (pasting) setPasting(false);
        else if (filters.q || filters.platform || filters.carrier || filters.section) setFilters({ q: '' });
        else return;
        e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openKey, pasting, filters]);

  const rows = () => [...(scroller.current?.querySelectorAll<HTMLElement>('.row') ?? [])];
  const onListKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('.row');
    if (!row) return;
    const all = rows();
    const i = all.indexOf(row);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (i + 1 < all.length) all[i + 1].focus();
      else if (limit < flat.length) {
        setLimit((l) => l + PAGE);
        requestAnimationFrame(() => rows()[i + 1]?.focus());
      }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i > 0) all[i - 1].focus();
      else search.current?.focus();
    } else if ((e.key === 'c' || e.key === 'C') && target === row && !e.ctrlKey && !e.metaKey) {
      // "c" copies what the row is for: the pickup code if there is one, else the tracking number.
      const button = row.querySelector<HTMLElement>('.copy');
      if (button) {
        e.preventDefault();
        button.click();
      }
    }
  };

  const onScroll = () => {
    const el = scroller.current;
    if (el && limit < flat.length && el.scrollTop + el.clientHeight > el.scrollHeight - 400) setLimit((l) => l + PAGE);
  };

  const open = (key: string) => {
    lastFocused.current = key;
    setOpenKey(key);
  };

  const setChip = <K extends 'platform' | 'carrier' | 'section'>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: f[k] === v ? undefined : v }));

  return (
    <main class="popup" ref={scroller} onScroll={onScroll}>
      <header class="bar">
        <h1>{t('popupTitle')}</h1>
        <button class="link" type="button" aria-expanded={pasting} onClick={() => (setPasting((x) => !x), setOpenKey(null))}>
          + {t('addByPaste')}
        </button>
        <button class="link" type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {pasting && (
        <PasteForm
          onDone={(msg) => {
            setPasting(false);
            if (msg) setNotice(msg);
          }}
        />
      )}
      {openKey ? (
        <Detail id={openKey} onBack={() => setOpenKey(null)} />
      ) : (
        <>
          <div class="tools" hidden={data.loaded && sections.length === 0}>
            <input
              ref={search}
              type="search"
              class="search"
              autoFocus
              aria-label={t('searchLabel')}
              placeholder={t('searchPlaceholder')}
              aria-keyshortcuts="/"
              value={filters.q}
              onInput={(e) => setFilters((f) => ({ ...f, q: e.currentTarget.value }))}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  rows()[0]?.focus();
                } else if (e.key === 'Enter') {
                  const first = rows()[0];
                  if (first?.dataset.key) open(first.dataset.key);
                }
              }}
            />
            <div class="chips" role="toolbar" aria-label={t('filtersLabel')}>
              <ChipGroup label={t('filterStatus')} values={chips.sections} active={filters.section} name={(s) => t(SECTION_TITLE[s])} onPick={(v) => setChip('section', v)} />
              {chips.platforms.length > 1 && (
                <ChipGroup<PlatformTag> label={t('filterPlatform')} values={chips.platforms} active={filters.platform} name={platformLabel} onPick={(v) => setChip('platform', v)} />
              )}
              {chips.carriers.length > 1 && (
                <ChipGroup label={t('filterCarrier')} values={chips.carriers} active={filters.carrier} name={(c) => carrierLabel(c)} onPick={(v) => setChip('carrier', v)} />
              )}
            </div>
          </div>
          {data.loaded && sections.length === 0 && (
            <section class="empty" aria-live="polite">
              <h2>{t('emptyTitle')}</h2>
              <p>{t('emptyBody')}</p>
            </section>
          )}
          {data.loaded && sections.length > 0 && shown.length === 0 && (
            <p class="empty" role="status">
              {t('noMatches')}
            </p>
          )}
          <div class="list" aria-label={t('parcelListLabel')} onKeyDown={onListKey}>
            {groups(visible).map((g) => (
              <section class="section" key={g.id} data-section={g.id} aria-labelledby={`h-${g.id}`}>
                <h2 id={`h-${g.id}`}>
                  {t(SECTION_TITLE[g.id])} <span class="count">{g.count}</span>
                </h2>
                <ul role="list">
                  {g.rows.map((r) =>
                    r.kind === 'entry' ? <Row key={entryKey(r.entry)} entry={r.entry} section={g.id} orders={data.orders} onOpen={open} now={now} /> : null,
                  )}
                </ul>
              </section>
            ))}
          </div>
          {sections.length > 0 && <p class="hint muted">{t('keyboardHint')}</p>}
        </>
      )}
    </main>
  );
}

/** The windowed slice regrouped by section (a section may be cut at the end). */
function groups(rows: FlatRow[]): { id: SectionId; count: number; rows: FlatRow[] }[] {
  const out: { id: SectionId; count: number; rows: FlatRow[] }[] = [];
  for (const r of rows) {
    if (r.kind === 'header') out.push({ id: r.section, count: r.count, rows: [] });
    else out[out.length - 1]?.rows.push(r);
  }
  return out;
}

function ChipGroup<T extends string>({ label, values, active, name, onPick }: { label: string; values: T[]; active?: T; name: (v: T) => string; onPick: (v: T) => void }) {
  return (
    <div class="chip-group" role="group" aria-label={label}>
      {values.map((v) => (
        <button key={v} type="button" class="chip" aria-pressed={active === v} onClick={() => onPick(v)}>
          {name(v)}
        </button>
      ))}
    </div>
  );
}
