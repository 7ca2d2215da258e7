// Bounds of an observation, defined once: core/observation-schema.ts validates against them and the parsers
// (src/platforms/) cap what they emit with them, so whatever a parser reads passes validation.

/** 2000-01-01 .. 2100-01-01 in ms: anything else is a unit error (seconds) or garbage. */
export const MIN_TIME = 946_684_800_000;
export const MAX_TIME = 4_102_444_800_000;
/** Largest amount in 分 (10 million 元). */
export const MAX_MONEY = 1_000_000_000;
export const MAX_ITEMS = 200;
export const MAX_EVENTS = 500;
/** Orders one parcel may belong to (merged shipments). */
export const MAX_ORDER_IDS = 50;
export const MAX_BATCH_ORDERS = 1000;
export const MAX_BATCH_PARCELS = 1000;
export const MAX_TRACKING_CHARS = 64;

export const inTimeRange = (ms: number) => ms >= MIN_TIME && ms <= MAX_TIME;
