// User settings: one object in storage.local under SETTINGS_KEY (never in sync storage, never in backups —
// it holds tracking-service keys). Everything that other parts make configurable lives here. Stored data
// is untrusted on read (an old version, a hand-edited profile): `parseSettings` validates field by field and
// falls back to the default for anything missing or wrong, so a bad value never disables the extension.
import * as v from 'valibot';
import type { Platform } from './model';
import { DEFAULT_THRESHOLDS, LAST_MILE_ALERTS, type AlertThresholds, type LastMileAlert } from './alerts';
import { asLanguageChoice, type LanguageChoice } from './language';

// The key and the hours' limit live with the validator-free reader of the alert settings (the popup needs them
// without valibot).
import { MAX_ALERT_HOURS } from './alert-prefs';
export { MAX_ALERT_HOURS, SETTINGS_KEY } from './alert-prefs';

/** Platforms whose pages are read (manual additions are not a platform one can switch off). */
export const SHOP_PLATFORMS = ['taobao', 'douyin', 'kuaishou', 'jd', 'pdd'] as const;
export type ShopPlatform = (typeof SHOP_PLATFORMS)[number];

/** Where refreshed tracking comes from, tried in the user's order. */
export const SOURCE_IDS = ['taobao', 'kuaidi100', 'seventeen_track', 'page_visit'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** Host permissions each tracking service needs (manifest `optional_host_permissions`); requested from the
 * click that enables the service. */
export const SERVICE_ORIGINS = {
  kuaidi100: ['https://poll.kuaidi100.com/*'],
  seventeenTrack: ['https://api.17track.net/*'],
} as const satisfies Record<string, readonly string[]>;
export type ServiceId = keyof typeof SERVICE_ORIGINS;

/** Notification kinds the user can switch on or off. Alerts are grouped under `alert`. */
export const NOTIFICATION_TYPES = ['out_for_delivery', 'awaiting_collection', 'delivered', 'alert'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Settings {
  refresh: {
    /** Background refresh on the alarm schedule. */
    enabled: boolean;
    /** Multiplies every status interval of core/schedule.ts (0.5 = twice as often). */
    intervalFactor: number;
    /** Sources in the order they are tried. */
    sourceOrder: SourceId[];
  };
  services: {
    kuaidi100: { enabled: boolean; customer: string; key: string };
    seventeenTrack: { enabled: boolean; apiKey: string };
  };
  /** Opt-in: open a platform's order list in an inactive tab so capture runs, then close it. */
  pageVisits: { enabled: boolean; platforms: ShopPlatform[]; everyHours: number };
  notifications: {
    enabled: boolean;
    types: Record<NotificationType, boolean>;
    /** Local clock "HH:MM"; start > end wraps midnight (22:00–08:00). Notifications wait until it ends. */
    quietHours: { enabled: boolean; start: string; end: string };
  };
  alerts: AlertThresholds;
  /** The last-mile alerts (issue #16), each on or off: off means no notification and no popup row for it. */
  alertKinds: Record<LastMileAlert, boolean>;
  /** Platforms whose pages are read. A disabled platform's captures are ignored. */
  platforms: Record<ShopPlatform, boolean>;
  /** The language of every surface: the browser's, or one the shopper picked (shared/i18n.ts). */
  language: LanguageChoice;
}

export const DEFAULT_SETTINGS: Settings = {
  refresh: { enabled: true, intervalFactor: 1, sourceOrder: [...SOURCE_IDS] },
  services: {
    kuaidi100: { enabled: false, customer: '', key: '' },
    seventeenTrack: { enabled: false, apiKey: '' },
  },
  pageVisits: { enabled: false, platforms: [], everyHours: 6 },
  notifications: {
    enabled: true,
    types: { out_for_delivery: true, awaiting_collection: true, delivered: true, alert: true },
    quietHours: { enabled: false, start: '22:00', end: '08:00' },
  },
  alerts: { ...DEFAULT_THRESHOLDS },
  alertKinds: Object.fromEntries(LAST_MILE_ALERTS.map((k) => [k, true])) as Record<LastMileAlert, boolean>,
  platforms: { taobao: true, douyin: true, kuaishou: true, jd: true, pdd: true },
  language: 'auto',
};

/** Is this alert kind switched on? (Only the last-mile kinds have switches; the others are always on.) */
export const alertKindOn = (s: Pick<Settings, 'alertKinds'>, kind: string): boolean => (s.alertKinds as Record<string, boolean>)[kind] !== false;

/** Is capture on for this platform? Manual additions always are. */
export const platformEnabled = (s: Settings, p: Platform): boolean => (p === 'manual' ? true : s.platforms[p]);

/** Page visits are rate-limited: never more often than every 2 hours (issue #6). */
export const MIN_PAGE_VISIT_HOURS = 2;

const Clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const Secret = v.pipe(v.string(), v.trim(), v.maxLength(200));
const Hours = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ALERT_HOURS));

// One schema per field so each falls back on its own.
const fields = {
  refreshEnabled: v.boolean(),
  intervalFactor: v.pipe(v.number(), v.minValue(0.25), v.maxValue(8)),
  bool: v.boolean(),
  secret: Secret,
  visitPlatforms: v.pipe(v.array(v.picklist(SHOP_PLATFORMS)), v.maxLength(SHOP_PLATFORMS.length)),
  everyHours: v.pipe(v.number(), v.integer(), v.minValue(MIN_PAGE_VISIT_HOURS), v.maxValue(24 * 7)),
  clock: Clock,
  hours: Hours,
};

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});

