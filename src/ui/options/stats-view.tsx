// Statistics: how long each platform and carrier takes (median / 90th percentile, hours), parcels per month and
// how often each alert was raised (core/stats.ts). Each chart has a table beside it with the same numbers.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseSettings } from '../../core/settings';
import { DURATION_KINDS, deliveryStats, type DeliveryStats, type GroupStats, type LastMileGroup, type Summary } from '../../core/stats';
import type { Platform } from '../../core/model';
import { getDb } from '../../db/schema';
import { t } from '../../shared/i18n';
import { carrierLabel, platformLabel } from './labels';
import { loadSettings } from './settings-store';
import type { CategorySeries } from './stats-chart';

async function loadStats(): Promise<DeliveryStats> {
  const db = getDb();
  const [orders, parcels, events, settings] = await Promise.all([db.orders.toArray(), db.parcels.toArray(), db.events.toArray(), loadSettings().catch(() => parseSettings(undefined))]);
  return deliveryStats(orders, parcels, events, Date.now(), settings.alerts);
}

const hours = (x: number) => (x < 10 ? x.toFixed(1) : String(Math.round(x)));
const cell = (s: Summary | null) => (s ? `${hours(s.median)} / ${hours(s.p90)}` : '–');

function Chart({ categories, series, unit, testId }: { categories: string[]; series: CategorySeries[]; unit?: string; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroy: (() => void) | undefined;
    let cancelled = false;
    void import('./stats-chart').then(({ categoryChart }) => {
      if (cancelled || !el.current) return;
      destroy = categoryChart(el.current, categories, series, { width: Math.min(560, el.current.clientWidth || 560), unit });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [categories, series]);
  return <div class="chart" ref={el} aria-hidden="true" data-testid={testId} />;
}

function DurationTable({ caption, groups, label }: { caption: string; groups: GroupStats[]; label: (k: string) => string }) {
  return (
    <table class="stats">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('optStatGroup')}</th>
          <th scope="col" class="num">
            {t('optStatParcels')}
          </th>
          {DURATION_KINDS.map((k) => (
            <th key={k} scope="col" class="num">
              {t(`optStat_${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{label(g.key)}</th>
            <td class="num">{g.parcels}</td>
            {DURATION_KINDS.map((k) => (
              <td key={k} class="num">
                {cell(g.durations[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatsView() {
  const [stats, setStats] = useState<DeliveryStats | null>(null);
  useEffect(() => {
    void loadStats().then(setStats);
  }, []);
  const monthChart = useMemo(() => (stats ? { categories: stats.perMonth.map((m) => m.month), series: [{ label: t('optStatParcels'), values: stats.perMonth.map((m) => m.parcels) }] } : null), [stats]);
  const platformChart = useMemo(() => {
    if (!stats) return null;
    // Platforms with at least one measured duration (the table lists every one).
    const groups = stats.byPlatform.filter((g) => DURATION_KINDS.some((k) => g.durations[k]));
    return {
      categories: groups.map((g) => platformLabel(g.key as Platform)),
      series: DURATION_KINDS.map((k) => ({ label: t(`optStat_${k}`), values: groups.map((g) => (g.durations[k] ? Math.round(g.durations[k].median * 10) / 10 : null)) })),
    };
  }, [stats]);
  if (!stats || !monthChart || !platformChart) return <p class="muted">{t('optLoading')}</p>;
  if (stats.overall.parcels === 0 && stats.perMonth.length === 0) return <p class="muted">{t('optStatsEmpty')}</p>;
  return (
    <div class="stats-view" data-testid="stats">
      <p class="muted">{t('optStatsHint')}</p>
      <div class="chart-pair">
        <Chart categories={platformChart.categories} series={platformChart.series} unit="h" testId="chart-platform" />
        <div>
          <ul class="legend" aria-hidden="true">
            {DURATION_KINDS.map((k, i) => (
              <li key={k}>
                <span class={`swatch s${i}`} />
                {t(`optStat_${k}`)}
              </li>
            ))}
          </ul>
          <DurationTable caption={t('optStatByPlatform')} groups={[stats.overall, ...stats.byPlatform]} label={(k) => (k === 'all' ? t('optStatAll') : platformLabel(k as Platform))} />
        </div>
      </div>
      <DurationTable caption={t('optStatByCarrier')} groups={stats.byCarrier} label={(k) => (k === 'unknown' ? t('optUnknownCarrier') : carrierLabel(k))} />
      <div class="chart-pair">
        <Chart categories={monthChart.categories} series={monthChart.series} testId="chart-month" />
        <table class="stats">
          <caption>{t('optStatPerMonth')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optStatMonth')}</th>
              <th scope="col" class="num">
                {t('optStatParcels')}
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.perMonth.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td class="num">{m.parcels}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table class="stats">
        <caption>{t('optStatAlerts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('optStatAlert')}</th>
            <th scope="col" class="num">
              {t('optStatRaised')}
            </th>
            <th scope="col" class="num">
              {t('optStatShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.alerts.map((a) => (
            <tr key={a.kind}>
              <th scope="row">{t(`optAlertKind_${a.kind}`)}</th>
              <td class="num">
                {a.raised} / {a.of}
              </td>
              <td class="num">{(a.share * 100).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('optStatsAlertsHow')}</p>
      <LastMileTable caption={`${t('optStatsLastMile')} · ${t('optStatByPlatform')}`} groups={stats.lastMile.byPlatform} label={(k) => platformLabel(k as Platform)} testId="stats-last-mile-platform" />
      <LastMileTable caption={`${t('optStatsLastMile')} · ${t('optStatByCarrier')}`} groups={stats.lastMile.byCarrier} label={(k) => carrierLabel(k)} testId="stats-last-mile-carrier" />
    </div>
  );
}

/** Issue #16: door promises kept / broken and return pickup and refund waits, per platform or carrier. */
function LastMileTable({ caption, groups, label, testId }: { caption: string; groups: LastMileGroup[]; label: (k: string) => string; testId: string }) {
  if (!groups.length) return null;
  const med = (s: Summary | null) => (s ? `${s.median.toFixed(1)} h (${s.count})` : '—');
  return (
    <table class="stats" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col" class="num">{t('optStatsDoorBroken')}</th>
          <th scope="col" class="num">{t('optStatsPickupWait')}</th>
          <th scope="col" class="num">{t('optStatsRefundWait')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{label(g.key)}</th>
            <td class="num">
              {g.doorBroken} / {g.doorPromised} {g.doorPromised ? `(${(g.doorBrokenShare * 100).toFixed(0)}%)` : ''}
            </td>
            <td class="num">{med(g.pickupWait)}</td>
            <td class="num">{med(g.refundWait)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
