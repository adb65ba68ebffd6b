// Turns the URL hash's state into a complete view: a known site, a zone, a valid range and an interval.
import { allowedIntervals, effectiveInterval, type Interval } from './interval';
import { type DayRange, periodRange } from './period';
import type { ViewState } from './viewState';

/** A state with every default filled in, and what it means in days and buckets. */
export interface ResolvedView {
  state: ViewState & { tz: string };
  range: DayRange;
  interval: Interval;
  intervals: Interval[];
}

/** What defaults depend on. */
export interface ViewContext {
  sites: readonly string[];
  browserTz: string;
  now: Date;
}

/**
 * Fills in defaults: the first site when the hash names none or an unknown one, the browser's zone, the last
 * 7 days for a custom range that is missing or invalid, and the default interval unless the chosen one fits.
 * @example resolveView({ period: '7d' }, { sites: ['a.com'], browserTz: 'UTC', now: new Date() }).state.site // 'a.com'
 */
export function resolveView(state: ViewState, context: ViewContext): ResolvedView {
  const tz = state.tz ?? context.browserTz;
  const site = state.site && context.sites.includes(state.site) ? state.site : context.sites[0];
  const next: ViewState & { tz: string } = { period: state.period, tz };
  if (site) next.site = site;
  let range: DayRange;
  const asked = periodRange(state.period, context.now, tz, { from: state.from, to: state.to });
  if (asked.ok) range = asked.value;
  else {
    const fallback = periodRange('7d', context.now, tz);
    range = fallback.ok ? fallback.value : { from: state.from ?? '', to: state.to ?? '' };
  }
  if (state.period === 'custom') {
    next.from = range.from;
    next.to = range.to;
  }
  const intervals = allowedIntervals(range.from, range.to);
  if (state.interval && intervals.includes(state.interval)) next.interval = state.interval;
  // The path belongs to the site it was picked on; the hash's site check above keeps them together.
  if (state.path && site === state.site) next.path = state.path;
  if (state.compare) next.compare = true;
  return { state: next, range, interval: effectiveInterval(range.from, range.to, next.interval), intervals };
}
