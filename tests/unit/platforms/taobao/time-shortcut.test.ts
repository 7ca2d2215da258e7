// parseChinaTime and parseMonthDayTime check a date's day with daysInMonth instead of a Date object: the same
// answers as Date's own round trip, on every day of leap and common years, years 0000–0099 (read as 19xx by
// Date.UTC) and random texts.
import { describe, expect, it } from 'vitest';
import { daysInMonth, parseChinaTime, parseMonthDayTime } from '../../../../src/platforms/taobao/values';
import { mulberry32 } from '../../../fixtures/rng';

/** The day check as Date does it. */
const dateDays = (y: number, mo: number) => {
  for (let d = 31; d > 27; d--) {
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return d;
  }
  return 28;
};

describe('daysInMonth', () => {
  it('counts as Date does, for years 1..2400 and 0–99 as Date.UTC reads them', () => {
    for (const y of [1, 4, 100, 200, 400, 1600, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let mo = 1; mo <= 12; mo++) expect(daysInMonth(y, mo), `${y}-${mo}`).toBe(dateDays(y, mo));
    }
  });
});

describe('parseChinaTime', () => {
  it('refuses the days a month lacks and keeps the last day it has', () => {
    expect(parseChinaTime('2024-02-29 12:00:00')).toBe(Date.UTC(2024, 1, 29, 4));
    expect(parseChinaTime('2023-02-29')).toBeUndefined();
    expect(parseChinaTime('1900-02-29')).toBeUndefined();
    expect(parseChinaTime('2000-02-29')).toBe(Date.UTC(2000, 1, 28, 16));
    expect(parseChinaTime('2024-04-31')).toBeUndefined();
    expect(parseChinaTime('0000-02-29')).toBeUndefined(); // Date.UTC: 1900, not a leap year
    expect(parseChinaTime('0096-02-29')).toBe(Date.UTC(96, 1, 28, 16)); // 1996
  });

  it('agrees with the Date round trip on random dates', () => {
    const next = mulberry32(0xda7e);
    for (let i = 0; i < 5_000; i++) {
      const y = Math.floor(next() * 10_000);
      const mo = 1 + Math.floor(next() * 12);
      const d = 1 + Math.floor(next() * 31);
      const text = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} 08:00:00`;
      const ms = Date.UTC(y, mo - 1, d, 8);
      const t = new Date(ms);
      const want = t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d ? undefined : ms - 8 * 3_600_000;
      expect(parseChinaTime(text), text).toBe(want);
    }
  });

  it('gives undefined, not NaN, for a reference past Date range', () => {
    expect(parseMonthDayTime('12月08日 03:46', 8.64e15 + 1e12, 'after')).toBeUndefined();
    expect(parseMonthDayTime('02月29日', Date.UTC(2023, 5, 1), 'after')).toBe(Date.UTC(2024, 1, 28, 16)); // no 02-29 in 2023: the next year's
  });
});
