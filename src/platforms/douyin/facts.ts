// Douyin (抖音商城) as data (see ../facts-types.ts). The buyer web formats are not public (platform-formats.md
// §2.1): the order list URL is a GUESS, and no buyer detail URL or sign-in host is known well enough to use.
import type { PlatformFacts } from '../facts-types';
import { DOUYIN_LINKS } from './links';

export const DOUYIN_FACTS = {
  ...DOUYIN_LINKS,
  name: { zh: '抖音', en: 'Douyin' },
  matches: ['https://*.douyin.com/*', 'https://*.jinritemai.com/*'],
  pageHosts: ['douyin.com', 'jinritemai.com'],
  imageCdns: ['ecombdimg.com', 'douyinpic.com', 'byteimg.com', 'pstatp.com'],
  signInHosts: [],
} as const satisfies PlatformFacts;
