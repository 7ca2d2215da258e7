// Every row of every section, for search, chips and scrolling: read in chunks (loadSectionsInChunks) with a
// task's pause between them, so a key pressed while they are read is answered at once, over the rows read so
// far; the search index grows with each chunk. Read again on every change to parcels or orders (in this page
// or another, as Dexie broadcasts them); a re-read keeps the last complete answer on show until it is complete.
import Dexie from 'dexie';
import { addToSearchIndex, type SearchIndex } from '../../core/popup-query';
import { EMPTY_DATA, type PopupData } from '../../db/popup-data';
import { CHUNK_ROWS, loadSectionsInChunks } from '../../db/popup-rows';
import { getDb, type ParcelHubDb } from '../../db/schema';
import type { LiveStore } from '../hooks/use-live-query';
import { alertPrefs, onAlertPrefsChange } from '../../shared/alert-prefs';

export interface AllRows {
  /** Rows read so far (every row once `complete`), each section in order. */
  data: PopupData;
  /** Search text of every row in `data`. */
  index: SearchIndex;
  complete: boolean;
}

export const NO_ROWS: AllRows = { data: EMPTY_DATA, index: new Map(), complete: false };

/** A task boundary: input events queued meanwhile run before the next chunk. */
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Starts reading when `start` settles (main.tsx: after the first screen is painted, with what that screen
 * read, so the first read does not read its records placed one by one again). */
export function allRows(start: Promise<PopupData | void> = Promise.resolve(), db: () => ParcelHubDb = getDb): LiveStore<AllRows> {
  let value = NO_ROWS;
  const listeners = new Set<(v: AllRows) => void>();
  const emit = (v: AllRows) => {
    value = v;
    for (const fn of listeners) fn(v);
  };
  let reading = false;
  let changed = false;
  const read = async (from?: PopupData) => {
    reading = true;
    changed = false;
    const firstRead = !value.complete;
    const index = new Map<string, string>();
    try {
      for await (const { data, added } of loadSectionsInChunks(db(), from?.now ?? Date.now(), undefined, from, alertPrefs())) {
        // The first chunk brings every record placed one by one (a thousand unshipped orders at 10,000
        // parcels): indexed a chunk's worth per task too.
        for (let i = 0; i < added.length; i += CHUNK_ROWS) {
          if (i) await nextTask();
          addToSearchIndex(index, added.slice(i, i + CHUNK_ROWS), data.orders);
        }
        if (data.complete) {
          performance.mark('popup:all-rows-read');
          performance.mark('popup:search-index');
        }
        if (data.complete || firstRead) emit({ data, index, complete: data.complete });
        if (!data.complete) await nextTask();
      }
    } catch (e) {
      console.error('popup: reading every row failed', e);
    }
    reading = false;
    if (changed) void read();
  };
  void start.then((first) => {
    const tables = new RegExp(`^idb://${db().name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(parcels|orders)/`);
    Dexie.on('storagemutated', (parts) => {
      if (!Object.keys(parts).some((k) => tables.test(k))) return;
      if (reading) changed = true;
      else void read();
    });
    // An alert kind switched on or off, or a threshold changed, in the options page places rows differently: read again.
    onAlertPrefsChange(() => {
      if (reading) changed = true;
      else void read();
    });
    void read(first?.loaded ? first : undefined);
  });
  return {
    get: () => value,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
