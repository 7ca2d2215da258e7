// Match patterns per platform adapter: the single source for host_permissions, content_scripts and each
// adapter's `matches` (checked by tests/unit/platforms/registry.test.ts). Data only, so vite.config.ts can
// import it without pulling in parsers.
export const ADAPTER_MATCHES = {
  taobao: ['https://*.taobao.com/*', 'https://*.tmall.com/*'],
  douyin: ['https://*.douyin.com/*', 'https://*.jinritemai.com/*'],
  kuaishou: ['https://*.kuaishou.com/*', 'https://*.kwaixiaodian.com/*'],
} as const satisfies Record<string, readonly string[]>;

export type AdapterId = keyof typeof ADAPTER_MATCHES;

/** True when `url` is matched by one of the match patterns (https scheme, `*.` host wildcard, path glob). */
export function matchesPattern(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m;
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    if (u.hostname !== base && !u.hostname.endsWith(`.${base}`)) return false;
  } else if (host !== '*' && u.hostname !== host) return false;
  const pathRe = new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pathRe.test(u.pathname + u.search);
}

export function platformForUrl(url: string): AdapterId | null {
  for (const [id, patterns] of Object.entries(ADAPTER_MATCHES) as [AdapterId, readonly string[]][]) {
    if (patterns.some((p) => matchesPattern(p, url))) return id;
  }
  return null;
}
