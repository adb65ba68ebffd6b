// One breakdown table (pages, referrers, …): rows with views, visitors and a share bar, skeleton rows while
// loading, and "Show all" past the first rows. Page rows are buttons that set the page filter.
import type { BreakdownRow } from '@footfall/core-model/schemas';
import type { TableSpec } from './dimensions';
import { displayValue } from './dimensions';
import { h } from './dom';
import { formatCount, formatPercent } from './format';
import { shareOf, shareWidth } from './share';

/** Rows shown before "Show all"; the panel reserves this many rows' height so nothing jumps. */
export const ROWS_SHOWN = 10;

/** A table and what the app tells it. */
export interface TableView {
  element: HTMLElement;
  showLoading(): void;
  /** `total` is the site's views in the period, the denominator of the share bars. */
  showRows(rows: BreakdownRow[], total: number, selected?: string): void;
  showError(message: string): void;
}

/** How a table is built: the locale, and for the pages table what a click on a row does. */
export interface TableViewOptions {
  locale?: string | undefined;
  onPick?: ((value: string) => void) | undefined;
}

function messageRow(text: string, className: string): HTMLTableRowElement {
  return h('tr', { class: className }, h('td', { colspan: 4 }, text));
}

/** Builds the panel of one dimension. */
export function tableView(spec: TableSpec, options: TableViewOptions = {}): TableView {
  const titleId = `table-${spec.dimension}`;
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'more', hidden: true });
  const element = h(
    'section',
    { class: 'panel table-panel', 'aria-labelledby': titleId, 'data-dimension': spec.dimension },
    h('h2', { id: titleId }, spec.title),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, spec.column),
          h('th', { scope: 'col', class: 'num' }, 'Views'),
          h('th', { scope: 'col', class: 'num' }, 'Visitors'),
          h('th', { scope: 'col', class: 'num' }, 'Share'),
        ),
      ),
      body,
    ),
    h('div', { class: 'panel-foot' }, more),
  );
  let expanded = false;
  let last: { rows: BreakdownRow[]; total: number; selected: string | undefined } | undefined;

  const row = (r: BreakdownRow, total: number, selected: string | undefined) => {
    const share = shareOf(r.views, total);
    const text = displayValue(spec.dimension, r.value, options.locale);
    const bar = h('span', { class: 'share-bar', 'aria-hidden': 'true' });
    bar.style.width = shareWidth(share);
    let label: HTMLElement;
    if (options.onPick) {
      const isSelected = r.value === selected;
      label = h(
        'button',
        {
          type: 'button',
          class: 'label pick',
          'aria-pressed': isSelected ? 'true' : 'false',
          title: isSelected ? `Show all pages again` : `Show only ${r.value}`,
        },
        text,
      );
      const pick = options.onPick;
      label.addEventListener('click', () => pick(r.value));
    } else label = h('span', { class: 'label', title: text }, text);
    return h(
      'tr',
      { class: r.value === selected ? 'selected' : undefined, 'data-value': r.value },
      h('td', { class: 'name' }, bar, label),
      h('td', { class: 'num', 'data-col': 'views' }, formatCount(r.views, options.locale)),
      h('td', { class: 'num', 'data-col': 'visitors' }, formatCount(r.visitors, options.locale)),
      h('td', { class: 'num share' }, formatPercent(share * 100, options.locale)),
    );
  };

  const render = () => {
    if (!last) return;
    const { rows, total, selected } = last;
    if (rows.length === 0) {
      body.replaceChildren(messageRow('No data for this period.', 'empty'));
      more.hidden = true;
      return;
    }
    const shown = expanded ? rows : rows.slice(0, ROWS_SHOWN);
    body.replaceChildren(...shown.map((r) => row(r, total, selected)));
    more.hidden = rows.length <= ROWS_SHOWN;
    more.textContent = expanded ? 'Show fewer' : `Show all ${rows.length}`;
    more.setAttribute('aria-expanded', String(expanded));
  };
  more.addEventListener('click', () => {
    expanded = !expanded;
    render();
  });

  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      expanded = false;
      const skeleton = () =>
        h('tr', { class: 'skeleton', 'aria-hidden': 'true' }, h('td', { colspan: 4 }, '\u00a0'));
      body.replaceChildren(...Array.from({ length: ROWS_SHOWN }, skeleton));
      more.hidden = true;
    },
    showRows(rows, total, selected) {
      element.removeAttribute('aria-busy');
      last = { rows, total, selected };
      render();
    },
    showError(message) {
      element.removeAttribute('aria-busy');
      last = undefined;
      body.replaceChildren(messageRow(message, 'error'));
      more.hidden = true;
    },
  };
}
