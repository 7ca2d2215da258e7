// Small steps every Taobao parser shares: mtop `ret` gating and risk-control reporting.
import type { ResultBuilder } from './result';
import { detectRiskControl, readMtopRet } from './risk-control';
import { get } from './values';

/** Report a captcha / login page found in `text`; true when one was found. */
export function riskFromPage(text: string, b: ResultBuilder): boolean {
  const signal = detectRiskControl(text);
  if (!signal) return false;
  b.diag(signal.kind, signal.reason);
  return true;
}

/**
 * Check an mtop answer's `ret`. False (stop parsing) for failures: risk control and signed-out answers
 * become diagnostics, token refreshes pass silently (the page re-signs and asks again).
 */
export function mtopGate(json: unknown, b: ResultBuilder, api: string): boolean {
  const ret = readMtopRet(get(json, 'ret'));
  if (!ret || ret.ok) return true;
  if (ret.signal) b.diag(ret.signal.kind, `${api}: ${ret.signal.reason}`);
  else if (!ret.retry) b.diag('error', `${api} failed: ${ret.code}`);
  return false;
}
