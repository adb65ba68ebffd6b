// The totals row: views, visitors, average duration (m:ss), average scroll and bots of the period, each with
// its change against the previous period when the comparison is on.
import type { TimeseriesResponse } from '@footfall/core-model/schemas';
import { changeBetween, formatChange } from './change';
import { h } from './dom';
import { formatCount, formatDuration, formatPercent } from './format';

type Totals = TimeseriesResponse['totals'];

/** One tile of the row: its label, how its value is written, and whether "up" is good news. */
const TILES: {
  key: keyof Totals;
  label: string;
  format: (totals: Totals, locale?: string) => string;
  /** Bots going up or down is neither good nor bad: their change is shown without colour. */
  neutral?: boolean;
}[] = [
  { key: 'views', label: 'Views', format: (t, l) => formatCount(t.views, l) },
  { key: 'visitors', label: 'Visitors', format: (t, l) => formatCount(t.visitors, l) },
  { key: 'avgDuration', label: 'Avg. time on page', format: (t) => formatDuration(t.avgDuration) },
  { key: 'avgScroll', label: 'Avg. scroll depth', format: (t, l) => formatPercent(t.avgScroll, l) },
  { key: 'bots', label: 'Bots (not counted)', format: (t, l) => formatCount(t.bots, l), neutral: true },
];

/** The totals row and what the app tells it. */
export interface TotalsView {
  element: HTMLElement;
  showLoading(): void;
  /** `previous`: the previous period's totals, when the comparison is on. */
  showData(totals: Totals, previous?: Totals): void;
  showError(): void;
}

interface Tile {
  value: HTMLElement;
  delta: HTMLElement;
}

/** Builds the totals row; every tile keeps its size whatever it shows. */
export function totalsView(locale?: string): TotalsView {
  const tiles = new Map<keyof Totals, Tile>();
  const element = h(
    'dl',
    { class: 'totals', 'aria-label': 'Totals' },
    ...TILES.map((tile) => {
      const value = h('dd', { 'data-total': tile.key, class: 'skeleton' }, '\u00a0');
      // A second description of the term: the change, in a sentence for screen readers.
      const delta = h('dd', { 'data-delta': tile.key, class: 'delta', hidden: true });
      tiles.set(tile.key, { value, delta });
      return h('div', { class: 'tile' }, h('dt', {}, tile.label), value, delta);
    }),
  );
  const each = (fn: (t: Tile, spec: (typeof TILES)[number]) => void) => {
    for (const spec of TILES) {
      const t = tiles.get(spec.key);
      if (t) fn(t, spec);
    }
  };
  const hideDelta = (delta: HTMLElement) => {
    delta.hidden = true;
    delta.replaceChildren();
  };
  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      each((t) => t.value.classList.add('skeleton'));
    },
    showData(totals, previous) {
      element.removeAttribute('aria-busy');
      each((t, spec) => {
        t.value.classList.remove('skeleton');
        t.value.textContent = spec.format(totals, locale);
        const change = previous
          ? changeBetween(totals[spec.key], previous[spec.key])
          : { kind: 'none' as const };
        if (change.kind === 'none') return hideDelta(t.delta);
        const { text, label } = formatChange(change, locale);
        const before = previous ? spec.format(previous, locale) : '';
        t.delta.hidden = false;
        t.delta.className = `delta ${change.kind}${spec.neutral ? ' neutral' : ''}`;
        t.delta.title = `Previous period: ${before}`;
        t.delta.replaceChildren(
          h('span', { 'aria-hidden': 'true' }, text),
          h('span', { class: 'sr-only' }, `${label} (${before})`),
        );
      });
    },
    showError() {
      element.removeAttribute('aria-busy');
      each((t) => {
        t.value.classList.remove('skeleton');
        t.value.textContent = '–';
        hideDelta(t.delta);
      });
    },
  };
}
