// uPlot charts for the statistics section. Loaded with a dynamic import only when statistics are shown, so the
// options page's first paint does not carry uPlot. Charts are pictures (aria-hidden); the table beside each
// chart holds the same numbers for screen readers.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = ['#ff6a00', '#1f77b4', '#2ca02c', '#9467bd'];

export interface CategorySeries {
  label: string;
  values: (number | null)[];
}

function axisColor(el: HTMLElement): string {
  return getComputedStyle(el).color || '#656d76';
}

/** A chart over categories (months, platforms): bars for one series, dots for several. */
export function categoryChart(el: HTMLElement, categories: readonly string[], series: readonly CategorySeries[], opts: { width: number; height?: number; unit?: string }): () => void {
  const color = axisColor(el);
  const bars = series.length === 1;
  const axis = { stroke: color, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } };
  const chart = new uPlot(
    {
      width: opts.width,
      height: opts.height ?? 240,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(categories.length - 0.5, 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { ...axis, splits: () => categories.map((_, i) => i), values: (_u, splits) => splits.map((i) => categories[i] ?? '') },
        { ...axis, size: 56, values: (_u, splits) => splits.map((v) => `${v}${opts.unit ?? ''}`) },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          fill: bars ? PALETTE[i % PALETTE.length] : undefined,
          width: bars ? 0 : 2,
          paths: bars ? uPlot.paths.bars!({ size: [0.6, 60] }) : () => null,
          points: { show: !bars, size: 10, fill: PALETTE[i % PALETTE.length] },
        })),
      ],
    },
    [categories.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData,
    el,
  );
  return () => chart.destroy();
}
