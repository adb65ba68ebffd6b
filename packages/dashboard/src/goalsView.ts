// The Goals and Events panels: each goal's conversions, rate and events (a click shows its conversions over time
// and, for an event goal, its props), every event name seen, and how to send one when there are none yet.
import type { EventBreakdownRow, GoalRow, GoalTimeseriesResponse } from '@footfall/core-model/schemas';
import { h } from './dom';
import { formatCount, formatPercent } from './format';
import { shareWidth } from './share';

/** What a goal's detail shows: its conversions per bucket, and for an event goal its props' values. */
export interface GoalDetail {
  series: GoalTimeseriesResponse;
  props: EventBreakdownRow[];
}

/** What the panels need from the page. */
export interface GoalsViewOptions {
  locale?: string | undefined;
  /** Loads a goal's detail (the page knows the site, range, interval and zone); a string is an error message. */
  loadDetail(goal: GoalRow): Promise<GoalDetail | string>;
}

/** The two panels and what the page tells them. */
export interface GoalsView {
  element: HTMLElement;
  showLoading(): void;
  /** `origin` is where the API serves the beacon, for the snippet. */
  show(goals: GoalRow[], events: EventBreakdownRow[], context: { site: string; origin: string }): void;
  showError(message: string): void;
}

const cell = (text: string, cls = 'num') => h('td', { class: cls }, text);

