// The adapter the douyin content script starts (vite.config.ts picks this file over ./index.ts): the generic
// adapter without the direct list reader (./read-list.ts). The content script reads pages and its own follow-up
// answers; captured list answers are parsed in the background by ./index.ts's adapter, the only place the
// reader pays off, and leaving it out keeps the content script within its 30 KB budget.
import { createGenericAdapter } from '../shared/generic-adapter';
import type { PlatformAdapter } from '../types';
import { DOUYIN_FACTS } from './facts';
import { DOUYIN_RULES } from './urls';

export const douyin: PlatformAdapter = createGenericAdapter(DOUYIN_FACTS, DOUYIN_RULES);
