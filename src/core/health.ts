// Parser health per platform (pure): what the capture state in meta `platform:<id>` and the diagnostics
// table say, and a redacted text report the user can copy into a bug report. The report must never carry an
// order id, tracking number, name, phone number, address or key: diagnostics are designed to hold key paths
// only, but the report redacts again anyway (defence in depth), and removes the user's own secrets verbatim.
import type { Diagnostic, Platform, PlatformStateValue } from './model';
import { SHOP_PLATFORMS, type ShopPlatform } from './settings';


export interface PlatformHealth {
  platform: Platform;
  lastCaptureAt?: number;
  lastPageAt?: number;
  pagesRead: number;
  parcelsSeen: number;
  needsSignIn: boolean;
  lastProblem?: PlatformStateValue['lastProblem'];
  /** The newest diagnostic of kind unrecognized or partial: a page or payload shape the parsers did not know. */
  lastUnrecognized?: { kind: Diagnostic['kind']; message: string; shape: string[]; url: string; at: number };
  diagnostics: number;
}

/** Health of each captured platform (`platforms`: the registry's list; manual additions have no health). */
export function platformHealth(
  states: readonly PlatformStateValue[],
  diagnostics: readonly Diagnostic[],
  platforms: readonly ShopPlatform[] = SHOP_PLATFORMS,
): PlatformHealth[] {
  return platforms.map((platform) => {
    const s = states.find((x) => x.platform === platform);
    const mine = diagnostics.filter((d) => d.platform === platform);
    const un = mine.filter((d) => d.kind === 'unrecognized' || d.kind === 'partial').sort((a, b) => b.at - a.at)[0];
    return {
      platform,
      lastCaptureAt: s?.lastCaptureAt,
      lastPageAt: s?.lastPageAt,
      pagesRead: s?.pagesRead ?? 0,
      parcelsSeen: s?.parcelsSeen ?? 0,
      needsSignIn: s?.needsSignIn ?? false,
      lastProblem: s?.lastProblem,
      lastUnrecognized: un ? { kind: un.kind, message: un.message, shape: un.shape ?? [], url: un.url, at: un.at } : undefined,
      diagnostics: mine.length,
    };
  });
}

const LABELLED = /(收件人|收货人|联系人|寄件人|姓名|地址|收货地址|手机号?|电话|name|receiver|recipient|address|phone|mobile|token|key|secret|customer)(\s*["']?\s*[:：=]\s*["']?)[^\s,，;；"'}\]]+/gi;

/**
 * Free text → text safe to share. Removes: the given secrets verbatim; values after name/phone/address/key
 * labels; e-mail addresses; masked phones (138****1234); every run of 5+ digits and every letters+digits token
 * with 5+ digits (order ids, tracking numbers, phone numbers, user ids); long hex / base64-ish tokens (keys).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let s = text;
  for (const secret of secrets) if (secret.length >= 4) s = s.split(secret).join('‹key›');
  return s
    .replace(LABELLED, (_m, label: string, sep: string) => `${label}${sep}‹redacted›`)
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '‹email›')
    .replace(/\d{3}\*{3,4}\d{4}/g, '‹phone›')
    .replace(/[A-Za-z0-9_-]{24,}/g, (m) => (/\d/.test(m) ? '‹token›' : m))
    .replace(/[A-Za-z]*\d[\dA-Za-z-]*/g, (m) => ((m.match(/\d/g)?.length ?? 0) >= 5 ? '‹n›' : m))
    .replace(/[\u4e00-\u9fa5]{1,4}(?=(?:先生|女士|小姐))/g, '‹name›');
}

/** A URL reduced to origin + path, with ids in the path redacted. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return redactText(`${u.origin}${u.pathname}`);
  } catch {
    return '';
  }
}

export interface ReportContext {
  version: string;
  language: string;
  now: number;
  /** Every secret the user configured (tracking-service keys); removed verbatim if they ever appear. */
  secrets: readonly string[];
  /** Which platforms are enabled, which services are on (never their keys). */
  enabled: { platforms: Partial<Record<Platform, boolean>>; services: string[] };
}

const iso = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());

/** Plain-text report for the clipboard. */
export function healthReport(health: readonly PlatformHealth[], ctx: ReportContext): string {
  const r = (s: string) => redactText(s, ctx.secrets);
  const lines = [
    'Parcel Hub parser health',
    `version ${r(ctx.version)} · language ${r(ctx.language)} · at ${iso(ctx.now)}`,
    `services on: ${ctx.enabled.services.join(', ') || 'none'}`,
    '',
  ];
  for (const h of health) {
    lines.push(`[${h.platform}] ${ctx.enabled.platforms[h.platform] === false ? 'off' : 'on'}`);
    lines.push(`  last capture: ${iso(h.lastCaptureAt)}; last page: ${iso(h.lastPageAt)}; pages read: ${h.pagesRead}; parcels seen: ${h.parcelsSeen}`);
    lines.push(`  needs sign-in: ${h.needsSignIn ? 'yes' : 'no'}; diagnostics kept: ${h.diagnostics}`);
    if (h.lastProblem) lines.push(`  last problem: ${h.lastProblem.kind} at ${iso(h.lastProblem.at)}: ${r(h.lastProblem.message)}`);
    const u = h.lastUnrecognized;
    if (u) {
      lines.push(`  last unrecognized: ${u.kind} at ${iso(u.at)} on ${redactUrl(u.url)}: ${r(u.message)}`);
      for (const path of u.shape.slice(0, 100)) lines.push(`    ${r(path)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
