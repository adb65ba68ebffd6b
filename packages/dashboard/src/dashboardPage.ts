// The signed-in page: header, controls, realtime strip, totals, chart and tables, driven by the URL hash. Every
// change the user makes is written to the hash; the hash is the one input that loads a view, so reload and back
// work. Two schedules keep it current while the tab is visible: the realtime figures every 15 s, and the
// period's figures every 60 s when the period holds today.
import type { BreakdownRow } from '@footfall/core-model/schemas';
import type { ApiClient } from './apiClient';
import { behindBanner, STATUS_REFRESH_MS } from './behindBanner';
import { chartView } from './chartView';
import { controlsView } from './controlsView';
import { TABLES } from './dimensions';
import { h } from './dom';
import { saveBlob } from './download';
import type { DashboardError } from './errors';
import { fullLabel } from './format';
import { goalsView } from './goalsView';
import { includesToday, periodRange } from './period';
import { realtimeView } from './realtimeView';
import { refreshScheduler, type Visibility } from './refreshScheduler';
import { type ResolvedView, resolveView } from './resolveView';
import { tableView } from './tableView';
import { totalsView } from './totalsView';
import { formatViewState, parseViewState, type ViewState } from './viewState';
import { documentVisibility } from './visibility';

/** What the page needs from the app. */
export interface DashboardPageOptions {
  api: ApiClient;
  now: () => Date;
  browserTz: string;
  locale?: string | undefined;
  /** A call answered 401: the app clears the session and shows the sign-in form. */
  onExpired(): void;
  onSignOut(): void;
  /** The Page Visibility API of the document unless a test says otherwise. */
  visibility?: Visibility;
  /** Shown to admins: opens the admin page. */
  onAdmin?: (() => void) | undefined;
  /** A share link's page: no sign-out, no admin page. */
  readOnly?: boolean | undefined;
}

/** The page and its lifecycle. */
export interface DashboardPage {
  element: HTMLElement;
  start(): Promise<void>;
  dispose(): void;
}

/** Breakdown rows fetched per table (the API's default); the table shows 10 until "Show all". */
const BREAKDOWN_LIMIT = 100;
/** The realtime route answers at most 30 s behind the events: a refresh every 15 s keeps up with it. */
export const REALTIME_REFRESH_MS = 15_000;
/** Today's figures grow all day; once a minute is live enough, and costs ≤ 40 read units a minute. */
export const FIGURES_REFRESH_MS = 60_000;

