// The key/value `meta` table, typed in one place: every key (or key family) and the type of its value. Reads and
// writes go through these helpers, so no caller hand-casts `row.value`.
import type { Alert } from '../core/alerts';
import type { Notice } from '../core/notices';
import type { Platform, PlatformStateValue } from '../core/model';
import type { Progress, SchedulerState } from '../refresh/scheduler';
import type { ParcelHubDb } from './schema';

/** A notification shown (the click handler finds its parcel or order page here). */
export interface ShownEntry {
  id: string;
  parcelKey?: string;
  orderUrl?: string;
  pickupCode?: string;
  /** A last-mile alert (issue #16): its "复制投诉凭证" button copies this alert's evidence. */
  alert?: Alert;
  at: number;
}

/** Single keys. */
interface MetaValues {
  'refresh:state': Partial<SchedulerState>;
  'refresh:progress': Progress;
  'notify:outbox': Notice[];
  'notify:shown': ShownEntry[];
  /** Follow-up pages opened in a tab: `<platform>:<orderId>` → when (ms), pruned to the cool-down. */
  'follow:opened': Record<string, number>;
}

/** Key families `<prefix><id>`. */
interface MetaFamilies {
  /** Per-platform capture state. */
  'platform:': PlatformStateValue;
  /** Last opt-in page visit of a platform (ms). */
  'visit:': number;
  /** A notice already notified (ms): never repeated. */
  'notified:': number;
}

export type MetaKey = keyof MetaValues | `${keyof MetaFamilies}${string}`;
export type MetaValue<K extends string> = K extends keyof MetaValues
  ? MetaValues[K]
  : K extends `platform:${string}`
    ? PlatformStateValue
    : K extends `visit:${string}`
      ? number
      : K extends `notified:${string}`
        ? number
        : never;

export const platformKey = (p: Platform) => `platform:${p}` as const;

export async function getMeta<K extends MetaKey>(db: ParcelHubDb, key: K): Promise<MetaValue<K> | undefined> {
  return (await db.meta.get(key))?.value as MetaValue<K> | undefined;
}

export async function getMetaMany<K extends MetaKey>(db: ParcelHubDb, keys: readonly K[]): Promise<(MetaValue<K> | undefined)[]> {
  return (await db.meta.bulkGet([...keys])).map((r) => r?.value as MetaValue<K> | undefined);
}

export async function putMeta<K extends MetaKey>(db: ParcelHubDb, key: K, value: MetaValue<K>): Promise<void> {
  await db.meta.put({ key, value });
}

/** Every row of a key family, e.g. all `platform:` states. */
export async function metaFamily<P extends keyof MetaFamilies>(db: ParcelHubDb, prefix: P): Promise<{ key: string; value: MetaFamilies[P] }[]> {
  return (await db.meta.where('key').startsWith(prefix).toArray()) as { key: string; value: MetaFamilies[P] }[];
}
