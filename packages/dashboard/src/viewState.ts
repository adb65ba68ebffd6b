// The view the URL hash describes (site, period, zone, interval, page filter, comparison), so a reload keeps
// the view.
import { isDay } from './days';
import { type Interval, isInterval } from './interval';
import { isPeriod, type Period } from './period';
import { isValidTimeZone } from './timeZones';

/** Everything that decides which numbers are on screen. Absent fields take defaults when loading. */
export interface ViewState {
  site?: string;
  period: Period;
  /** Custom range days (`period: 'custom'` only). */
  from?: string;
  to?: string;
  tz?: string;
  interval?: Interval;
  /** Exact page path the chart is filtered to. */
  path?: string;
  /** Compare with the previous period of equal length (`compare=previous`, as the API spells it). */
  compare?: boolean;
}

/** The period a fresh dashboard opens on. */
export const DEFAULT_PERIOD: Period = '7d';

const SITE = /^[a-zA-Z0-9.-]+(:\d{1,5})?$/;

/**
 * Reads a URL hash (`#site=example.com&period=7d&tz=Europe%2FParis`); unknown or invalid values are dropped.
 * @example parseViewState('#period=30d') // { period: '30d' }
 */
export function parseViewState(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const get = (name: string) => params.get(name) ?? undefined;
  const state: ViewState = { period: DEFAULT_PERIOD };
  const site = get('site');
  if (site && site.length <= 253 && SITE.test(site)) state.site = site;
  const period = get('period');
  if (period && isPeriod(period)) state.period = period;
  if (state.period === 'custom') {
    const from = get('from');
    const to = get('to');
    if (from && isDay(from)) state.from = from;
    if (to && isDay(to)) state.to = to;
  }
  const tz = get('tz');
  if (tz && isValidTimeZone(tz)) state.tz = tz;
  const interval = get('interval');
  if (interval && isInterval(interval)) state.interval = interval;
  const path = get('path');
  if (path?.startsWith('/') && path.length <= 512) state.path = path;
  if (get('compare') === 'previous') state.compare = true;
  return state;
}

/**
 * Writes a state as a URL hash, fields in a fixed order so equal states give equal hashes.
 * @example formatViewState({ site: 'example.com', period: '7d' }) // '#site=example.com&period=7d'
 */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.site) params.set('site', state.site);
  params.set('period', state.period);
  if (state.period === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  }
  if (state.tz) params.set('tz', state.tz);
  if (state.interval) params.set('interval', state.interval);
  if (state.path) params.set('path', state.path);
  if (state.compare) params.set('compare', 'previous');
  return `#${params.toString()}`;
}
