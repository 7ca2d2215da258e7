// The parser half of the platform registry: every platform adapter, in the order of ./facts.ts (the data half,
// which the build, router and UI read). Adding a platform: a folder src/platforms/<id>/ with facts.ts and an
// index.ts exporting an adapter named <id>, its id in core/model.ts, one line in ./facts.ts and one line here.
// tests/unit/platforms/registry.test.ts fails when any surface (build, manifest, router, popup, options,
// statistics, health, demo, locales) forgets a platform.
import { douyin } from './douyin';
import { jd } from './jd';
import { kuaishou } from './kuaishou';
import { pdd } from './pdd';
import { taobao } from './taobao';
import type { PlatformAdapter } from './types';

export const ADAPTERS: readonly PlatformAdapter[] = [taobao, douyin, kuaishou, jd, pdd];

export function adapterById(id: string): PlatformAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
