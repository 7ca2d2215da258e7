// Taobao / Tmall as data (see ../facts-types.ts). Sources: platform-formats.md §1.
import type { PlatformFacts } from '../facts-types';
import { TAOBAO_LINKS } from './links';

export const TAOBAO_FACTS = {
  ...TAOBAO_LINKS,
  name: { zh: '淘宝 / 天猫', en: 'Taobao / Tmall' },
  matches: ['https://*.taobao.com/*', 'https://*.tmall.com/*'],
  pageHosts: ['taobao.com', 'tmall.com'],
  imageCdns: ['alicdn.com', 'tbcdn.cn', 'taobaocdn.com'],
  signInHosts: ['login.taobao.com', 'login.tmall.com'],
} as const satisfies PlatformFacts;
