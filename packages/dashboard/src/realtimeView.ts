// The realtime view: "N visitors in the last 5 minutes" with a live indicator, always on screen, and a panel
// that opens below it with the top pages and referrers of those minutes. The numbers are the realtime route's.
import type { RealtimeResponse } from '@footfall/core-model/schemas';
import { h, uniqueId } from './dom';
import { formatCount, formatPercent } from './format';
import { shareOf, shareWidth } from './share';

/** Rows shown per list; the panel reserves their height, so a refresh never moves what is below. */
export const REALTIME_ROWS = 5;

/** The realtime view and what the app tells it. */
export interface RealtimeView {
  element: HTMLElement;
  showLoading(): void;
  showData(data: RealtimeResponse): void;
  showError(message: string): void;
}

/**
 * The headline, e.g. "1 visitor in the last 5 minutes".
 * @example liveHeadline(3, 300, 'en-US') // '3 visitors in the last 5 minutes'
 */
export function liveHeadline(visitors: number, windowSeconds: number, locale?: string): string {
  const who = visitors === 1 ? 'visitor' : 'visitors';
  return `${formatCount(visitors, locale)} ${who} ${inTheLast(windowSeconds)}`;
}

/** The window in words, in whole minutes. */
function inTheLast(windowSeconds: number): string {
  const minutes = Math.max(1, Math.round(windowSeconds / 60));
  return `in the last ${minutes === 1 ? 'minute' : `${minutes} minutes`}`;
}

type Row = RealtimeResponse['pages'][number];

/** One list (pages or referrers): its table body and how it fills. */
function list(title: string, column: string, locale: string | undefined) {
  const titleId = uniqueId('realtime-list');
  const body = h('tbody');
  const element = h(
    'section',
    { class: 'realtime-list', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, title),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, column),
          h('th', { scope: 'col', class: 'num' }, 'Views'),
          h('th', { scope: 'col', class: 'num' }, 'Share'),
        ),
      ),
      body,
    ),
  );
  const message = (text: string, className: string) =>
    body.replaceChildren(h('tr', { class: className }, h('td', { colspan: 3 }, text)));
  return {
    element,
    show(rows: Row[], total: number, empty: string) {
      if (rows.length === 0) return message(empty, 'empty');
      body.replaceChildren(
        ...rows.slice(0, REALTIME_ROWS).map((r) => {
          const share = shareOf(r.views, total);
          const bar = h('span', { class: 'share-bar', 'aria-hidden': 'true' });
          bar.style.width = shareWidth(share);
          return h(
            'tr',
            { 'data-value': r.value },
            h('td', { class: 'name' }, bar, h('span', { class: 'label', title: r.value }, r.value)),
            h('td', { class: 'num', 'data-col': 'views' }, formatCount(r.views, locale)),
            h('td', { class: 'num share' }, formatPercent(share * 100, locale)),
          );
        }),
      );
    },
    message,
  };
}

/** Builds the realtime strip and its panel (closed at first). */
export function realtimeView(locale?: string): RealtimeView {
  const dot = h('span', { class: 'live-dot', 'aria-hidden': 'true' });
  // Announced politely, and only when the words change: a screen reader hears a new count, not every poll.
  const headline = h('p', { class: 'live-count', 'aria-live': 'polite', 'aria-atomic': 'true' }, '\u00a0');
  const views = h('span', { class: 'live-views' });
  const panelId = uniqueId('realtime-panel');
  const toggle = h(
    'button',
    { type: 'button', class: 'live-toggle', 'aria-expanded': 'false', 'aria-controls': panelId },
    'Show pages and referrers',
  );
  const pages = list('Top pages', 'Page', locale);
  const referrers = list('Top referrers', 'Referrer', locale);
  const panel = h(
    'div',
    { id: panelId, class: 'realtime-panel', hidden: true },
    h('div', { class: 'realtime-lists' }, pages.element, referrers.element),
    h(
      'p',
      { class: 'note realtime-note' },
      'Refreshed every 15 seconds while this tab is in view. A visitor is a view that began a visit.',
    ),
  );
  const element = h(
    'section',
    { class: 'panel realtime', 'aria-label': 'Realtime' },
    h('div', { class: 'live' }, dot, headline, views, toggle),
    panel,
  );
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    toggle.textContent = panel.hidden ? 'Show pages and referrers' : 'Hide pages and referrers';
  });
  const say = (text: string) => {
    if (headline.textContent !== text) headline.textContent = text;
  };

  return {
    element,
    showLoading() {
      element.setAttribute('aria-busy', 'true');
      dot.classList.remove('on');
      say('\u00a0');
      views.textContent = '';
      for (const l of [pages, referrers]) l.message('\u00a0', 'skeleton');
    },
    showData(data) {
      element.removeAttribute('aria-busy');
      element.classList.remove('failed');
      dot.classList.add('on');
      say(liveHeadline(data.visitors, data.windowSeconds, locale));
      views.textContent = `${formatCount(data.views, locale)} ${data.views === 1 ? 'view' : 'views'}`;
      pages.show(data.pages, data.views, `No views ${inTheLast(data.windowSeconds)}.`);
      referrers.show(data.referrers, data.views, `No referrers ${inTheLast(data.windowSeconds)}.`);
    },
    showError(message) {
      element.removeAttribute('aria-busy');
      element.classList.add('failed');
      dot.classList.remove('on');
      say(`Realtime is unavailable: ${message}`);
      views.textContent = '';
      for (const l of [pages, referrers]) l.message(message, 'error');
    },
  };
}
