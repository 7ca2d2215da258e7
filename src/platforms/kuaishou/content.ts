// The adapter the kuaishou content script starts (vite.config.ts picks this file over ./index.ts): the generic
// page readers only. Captured answers are read in the background by ./index.ts's adapter, with the direct list
// reader (./read-list.ts), the only place it pays off; Kuaishou has no follow-up the content script fetches itself,
// so the answer parsers stay out of this script and its 30 KB budget.
import { createGenericPageAdapter } from '../shared/generic-adapter';
import type { ContentAdapter } from '../types';
import { KUAISHOU_FACTS } from './facts';
import { KUAISHOU_RULES } from './urls';

export const kuaishou: ContentAdapter = createGenericPageAdapter(KUAISHOU_FACTS, KUAISHOU_RULES);
