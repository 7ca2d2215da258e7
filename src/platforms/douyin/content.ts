// The adapter the douyin content script starts (vite.config.ts picks this file over ./index.ts): the generic
// page readers only. Captured answers are read in the background by ./index.ts's adapter, with the direct list
// reader (./read-list.ts), the only place it pays off; Douyin has no follow-up the content script fetches itself,
// so the answer parsers stay out of this script and its 30 KB budget.
import { createGenericPageAdapter } from '../shared/generic-adapter';
import type { ContentAdapter } from '../types';
import { DOUYIN_FACTS } from './facts';
import { DOUYIN_RULES } from './urls';

export const douyin: ContentAdapter = createGenericPageAdapter(DOUYIN_FACTS, DOUYIN_RULES);
