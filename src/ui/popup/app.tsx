// The toolbar popup: every parcel and unshipped order in urgency sections, with search, filter chips,
// keyboard navigation, a detail view, the archive and add-by-paste. Reads the database (liveQuery) in two
// steps: the first screen (exact section counts, the first rows; a handful of indexed reads), then, after it
// is drawn, every row and the search index, in chunks (all-rows.ts): a query typed meanwhile is answered over
// the rows read so far and the tracking-number index, refined as rows arrive. The list is windowed: only the
// rows on screen are in the DOM.
// Every write is a message to the background. Shop data is rendered as text only, never as HTML.
import type { FunctionComponent } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OrderRecord, ParcelRecord } from '../../core/model';
import { applyFilters, entryKey, entryOrders, facets, flatten, mergeSections, type FlatRow, type Filters, type ListSection, type PlatformTag } from '../../core/popup-query';
import type { SectionEntry, SectionId } from '../../core/sections';
import { EMPTY_DATA, findByTrackingPrefix, loadArchived, loadSections, type PopupData } from '../../db/popup-data';
import { getDb } from '../../db/schema';
import { browser } from '../../shared/browser';
import { useLiveQuery, useStore, type LiveStore } from '../hooks/use-live-query';
import type { AllRows } from './all-rows';
import { t } from '../../shared/i18n';
import { alertPrefs, onAlertPrefsChange } from '../../shared/alert-prefs';
import type { DetailProps } from './detail';
import { carrierLabel } from './labels';
import { PasteForm } from './paste';
import { doorAlertOf, platformLabel, Row } from './row';
import { layout, nextEntry, rowHeight, windowOf } from './virtual-list';
import { StatusStrip } from './status-strip';

export const SECTION_TITLE: Record<ListSection, string> = {
  awaiting_collection: 'sectionAwaitingCollection',
  attention: 'sectionAttention',
  out_for_delivery: 'sectionOutForDelivery',
  in_transit: 'sectionInTransit',
  unshipped: 'sectionUnshipped',
  delivered: 'sectionDelivered',
  archived: 'sectionArchived',
};

/** Rows the first read fetches: more than a 600 px popup shows, so the first scroll needs nothing new. */
export const FIRST_ROWS = 24;

/** The query as a tracking-number prefix (as stored: upper case, no spaces), when it can only be one. */
const numberPrefix = (q: string) => {
  const s = q.trim().toUpperCase();
  return /^[A-Z]{0,4}\d[A-Z0-9]{4,}$/.test(s) ? s : '';
};
const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
const noFilters = (f: Filters) => !f.q.trim() && !f.platform && !f.carrier && !f.section;
interface Archive {
  loaded: boolean;
  parcels: ParcelRecord[];
  orders: Map<string, OrderRecord>;
}
const EMPTY_ARCHIVE: Archive = { loaded: false, parcels: [], orders: new Map() };

/** The first screen's read (exact counts, the first rows), started by main.tsx before the language is known. */
export function loadFirstScreen(): Promise<PopupData> {
  return loadSections(getDb(), Date.now(), FIRST_ROWS, alertPrefs()).then(
    (d) => (performance.mark('popup:first-rows-read'), d),
    (e) => (console.error('popup: first read failed', e), EMPTY_DATA),
  );
}

