// Realtime items and the compared period: keys, the five minutes read, what a view adds, and previousRange.
import {
  addRealtimeItem,
  emptyRealtime,
  packPair,
  parseDayRange,
  previousRange,
  REALTIME_OTHER_PAGES,
  realtimeBudget,
  realtimeEntry,
  realtimeKey,
  realtimeMinute,
  realtimeMinutes,
  ViewDelta,
} from '../../src';
import { aView, VIEW_TIME } from '../helpers/views';

const range = (from: string, to: string) => {
  const r = parseDayRange(from, to);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('realtime items', () => {
  test('one item per site and UTC minute; the answer reads the current minute and the four before', () => {
    expect(realtimeKey('example.com', realtimeMinute(Date.UTC(2026, 2, 8, 14, 30, 59)))).toEqual({
      Path: { S: 'site#example.com' },
      Section: { S: 'rt#2026-03-08T14:30' },
    });
    expect(realtimeMinutes(Date.UTC(2026, 2, 8, 0, 2, 10))).toEqual([
      '2026-03-08T00:02',
      '2026-03-08T00:01',
      '2026-03-08T00:00',
      '2026-03-07T23:59',
      '2026-03-07T23:58',
    ]);
    expect(realtimeBudget(realtimeKey('a'.repeat(253), '2026-03-08T00:00'))).toBeGreaterThan(500);
  });

  test('only views recent when counted feed the realtime items, bots never, engagement never', () => {
    // Prepare
    const delta = new ViewDelta({ realtimeSince: VIEW_TIME - 60_000 });

    // Act
    delta.addChange(undefined, aView({ path: '/now' }));
    delta.addChange(undefined, aView({ path: '/old', time: VIEW_TIME - 3_600_000 }));
    delta.addChange(undefined, aView({ bot: true, device: 'bot' }));
    const v = aView({ path: '/now' });
    delta.addChange(v, { ...v, duration: 30, scroll: 50 });

    // Assess
    const minutes = delta.minutes();
    expect(minutes).toHaveLength(1);
    expect(minutes[0]).toMatchObject({ minute: realtimeMinute(VIEW_TIME), views: 1n, visitors: 1n });
    expect([...(minutes[0]?.pages.keys() ?? [])]).toEqual(['/now']);
    expect(new ViewDelta().minutes()).toEqual([]);
  });

  test('reads totals, named values and (other), and reports what does not decode', () => {
    const sum = emptyRealtime();
    const r = addRealtimeItem(
      {
        ...realtimeKey('example.com', '2026-03-08T14:30'),
        v: { N: '7' },
        u: { N: '5' },
        [realtimeEntry('page', '/')]: { N: packPair(4n, 3n).toString() },
        [realtimeEntry('referrer', 'hn.example')]: { N: packPair(2n, 2n).toString() },
        [REALTIME_OTHER_PAGES]: { N: packPair(3n, 2n).toString() },
        [realtimeEntry('page', '/bad')]: { S: 'x' },
      },
      sum,
    );
    expect(sum).toMatchObject({ views: 7, visitors: 5, otherPages: { views: 3, visitors: 2 } });
    expect(sum.pages.get('/')).toEqual({ views: 4, visitors: 3 });
    expect(sum.referrers.get('hn.example')).toEqual({ views: 2, visitors: 2 });
    expect(r.errors.map((e) => e.path)).toEqual(['p:/bad']);
  });
});

describe('previousRange', () => {
  test.each([
    ['a day compares with the day before', '2026-03-10', '2026-03-10', 'day', '2026-03-09', '2026-03-09'],
    ['a week (Mon–Sun) with the week before', '2026-03-09', '2026-03-15', 'week', '2026-03-02', '2026-03-08'],
    ['31 days with the 31 days before', '2026-03-01', '2026-03-31', 'day', '2026-01-29', '2026-02-28'],
    [
      'a whole month by month with the whole month before',
      '2026-03-01',
      '2026-03-31',
      'month',
      '2026-02-01',
      '2026-02-28',
    ],
    [
      'a quarter by month with the quarter before',
      '2026-04-01',
      '2026-06-30',
      'month',
      '2026-01-01',
      '2026-03-31',
    ],
    [
      'January by month with December of the year before',
      '2027-01-01',
      '2027-01-31',
      'month',
      '2026-12-01',
      '2026-12-31',
    ],
    [
      'part of a month by month with as many days before',
      '2026-03-05',
      '2026-03-20',
      'month',
      '2026-02-17',
      '2026-03-04',
    ],
  ] as const)('%s', (_name, from, to, interval, pFrom, pTo) => {
    const p = previousRange(range(from, to), interval);
    expect([p.fromKey, p.toKey]).toEqual([pFrom, pTo]);
  });
});
