// Reads the numbers back through the reporting API, the way the dashboard does.

/** Totals of a timeseries report. */
export interface Totals {
  views: number;
  visitors: number;
  avgDuration: number;
  avgScroll: number;
  bots: number;
}

/** One breakdown row. */
export interface Row {
  value: string;
  views: number;
  visitors: number;
}

/** A UTC day relative to today, as the API wants it. */
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A range around today, so a test running across midnight UTC still sees its views. */
const range = (site: string) => `site=${encodeURIComponent(site)}&from=${day(-1)}&to=${day(1)}`;

/** Signs in through POST /api/auth/signin and returns the bearer token. */
export async function signIn(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** GET /api/stats/timeseries totals for a site (localhost by default) around today. */
export async function totals(apiUrl: string, token: string, site = 'localhost'): Promise<Totals> {
  const body = await getJson<{ totals: Totals }>(`${apiUrl}/api/stats/timeseries?${range(site)}`, token);
  return body.totals;
}

/** GET /api/stats/breakdown rows of one dimension for a site (localhost by default) around today. */
export async function breakdown(
  apiUrl: string,
  token: string,
  dimension: string,
  site = 'localhost',
  limit?: number,
): Promise<Row[]> {
  const body = await getJson<{ rows: Row[] }>(
    `${apiUrl}/api/stats/breakdown?${range(site)}&dimension=${dimension}${limit === undefined ? '' : `&limit=${limit}`}`,
    token,
  );
  return body.rows;
}

/** GET any reporting route around today for a site (localhost by default), with extra query text. */
export async function report<T>(
  apiUrl: string,
  token: string,
  path: string,
  extra = '',
  site = 'localhost',
): Promise<T> {
  return getJson<T>(`${apiUrl}${path}?${range(site)}${extra}`, token);
}

/**
 * Calls `read` every 500 ms until `done` accepts its value or `timeoutMs` passes; returns the last value either way,
 * so the assertion that follows shows what was there.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}