export function App({ initial, rows }: { initial?: PopupData; rows: LiveStore<AllRows> }) {
  const [view, setView] = useState<'list' | 'archived' | 'pickup'>('list');
  // 取件码 → 手机 and its QR encoder load only when opened.
  const [Pickup, setPickup] = useState<FunctionComponent<{ onBack: () => void }> | null>(null);
  useEffect(() => {
    if (view === 'pickup' && !Pickup) void import('./pickup-view').then((m) => setPickup(() => m.PickupView));
  }, [view]);
  // The detail view (and its evidence block) is not on the start path: loaded when a row is first opened, or
  // a moment after the first screen so that opening one is instant.
  const [DetailView, setDetailView] = useState<FunctionComponent<DetailProps> | null>(null);
  const loadDetail = () => void import('./detail').then((m) => setDetailView(() => m.Detail));
  useEffect(() => {
    const timer = setTimeout(loadDetail, 1500);
    return () => clearTimeout(timer);
  }, []);
  const all = useStore(rows);
  // The first screen comes read (`initial`); without it, read here. Live changes arrive with `all`.
  // Alert kinds switched on or off, or a threshold changed, in the options page while the popup is open: rows and
  // reasons follow at once.
  const [prefs, setPrefs] = useState(alertPrefs);
  useEffect(() => onAlertPrefsChange(setPrefs), []);
  const headLive = useLiveQuery(() => (initial?.loaded ? EMPTY_DATA : loadSections(getDb(), Date.now(), FIRST_ROWS, prefs)), [prefs], EMPTY_DATA);
  const head = headLive.loaded ? headLive : (initial ?? EMPTY_DATA);
  const archive = useLiveQuery<Archive>(() => (view === 'archived' ? loadArchived(getDb()) : EMPTY_ARCHIVE), [view], EMPTY_ARCHIVE);
  // The list without a query: the first screen (placeholders for rows not read yet) until every row is in.
  const data = all.complete ? all.data : head;

  const [filters, setFilters] = useState<Filters>({ q: '' });
  // A notification click opens popup.html#parcel=<key> in a tab: start on that parcel.
  const [openKey, setOpenKey] = useState<string | null>(() => {
    const m = /^#parcel=(.+)$/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  });
  const [pasting, setPasting] = useState(false);
  const [notice, setNotice] = useState('');
  const [scroll, setScroll] = useState({ top: 0, height: 600, listTop: 0 });
  const [focusIdx, setFocusIdx] = useState(-1);
  const search = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const back = useRef<{ key: string; top: number } | null>(null);

  const sections = data.sections;
  const chips = useMemo(() => (all.complete ? facets(sections, data.orders) : { platforms: [], carriers: [], sections: sections.map((s) => s.id) }), [all.complete, sections, data.orders]);

  // A tracking number typed before every row is read: found through the trackingNo index meanwhile.
  const [early, setEarly] = useState<PopupData | null>(null);
  const number = all.complete ? '' : numberPrefix(filters.q);
  useEffect(() => {
    setEarly(null);
    if (!number) return;
    let current = true;
    void findByTrackingPrefix(getDb(), number, Date.now(), undefined, prefs).then((d) => current && setEarly(d));
    return () => void (current = false);
  }, [number, prefs]);
  // A query before every row is read: answered over the rows read so far, the first screen and the index
  // lookup, refined as chunks arrive; "still searching" until complete, never a premature "no matches".
  const searching = view === 'list' && !noFilters(filters) && !all.complete;
  const partial = useMemo(() => {
    if (!searching) return null;
    const sources = [all.data, head, ...(early && number ? [early] : [])].filter((d) => d.loaded);
    const found = sources.map((d) => applyFilters(d.sections, d.orders, filters, d === all.data ? all.index : undefined)).reduce(mergeSections, []);
    // The orders of the rows found (not a copy of every order read so far).
    const orders = new Map<string, OrderRecord>();
    for (const s of found)
      for (const e of s.entries)
        for (const k of e.kind === 'parcel' ? e.parcel.orderKeys : [e.order.key]) {
          const o = sources.find((d) => d.orders.has(k))?.orders.get(k);
          if (o) orders.set(k, o);
        }
    return { found, orders };
  }, [searching, all, head, early, number, filters]);

  // Rows read so far matter to the list only under a query (without one it shows `sections`).
  const searched = noFilters(filters) ? null : all;
  const flat: FlatRow[] = useMemo(() => {
    if (view === 'archived') return archive.parcels.length ? flatten([{ id: 'archived', entries: archive.parcels.map((parcel) => ({ kind: 'parcel' as const, parcel })) }]) : [];
    if (!searched) return flatten(sections);
    if (partial) return flatten(partial.found);
    return flatten(applyFilters(searched.data.sections, searched.data.orders, filters, searched.index));
  }, [view, archive, sections, partial, searched, filters]);
  const orders = view === 'archived' ? archive.orders : (partial?.orders ?? data.orders);
  // A parcel row with a broken door promise (on unless switched off) has a reason line its entry does not carry.
  const listNow = data.now || Date.now();
  const doorReason = useMemo(() => (e: SectionEntry) => !e.alert && !!doorAlertOf(e, entryOrders(e, orders), listNow, prefs.on), [orders, prefs, listNow]);
  const offsets = useMemo(() => layout(flat, doorReason), [flat, doorReason]);
  const shownRows = flat.some((r) => r.kind === 'entry');

  const measure = () => {
    const el = scroller.current;
    const list = listRef.current;
    if (!el || !list) return;
    const listTop = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    setScroll((s) => (s.top === el.scrollTop && s.height === el.clientHeight && s.listTop === listTop ? s : { top: el.scrollTop, height: el.clientHeight, listTop }));
  };
  useLayoutEffect(measure, [flat, openKey, pasting, view, chips, notice]);
  useEffect(() => {
    addEventListener('resize', measure);
    return () => removeEventListener('resize', measure);
  }, []);
  // Whatever sits above the list (the status line loads late, chips wrap) moves it: measure again then.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => measure());
    for (const child of el.children) if (child !== listRef.current && !child.contains(listRef.current)) ro.observe(child);
    const tools = listRef.current?.parentElement;
    if (tools) for (const child of tools.children) if (child !== listRef.current) ro.observe(child);
    return () => ro.disconnect();
  }, [openKey, pasting, view, notice]);

  useEffect(() => setFocusIdx(-1), [filters, view]);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(''), 5000);
    return () => clearTimeout(id);
  }, [notice]);

  /** Scroll so row i is fully visible below the sticky bar, then focus it once drawn. */
  const reveal = (i: number) => {
    const el = scroller.current;
    if (!el || i < 0) return;
    const bar = el.querySelector<HTMLElement>('.bar')?.offsetHeight ?? 0;
    const top = scroll.listTop + offsets[i];
    const bottom = scroll.listTop + offsets[i + 1];
    if (top < el.scrollTop + bar) el.scrollTop = top - bar;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    pendingFocus.current = i;
    setFocusIdx(i);
    setScroll((s) => ({ ...s, top: el.scrollTop }));
  };
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`.row[data-idx="${i}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // A layout effect: focus is back on the row in the same task the list is drawn, before the next key.
  useLayoutEffect(() => {
    if (openKey || pasting) return;
    // Back from the detail view: the list where it was, focus on the row it was opened from.
    const b = back.current;
    back.current = null;
    const i = b ? flat.findIndex((r) => r.kind === 'entry' && r.entry && entryKey(r.entry) === b.key) : -1;
    if (b && scroller.current) scroller.current.scrollTop = b.top;
    if (i >= 0) reveal(i);
    else search.current?.focus();
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
        else if (view !== 'list') setView('list');
        else if (!noFilters(filters)) setFilters({ q: '' });
        else return;
        e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openKey, pasting, filters, view]);

  const first = () => nextEntry(flat, -1, 1);
  const onListKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('.row');
    if (!row) return;
    const i = Number(row.dataset.idx);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const j = nextEntry(flat, i, e.key === 'ArrowDown' ? 1 : -1);
      if (j >= 0) reveal(j);
      else if (e.key === 'ArrowUp') search.current?.focus();
    } else if ((e.key === 'Home' || e.key === 'End') && target === row) {
      e.preventDefault();
      reveal(e.key === 'Home' ? first() : nextEntry(flat, flat.length, -1));
    } else if ((e.key === 'c' || e.key === 'C') && target === row && !e.ctrlKey && !e.metaKey) {
      // "c" copies what the row is for: the pickup code if there is one, else the tracking number.
      const button = row.querySelector<HTMLElement>('.copy:not(.evidence)');
      if (button) {
        e.preventDefault();
        button.click();
      }
    }
  };

  const open = (key: string) => {
    back.current = { key, top: scroller.current?.scrollTop ?? 0 };
    setOpenKey(key);
  };
  const setChip = <K extends 'platform' | 'carrier' | 'section'>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: f[k] === v ? undefined : v }));

  // The window: rows on screen, plus a margin, plus the focused row (so focus survives a scroll).
  const [start, end] = windowOf(offsets, scroll.top - scroll.listTop, scroll.height);
  const drawn: number[] = [];
  for (let i = start; i < end; i++) drawn.push(i);
  if (focusIdx >= 0 && focusIdx < flat.length && (focusIdx < start || focusIdx >= end)) drawn.push(focusIdx);
  const entries = flat.reduce((n, r) => n + (r.kind === 'entry' ? 1 : 0), 0);
  const empty = view === 'list' && data.loaded && sections.length === 0;

  return (
    <main class="popup" ref={scroller} onScroll={measure}>
      <header class="bar">
        <h1>{view === 'archived' ? t('archivedView') : view === 'pickup' ? t('pickupViewTitle') : t('popupTitle')}</h1>
        {view !== 'list' ? (
          <button class="link" type="button" onClick={() => setView('list')}>
            ← {t('backToList')}
          </button>
        ) : (
          <>
            <button class="link" type="button" aria-expanded={pasting} onClick={() => (setPasting((x) => !x), setOpenKey(null))}>
              + {t('addByPaste')}
            </button>
            <button class="link" type="button" aria-label={t('archivedViewLabel')} onClick={() => (setView('archived'), setOpenKey(null), setPasting(false))}>
              {t('archivedView')}
            </button>
          </>
        )}
        <button class="link" type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </header>
      {view === 'list' && !openKey && <StatusStrip />}
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
      {view === 'pickup' ? (
        Pickup && <Pickup onBack={() => setView('list')} />
      ) : openKey ? (
        DetailView ? <DetailView id={openKey} onBack={() => setOpenKey(null)} onOpen={setOpenKey} prefs={prefs} /> : (loadDetail(), null)
      ) : (
        <>
          <div class="tools" hidden={empty || view === 'archived'}>
            <input
              ref={search}
              type="search"
              class="search"
              autoFocus
              aria-label={t('searchLabel')}
              placeholder={t('searchPlaceholder')}
              aria-keyshortcuts="/"
              value={filters.q}
              onInput={(e) => {
                const q = e.currentTarget.value;
                setFilters((f) => ({ ...f, q }));
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  reveal(first());
                } else if (e.key === 'Enter') {
                  const r = flat[first()];
                  if (r?.kind === 'entry' && r.entry) open(entryKey(r.entry));
                }
              }}
            />
            <div class="chips" role="toolbar" aria-label={t('filtersLabel')}>
              <ChipGroup<SectionId> label={t('filterStatus')} values={chips.sections} active={filters.section} name={(s) => t(SECTION_TITLE[s])} onPick={(v) => setChip('section', v)} />
              {chips.platforms.length > 1 && (
                <ChipGroup<PlatformTag> label={t('filterPlatform')} values={chips.platforms} active={filters.platform} name={platformLabel} onPick={(v) => setChip('platform', v)} />
              )}
              {chips.carriers.length > 1 && (
                <ChipGroup label={t('filterCarrier')} values={chips.carriers} active={filters.carrier} name={(c) => carrierLabel(c)} onPick={(v) => setChip('carrier', v)} />
              )}
            </div>
          </div>
          {empty && (
            <section class="empty" aria-live="polite">
              <h2>{t('emptyTitle')}</h2>
              <p>{t('emptyBody')}</p>
            </section>
          )}
          {view === 'archived' && archive.loaded && archive.parcels.length === 0 && (
            <p class="empty" role="status">
              {t('archivedEmpty')}
            </p>
          )}
          {view === 'list' && all.complete && sections.length > 0 && !shownRows && (
            <p class="empty" role="status">
              {t('noMatches')}
            </p>
          )}
          <ul class="list" ref={listRef} aria-label={t('parcelListLabel')} style={{ height: `${offsets[flat.length]}px` }} onKeyDown={onListKey}>
            {drawn.map((i) => {
              const r = flat[i];
              const style = { top: `${offsets[i]}px`, height: `${rowHeight(r, doorReason)}px` };
              if (r.kind === 'header')
                return (
                  <li key={`h-${r.section}`} class="section-h" style={style} data-section={r.section} role="presentation">
                    <h2>
                      {t(SECTION_TITLE[r.section])} <span class="count">{r.count}</span>
                      {r.section === 'awaiting_collection' && view === 'list' && (
                        <button type="button" class="link qr-open" onClick={() => (setView('pickup'), setOpenKey(null), setPasting(false))}>
                          {t('pickupViewButton')}
                        </button>
                      )}
                    </h2>
                  </li>
                );
              if (!r.entry)
                return (
                  <li key={`p-${i}`} class="row placeholder" style={style} aria-hidden="true">
                    {t('loadingRow')}
                  </li>
                );
              return <Row key={entryKey(r.entry)} entry={r.entry} section={r.section} orders={orders} onOpen={open} now={data.now || Date.now()} idx={i} style={style} alertOn={prefs.on} />;
            })}
          </ul>
          {searching && (
            <p class="hint muted searching" role="status">
              {t('stillSearching')}
            </p>
          )}
          {entries > 0 && <p class="hint muted">{t('keyboardHint')}</p>}
        </>
      )}
    </main>
  );
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