function pick<T>(schema: v.GenericSchema<unknown, T>, value: unknown, fallback: T): T {
  const r = v.safeParse(schema, value);
  return r.success ? r.output : fallback;
}

/** Complete a source order: unknown ids dropped, duplicates removed, missing ones appended in default order. */
function completeOrder(order: SourceId[]): SourceId[] {
  const seen = [...new Set(order)];
  return [...seen, ...SOURCE_IDS.filter((s) => !seen.includes(s))];
}

/** Untrusted stored value → complete, valid settings. */
export function parseSettings(raw: unknown): Settings {
  const d = DEFAULT_SETTINGS;
  const r = obj(raw);
  const refresh = obj(r.refresh);
  const services = obj(r.services);
  const k100 = obj(services.kuaidi100);
  const s17 = obj(services.seventeenTrack);
  const visits = obj(r.pageVisits);
  const notes = obj(r.notifications);
  const types = obj(notes.types);
  const quiet = obj(notes.quietHours);
  const alerts = obj(r.alerts);
  const platforms = obj(r.platforms);
  const kinds = obj(r.alertKinds);
  return {
    refresh: {
      enabled: pick(fields.refreshEnabled, refresh.enabled, d.refresh.enabled),
      intervalFactor: pick(fields.intervalFactor, refresh.intervalFactor, d.refresh.intervalFactor),
      // Unknown ids (a source removed in a later version) are dropped, not the whole order.
      sourceOrder: completeOrder(Array.isArray(refresh.sourceOrder) ? refresh.sourceOrder.filter((x): x is SourceId => (SOURCE_IDS as readonly unknown[]).includes(x)) : d.refresh.sourceOrder),
    },
    services: {
      kuaidi100: {
        enabled: pick(fields.bool, k100.enabled, d.services.kuaidi100.enabled),
        customer: pick(fields.secret, k100.customer, ''),
        key: pick(fields.secret, k100.key, ''),
      },
      seventeenTrack: {
        enabled: pick(fields.bool, s17.enabled, d.services.seventeenTrack.enabled),
        apiKey: pick(fields.secret, s17.apiKey, ''),
      },
    },
    pageVisits: {
      enabled: pick(fields.bool, visits.enabled, d.pageVisits.enabled),
      platforms: [...new Set(pick(fields.visitPlatforms, visits.platforms, d.pageVisits.platforms))],
      everyHours: pick(fields.everyHours, visits.everyHours, d.pageVisits.everyHours),
    },
    notifications: {
      enabled: pick(fields.bool, notes.enabled, d.notifications.enabled),
      types: Object.fromEntries(
        Object.entries(d.notifications.types).map(([k, def]) => [k, pick(fields.bool, types[k], def)]),
      ) as Settings['notifications']['types'],
      quietHours: {
        enabled: pick(fields.bool, quiet.enabled, d.notifications.quietHours.enabled),
        start: pick(fields.clock, quiet.start, d.notifications.quietHours.start),
        end: pick(fields.clock, quiet.end, d.notifications.quietHours.end),
      },
    },
    alerts: Object.fromEntries(
      Object.entries(d.alerts).map(([k, def]) => [k, pick(fields.hours, alerts[k], def)]),
    ) as unknown as AlertThresholds,
    alertKinds: Object.fromEntries(LAST_MILE_ALERTS.map((k) => [k, pick(fields.bool, kinds[k], d.alertKinds[k])])) as Record<LastMileAlert, boolean>,
    platforms: Object.fromEntries(SHOP_PLATFORMS.map((p) => [p, pick(fields.bool, platforms[p], d.platforms[p])])) as Record<ShopPlatform, boolean>,
    language: asLanguageChoice(r.language),
  };
}

/** Settings with every secret replaced, for anything that may be shown, copied or exported. */
export function redactSettings(s: Settings): Settings {
  const mask = (x: string) => (x ? '••••' : '');
  return {
    ...s,
    services: {
      kuaidi100: { ...s.services.kuaidi100, customer: mask(s.services.kuaidi100.customer), key: mask(s.services.kuaidi100.key) },
      seventeenTrack: { ...s.services.seventeenTrack, apiKey: mask(s.services.seventeenTrack.apiKey) },
    },
  };
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Is local time `date` inside the quiet hours? Start == end means no quiet time. */
export function inQuietHours(q: Settings['notifications']['quietHours'], date: Date): boolean {
  if (!q.enabled) return false;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  const m = date.getHours() * 60 + date.getMinutes();
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** When the current quiet period ends (ms), or `date` itself if not quiet. */
export function quietHoursEnd(q: Settings['notifications']['quietHours'], date: Date): number {
  if (!inQuietHours(q, date)) return date.getTime();
  const end = minutesOf(q.end);
  const d = new Date(date);
  d.setSeconds(0, 0);
  d.setHours(Math.floor(end / 60), end % 60);
  if (d.getTime() <= date.getTime()) d.setDate(d.getDate() + 1);
  return d.getTime();
}
