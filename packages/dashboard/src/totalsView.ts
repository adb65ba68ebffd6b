// The totals row: views, visitors, average duration (m:ss), average scroll and bots of the period.
import type { TimeseriesResponse } from '@footfall/core-model/schemas';
import { h } from './dom';
import { formatCount, formatDuration, formatPercent } from './format';

type Totals = TimeseriesResponse['totals'];

/** One tile of the row: its label and how its value is written. */
const TILES: { key: keyof Totals; label: string; format: (totals: Totals, locale?: string) => string }[] = [
  { key: 'views', label: 'Views', format: (t, l) => formatCount(t.views, l) },
  { key: 'visitors', label: 'Visitors', format: (t, l) => formatCount(t.visitors, l) },
  { key: 'avgDuration', label: 'Avg. time on page', format: (t) => formatDuration(t.avgDuration) },
  { key: 'avgScroll', label: 'Avg. scroll depth', format: (t, l) => formatPercent(t.avgScroll, l) },
  { key: 'bots', label: 'Bots (not counted)', format: (t, l) => formatCount(t.bots, l) },
];

/** The totals row and what the app tells it. */
export interface TotalsView {
  element: HTMLElement;
  showLoading(): void;
  showData(totals: Totals): void;
  showError(): void;
}

/** Builds the totals row; every tile keeps its size whatever it shows. */
export function totalsView(locale?: string): TotalsView {
  const values = new Map<keyof Totals, HTMLElement>();
  const element = h(
    'dl',
    { class: 'totals', 'aria-label': 'Totals' },
    ...TILES.map((tile) => {
      const dd = h('dd', { 'data-total': tile.key, class: 'skeleton' }, '\u00a0');
      values.set(tile.key, dd);
      return h('div', { class: 'tile' }, h('dt', {}, tile.label), dd);
    }),
  );
  const each = (fn: (dd: HTMLElement, tile: (typeof TILES)[number]) => void) => {
    for (const tile of TILES) {
      const dd = values.get(tile.key);
      if (dd) fn(dd, tile);
    }
  };
  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      each((dd) => dd.classList.add('skeleton'));
    },
    showData(totals) {
      element.removeAttribute('aria-busy');
      each((dd, tile) => {
        dd.classList.remove('skeleton');
        dd.textContent = tile.format(totals, locale);
      });
    },
    showError() {
      element.removeAttribute('aria-busy');
      each((dd) => {
        dd.classList.remove('skeleton');
        dd.textContent = '–';
      });
    },
  };
}
