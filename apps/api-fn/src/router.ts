// The route table: which handler answers which method and path, and the 404/405/preflight answers.
import type { RouteHandler } from './context';
import type { LegacyPeriodKind, LegacyReport } from './reports/legacy';
import { appendRoute, pixelRoute } from './routes/compat';
import { eventRoute } from './routes/ingest';

/**
 * Who may call a route from a browser: `public` routes (the beacon's) answer any origin, since the
 * tracked sites are many and the answer carries nothing; `configured` routes only ALLOWED_ORIGINS.
 */
export type CorsPolicy = 'public' | 'configured' | 'none';

/**
 * Who may call a route, carried out by access.ts (the authorization test checks every route against its own
 * table of these): `public` anyone (ingest, sign-in, static files, a share page whose id is the credential);
 * `reader` any signed-in user or share link, answered with only what it may read; `site-reader` a principal
 * that may read the request's site (403 `site_forbidden`), share links on GET only; `admin` an admin user.
 */
export type Access = 'public' | 'reader' | 'site-reader' | 'admin';

/** One row of the route table. `{name}` matches one path segment, `{name+}` the rest of the path. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  access: Access;
  /** Also answer HEAD like GET (its headers, no body): static files, which caches and link checkers probe. */
  head?: true;
  cors: CorsPolicy;
  handle: RouteHandler;
}

/**
 * A route of the original reporting API, whose module is loaded on its first request: a cold ingest request
 * never reads or parses it (the bundle splits it into its own chunk).
 */
const legacy =
  (report: LegacyReport, kind: LegacyPeriodKind): RouteHandler =>
  async (ctx) => {
    const { legacyRoute } = await import('./routes/legacy');
    return legacyRoute(report, kind)(ctx);
  };

/** GET /api/status, whose module (and the CloudWatch client behind it) is loaded on its first request. */
const status: RouteHandler = async (ctx) => {
  const { statusRoute } = await import('./routes/status');
  return statusRoute(ctx);
};

/**
 * Sign-in, the static files, the admin routes (sites, share links, users) and the share page, each module loaded
 * on its first request: a cold ingest request never parses them, since they grow with the features and ingest
 * pays the load time (pnpm bench).
 */
const siteAddRoute: RouteHandler = async (ctx) => (await import('./routes/sites')).siteAddRoute(ctx);
const siteRemoveRoute: RouteHandler = async (ctx) => (await import('./routes/sites')).siteRemoveRoute(ctx);
const shareListRoute: RouteHandler = async (ctx) => (await import('./routes/shares')).shareListRoute(ctx);
const shareCreateRoute: RouteHandler = async (ctx) => (await import('./routes/shares')).shareCreateRoute(ctx);
const shareDeleteRoute: RouteHandler = async (ctx) => (await import('./routes/shares')).shareDeleteRoute(ctx);
const sharePageRoute: RouteHandler = async (ctx) => (await import('./routes/sharePage')).sharePageRoute(ctx);
const userAddRoute: RouteHandler = async (ctx) => (await import('./routes/users')).userAddRoute(ctx);
const userReadRoute: RouteHandler = async (ctx) => (await import('./routes/users')).userReadRoute(ctx);
const userAccessRoute: RouteHandler = async (ctx) => (await import('./routes/users')).userAccessRoute(ctx);
const signinRoute: RouteHandler = async (ctx) => (await import('./routes/signin')).signinRoute(ctx);
const beaconRoute: RouteHandler = async (ctx) => (await import('./routes/static')).beaconRoute(ctx);
const beaconFileRoute: RouteHandler = async (ctx) => (await import('./routes/static')).beaconFileRoute(ctx);
const dashboardRoute: RouteHandler = async (ctx) => (await import('./routes/static')).dashboardRoute(ctx);
const userSignoutRoute: RouteHandler = async (ctx) => (await import('./routes/users')).userSignoutRoute(ctx);

/**
 * The reporting routes, each loaded on its first request: a dashboard's first call pays a few milliseconds once
 * per container, and a cold ingest request (the common cold start) never parses the report readers behind them.
 */
const sitesRoute: RouteHandler = async (ctx) => (await import('./routes/sites')).sitesRoute(ctx);
const timeseriesRoute: RouteHandler = async (ctx) =>
  (await import('./routes/timeseries')).timeseriesRoute(ctx);
const breakdownRoute: RouteHandler = async (ctx) => (await import('./routes/breakdown')).breakdownRoute(ctx);
const exportRoute: RouteHandler = async (ctx) => (await import('./routes/export')).exportRoute(ctx);
const realtimeRoute: RouteHandler = async (ctx) => (await import('./routes/realtime')).realtimeRoute(ctx);

/** A goal route, loaded on its first request like the legacy ones (goals are admin and reporting work). */
const goals =
  (name: 'addGoalRoute' | 'removeGoalRoute' | 'goalsReportRoute'): RouteHandler =>
  async (ctx) =>
    (await import('./routes/goals'))[name](ctx);

