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
