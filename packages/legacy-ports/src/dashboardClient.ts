// A port of the old dashboard's API client (BlakeRain/blakerain.com lib/analytics.ts at 86f7e0a): the requests
// it makes and what it does with the answers, with `fetch` and the page's origin passed in.

/** The part of `fetch` the old dashboard used. */
export type DashboardFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/** `WeekView` / `MonthView` after the client filled gaps (optional fields absent on filled days). */
export interface WeekView {
  year: number;
  week: number;
  day: number;
  count?: number;
  scroll?: number;
  duration?: number;
}
export interface MonthView {
  year: number;
  month: number;
  day: number;
  count?: number;
  scroll?: number;
  duration?: number;
}
export interface PageCount {
  page: string;
  count: number;
}
export interface BrowserDataItem {
  day: number;
  count?: number;
}
export type BrowserData = { [key: string]: BrowserDataItem[] };

/** Remapping from the API's day-of-week (Sunday 0) to the dashboard's (Monday 0), verbatim. */
const DAYS_REMAP = [6, 0, 1, 2, 3, 4, 5];

/** Days in a month (`month` 0-based), as the dashboard computed them in local time. */
function getDaysInMonth(year: number, month: number): number {
  const last = new Date(0);
  last.setFullYear(year, 1 + month, 0);
  last.setHours(0, 0, 0, 0);
  return last.getDate();
}

/** The six reporting routes and sign-in, as the old dashboard called them. */
export interface OldDashboardClient {
  /** POSTs a JSON body to `route` as the dashboard did, returning the status and the parsed answer. */
  post(route: string, body: unknown): Promise<{ status: number; body: unknown }>;
  authenticate(username: string, password: string): Promise<string>;
  getWeekViews(token: string, path: string, year: number, week: number): Promise<WeekView[]>;
  /** `month` is 0-based (a JavaScript month); the request carries `1 + month`. */
  getMonthViews(token: string, path: string, year: number, month: number): Promise<MonthView[]>;
  getWeekPageCount(token: string, year: number, week: number): Promise<PageCount[]>;
  getMonthPageCount(token: string, year: number, month: number): Promise<PageCount[]>;
  getBrowsersWeek(
    token: string,
    year: number,
    week: number,
  ): Promise<{ year: number; week: number; browsers: BrowserData }>;
  getBrowsersMonth(
    token: string,
    year: number,
    month: number,
  ): Promise<{ year: number; month: number; browsers: BrowserData }>;
}

/**
 * The old dashboard's client against `apiUrl` (its `ANALYTICS_HOSTNAME`), sent from a page at `pageOrigin` (the
 * blog served the dashboard, so its requests carry the blog's Origin).
 * @example const client = oldDashboardClient('http://127.0.0.1:3000', 'https://example.com', fetch);
 */
export function oldDashboardClient(
  apiUrl: string,
  pageOrigin: string,
  fetch: DashboardFetch,
): OldDashboardClient {
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${apiUrl}/${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: pageOrigin },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  // The dashboard read every answer as JSON of the expected shape, whatever the status.
  const json = async <T>(route: string, body: unknown): Promise<T> => (await post(route, body)).body as T;

  const browsersOf = (
    rows: { browser: string; day: number; count: number }[],
    remap: boolean,
    days: number[],
  ): BrowserData => {
    const browsers: BrowserData = {};
    for (const obj of rows) {
      const day = remap ? (DAYS_REMAP[obj.day] ?? obj.day) : obj.day;
      const list = browsers[obj.browser];
      if (list) list.push({ day, count: obj.count });
      else browsers[obj.browser] = [{ day, count: obj.count }];
    }
    for (const day of days)
      for (const list of Object.values(browsers))
        if (!list.find((item) => item.day === day)) list.push({ day });
    for (const list of Object.values(browsers)) list.sort((a, b) => a.day - b.day);
    return browsers;
  };

  return {
    post,
    async authenticate(username, password) {
      const result = await json<{ error?: string; token?: string }>('api/auth/signin', {
        username,
        password,
      });
      if (result.error) return Promise.reject(result.error);
      if (result.token) return result.token;
      return Promise.reject('Expected to receive authentication token (or error)');
    },
    async getWeekViews(token, path, year, week) {
      const weeks = await json<WeekView[]>('api/views/week', { token, path, year, week });
      for (let day = 0; day < 7; ++day)
        if (!weeks.some((w) => w.day === day)) weeks.push({ year, week, day });
      for (const w of weeks) w.day = DAYS_REMAP[w.day] ?? w.day;
      return weeks.sort((a, b) => a.day - b.day);
    },
    async getMonthViews(token, path, year, month) {
      const months = await json<MonthView[]>('api/views/month', { token, path, year, month: 1 + month });
      const days = getDaysInMonth(year, month);
      for (let day = 1; day <= days; ++day)
        if (!months.some((m) => m.day === day))
          months.push({ year, month, day, count: 0, scroll: 0, duration: 0 });
      return months.sort((a, b) => a.day - b.day);
    },
    getWeekPageCount: (token, year, week) => json<PageCount[]>('api/pages/week', { token, year, week }),
    getMonthPageCount: (token, year, month) =>
      json<PageCount[]>('api/pages/month', { token, year, month: month + 1 }),
    async getBrowsersWeek(token, year, week) {
      const rows = await json<{ browser: string; day: number; count: number }[]>('api/browsers/week', {
        token,
        year,
        week,
      });
      return { year, week, browsers: browsersOf(rows, true, [0, 1, 2, 3, 4, 5, 6]) };
    },
    async getBrowsersMonth(token, year, month) {
      const rows = await json<{ browser: string; day: number; count: number }[]>('api/browsers/month', {
        token,
        year,
        month: 1 + month,
      });
      const days = Array.from({ length: getDaysInMonth(year, month) }, (_, i) => i + 1);
      return { year, month, browsers: browsersOf(rows, false, days) };
    },
  };
}

/**
 * The old dashboard's page totals (`Report.tsx`): total views, and average scroll and duration over the days that
 * had both, each day's totals divided by its views.
 */
export function reportTotals(data: { views: number; scroll: number; duration: number }[]): {
  views: number;
  scroll: number;
  duration: number;
} {
  let totalViews = 0;
  let countedViews = 0;
  let totalScroll = 0;
  let totalDuration = 0;
  for (const item of data) {
    if (item.scroll > 0 && item.duration > 0) {
      totalScroll += item.scroll;
      totalDuration += item.duration;
      countedViews += item.views;
    }
    totalViews += item.views;
  }
  return countedViews > 0
    ? { views: totalViews, scroll: totalScroll / countedViews, duration: totalDuration / countedViews }
    : { views: totalViews, scroll: 0, duration: 0 };
}
