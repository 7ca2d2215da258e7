// Taobao answers automated-looking traffic with a slider captcha or an mtop error instead of data, and
// expired sessions with a login redirect. Recognising both lets capture stop instead of retrying.

export interface RiskSignal {
  kind: 'risk_control' | 'signed_out';
  reason: string;
}

const SIGNED_OUT: [RegExp, string][] = [
  [/FAIL_SYS_SESSION_EXPIRED/, 'mtop FAIL_SYS_SESSION_EXPIRED'],
  [/ERR_SID_INVALID/, 'mtop ERR_SID_INVALID'],
  // A redirect to the login page, not merely the "请登录" link every page header carries.
  [
    /(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\(|http-equiv=["']?refresh[^>]*url=|"(?:url|redirectUrl|location)"\s*:\s*)\s*["']?(?:https?:)?\/\/login\.(?:taobao|tmall)\.com/i,
    'redirect to login.taobao.com',
  ],
];

const RISK: [RegExp, string][] = [
  [/RGV587/, 'mtop RGV587 (anti-bot)'],
  [/FAIL_SYS_USER_VALIDATE/, 'mtop FAIL_SYS_USER_VALIDATE'],
  [/请拖动下方滑块完成验证|拖动滑块|滑动验证/, 'slider captcha'],
  [/验证码拦截/, 'captcha block page'],
  [/访问被拒绝/, 'access denied page'],
  [/\/_____tmd_____\/punish|x5secdata|x5step=/, 'punish redirect'],
];

/** Risk-control or signed-out marker in a response body or page text; null when none. */
export function detectRiskControl(text: string): RiskSignal | null {
  if (typeof text !== 'string' || !text) return null;
  // Captcha checks first: a punish page often also links to login.
  for (const [re, reason] of RISK) if (re.test(text)) return { kind: 'risk_control', reason };
  for (const [re, reason] of SIGNED_OUT) if (re.test(text)) return { kind: 'signed_out', reason };
  return null;
}

/** mtop `ret` codes: ["SUCCESS::调用成功"] or ["FAIL_SYS_…::…"]. */
export type MtopRet = { ok: true } | { ok: false; retry: boolean; code: string; signal: RiskSignal | null };

export function readMtopRet(ret: unknown): MtopRet | undefined {
  if (!Array.isArray(ret) || !ret.length) return undefined;
  const codes = ret.filter((r): r is string => typeof r === 'string');
  if (!codes.length) return undefined;
  if (codes.some((c) => c.startsWith('SUCCESS'))) return { ok: true };
  const joined = codes.join('|');
  // Only a code-shaped prefix is reported: diagnostics carry no payload text.
  const head = codes[0].split('::')[0];
  const code = /^[A-Z][A-Z0-9_]{2,59}$/.test(head) ? head : 'unknown code';
  // Token refresh is routine: the page re-signs and asks again by itself.
  const retry = /FAIL_SYS_TOKEN_(?:EMPTY|EXOIRED|EXPIRED|ILLEGAL)|FAIL_SYS_ILLEGAL_ACCESS/.test(joined);
  return { ok: false, retry, code, signal: detectRiskControl(joined) };
}
