// A port of the original Rust API's six reporting queries (lambda/src/api/view_query.rs at 86f7e0a) over a table
// in the original format: what it answered, for comparison with Footfall's answers.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A request body of the old dashboard (the token is not checked here). */
export type OriginalRequest =
  | { route: 'api/views/week'; path: string; year: number; week: number }
  | { route: 'api/views/month'; path: string; year: number; month: number }
  | { route: 'api/browsers/week'; year: number; week: number }
  | { route: 'api/browsers/month'; year: number; month: number }
  | { route: 'api/pages/week'; year: number; week: number }
  | { route: 'api/pages/month'; year: number; month: number };

/** The projections the original asked for, per kind of answer. */
const PROJECTION = {
  views: 'ViewDay, ViewCount, TotalScroll, TotalDuration',
  browsers: '#S, ViewDay, ViewCount',
  pages: '#S, ViewCount',
} as const;

/** `query_views`: one Query page (the original never followed LastEvaluatedKey), sorted by Section. */
async function queryViews(
  client: DynamoDBClient,
  table: string,
  projection: keyof typeof PROJECTION,
  path: string,
  section?: string,
): Promise<Item[]> {
  const out = await client.send(
    new QueryCommand({
      TableName: table,
      ExpressionAttributeNames: { '#P': 'Path', '#S': 'Section' },
      ProjectionExpression: PROJECTION[projection],
      KeyConditionExpression: section === undefined ? '#P = :p' : '#P = :p AND begins_with(#S, :s)',
      ExpressionAttributeValues:
        section === undefined ? { ':p': { S: path } } : { ':p': { S: path }, ':s': { S: section } },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

const str = (item: Item, name: string): string => {
  const v = item[name];
  if (v === undefined || !('S' in v) || typeof v.S !== 'string') throw new Error(`${name}: expected S`);
  return v.S;
};
/** `get_attr_or(…, 0)`: the number, or 0 when the attribute is absent. */
const numOr0 = (item: Item, name: string): number => {
  const v = item[name];
  if (v === undefined) return 0;
  if (!('N' in v) || typeof v.N !== 'string') throw new Error(`${name}: expected N`);
  return Number(v.N);
};
/** `ViewDay` was a string the API parsed as a number. */
const viewDay = (item: Item): number => Number.parseInt(str(item, 'ViewDay'), 10);
const browserOf = (item: Item): string => str(item, 'Section').split('#').slice(1).join('#');

/**
 * The original API's answer body to one request, field for field in its serialisation order.
 * @example await originalAnswer(client, 'legacy', { route: 'api/pages/month', year: 2024, month: 12 })
 */
export async function originalAnswer(
  client: DynamoDBClient,
  table: string,
  request: OriginalRequest,
): Promise<unknown[]> {
  switch (request.route) {
    case 'api/views/week': {
      const { year, week } = request;
      const items = await queryViews(client, table, 'views', request.path, `Week-${year}-${pad(week)}`);
      return items.map((i) => ({
        year,
        week,
        day: viewDay(i),
        count: numOr0(i, 'ViewCount'),
        scroll: numOr0(i, 'TotalScroll'),
        duration: numOr0(i, 'TotalDuration'),
      }));
    }
    case 'api/views/month': {
      const { year, month } = request;
      const items = await queryViews(client, table, 'views', request.path, `Month-${year}-${pad(month)}`);
      return items.map((i) => ({
        year,
        month,
        day: viewDay(i),
        count: numOr0(i, 'ViewCount'),
        scroll: numOr0(i, 'TotalScroll'),
        duration: numOr0(i, 'TotalDuration'),
      }));
    }
    case 'api/browsers/week': {
      const { year, week } = request;
      const items = await queryViews(client, table, 'browsers', 'browser', `Week-${year}-${pad(week)}`);
      return items.map((i) => ({
        browser: browserOf(i),
        year,
        week,
        day: viewDay(i),
        count: numOr0(i, 'ViewCount'),
      }));
    }
    case 'api/browsers/month': {
      const { year, month } = request;
      const items = await queryViews(client, table, 'browsers', 'browser', `Month-${year}-${pad(month)}`);
      return items.map((i) => ({
        browser: browserOf(i),
        year,
        month,
        day: viewDay(i),
        count: numOr0(i, 'ViewCount'),
      }));
    }
    case 'api/pages/week': {
      const items = await queryViews(
        client,
        table,
        'pages',
        `page-view-week-${pad(request.year, 4)}-${pad(request.week)}`,
      );
      return items.map((i) => ({ page: str(i, 'Section'), count: numOr0(i, 'ViewCount') }));
    }
    case 'api/pages/month': {
      const items = await queryViews(
        client,
        table,
        'pages',
        `page-view-month-${pad(request.year, 4)}-${pad(request.month)}`,
      );
      return items.map((i) => ({ page: str(i, 'Section'), count: numOr0(i, 'ViewCount') }));
    }
  }
}
