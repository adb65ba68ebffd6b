// The time-series chart of views and visitors (uPlot), with fixed height and an overlay for loading,
// empty and error states, so the page never jumps while data arrives; with the comparison on, a dashed line
// shows the previous period's views, bucket for bucket.
import type { TimeseriesResponse } from '@footfall/core-model/schemas';
import uPlot from 'uplot';
import { h } from './dom';
import { formatCount, formatDayRange, fullLabel, parseBucket, tickIndices, tickLabel } from './format';
import type { Interval } from './interval';

/** Height of the plot in CSS pixels; the stylesheet reserves the same space (plus the legend). */
export const CHART_HEIGHT = 240;

const VIEWS_COLOR = '#2563eb';
const VISITORS_COLOR = '#d97706';
/** The previous period: a neutral slate, dashed, so it reads as background to the two solid lines. */
export const PREVIOUS_COLOR = '#64748b';

/** Axis steps that stay whole numbers (uPlot's defaults include fractions, meaningless for counts). */
const COUNT_STEPS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7].map((p) => m * p))
  .sort((a, b) => a - b);

/** The chart and what the app tells it. */
export interface ChartView {
  element: HTMLElement;
  showLoading(): void;
  showData(series: TimeseriesResponse): void;
  showError(message: string): void;
}

/** Builds the chart panel; the uPlot instance is created on the first data, once the panel is on the page. */
export function chartView(locale?: string): ChartView {
  const plot = h('div', { class: 'chart', role: 'img', 'aria-label': 'Chart of views and visitors' });
  const overlay = h('p', { class: 'chart-overlay' }, 'Loading…');
  const compared = h('span', { class: 'chart-compared', hidden: true });
  const element = h(
    'section',
    { class: 'panel chart-panel', 'aria-labelledby': 'chart-title' },
    h('div', { class: 'chart-head' }, h('h2', { id: 'chart-title' }, 'Views and visitors'), compared),
    h('div', { class: 'chart-box' }, plot, overlay),
  );
  let labels: string[] = [];
  let previousLabels: string[] | undefined;
  let interval: Interval = 'day';
  let chart: uPlot | undefined;

  const width = () => Math.max(280, Math.floor(plot.clientWidth || 600));
  const create = (data: uPlot.AlignedData) => {
    const axisColor = getComputedStyle(element).color || '#555';
    const grid = { stroke: 'rgba(128,128,128,0.18)', width: 1 };
    const count = (_u: uPlot, v: number | null) => (v == null ? '–' : formatCount(v, locale));
    chart = new uPlot(
      {
        width: width(),
        height: CHART_HEIGHT,
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [0, Math.max(1, labels.length - 1)] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          {
            stroke: axisColor,
            grid: { show: false },
            size: interval === 'hour' ? 46 : 32,
            splits: (u) => {
              const phase = interval === 'hour' ? (parseBucket(labels[0] ?? '', 'hour')?.hour ?? 0) : 0;
              return tickIndices(labels.length, u.bbox.width / uPlot.pxRatio / 60, interval, phase);
            },
            values: (_u, splits) =>
              splits.map((i, n) => {
                const t = labels[i] ?? '';
                const midnight = interval === 'hour' && parseBucket(t, 'hour')?.hour === 0;
                return tickLabel(t, interval, locale, n === 0 || midnight);
              }),
          },
          {
            stroke: axisColor,
            grid,
            size: 56,
            incrs: COUNT_STEPS,
            values: (_u, splits) => splits.map((v) => formatCount(v, locale)),
          },
        ],
        series: [
          {
            label: 'Time',
            value: (_u, v) => (v == null ? '–' : fullLabel(labels[v] ?? '', interval, locale)),
          },
          {
            label: 'Views',
            stroke: VIEWS_COLOR,
            fill: 'rgba(37,99,235,0.10)',
            width: 2,
            value: count,
            points: { show: () => labels.length <= 48 },
          },
          {
            label: 'Visitors',
            stroke: VISITORS_COLOR,
            width: 2,
            value: count,
            points: { show: () => labels.length <= 48 },
          },
          ...(previousLabels
            ? [
                {
                  label: 'Views, previous period',
                  stroke: PREVIOUS_COLOR,
                  width: 2,
                  dash: [6, 4],
                  points: { show: false },
                  // The legend names the bucket of the previous period that lines up with the cursor.
                  value: (u: uPlot, v: number | null, _s: number, i: number | null) => {
                    const t = i == null ? undefined : previousLabels?.[i];
                    return v == null
                      ? '–'
                      : `${count(u, v)}${t ? ` (${fullLabel(t, interval, locale)})` : ''}`;
                  },
                },
              ]
            : []),
        ],
      },
      data,
      plot,
    );
    new ResizeObserver(() => chart?.setSize({ width: width(), height: CHART_HEIGHT })).observe(plot);
  };

  const setOverlay = (text: string, kind: 'info' | 'error') => {
    overlay.textContent = text;
    overlay.hidden = text === '';
    overlay.className = `chart-overlay ${kind}`;
    overlay.setAttribute('role', kind === 'error' ? 'alert' : 'presentation');
  };

  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      plot.classList.add('stale');
      setOverlay('Loading…', 'info');
    },
    showData(series) {
      element.removeAttribute('aria-busy');
      plot.classList.remove('stale');
      labels = series.points.map((p) => p.t);
      const sizeChanged = interval !== series.interval && (interval === 'hour' || series.interval === 'hour');
      interval = series.interval;
      const previous = series.previous;
      const seriesChanged = Boolean(previous) !== Boolean(previousLabels);
      previousLabels = previous?.points.map((p) => p.t);
      const lines: (number | null)[][] = [
        series.points.map((p) => p.views),
        series.points.map((p) => p.visitors),
      ];
      // Bucket i of the previous period is drawn under bucket i of this one; a shorter previous period (a
      // 30-day month before a 31-day one) leaves a gap at the end, a longer one is cut.
      if (previous) lines.push(labels.map((_, i) => previous.points[i]?.views ?? null));
      const data: uPlot.AlignedData = [labels.map((_, i) => i), ...lines];
      // The x axis is taller for hours (two-line labels) and uPlot fixes axis sizes and series at creation.
      if (chart && (sizeChanged || seriesChanged)) {
        chart.destroy();
        chart = undefined;
      }
      if (chart) chart.setData(data);
      else create(data);
      const first = labels[0];
      const last = labels[labels.length - 1];
      const span =
        first && last ? `${fullLabel(first, interval, locale)} to ${fullLabel(last, interval, locale)}` : '';
      const before = previous ? formatDayRange(previous.from, previous.to, locale) : '';
      compared.hidden = !previous;
      compared.textContent = previous ? `Dashed: ${before}` : '';
      plot.setAttribute(
        'aria-label',
        `Chart of views and visitors, ${span}: ${formatCount(series.totals.views, locale)} views, ` +
          `${formatCount(series.totals.visitors, locale)} visitors` +
          (previous
            ? `; dashed line: the previous period, ${before}: ${formatCount(previous.totals.views, locale)} views`
            : ''),
      );
      setOverlay(series.totals.views === 0 ? 'No views in this period.' : '', 'info');
    },
    showError(message) {
      element.removeAttribute('aria-busy');
      plot.classList.add('stale');
      setOverlay(message, 'error');
    },
  };
}
