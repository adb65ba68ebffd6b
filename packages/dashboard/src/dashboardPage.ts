// The signed-in page: header, controls, totals, chart and tables, driven by the URL hash. Every change the
// user makes is written to the hash; the hash is the one input that loads data, so reload and back work.
import type { BreakdownRow } from '@footfall/core-model/schemas';
import type { ApiClient } from './apiClient';
import { chartView } from './chartView';
import { controlsView } from './controlsView';
import { TABLES } from './dimensions';
import { h } from './dom';
import { saveBlob } from './download';
import type { DashboardError } from './errors';
import { fullLabel } from './format';
import { goalsView } from './goalsView';
import { periodRange } from './period';
import { type ResolvedView, resolveView } from './resolveView';
import { tableView } from './tableView';
import { totalsView } from './totalsView';
import { formatViewState, parseViewState, type ViewState } from './viewState';

/** What the page needs from the app. */
export interface DashboardPageOptions {
  api: ApiClient;
  now: () => Date;
  browserTz: string;
  locale?: string | undefined;
  /** A call answered 401: the app clears the session and shows the sign-in form. */
  onExpired(): void;
  onSignOut(): void;
}

/** The page and its lifecycle. */
export interface DashboardPage {
  element: HTMLElement;
  start(): Promise<void>;
  dispose(): void;
}

/** Breakdown rows fetched per table (the API's default); the table shows 10 until "Show all". */
const BREAKDOWN_LIMIT = 100;