/** Every route api-fn answers. */
export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/api/event', access: 'public', cors: 'public', handle: eventRoute },
  { method: 'GET', pattern: '/pv.gif', access: 'public', cors: 'none', handle: pixelRoute },
  { method: 'POST', pattern: '/append', access: 'public', cors: 'public', handle: appendRoute },
  { method: 'POST', pattern: '/api/auth/signin', access: 'public', cors: 'configured', handle: signinRoute },
  { method: 'GET', pattern: '/api/sites', access: 'reader', cors: 'configured', handle: sitesRoute },
  { method: 'POST', pattern: '/api/sites', access: 'admin', cors: 'configured', handle: siteAddRoute },
  {
    method: 'DELETE',
    pattern: '/api/sites/{host}',
    access: 'admin',
    cors: 'configured',
    handle: siteRemoveRoute,
  },
  {
    method: 'GET',
    pattern: '/api/sites/{host}/shares',
    access: 'admin',
    cors: 'configured',
    handle: shareListRoute,
  },
  {
    method: 'POST',
    pattern: '/api/sites/{host}/shares',
    access: 'admin',
    cors: 'configured',
    handle: shareCreateRoute,
  },
  {
    method: 'DELETE',
    pattern: '/api/sites/{host}/shares/{id}',
    access: 'admin',
    cors: 'configured',
    handle: shareDeleteRoute,
  },
  { method: 'POST', pattern: '/api/users', access: 'admin', cors: 'configured', handle: userAddRoute },
  { method: 'GET', pattern: '/api/users/{name}', access: 'admin', cors: 'configured', handle: userReadRoute },
  {
    method: 'POST',
    pattern: '/api/users/{name}/access',
    access: 'admin',
    cors: 'configured',
    handle: userAccessRoute,
  },
  {
    method: 'POST',
    pattern: '/api/users/{name}/signout',
    access: 'admin',
    cors: 'configured',
    handle: userSignoutRoute,
  },
  {
    method: 'GET',
    pattern: '/api/stats/timeseries',
    access: 'site-reader',
    cors: 'configured',
    handle: timeseriesRoute,
  },
  {
    method: 'GET',
    pattern: '/api/stats/breakdown',
    access: 'site-reader',
    cors: 'configured',
    handle: breakdownRoute,
  },
  {
    method: 'GET',
    pattern: '/api/stats/export',
    access: 'site-reader',
    cors: 'configured',
    handle: exportRoute,
  },
  { method: 'GET', pattern: '/api/status', access: 'reader', cors: 'configured', handle: status },
  {
    method: 'GET',
    pattern: '/api/stats/realtime',
    access: 'site-reader',
    cors: 'configured',
    handle: realtimeRoute,
  },
  {
    method: 'GET',
    pattern: '/api/stats/goals',
    access: 'site-reader',
    cors: 'configured',
    handle: goals('goalsReportRoute'),
  },
  {
    method: 'POST',
    pattern: '/api/sites/{host}/goals',
    access: 'admin',
    cors: 'configured',
    handle: goals('addGoalRoute'),
  },
  {
    method: 'DELETE',
    pattern: '/api/sites/{host}/goals/{id}',
    access: 'admin',
    cors: 'configured',
    handle: goals('removeGoalRoute'),
  },
  // The original system's reporting API, so its old dashboard keeps working (docs/compat.md).
  {
    method: 'POST',
    pattern: '/api/views/week',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('views', 'week'),
  },
  {
    method: 'POST',
    pattern: '/api/views/month',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('views', 'month'),
  },
  {
    method: 'POST',
    pattern: '/api/browsers/week',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('browsers', 'week'),
  },
  {
    method: 'POST',
    pattern: '/api/browsers/month',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('browsers', 'month'),
  },
  {
    method: 'POST',
    pattern: '/api/pages/week',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('pages', 'week'),
  },
  {
    method: 'POST',
    pattern: '/api/pages/month',
    access: 'site-reader',
    cors: 'configured',
    handle: legacy('pages', 'month'),
  },
  { method: 'GET', pattern: '/beacon.js', access: 'public', cors: 'public', handle: beaconRoute, head: true },
  {
    method: 'GET',
    pattern: '/beacon/{file}',
    access: 'public',
    cors: 'public',
    handle: beaconFileRoute,
    head: true,
  },
  {
    method: 'GET',
    pattern: '/dashboard',
    access: 'public',
    cors: 'none',
    handle: dashboardRoute,
    head: true,
  },
  // A share link: the dashboard read-only for one site; the id in the path is the credential.
  {
    method: 'GET',
    pattern: '/share/{id}',
    access: 'public',
    cors: 'none',
    handle: sharePageRoute,
    head: true,
  },
  {
    method: 'GET',
    pattern: '/dashboard/{file+}',
    access: 'public',
    cors: 'none',
    handle: dashboardRoute,
    head: true,
  },
];

/** What the route table says about a method and path. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  /** The path exists but not for this method; `allow` lists the methods it has. */
  | { kind: 'wrong_method'; allow: string[]; cors: CorsPolicy }
  | { kind: 'not_found' };

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const greedy = /^\{(\w+)\+\}$/.exec(w);
    if (greedy?.[1]) {
      if (got.length <= i) return undefined;
      params[greedy[1]] = got.slice(i).join('/');
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    const single = /^\{(\w+)\}$/.exec(w);
    if (single?.[1]) {
      if (g === '') return undefined;
      params[single[1]] = g;
    } else if (w !== g) return undefined;
  }
  return want.length === got.length ? params : undefined;
}

/**
 * Finds the route for a method and path.
 * @example matchRoute(ROUTES, 'GET', '/api/sites') // { kind: 'found', route, params: {} }
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allow: string[] = [];
  let cors: CorsPolicy = 'none';
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.head)) return { kind: 'found', route, params };
    for (const m of route.head ? [route.method, 'HEAD'] : [route.method])
      if (!allow.includes(m)) allow.push(m);
    cors = route.cors;
  }
  return allow.length > 0 ? { kind: 'wrong_method', allow, cors } : { kind: 'not_found' };
}
