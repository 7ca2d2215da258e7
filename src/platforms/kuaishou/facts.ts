// Kuaishou (快手小店) as data (see ../facts-types.ts). The buyer formats are not public (platform-formats.md
// §3.1): the order list URL is a GUESS, and no buyer detail URL or sign-in host is known well enough to use.
import type { PlatformFacts } from '../facts-types';
import { KUAISHOU_LINKS } from './links';

export const KUAISHOU_FACTS = {
  ...KUAISHOU_LINKS,
  name: { zh: '快手', en: 'Kuaishou' },
  matches: ['https://*.kuaishou.com/*', 'https://*.kwaixiaodian.com/*'],
  pageHosts: ['kuaishou.com', 'kwaixiaodian.com'],
  imageCdns: ['kwaixiaodian.com', 'yximgs.com', 'kwimgs.com', 'kuaishou.com'],
  signInHosts: [],
} as const satisfies PlatformFacts;
