// Which platform a URL belongs to, from the registry's match patterns and sign-in hosts. Kept apart from the
// facts so the popup (which needs only the data) does not carry the matcher.
import type { ShopPlatform } from '../core/settings';
import { onHostSuffix, PLATFORM_FACTS, platformFacts } from './facts';

/** True when `url` is matched by a match pattern (http(s) scheme, `*.` host wildcard, path glob). */
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
    if (!onHostSuffix(u.hostname, [host.slice(2)])) return false;
  } else if (host !== '*' && u.hostname !== host) return false;
  const pathRe = new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pathRe.test(u.pathname + u.search);
}

/** The platform whose match patterns cover `url`, or null. */
export function platformForUrl(url: string): ShopPlatform | null {
  return PLATFORM_FACTS.find((f) => f.matches.some((p) => matchesPattern(p, url)))?.id ?? null;
}

/** True when `url` is on one of the platform's sign-in hosts (a redirect there means the session is gone). */
export function isSignInUrl(platform: string, url: URL): boolean {
  return onHostSuffix(url.hostname.toLowerCase(), platformFacts(platform)?.signInHosts ?? []);
}
