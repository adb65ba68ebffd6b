// The view controls: site, period (with a custom range), time zone, interval, the comparison with the previous
// period, CSV export, and the page filter chip. Controls only report what the user asked for; the app owns the state and calls `update`.
import { h, uniqueId } from './dom';
import { INTERVAL_LABELS, type Interval } from './interval';
import { checkRange, type DayRange, PERIOD_LABELS, PERIODS, type Period } from './period';
import { isValidTimeZone, timeZoneSuggestions } from './timeZones';
import type { ViewState } from './viewState';

/** What the user asked for. */
export interface ControlsCallbacks {
  onSite(site: string): void;
  onPeriod(period: Period): void;
  onCustomRange(range: DayRange): void;
  onTimeZone(tz: string): void;
  onInterval(interval: Interval): void;
  onCompare(compare: boolean): void;
  onClearPath(): void;
  onExport(): void;
}

/** What the controls show. */
export interface ControlsModel {
  state: ViewState;
  sites: string[];
  range: DayRange | undefined;
  interval: Interval;
  intervals: Interval[];
  tz: string;
}

/** The controls and what the app tells them. */
export interface ControlsView {
  element: HTMLElement;
  filter: HTMLElement;
  update(model: ControlsModel): void;
  setExporting(busy: boolean): void;
}

function field(label: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, extra);
}

function fillSelect(
  select: HTMLSelectElement,
  options: { value: string; label: string }[],
  value: string,
): void {
  const same =
    select.options.length === options.length && options.every((o, i) => select.options[i]?.value === o.value);
  if (!same) select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = value;
}

/** Builds the controls. */
export function controlsView(callbacks: ControlsCallbacks): ControlsView {
  const site = h('select', { id: uniqueId('site'), name: 'site' });
  const period = h('select', { id: uniqueId('period'), name: 'period' });
  fillSelect(
    period,
    PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] })),
    'today',
  );
  const from = h('input', { id: uniqueId('from'), name: 'from', type: 'date', required: true });
  const to = h('input', { id: uniqueId('to'), name: 'to', type: 'date', required: true });
  const rangeError = h('p', { id: uniqueId('range-error'), class: 'field-error', role: 'alert' });
  const custom = h(
    'div',
    { class: 'custom-range', hidden: true },
    field('From', from),
    field('To', to),
    rangeError,
  );
  const tzListId = uniqueId('tz-list');
  const tzError = h('p', { id: uniqueId('tz-error'), class: 'field-error', role: 'alert' });
  const tz = h('input', {
    id: uniqueId('tz'),
    name: 'tz',
    list: tzListId,
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'none',
    'aria-describedby': tzError.id,
  });
  const tzList = h('datalist', { id: tzListId });
  const interval = h('select', { id: uniqueId('interval'), name: 'interval' });
  const compare = h('input', { id: uniqueId('compare'), name: 'compare', type: 'checkbox' });
  const exportButton = h('button', { type: 'button', class: 'export' }, 'Export CSV');

  const element = h(
    'form',
    { class: 'controls', 'aria-label': 'What to show' },
    field('Site', site),
    field('Period', period),
    custom,
    field('Time zone', tz, tzList),
    field('Interval', interval),
    h(
      'div',
      { class: 'field toggle' },
      h('label', { for: compare.id }, compare, h('span', {}, 'Compare with previous period')),
    ),
    h('div', { class: 'field action' }, exportButton),
    tzError,
  );
  const chipText = h('span', { class: 'chip-text' });
  const chipButton = h(
    'button',
    { type: 'button', class: 'chip-remove', 'aria-label': 'Remove page filter' },
    '×',
  );
  const chip = h('span', { class: 'chip', hidden: true }, chipText, chipButton);
  const allPages = h('span', { class: 'all-pages' }, 'All pages');
  const note = h('span', { class: 'note', hidden: true }, 'Breakdowns show the whole site.');
  const filter = h(
    'div',
    { class: 'filter', role: 'group', 'aria-label': 'Page filter' },
    allPages,
    chip,
    note,
  );

  element.addEventListener('submit', (e) => e.preventDefault());
  site.addEventListener('change', () => callbacks.onSite(site.value));
  period.addEventListener('change', () => callbacks.onPeriod(period.value as Period));
  const rangeChanged = () => {
    const checked = checkRange(from.value, to.value);
    rangeError.textContent = checked.ok ? '' : checked.error.message;
    for (const input of [from, to]) input.setAttribute('aria-invalid', String(!checked.ok));
    if (checked.ok) callbacks.onCustomRange(checked.value);
  };
  from.addEventListener('change', rangeChanged);
  to.addEventListener('change', rangeChanged);
  tz.addEventListener('focus', () => {
    // Hundreds of options: only built when someone opens the picker.
    if (tzList.childElementCount === 0)
      tzList.replaceChildren(...timeZoneSuggestions().map((z) => h('option', { value: z })));
  });
  tz.addEventListener('change', () => {
    const value = tz.value.trim();
    const valid = isValidTimeZone(value);
    tz.setAttribute('aria-invalid', String(!valid));
    tzError.textContent = valid
      ? ''
      : `“${value.slice(0, 64)}” is not a time zone this browser knows. Try a name like Europe/Paris or UTC.`;
    if (valid) callbacks.onTimeZone(value);
  });
  interval.addEventListener('change', () => callbacks.onInterval(interval.value as Interval));
  compare.addEventListener('change', () => callbacks.onCompare(compare.checked));
  exportButton.addEventListener('click', () => callbacks.onExport());
  chipButton.addEventListener('click', () => callbacks.onClearPath());

  return {
    element,
    filter,
    update(model) {
      fillSelect(
        site,
        model.sites.map((s) => ({ value: s, label: s })),
        model.state.site ?? '',
      );
      period.value = model.state.period;
      custom.hidden = model.state.period !== 'custom';
      if (model.state.period === 'custom' && model.range) {
        from.value = model.range.from;
        to.value = model.range.to;
        rangeError.textContent = '';
      }
      if (document.activeElement !== tz) tz.value = model.tz;
      tz.removeAttribute('aria-invalid');
      tzError.textContent = '';
      fillSelect(
        interval,
        model.intervals.map((i) => ({ value: i, label: INTERVAL_LABELS[i] })),
        model.interval,
      );
      compare.checked = Boolean(model.state.compare);
      const path = model.state.path;
      chip.hidden = !path;
      allPages.hidden = Boolean(path);
      note.hidden = !path;
      chipText.textContent = path ? `Page: ${path}` : '';
    },
    setExporting(busy) {
      exportButton.disabled = busy;
      exportButton.textContent = busy ? 'Exporting…' : 'Export CSV';
    },
  };
}
