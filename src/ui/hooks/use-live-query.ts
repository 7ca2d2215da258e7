// A small useLiveQuery on preact/hooks: re-runs the Dexie query whenever the tables it read change, in this
// context or any other (Dexie broadcasts the background's writes).
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e) => console.error('liveQuery failed', e) });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/** A live query that lives outside any component: started when `start` settles (not when a component mounts,
 * which Preact runs after a paint), so a page can begin a read before it has drawn anything. */
export interface LiveStore<T> {
  get(): T;
  subscribe(fn: (v: T) => void): () => void;
}

/** `restartOn`: for inputs outside the database (a setting the query reads): called once with a function that
 * runs the query again from scratch. */
export function liveStore<T>(query: () => Promise<T>, initial: T, start: Promise<unknown> = Promise.resolve(), restartOn?: (restart: () => void) => void): LiveStore<T> {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  let sub: { unsubscribe(): void } | undefined;
  const run = () => {
    sub?.unsubscribe();
    sub = liveQuery(query).subscribe({
      next: (v) => {
        value = v;
        for (const fn of listeners) fn(v);
      },
      error: (e) => console.error('liveQuery failed', e),
    });
  };
  void start.then(() => {
    run();
    restartOn?.(run);
  });
  return {
    get: () => value,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export function useStore<T>(store: LiveStore<T>): T {
  const [value, setValue] = useState(store.get);
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
