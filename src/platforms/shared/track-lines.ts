// Track lines as pages print them: a China-time timestamp and a text, in either order, one line per element
// ("2024-11-21 08:00:00 【北京】已揽收" or "【北京】已揽收 2024-11-21 08:00"). JD and Pinduoduo logistics pages.
import type { EventObservation } from '../../core/model';
import { cleanText, parseTimeValue } from './values';

const STAMP_RE = /(\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)/;

export function eventsOfLines(lines: readonly string[]): EventObservation[] {
  const out: EventObservation[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const m = STAMP_RE.exec(line);
    if (!m) continue;
    const time = parseTimeValue(m[1].replace(/\//g, '-'));
    const text = cleanText(line.replace(m[1], ''), 1000);
    if (time === undefined || !text || seen.has(`${time}|${text}`)) continue;
    seen.add(`${time}|${text}`);
    out.push({ time, text });
  }
  return out;
}

/** Texts of the elements that hold one track line each (most specific selectors first; de-duplicated). */
export function trackLineTexts(root: ParentNode, selector = '.track-list li, .logistics-cont li, .track-item, [class*="track"] li, li'): string[] {
  return [...new Set(Array.from(root.querySelectorAll(selector)).slice(0, 500).map((el) => cleanText(el.textContent ?? '', 1000)))];
}