/** Builds the page; `start` loads the sites and then the view the hash describes. */
export function dashboardPage(options: DashboardPageOptions): DashboardPage {
  const { api, locale } = options;
  let sites: string[] = [];
  let view: ResolvedView | undefined;
  let generation = 0;
  let inflight: AbortController | undefined;
  let realtimeSite: string | undefined;
  let realtimeInflight: AbortController | undefined;
  /** The status line holds a failed refresh's note (cleared by the next good one, not by anything else). */
  let refreshNoted = false;

  const status = h('p', { class: 'status', role: 'status' });
  const behind = behindBanner();
  const signOut = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
  const admin = h('button', { type: 'button', class: 'admin-link', hidden: true }, 'Admin');
  if (options.readOnly) signOut.hidden = true;
  admin.addEventListener('click', () => options.onAdmin?.());
  const summary = h('p', { class: 'summary' }, '\u00a0');
  const setState = (next: ViewState) => {
    const hash = formatViewState(next);
    if (hash === location.hash) void apply();
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
    onCompare: (compare) => setState({ ...current(), compare: compare || undefined }),
    onClearPath: () => setState({ ...current(), path: undefined }),
    onExport: () => void exportCsv(),
  });
  const realtime = realtimeView(locale);
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
    h('header', { class: 'topbar' }, h('h1', {}, 'Footfall'), summary, admin, signOut),
    h(
      'main',
      { class: 'content' },
      behind.element,
      controls.element,
      controls.filter,
      status,
      realtime.element,
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

  /** Asks whether counting is behind; a failed call hides the banner rather than guess (a 401 signs out). */
  const checkStatus = async () => {
    const r = await api.status();
    if (r.ok) behind.show(r.value.pipeline);
    else if (!swallowed(r.error)) behind.show(undefined);
  };

  /**
   * Loads a view's figures. `quiet` (a scheduled refresh): no skeletons, the numbers on screen stay until the
   * new ones replace them, and a failure leaves them with a note instead of an error in every panel.
   * Settles when every part has been shown.
   */
  const load = (v: ResolvedView, quiet = false): Promise<unknown> => {
    const site = v.state.site;
    if (!site) return Promise.resolve();
    generation += 1;
    const mine = generation;
    const fresh = () => mine === generation;
    inflight?.abort();
    inflight = new AbortController();
    const signal = inflight.signal;
    const { from, to } = v.range;
    const { tz, path } = v.state;
    if (!quiet) {
      totals.showLoading();
      chart.showLoading();
      for (const t of tables) t.view.showLoading();
      goals.showLoading();
      status.textContent = '';
    }
    void checkStatus();
    let refreshFailed: DashboardError | undefined;
    const failed = (error: DashboardError, show: () => void) => {
      if (swallowed(error)) return;
      if (quiet) refreshFailed ??= error;
      else show();
    };

    const compare = v.state.compare ? ('previous' as const) : undefined;
    const series = api.timeseries({ site, from, to, interval: v.interval, tz, path, compare }, signal);
    // Shares are of the whole site's views, also while the chart shows one page: one more, cheap call.
    const siteSeries = path ? api.timeseries({ site, from, to, interval: 'month', tz }, signal) : series;
    const siteViews = siteSeries.then((r) => (r.ok ? r.value.totals.views : undefined));

    const shown: Promise<void>[] = [
      series.then((r) => {
        if (!fresh()) return;
        if (r.ok) {
          chart.showData(r.value);
          totals.showData(r.value.totals, r.value.previous?.totals);
        } else
          failed(r.error, () => {
            chart.showError(`The chart could not be loaded: ${r.error.message}`);
            totals.showError();
          });
      }),
    ];
    shown.push(
      Promise.all([
        api.goals({ site, from, to }, signal),
        api.eventBreakdown({ site, from, to, dimension: 'event', limit: BREAKDOWN_LIMIT }, signal),
      ]).then(([g, e]) => {
        if (!fresh()) return;
        if (g.ok && e.ok) goals.show(g.value.goals, e.value.rows, { site, origin: location.origin });
        else {
          const error = g.ok ? (e.ok ? undefined : e.error) : g.error;
          if (error)
            failed(error, () => goals.showError(`Goals and events could not be loaded: ${error.message}`));
        }
      }),
    );
    for (const t of tables) {
      const rows = api.breakdown(
        { site, from, to, dimension: t.spec.dimension, limit: BREAKDOWN_LIMIT },
        signal,
      );
      shown.push(
        Promise.all([rows, siteViews]).then(([r, total]) => {
          if (!fresh()) return;
          if (r.ok) t.view.showRows(r.value.rows, total ?? sumViews(r.value.rows), path);
          else failed(r.error, () => t.view.showError(r.error.message));
        }),
      );
    }
    return Promise.all(shown).then(() => {
      if (!fresh() || !quiet) return;
      if (refreshFailed)
        status.textContent = `The figures could not be refreshed (${refreshFailed.message}); they are as of the last load.`;
      else if (refreshNoted) status.textContent = '';
      refreshNoted = refreshFailed !== undefined;
    });
  };

  /** Loads the realtime figures of the site on screen. */
  const loadRealtime = (): Promise<unknown> => {
    const site = view?.state.site;
    if (!site) return Promise.resolve();
    realtimeInflight?.abort();
    const controller = new AbortController();
    realtimeInflight = controller;
    return api.realtime(site, controller.signal).then((r) => {
      if (realtimeInflight !== controller || view?.state.site !== site) return;
      if (r.ok) realtime.showData(r.value);
      else if (!swallowed(r.error)) realtime.showError(r.error.message);
    });
  };

  const visibility = options.visibility ?? documentVisibility();
  const realtimeSchedule = refreshScheduler({
    everyMs: REALTIME_REFRESH_MS,
    run: loadRealtime,
    visibility,
  });
  const figuresSchedule = refreshScheduler({
    everyMs: FIGURES_REFRESH_MS,
    run: () => refresh(),
    visibility,
  });
  // Whether counting is behind: asked again each minute while the tab is visible, never while it is hidden.
  const statusSchedule = refreshScheduler({ everyMs: STATUS_REFRESH_MS, run: checkStatus, visibility });

  /** A scheduled refresh of the figures: only when the period holds today, whose figures still grow. */
  const refresh = (): Promise<unknown> | undefined => {
    if (!view || sites.length === 0) return undefined;
    const again = resolveView(parseViewState(location.hash), {
      sites,
      browserTz: options.browserTz,
      now: options.now(),
    });
    // "Today" at midnight becomes a new day: that is a refresh too (with the new day's range).
    if (!includesToday(again.range, options.now(), again.state.tz)) return undefined;
    return apply(true);
  };

  const apply = (quiet = false): Promise<unknown> => {
    if (sites.length === 0) return Promise.resolve();
    const resolved = resolveView(parseViewState(location.hash), {
      sites,
      browserTz: options.browserTz,
      now: options.now(),
    });
    const sameRange = view?.range.from === resolved.range.from && view?.range.to === resolved.range.to;
    view = resolved;
    const hash = formatViewState(resolved.state);
    // Filling in defaults is not a navigation: replace, so Back does not land on the bare URL.
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
    // A refresh leaves the controls alone (a date being typed stays), unless the day rolled over.
    if (!quiet || !sameRange) controls.update({ ...resolved, sites, tz: resolved.state.tz });
    utcNote.classList.toggle('invisible', resolved.state.tz === 'UTC');
    const { from, to } = resolved.range;
    const days =
      from === to
        ? fullLabel(from, 'day', locale)
        : `${fullLabel(from, 'day', locale)} – ${fullLabel(to, 'day', locale)}`;
    summary.textContent = `${resolved.state.site ?? ''} · ${days} · ${resolved.state.tz}`;
    document.title = `${resolved.state.site ?? 'Footfall'} · Footfall`;
    if (resolved.state.site !== realtimeSite) {
      realtimeSite = resolved.state.site;
      realtimeInflight?.abort();
      realtime.showLoading();
      realtimeSchedule.runNow();
    }
    // Whatever loaded the figures, the next refresh is a full interval away.
    if (!quiet) figuresSchedule.restart();
    return load(resolved, quiet);
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
      realtime.showError('the sites could not be loaded.');
      return;
    }
    sites = r.value.sites;
    admin.hidden = !(r.value.role === 'admin' && options.onAdmin && !options.readOnly);
    status.textContent =
      sites.length === 0
        ? r.value.role === 'admin'
          ? 'This deployment has no sites yet: add one on the admin page.'
          : 'You may not read any site yet: ask an admin.'
        : '';
    if (sites.length === 0) {
      totals.showError();
      chart.showError('No sites to show.');
      realtime.showError('no sites to show.');
      return;
    }
    void apply();
  };

  const onHashChange = () => void apply();
  return {
    element,
    async start() {
      window.addEventListener('hashchange', onHashChange);
      realtime.showLoading();
      totals.showLoading();
      chart.showLoading();
      for (const t of tables) t.view.showLoading();
      realtimeSchedule.start();
      figuresSchedule.start();
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
      statusSchedule.start();
      await loadSites();
    },
    dispose() {
      statusSchedule.stop();
      window.removeEventListener('hashchange', onHashChange);
      realtimeSchedule.stop();
      figuresSchedule.stop();
      generation += 1;
      inflight?.abort();
      realtimeInflight?.abort();
      realtimeInflight = undefined;
    },
  };
}

function sumViews(rows: BreakdownRow[]): number {
  return rows.reduce((sum, r) => sum + r.views, 0);
}