/** Builds the panels. */
export function goalsView(options: GoalsViewOptions): GoalsView {
  const { locale } = options;
  const goalsBody = h('tbody');
  const eventsBody = h('tbody');
  const hint = h('div', { class: 'event-hint', hidden: true });
  const goalsPanel = h(
    'section',
    { class: 'panel goals-panel', 'aria-labelledby': 'goals-title', 'data-panel': 'goals' },
    h('h2', { id: 'goals-title' }, 'Goals'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Goal'),
          h('th', { scope: 'col', class: 'num' }, 'Conversions'),
          h('th', { scope: 'col', class: 'num' }, 'Rate'),
          h('th', { scope: 'col', class: 'num' }, 'Events'),
        ),
      ),
      goalsBody,
    ),
  );
  const eventsPanel = h(
    'section',
    { class: 'panel events-panel', 'aria-labelledby': 'events-title', 'data-panel': 'events' },
    h('h2', { id: 'events-title' }, 'Events'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Event'),
          h('th', { scope: 'col', class: 'num' }, 'Events'),
          h('th', { scope: 'col', class: 'num' }, 'Conversions'),
        ),
      ),
      eventsBody,
    ),
    hint,
  );
  const element = h('div', { class: 'goals-row' }, goalsPanel, eventsPanel);
  let open: string | undefined;

  const message = (body: HTMLElement, text: string, cls: string, span: number) =>
    body.replaceChildren(h('tr', { class: cls }, h('td', { colspan: span }, text)));

  const detailRow = async (goal: GoalRow, row: HTMLTableRowElement) => {
    const box = h('div', { class: 'goal-detail', 'aria-live': 'polite' }, 'Loading…');
    const tr = h('tr', { class: 'goal-detail-row' }, h('td', { colspan: 4 }, box));
    row.after(tr);
    const detail = await options.loadDetail(goal);
    if (typeof detail === 'string') {
      box.replaceChildren(h('p', { class: 'error' }, detail));
      return;
    }
    const max = Math.max(1, ...detail.series.points.map((p) => p.conversions));
    const bars = h(
      'ol',
      { class: 'goal-series', 'aria-label': `Conversions of ${goal.match} over time` },
      ...detail.series.points.map((p) => {
        const bar = h('span', { class: 'goal-bar', 'aria-hidden': 'true' });
        bar.style.height = shareWidth(p.conversions / max);
        return h(
          'li',
          { title: `${p.t}: ${formatCount(p.conversions, locale)} conversions` },
          bar,
          h('span', { class: 'sr-only' }, `${p.t}: ${p.conversions}`),
        );
      }),
    );
    const props =
      goal.kind !== 'event'
        ? undefined
        : detail.props.length === 0
          ? h('p', { class: 'note' }, 'No props were sent with this event.')
          : h(
              'table',
              { class: 'goal-props' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, 'Prop'),
                  h('th', { scope: 'col' }, 'Value'),
                  h('th', { scope: 'col', class: 'num' }, 'Events'),
                  h('th', { scope: 'col', class: 'num' }, 'Conversions'),
                ),
              ),
              h(
                'tbody',
                {},
                ...detail.props.map((p) =>
                  h(
                    'tr',
                    { 'data-prop': p.prop ?? '', 'data-value': p.value },
                    cell(p.prop ?? '', 'name'),
                    cell(p.value, 'name'),
                    cell(formatCount(p.events, locale)),
                    cell(formatCount(p.conversions, locale)),
                  ),
                ),
              ),
            );
    box.replaceChildren(
      h(
        'p',
        { class: 'note' },
        `${formatCount(detail.series.totals.conversions, locale)} conversions, by ${detail.series.interval}`,
      ),
      bars,
      props ?? '',
    );
  };

  const goalRow = (g: GoalRow) => {
    const label = h(
      'button',
      { type: 'button', class: 'label pick', 'aria-expanded': open === g.id ? 'true' : 'false' },
      h('span', { class: 'goal-kind' }, g.kind === 'event' ? 'Event' : 'Page'),
      ` ${g.match}`,
    );
    const row = h(
      'tr',
      { 'data-goal': g.id, 'data-match': g.match },
      h('td', { class: 'name' }, label),
      h('td', { class: 'num', 'data-col': 'conversions' }, formatCount(g.conversions, locale)),
      h('td', { class: 'num', 'data-col': 'rate' }, formatPercent(g.rate * 100, locale)),
      h('td', { class: 'num', 'data-col': 'events' }, formatCount(g.events, locale)),
    );
    label.addEventListener('click', () => {
      const next = row.nextElementSibling;
      if (next?.classList.contains('goal-detail-row')) next.remove();
      const opening = open !== g.id;
      for (const b of goalsBody.querySelectorAll('button[aria-expanded="true"]'))
        b.setAttribute('aria-expanded', 'false');
      for (const r of goalsBody.querySelectorAll('.goal-detail-row')) r.remove();
      open = opening ? g.id : undefined;
      label.setAttribute('aria-expanded', String(opening));
      if (opening) void detailRow(g, row);
    });
    return row;
  };

  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      open = undefined;
      message(goalsBody, 'Loading…', 'skeleton', 4);
      message(eventsBody, 'Loading…', 'skeleton', 3);
    },
    show(goals, events, { site, origin }) {
      element.removeAttribute('aria-busy');
      open = undefined;
      if (goals.length === 0)
        message(
          goalsBody,
          `No goals yet. An admin adds one with \`footfall goal add event signup --site ${site}\` (or a page pattern such as /blog/*).`,
          'empty',
          4,
        );
      else goalsBody.replaceChildren(...goals.map(goalRow));
      if (events.length === 0) {
        message(eventsBody, 'No custom events in this period.', 'empty', 3);
        hint.hidden = false;
        hint.replaceChildren(
          h(
            'p',
            {},
            'To send events, load the events build of the script and call footfall() where they happen:',
          ),
          h(
            'pre',
            {},
            h(
              'code',
              {},
              `<script defer src="${origin}/beacon/events.js" data-site="${site}" data-outbound data-downloads></script>\n` +
                '<script>window.footfall=window.footfall||function(){(footfall.q=footfall.q||[]).push(arguments)}</script>\n\n' +
                "footfall('signup', {plan: 'pro'})",
            ),
          ),
          h(
            'p',
            { class: 'note' },
            'Outbound links, file downloads and elements with data-footfall-event="name" are counted on their own. Never put personal data in props.',
          ),
        );
      } else {
        hint.hidden = true;
        eventsBody.replaceChildren(
          ...events.map((e) =>
            h(
              'tr',
              { 'data-value': e.value },
              h('td', { class: 'name' }, h('span', { class: 'label', title: e.value }, e.value)),
              h('td', { class: 'num', 'data-col': 'events' }, formatCount(e.events, locale)),
              h('td', { class: 'num', 'data-col': 'conversions' }, formatCount(e.conversions, locale)),
            ),
          ),
        );
      }
    },
    showError(text) {
      element.removeAttribute('aria-busy');
      message(goalsBody, text, 'error', 4);
      message(eventsBody, text, 'error', 3);
      hint.hidden = true;
    },
  };
}
