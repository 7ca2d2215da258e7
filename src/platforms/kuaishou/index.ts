// The Kuaishou (快手小店) adapter: the generic adapter over Kuaishou's facts and URL rules (the buyer formats are
// not public, so payloads and embedded page state — __INITIAL_STATE__, __APOLLO_STATE__, JSON script tags — go
// through the candidate-key scan; labelled DOM text is the fallback).
import { createGenericAdapter } from '../shared/generic-adapter';
import type { PlatformAdapter } from '../types';
import { KUAISHOU_FACTS } from './facts';
import { readKuaishouList } from './read-list';
import { KUAISHOU_RULES } from './urls';

/** `now` anchors relative promises ("明天送达"); injectable for tests. */
export const createKuaishouAdapter = (opts: { now?: () => number } = {}): PlatformAdapter => createGenericAdapter(KUAISHOU_FACTS, KUAISHOU_RULES, { ...opts, readList: readKuaishouList });

export const kuaishou: PlatformAdapter = createKuaishouAdapter();
