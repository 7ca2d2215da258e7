// The data half of the platform registry: every platform's facts (src/platforms/<id>/facts.ts), in display
// order, with the small lookups the build, router, popup, options page and validation need. No parsers: the
// popup and vite.config.ts import this module. The parsers are in ./registry.ts (ADAPTERS), which lists the
// same platforms; tests/unit/platforms/registry.test.ts checks that every surface covers every platform.
import type { ShopPlatform } from '../core/settings';
import type { PlatformFacts } from './facts-types';
import { DOUYIN_FACTS } from './douyin/facts';
import { JD_FACTS } from './jd/facts';
import { KUAISHOU_FACTS } from './kuaishou/facts';
import { PDD_FACTS } from './pdd/facts';
import { TAOBAO_FACTS } from './taobao/facts';

export type { PlatformFacts } from './facts-types';

/** Keyed by id: TypeScript rejects a platform id in core/model.ts without facts here. */
export const FACTS_BY_ID: { readonly [P in ShopPlatform]: PlatformFacts & { id: P } } = {
  taobao: TAOBAO_FACTS,
  douyin: DOUYIN_FACTS,
  kuaishou: KUAISHOU_FACTS,
  jd: JD_FACTS,
  pdd: PDD_FACTS,
};

/** Every platform, in the order the UI lists them. */
export const PLATFORM_FACTS: readonly (PlatformFacts & { id: ShopPlatform })[] = Object.values(FACTS_BY_ID);

export const platformFacts = (id: string): PlatformFacts | undefined => (FACTS_BY_ID as Record<string, PlatformFacts | undefined>)[id];

/** Every platform's image CDN host suffixes (core/observation-schema.ts keeps item images on these only). */
export const IMAGE_CDN_HOSTS: readonly string[] = [...new Set(PLATFORM_FACTS.flatMap((f) => f.imageCdns))];

export const onHostSuffix = (host: string, suffixes: readonly string[]): boolean => {
  // host === s or host ends with "." + s, without building that string for every suffix of every link.
  for (const s of suffixes) {
    if (host === s) return true;
    const at = host.length - s.length - 1;
    if (at >= 0 && host.charCodeAt(at) === 46 && host.endsWith(s)) return true;
  }
  return false;
};
