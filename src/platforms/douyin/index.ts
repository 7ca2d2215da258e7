// The Douyin (抖音商城) adapter: the generic adapter over Douyin's facts and URL rules (the buyer formats are not
// public, so payloads and embedded page state go through the candidate-key scan; labelled DOM text is the fallback).
import { createGenericAdapter } from '../shared/generic-adapter';
import type { PlatformAdapter } from '../types';
import { DOUYIN_FACTS } from './facts';
import { readDouyinList } from './read-list';
import { DOUYIN_RULES } from './urls';

/** `now` anchors relative promises ("明天送达"); injectable for tests. */
export const createDouyinAdapter = (opts: { now?: () => number } = {}): PlatformAdapter => createGenericAdapter(DOUYIN_FACTS, DOUYIN_RULES, { ...opts, readList: readDouyinList });

export const douyin: PlatformAdapter = createDouyinAdapter();