/** Builds the page; `start` loads the sites and then the view the hash describes. */
export function dashboardPage(options: DashboardPageOptions): DashboardPage {
  const { api, locale } = options;
  let sites: string[] = [];
  let view: ResolvedView | undefined;
  let generation = 0;
  let inflight: AbortController | undefined;

  const status = h('p', { class: 'status', role: 'status' });
  const signOut = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
  const summary = h('p', { class: 'summary' }, '\u00a0');
  const setState = (next: ViewState) => {
    const hash = formatViewState(next);
    if (hash === location.hash) apply();
    else location.hash = hash;
  };
  const current = (): ViewState => view?.state ?? parseViewState(location.hash);
  const controls = controlsView({
    onSite: (site) => setState({ ...current(), site, path: undefined }),
    onPeriod: (period) => {
      const next: ViewState = { ...current(), period, interval: undefined };
      // A new custom range starts from the days on screen, so the date inputs open on something sensible.
      if (period === 'custom' && view) Object.assign(next, view.range);
      setState(next);
    },
    onCustomRange: (range) => setState({ ...current(), period: 'custom', ...range, interval: undefined }),
    onTimeZone: (tz) => setState({ ...current(), tz }),
    onInterval: (interval) => setState({ ...current(), interval }),
    onClearPath: () => setState({ ...current(), path: undefined }),
    onExport: () => void exportCsv(),
  });
  const totals = totalsView(locale);
  const chart = chartView(locale);
  const tables = TABLES.map((spec) => ({
    spec,
    view: tableView(spec, {
      locale,
      onPick:
        spec.dimension === 'page'
          ? (path) => setState({ ...current(), path: current().path === path ? undefined : path })
          : undefined,
    }),
  }));
  const goals = goalsView({
    locale,
    async loadDetail(goal) {
      const v = view;
      const site = v?.state.site;
      if (!v || !site) return 'No site.';
      const { from, to } = v.range;
      const [series, props] = await Promise.all([
        api.goalSeries({ site, from, to, goal: goal.id, interval: v.interval, tz: v.state.tz }),
        goal.kind === 'event'
          ? api.eventBreakdown({
              site,
              from,
              to,
              dimension: 'prop',
              event: goal.match,
              limit: BREAKDOWN_LIMIT,
            })
          : undefined,
      ]);
      if (!series.ok)
        return swallowed(series.error) ? '' : `The goal could not be loaded: ${series.error.message}`;
      if (props && !props.ok)
        return swallowed(props.error) ? '' : `The goal's props could not be loaded: ${props.error.message}`;
      return { series: series.value, props: props?.value.rows ?? [] };
    },
  });
  // Kept in the layout (only made invisible) so showing it never moves the tables.
  const utcNote = h('p', { class: 'note tables-note invisible' }, 'Tables count whole days in UTC.');
  const element = h(
    'div',
    { class: 'page' },
    h('header', { class: 'topbar' }, h('h1', {}, 'Footfall'), summary, signOut),
    h(
      'main',
      { class: 'content' },
      controls.element,
      controls.filter,
      status,
      totals.element,
      chart.element,
      utcNote,
      h('div', { class: 'tables' }, ...tables.map((t) => t.view.element)),
      // Last, as on other tools: its height follows the number of goals, and nothing below it can move.
      goals.element,
    ),
  );
  signOut.addEventListener('click', () => options.onSignOut());

  /** Handles a failed call; true when the page should not show it (signed out, or superseded). */
  const swallowed = (error: DashboardError): boolean => {
    if (error.isUnauthorized) {
      options.onExpired();
      return true;
    }
    return error.code === 'aborted';
  };

  const load = (v: ResolvedView) => {
    const site = v.state.site;
    if (!site) return;
    generation += 1;
    const mine = generation;
    const fresh = () => mine === generation;
    inflight?.abort();
    inflight = new AbortController();
    const signal = inflight.signal;
    const { from, to } = v.range;
    const { tz, path } = v.state;
    totals.showLoading();
    chart.showLoading();
    for (const t of tables) t.view.showLoading();
    goals.showLoading();
    status.textContent = '';

    const series = api.timeseries({ site, from, to, interval: v.interval, tz, path }, signal);
    // Shares are of the whole site's views, also while the chart shows one page: one more, cheap call.
    const siteSeries = path ? api.timeseries({ site, from, to, interval: 'month', tz }, signal) : series;
    const siteViews = siteSeries.then((r) => (r.ok ? r.value.totals.views : undefined));

    void series.then((r) => {
      if (!fresh()) return;
      if (r.ok) {
        chart.showData(r.value);
        totals.showData(r.value.totals);
      } else if (!swallowed(r.error)) {
        chart.showError(`The chart could not be loaded: ${r.error.message}`);
        totals.showError();
      }
    });
    void Promise.all([
      api.goals({ site, from, to }, signal),
      api.eventBreakdown({ site, from, to, dimension: 'event', limit: BREAKDOWN_LIMIT }, signal),
    ]).then(([g, e]) => {
      if (!fresh()) return;
      if (g.ok && e.ok) goals.show(g.value.goals, e.value.rows, { site, origin: location.origin });
      else {
        const error = g.ok ? (e.ok ? undefined : e.error) : g.error;
        if (error && !swallowed(error))
          goals.showError(`Goals and events could not be loaded: ${error.message}`);
      }
    });
    for (const t of tables) {
      const rows = api.breakdown(
        { site, from, to, dimension: t.spec.dimension, limit: BREAKDOWN_LIMIT },
        signal,
      );
      void Promise.all([rows, siteViews]).then(([r, total]) => {
        if (!fresh()) return;
        if (r.ok) t.view.showRows(r.value.rows, total ?? sumViews(r.value.rows), path);
        else if (!swallowed(r.error)) t.view.showError(r.error.message);
      });
    }
  };

  const apply = () => {
    if (sites.length === 0) return;
    const resolved = resolveView(parseViewState(location.hash), {
      sites,
      browserTz: options.browserTz,
      now: options.now(),
    });
    view = resolved;
    const hash = formatViewState(resolved.state);
    // Filling in defaults is not a navigation: replace, so Back does not land on the bare URL.
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
    controls.update({ ...resolved, sites, tz: resolved.state.tz });
    utcNote.classList.toggle('invisible', resolved.state.tz === 'UTC');
    const { from, to } = resolved.range;
    const days =
      from === to
        ? fullLabel(from, 'day', locale)
        : `${fullLabel(from, 'day', locale)} – ${fullLabel(to, 'day', locale)}`;
    summary.textContent = `${resolved.state.site ?? ''} · ${days} · ${resolved.state.tz}`;
    document.title = `${resolved.state.site ?? 'Footfall'} · Footfall`;
    load(resolved);
  };

  const exportCsv = async () => {
    const v = view;
    if (!v?.state.site) return;
    controls.setExporting(true);
    const r = await api.exportCsv({ site: v.state.site, from: v.range.from, to: v.range.to });
    controls.setExporting(false);
    if (r.ok) saveBlob(r.value.blob, r.value.filename);
    else if (!swallowed(r.error)) status.textContent = `The export failed: ${r.error.message}`;
  };

  const loadSites = async (): Promise<void> => {
    status.textContent = '';
    const r = await api.sites();
    if (!r.ok) {
      if (swallowed(r.error)) return;
      const retry = h('button', { type: 'button', class: 'retry' }, 'Try again');
      retry.addEventListener('click', () => void loadSites());
      status.replaceChildren(`The sites could not be loaded: ${r.error.message} `, retry);
      totals.showError();
      chart.showError('No data: the sites could not be loaded.');
      return;
    }
    sites = r.value.sites;
    status.textContent =
      sites.length === 0
        ? 'This deployment has no sites yet: add one to its configuration (ALLOWED_SITES).'
        : '';
    if (sites.length === 0) {
      totals.showError();
      chart.showError('No sites to show.');
      return;
    }
    apply();
  };

  const onHashChange = () => apply();
  return {
    element,
    async start() {
      window.addEventListener('hashchange', onHashChange);
      totals.showLoading();
      chart.showLoading();
      for (const t of tables) t.view.showLoading();
      // Before the sites arrive the controls already show the hash's period and zone.
      const early = parseViewState(location.hash);
      const range = periodRange(early.period, options.now(), early.tz ?? options.browserTz, early);
      controls.update({
        state: early,
        sites: early.site ? [early.site] : [],
        range: range.ok ? range.value : undefined,
        interval: early.interval ?? 'day',
        intervals: early.interval ? [early.interval] : ['day'],
        tz: early.tz ?? options.browserTz,
      });
      await loadSites();
    },
    dispose() {
      window.removeEventListener('hashchange', onHashChange);
      generation += 1;
      inflight?.abort();
    },
  };
}

function sumViews(rows: BreakdownRow[]): number {
  return rows.reduce((sum, r) => sum + r.views, 0);
}
