// The popup's half of the platform registry: id, icon and order links of every platform, in the order of
// ./facts.ts (tests/unit/platforms/registry.test.ts checks both agree). The popup's size budget is why this is
// not simply ./facts.ts: the host lists stay out of it.
import type { ShopPlatform } from '../core/settings';
import type { PlatformLinks } from './facts-types';
import { DOUYIN_LINKS } from './douyin/links';
import { JD_LINKS } from './jd/links';
import { KUAISHOU_LINKS } from './kuaishou/links';
import { PDD_LINKS } from './pdd/links';
import { TAOBAO_LINKS } from './taobao/links';

export const LINKS_BY_ID: { readonly [P in ShopPlatform]: PlatformLinks & { id: P } } = {
  taobao: TAOBAO_LINKS,
  douyin: DOUYIN_LINKS,
  kuaishou: KUAISHOU_LINKS,
  jd: JD_LINKS,
  pdd: PDD_LINKS,
};

export const PLATFORM_LINKS: readonly (PlatformLinks & { id: ShopPlatform })[] = Object.values(LINKS_BY_ID);

export const platformLinks = (id: string): PlatformLinks | undefined => (LINKS_BY_ID as Record<string, PlatformLinks | undefined>)[id];
