import type { TrackingSource } from '../source';
export const ALL_SOURCES: TrackingSource[] = [];
