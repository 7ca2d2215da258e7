import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, inQuietHours, parseSettings, quietHoursEnd, redactSettings, SOURCE_IDS } from '../../../src/core/settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing, null, an array or a string', () => {
    for (const raw of [undefined, null, [], 'x', 42]) expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and replaces each invalid one by its own default', () => {
    const s = parseSettings({
      refresh: { enabled: false, intervalFactor: 99, sourceOrder: ['kuaidi100', 'bogus', 'kuaidi100'] },
      services: { kuaidi100: { enabled: true, customer: '  ABC123  ', key: 42 } },
      notifications: { types: { delivered: false, out_for_delivery: 'yes' }, quietHours: { enabled: true, start: '23:00', end: '7:00' } },
      alerts: { stalledHours: 72, unshippedHours: -1 },
      platforms: { douyin: false, manual: false },
      pageVisits: { enabled: true, platforms: ['taobao', 'taobao', 'bogus'], everyHours: 1 },
    });
    expect(s.refresh).toEqual({ enabled: false, intervalFactor: 1, sourceOrder: ['kuaidi100', 'taobao', 'seventeen_track', 'page_visit'] });
    expect(s.services.kuaidi100).toEqual({ enabled: true, customer: 'ABC123', key: '' });
    expect(s.notifications.types).toEqual({ out_for_delivery: true, awaiting_collection: true, delivered: false, alert: true });
    expect(s.notifications.quietHours).toEqual({ enabled: true, start: '23:00', end: '08:00' });
    expect(s.alerts.stalledHours).toBe(72);
    expect(s.alerts.unshippedHours).toBe(DEFAULT_SETTINGS.alerts.unshippedHours);
    expect(s.platforms).toEqual({ taobao: true, douyin: false, kuaishou: true, jd: true, pdd: true });
    // the taobao/taobao duplicate collapses; 'bogus' makes the whole list invalid → default (none)
    expect(s.pageVisits).toEqual({ enabled: true, platforms: [], everyHours: DEFAULT_SETTINGS.pageVisits.everyHours });
  });

  it('never lets a source be missing from the order', () => {
    expect(parseSettings({ refresh: { sourceOrder: [] } }).refresh.sourceOrder).toEqual([...SOURCE_IDS]);
  });

  it('redacts every secret and keeps the rest', () => {
    const s = parseSettings({ services: { kuaidi100: { customer: 'CUST', key: 'SECRETKEY' }, seventeenTrack: { apiKey: 'TOKEN17' } } });
    const r = JSON.stringify(redactSettings(s));
    for (const secret of ['CUST', 'SECRETKEY', 'TOKEN17']) expect(r).not.toContain(secret);
    expect(redactSettings(s).refresh).toEqual(s.refresh);
  });
});

describe('quiet hours', () => {
  const q = { enabled: true, start: '22:00', end: '08:00' };
  const at = (h: number, m = 0) => new Date(2026, 10, 22, h, m);

  it('wraps midnight', () => {
    expect(inQuietHours(q, at(21, 59))).toBe(false);
    expect(inQuietHours(q, at(22, 0))).toBe(true);
    expect(inQuietHours(q, at(3))).toBe(true);
    expect(inQuietHours(q, at(7, 59))).toBe(true);
    expect(inQuietHours(q, at(8, 0))).toBe(false);
  });

  it('handles a daytime range, disabled and empty ranges', () => {
    expect(inQuietHours({ enabled: true, start: '12:00', end: '14:00' }, at(13))).toBe(true);
    expect(inQuietHours({ enabled: true, start: '12:00', end: '14:00' }, at(14))).toBe(false);
    expect(inQuietHours({ ...q, enabled: false }, at(23))).toBe(false);
    expect(inQuietHours({ enabled: true, start: '09:00', end: '09:00' }, at(9))).toBe(false);
  });

  it('ends at the next end time', () => {
    expect(quietHoursEnd(q, at(23, 30))).toBe(new Date(2026, 10, 23, 8, 0).getTime());
    expect(quietHoursEnd(q, at(2))).toBe(new Date(2026, 10, 22, 8, 0).getTime());
    expect(quietHoursEnd(q, at(12))).toBe(at(12).getTime());
  });
});
