// Every refresh source with a network API, in the default source order (core/settings SOURCE_IDS).
// 'page_visit' is not here: it opens the platform's order page instead of fetching.
import type { SourceId } from '../../core/settings';
import type { TrackingSource } from '../source';
import { kuaidi100Source } from './kuaidi100';
import { seventeenTrackSource } from './seventeen-track';
import { taobaoSource } from './taobao';

export { kuaidi100Source, seventeenTrackSource, taobaoSource };

export const ALL_SOURCES: readonly TrackingSource[] = [taobaoSource, kuaidi100Source, seventeenTrackSource];

/** Sources by id (a fresh map each call; the sources themselves are stateless). */
export function createSources(): Map<SourceId, TrackingSource> {
  return new Map(ALL_SOURCES.map((s) => [s.id, s]));
}
